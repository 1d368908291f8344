package io.opal.execution.evm.precompile;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * 0x01 ECRECOVER: the address that signed a hash. Input (right-padded to 128 bytes): hash ‖ v ‖ r ‖
 * s, each a 32-byte word. Any signature that does not recover (v not 27 or 28 as a whole word, r or
 * s out of [1, n-1], no curve point for r) is a success with empty output, never a failure: callers
 * check the returned length.
 */
public final class Ecrecover implements PrecompiledContract {
  static final long GAS = 3000;
  private static final int INPUT_LENGTH = 128;

  private final Secp256k1 secp256k1;

  public Ecrecover() {
    this(Secp256k1.get());
  }

  /** With a chosen secp256k1 implementation (tests compare the native and Java ones). */
  public Ecrecover(Secp256k1 secp256k1) {
    this.secp256k1 = secp256k1;
  }

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public PrecompileResult run(byte[] input) {
    byte[] in = Words.padded(input, 0, INPUT_LENGTH);
    // v is a full 32-byte word: 27 or 28 in its last byte and zeros before (high s is allowed).
    int v = in[63] & 0xff;
    if (!Words.allZero(in, 32, 63) || (v != 27 && v != 28)) {
      return empty();
    }
    Signature signature =
        new Signature(
            UInt256.fromBytes(Bytes32.wrap(in, 64)),
            UInt256.fromBytes(Bytes32.wrap(in, 96)),
            v - 27);
    if (!signature.isInRange()) {
      return empty();
    }
    Optional<Address> signer;
    try {
      signer = secp256k1.recoverAddress(Arrays.copyOf(in, 32), signature);
    } catch (RuntimeException e) {
      // A library that rejects a malformed signature by throwing means "did not recover".
      return empty();
    }
    if (signer.isEmpty()) {
      return empty();
    }
    byte[] out = new byte[32];
    System.arraycopy(signer.get().toArray(), 0, out, 12, Address.SIZE);
    return PrecompileResult.success(out);
  }

  private static PrecompileResult empty() {
    return PrecompileResult.success(new byte[0]);
  }

  @Override
  public String name() {
    return "ecrecover";
  }
}
