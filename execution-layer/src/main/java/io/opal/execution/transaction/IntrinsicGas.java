package io.opal.execution.transaction;

import io.opal.execution.evm.EvmSpec;
import io.opal.primitives.tx.AccessListEntry;

/** The gas a transaction costs before any code runs, and the EIP-7623 calldata floor. */
public final class IntrinsicGas {
  private IntrinsicGas() {}

  public static long of(EvmSpec spec, TxEnv tx) {
    long gas = tx.isCreate() && spec.chargesCreationIntrinsicGas() ? 53_000 : 21_000;
    byte[] data = tx.data();
    long zeros = zeroBytes(data);
    gas += zeros * 4 + (data.length - zeros) * spec.txDataNonZeroGas();
    if (tx.isCreate() && spec.chargesInitcodeWords()) {
      gas += 2 * ((data.length + 31L) / 32);
    }
    for (AccessListEntry item : tx.accessList()) {
      gas += 2400 + 1900L * item.storageKeys().size();
    }
    gas += 25_000L * tx.authorizations().size();
    return gas;
  }

  /** EIP-7623: 21000 + 10 per token, a token being a zero byte or a quarter of a non-zero one. */
  public static long floor(byte[] data) {
    long zeros = zeroBytes(data);
    long tokens = zeros + 4 * (data.length - zeros);
    return 21_000 + 10 * tokens;
  }

  private static long zeroBytes(byte[] data) {
    long zeros = 0;
    for (byte b : data) {
      if (b == 0) {
        zeros++;
      }
    }
    return zeros;
  }
}
