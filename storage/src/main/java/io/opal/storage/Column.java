package io.opal.storage;

import java.nio.charset.StandardCharsets;

/**
 * Every column family of the database, each with one owner. The family names are on disk: never
 * rename one; retire it and add a new one (and bump {@link Schema#VERSION}) instead. Key layouts
 * are built with the helpers of {@link Schema} and {@link BlockKey}.
 */
public enum Column {
  /** {@link BlockKey} (number ‖ hash) → RLP block header. Owner: chain store. */
  HEADERS("headers"),
  /** block hash → 8-byte big-endian block number, to find a block's keys from its hash alone. */
  HEADER_NUMBERS("header-numbers"),
  /** {@link BlockKey} → RLP block body (transactions, withdrawals). Owner: chain store. */
  BODIES("bodies"),
  /** {@link BlockKey} → RLP receipts of the block. Owner: chain store. */
  RECEIPTS("receipts"),
  /** 8-byte big-endian block number → hash of the canonical block at that height. */
  CANONICAL("canonical"),
  /** transaction hash → {@link TxLocation} (position form) of the canonical block holding it. */
  TX_LOOKUP("tx-lookup"),
  /** trie node hash → RLP trie node (state and storage tries). Owner: world state. */
  TRIE_NODES("trie-nodes"),
  /** keccak(address) → slim RLP account, the flat state read on the hot path. */
  ACCOUNTS("accounts"),
  /** keccak(address) ‖ keccak(slot) → RLP storage value; see {@link Schema#storageKey}. */
  STORAGE("storage"),
  /** code hash → contract code. Owner: world state. */
  CODE("code"),
  /** {@link BlockKey} → state diff that undoes the block, to rewind the unsafe chain. */
  STATE_HISTORY("state-history"),
  /** {@link Schema.MetaKey} → value: heads, chain config, schema version. */
  METADATA("metadata"),
  /** 8-byte big-endian sequence number → locally submitted raw transaction. Owner: txpool. */
  TXPOOL_JOURNAL("txpool-journal"),
  /** batcher's own keys → progress (channels, frames, pending L1 transactions). */
  BATCHER("batcher"),
  /** proposer's own keys → progress (last proposed output, pending L1 transactions). */
  PROPOSER("proposer"),
  /** peer id → peer record (addresses, score, ban). Owner: p2p. */
  PEERSTORE("peerstore");

  private final String familyName;
  private final byte[] familyNameBytes;

  Column(String familyName) {
    this.familyName = familyName;
    this.familyNameBytes = familyName.getBytes(StandardCharsets.US_ASCII);
  }

  /** The column family's name on disk. */
  public String familyName() {
    return familyName;
  }

  byte[] familyNameBytes() {
    return familyNameBytes.clone();
  }
}
