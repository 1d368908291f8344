package io.opal.consensus.l1;

/** The named blocks of the JSON-RPC block parameter. */
public enum BlockTag {
  LATEST("latest"),
  /** The block the beacon chain's justified checkpoint vouches for (post-merge nodes only). */
  SAFE("safe"),
  FINALIZED("finalized"),
  EARLIEST("earliest"),
  /** Only for state queries (nonce, balance, call): a pending block has no hash to verify. */
  PENDING("pending");

  private final String rpcName;

  BlockTag(String rpcName) {
    this.rpcName = rpcName;
  }

  public String rpcName() {
    return rpcName;
  }
}
