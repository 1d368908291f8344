package io.opal.execution.evm.precompile;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * 0x03 RIPEMD160: the 20-byte RIPEMD-160 digest, left-padded to a 32-byte word; 600 gas plus 120
 * per word.
 */
public final class Ripemd160 implements PrecompiledContract {
  static final long BASE_GAS = 600;
  static final long WORD_GAS = 120;

  @Override
  public long gas(byte[] input) {
    return Words.linearGas(input.length, BASE_GAS, WORD_GAS);
  }

  @Override
  public PrecompileResult run(byte[] input) {
    RIPEMD160Digest digest = new RIPEMD160Digest();
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 12);
    return PrecompileResult.success(out);
  }

  @Override
  public String name() {
    return "ripemd160";
  }
}
