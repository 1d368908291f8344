package io.opal.execution.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * 0x0a POINT_EVALUATION (EIP-4844): checks a KZG proof that the blob committed to by {@code
 * commitment} (and named by {@code versioned_hash}) evaluates to y at z. Input is exactly 192
 * bytes: versioned_hash ‖ z ‖ y ‖ commitment (48) ‖ proof (48). On success it returns
 * FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words; any invalid input is a failure.
 *
 * <p>Verification runs in c-kzg (jc-kzg-4844) with the mainnet trusted setup, loaded on first use
 * by {@link KzgTrustedSetup}.
 */
public final class KzgPointEvaluation implements PrecompiledContract {
  static final long GAS = 50_000;
  static final int INPUT_LENGTH = 192;
  static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
  static final int FIELD_ELEMENTS_PER_BLOB = 4096;
  static final BigInteger BLS_MODULUS =
      new BigInteger(
          "52435875175126190479447740508185965837690552500527637822603658699938581184513");

  private static final byte[] OUTPUT = output();

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public PrecompileResult run(byte[] input) {
    if (input.length != INPUT_LENGTH) {
      return PrecompileResult.failure();
    }
    byte[] versionedHash = Arrays.copyOfRange(input, 0, 32);
    byte[] z = Arrays.copyOfRange(input, 32, 64);
    byte[] y = Arrays.copyOfRange(input, 64, 96);
    byte[] commitment = Arrays.copyOfRange(input, 96, 144);
    byte[] proof = Arrays.copyOfRange(input, 144, 192);
    if (!Arrays.equals(versionedHash, versionedHash(commitment))) {
      return PrecompileResult.failure();
    }
    KzgTrustedSetup.ensureLoaded();
    boolean valid;
    try {
      valid = CKZG4844JNI.verifyKzgProof(commitment, z, y, proof);
    } catch (RuntimeException e) {
      // c-kzg rejects malformed points and field elements >= BLS_MODULUS by throwing.
      return PrecompileResult.failure();
    }
    return valid ? PrecompileResult.success(OUTPUT.clone()) : PrecompileResult.failure();
  }

  /** kzg_to_versioned_hash: 0x01 ‖ sha256(commitment)[1:]. */
  public static byte[] versionedHash(byte[] commitment) {
    byte[] hash = Sha256.digest(commitment);
    hash[0] = VERSIONED_HASH_VERSION_KZG;
    return hash;
  }

  private static byte[] output() {
    byte[] out = new byte[64];
    out[30] = (byte) (FIELD_ELEMENTS_PER_BLOB >>> 8);
    out[31] = (byte) FIELD_ELEMENTS_PER_BLOB;
    byte[] modulus = BLS_MODULUS.toByteArray(); // 32 bytes: the top bit is clear
    System.arraycopy(modulus, modulus.length - 32, out, 32, 32);
    return out;
  }

  @Override
  public String name() {
    return "kzg_point_evaluation";
  }
}
