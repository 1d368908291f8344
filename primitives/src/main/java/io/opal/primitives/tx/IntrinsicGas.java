package io.opal.primitives.tx;

import io.opal.primitives.fork.EvmFork;
import org.apache.tuweni.bytes.Bytes;

/**
 * The gas a transaction costs before its first instruction runs, per fork, and the EIP-7623
 * calldata floor. Deposits are metered like any other transaction (deposits.md: "gas metering is
 * the same ... including metering of intrinsic gas"); they simply have no access list.
 *
 * <p>No sum here can overflow a long: calldata is below 2^31 bytes and lists below 2^31 items.
 */
public final class IntrinsicGas {
  public static final long TX_BASE = 21_000;

  /** Homestead (EIP-2) and later: a contract creation costs this instead of {@link #TX_BASE}. */
  public static final long TX_CREATE = 53_000;

  public static final long DATA_ZERO_BYTE = 4;
  public static final long DATA_NONZERO_BYTE_FRONTIER = 68;

  /** EIP-2028 (Istanbul). */
  public static final long DATA_NONZERO_BYTE_ISTANBUL = 16;

  /** EIP-2930 (Berlin). */
  public static final long ACCESS_LIST_ADDRESS = 2_400;

  public static final long ACCESS_LIST_STORAGE_KEY = 1_900;

  /** EIP-3860 (Shanghai): per 32-byte word of init code. */
  public static final long INITCODE_WORD = 2;

  /** EIP-7702 (Prague): PER_EMPTY_ACCOUNT_COST per authorization. */
  public static final long PER_AUTHORIZATION = 25_000;

  /** EIP-7623 (Prague): the floor charges this per calldata token. */
  public static final long FLOOR_PER_TOKEN = 10;

  /** EIP-7623: a non-zero byte counts as this many tokens, a zero byte as one. */
  public static final long TOKENS_PER_NONZERO_BYTE = 4;

  private IntrinsicGas() {}

  /** Intrinsic gas of {@code tx} under {@code fork}'s rules. */
  public static long of(Transaction tx, EvmFork fork) {
    Bytes data = tx.data();
    boolean create = tx.isContractCreation();
    long gas = create && fork.isAtLeast(EvmFork.HOMESTEAD) ? TX_CREATE : TX_BASE;
    int nonZero = countNonZero(data);
    long nonZeroCost =
        fork.isAtLeast(EvmFork.ISTANBUL) ? DATA_NONZERO_BYTE_ISTANBUL : DATA_NONZERO_BYTE_FRONTIER;
    gas += nonZero * nonZeroCost + (long) (data.size() - nonZero) * DATA_ZERO_BYTE;
    if (create && fork.isAtLeast(EvmFork.SHANGHAI)) {
      gas += ((data.size() + 31L) / 32) * INITCODE_WORD;
    }
    for (AccessListEntry entry : tx.accessList()) {
      gas += ACCESS_LIST_ADDRESS + entry.storageKeys().size() * ACCESS_LIST_STORAGE_KEY;
    }
    gas += tx.authorizationList().size() * PER_AUTHORIZATION;
    return gas;
  }

  /**
   * EIP-7623 floor: {@code 21000 + 10 × tokens}, tokens = zero bytes + 4 × non-zero bytes. From
   * Prague the gas limit must cover it and a transaction is charged at least this much.
   */
  public static long floorDataGas(Transaction tx) {
    return TX_BASE + FLOOR_PER_TOKEN * calldataTokens(tx.data());
  }

  /** The gas limit {@code tx} needs at least under {@code fork}: intrinsic gas, and the floor. */
  public static long minimumGasLimit(Transaction tx, EvmFork fork) {
    long intrinsic = of(tx, fork);
    return fork.isAtLeast(EvmFork.PRAGUE) ? Math.max(intrinsic, floorDataGas(tx)) : intrinsic;
  }

  public static long calldataTokens(Bytes data) {
    int nonZero = countNonZero(data);
    return (data.size() - nonZero) + nonZero * TOKENS_PER_NONZERO_BYTE;
  }

  private static int countNonZero(Bytes data) {
    byte[] raw = data.toArrayUnsafe();
    int n = 0;
    for (byte b : raw) {
      if (b != 0) {
        n++;
      }
    }
    return n;
  }
}
