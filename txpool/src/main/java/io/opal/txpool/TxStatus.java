package io.opal.txpool;

/** Where a pooled transaction sits. */
public enum TxStatus {
  /** Executable: its nonce continues the sender's state nonce without a gap. */
  PENDING,
  /** Waits for a missing nonce (or for funds) before it can execute. */
  QUEUED
}
