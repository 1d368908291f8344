package io.opal.consensus.l1;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;

/**
 * An L1 log that should carry a deposit or a system-config update but does not decode: names the
 * block and the log's index in it, and what was wrong.
 */
public final class MalformedLogException extends DecodingException {
  private final Hash blockHash;
  private final long logIndex;

  public MalformedLogException(Hash blockHash, long logIndex, String reason) {
    super(-1, "malformed log " + logIndex + " of L1 block " + blockHash + ": " + reason);
    this.blockHash = blockHash;
    this.logIndex = logIndex;
  }

  public Hash blockHash() {
    return blockHash;
  }

  public long logIndex() {
    return logIndex;
  }
}
