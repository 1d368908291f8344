package io.opal.consensus.l1;

import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import java.nio.charset.StandardCharsets;

/**
 * Source hashes of deposited transactions (specs/protocol/deposits.md, "Source hash computation"):
 * {@code keccak256(bytes32(domain) ‖ keccak256(origin))}, one domain per kind of deposit, so that
 * no two deposits ever share a hash.
 */
public final class DepositSource {
  public static final int USER_DEPOSIT_DOMAIN = 0;
  public static final int L1_INFO_DOMAIN = 1;
  public static final int UPGRADE_DOMAIN = 2;

  private DepositSource() {}

  /** A user deposit: the L1 block that holds its log and the log's index among the block's logs. */
  public static Hash userDeposit(Hash l1BlockHash, long logIndex) {
    return withDomain(USER_DEPOSIT_DOMAIN, hashAndNumber(l1BlockHash, logIndex));
  }

  /**
   * The L1-attributes deposit of an L2 block: its L1 origin and its sequence number in the epoch
   * (the L2 block number minus that of the epoch's first block).
   */
  public static Hash l1Info(Hash l1BlockHash, long sequenceNumber) {
    return withDomain(L1_INFO_DOMAIN, hashAndNumber(l1BlockHash, sequenceNumber));
  }

  /** A network-upgrade deposit, named by its intent string. */
  public static Hash upgrade(String intent) {
    return withDomain(UPGRADE_DOMAIN, Keccak256.hash(intent.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hashAndNumber(Hash hash, long number) {
    byte[] buf = new byte[64];
    System.arraycopy(hash.toArray(), 0, buf, 0, 32);
    for (int i = 0; i < 8; i++) {
      buf[63 - i] = (byte) (number >>> (8 * i));
    }
    return Keccak256.hash(buf);
  }

  private static Hash withDomain(int domain, byte[] inner) {
    byte[] buf = new byte[64];
    buf[31] = (byte) domain;
    System.arraycopy(inner, 0, buf, 32, 32);
    return Hash.wrap(Keccak256.hash(buf));
  }
}
