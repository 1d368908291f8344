package io.opal.execution.op;

import io.opal.primitives.DecodingException;
import java.nio.ByteBuffer;

/**
 * Holocene's dynamic EIP-1559 parameters as payload attributes carry them ({@code eip1559Params}:
 * denominator and elasticity, each a big-endian uint32; holocene/exec-engine.md). Both zero means
 * "the chain's pre-Holocene constants".
 */
public record Eip1559Params(long denominator, long elasticity) {
  public Eip1559Params {
    if (denominator < 0
        || denominator > 0xffffffffL
        || elasticity < 0
        || elasticity > 0xffffffffL) {
      throw new IllegalArgumentException("EIP-1559 parameters are uint32s");
    }
  }

  /** Decodes the 8-byte attribute, rejecting a zero denominator with a non-zero elasticity. */
  public static Eip1559Params decode(byte[] eightBytes) {
    if (eightBytes.length != 8) {
      throw new DecodingException(0, "eip1559Params must be 8 bytes, got " + eightBytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(eightBytes);
    Eip1559Params p =
        new Eip1559Params(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()));
    if (p.denominator == 0 && p.elasticity != 0) {
      throw new DecodingException(0, "eip1559Params: zero denominator with non-zero elasticity");
    }
    return p;
  }

  public byte[] encode() {
    return ByteBuffer.allocate(8).putInt((int) denominator).putInt((int) elasticity).array();
  }

  /** Both zero: use the chain's configured constants instead. */
  public boolean isUnset() {
    return denominator == 0 && elasticity == 0;
  }
}
