package io.opal.primitives.tx;

import io.opal.primitives.DecodingException;

/**
 * Well-formed RLP that is still not a transaction: an unknown type byte, a field out of its
 * protocol bounds, a sidecar that does not match its transaction. (Malformed RLP itself raises
 * {@link io.opal.primitives.rlp.RlpException}; both are {@link DecodingException}s.)
 */
public final class TransactionDecodingException extends DecodingException {
  public TransactionDecodingException(long offset, String reason) {
    super(offset, "invalid transaction: " + reason);
  }
}
