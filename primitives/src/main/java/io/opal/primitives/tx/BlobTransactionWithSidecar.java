package io.opal.primitives.tx;

/**
 * The network form of a blob transaction ({@code eth_sendRawTransaction}, devp2p pooled
 * transactions): the transaction and the blobs its versioned hashes commit to.
 */
public record BlobTransactionWithSidecar(BlobTransaction transaction, BlobSidecar sidecar) {}
