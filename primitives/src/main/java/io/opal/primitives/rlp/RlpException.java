package io.opal.primitives.rlp;

import io.opal.primitives.DecodingException;

/** Malformed or non-canonical RLP: says at which byte offset of the input and why. */
public final class RlpException extends DecodingException {
  public RlpException(long offset, String reason) {
    super(offset, "invalid RLP: " + reason);
  }
}
