package io.opal.execution.evm.precompile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** 0x02 SHA256: the SHA-256 digest of the input; 60 gas plus 12 per word. */
public final class Sha256 implements PrecompiledContract {
  static final long BASE_GAS = 60;
  static final long WORD_GAS = 12;

  // The JDK's SHA-256 uses the CPU's SHA instructions where present; cloning a prototype skips
  // the provider lookup that getInstance does on every call.
  private static final MessageDigest PROTOTYPE;

  static {
    try {
      PROTOTYPE = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public long gas(byte[] input) {
    return Words.linearGas(input.length, BASE_GAS, WORD_GAS);
  }

  @Override
  public PrecompileResult run(byte[] input) {
    return PrecompileResult.success(digest(input));
  }

  /** SHA-256 of {@code data}; the KZG precompile hashes commitments with it too. */
  static byte[] digest(byte[] data) {
    try {
      MessageDigest md = (MessageDigest) PROTOTYPE.clone();
      return md.digest(data);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 digest is cloneable", e);
    }
  }

  @Override
  public String name() {
    return "sha256";
  }
}
