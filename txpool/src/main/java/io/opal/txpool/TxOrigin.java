package io.opal.txpool;

/**
 * Where a transaction came from. Local ones (submitted through this node's own RPC) are kept even
 * when cheaper remote ones are evicted to make room, survive restarts through the journal and do
 * not expire; the caller decides what counts as local.
 */
public enum TxOrigin {
  LOCAL,
  REMOTE
}
