package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.tx.DepositTransaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * User deposits from the OptimismPortal's {@code TransactionDeposited(address indexed from, address
 * indexed to, uint256 indexed version, bytes opaqueData)} logs (specs/protocol/deposits.md, "User-
 * Deposited Transactions"), checked as op-node checks them.
 *
 * <p>Version 0 opaque data is {@code abi.encodePacked(uint256 mint, uint256 value, uint64 gasLimit,
 * bool isCreation, bytes data)}, carried ABI-encoded as one {@code bytes} value. {@code from} is
 * taken as emitted: the portal has already aliased contract senders.
 */
public final class DepositLogDecoder {
  /** keccak256("TransactionDeposited(address,address,uint256,bytes)"): the event's topic 0. */
  public static final Hash TRANSACTION_DEPOSITED =
      Hash.keccak(
          "TransactionDeposited(address,address,uint256,bytes)"
              .getBytes(StandardCharsets.US_ASCII));

  /** mint (32) + value (32) + gasLimit (8) + isCreation (1). */
  private static final int OPAQUE_FIXED_PART = 73;

  private DepositLogDecoder() {}

  /**
   * The user deposits of one L1 block, in log order: every log of {@code portal} with the
   * TransactionDeposited topic in a successful receipt.
   *
   * @throws MalformedLogException on the first such log that does not decode (op-node then resets
   *     derivation: a deposit may not be skipped)
   */
  public static List<DepositTransaction> depositsIn(List<L1Receipt> receipts, Address portal) {
    List<DepositTransaction> deposits = new ArrayList<>();
    for (L1Receipt receipt : receipts) {
      if (!receipt.succeeded()) {
        continue;
      }
      for (L1Log log : receipt.logs()) {
        if (isDepositLog(log.log(), portal)) {
          deposits.add(decode(log));
        }
      }
    }
    return deposits;
  }

  /**
   * Whether the log is a TransactionDeposited event of {@code portal} (not whether it is valid).
   */
  public static boolean isDepositLog(Log log, Address portal) {
    return log.address().equals(portal)
        && !log.topics().isEmpty()
        && log.topics().getFirst().equals(TRANSACTION_DEPOSITED);
  }

  public static DepositTransaction decode(L1Log log) {
    return decode(log.log(), log.blockHash(), log.logIndex());
  }

  /**
   * Decodes one TransactionDeposited log emitted in block {@code blockHash} at {@code logIndex}.
   *
   * @throws MalformedLogException naming the block and log when any check fails
   */
  public static DepositTransaction decode(Log log, Hash blockHash, long logIndex) {
    List<Hash> topics = log.topics();
    if (topics.size() != 4) {
      throw bad(
          blockHash,
          logIndex,
          "expected 4 topics (event, from, to, version), got " + topics.size());
    }
    if (!topics.get(0).equals(TRANSACTION_DEPOSITED)) {
      throw bad(blockHash, logIndex, "not a TransactionDeposited event: topic " + topics.get(0));
    }
    Bytes data = log.data();
    if (data.size() < 64) {
      throw bad(blockHash, logIndex, "opaqueData header incomplete: " + data.size() + " bytes");
    }
    if (data.size() % 32 != 0) {
      throw bad(blockHash, logIndex, "log data is not a multiple of 32 bytes: " + data.size());
    }
    Optional<Long> offset = smallWord(data, 0);
    if (offset.isEmpty() || offset.get() != 32) {
      throw bad(blockHash, logIndex, "opaqueData offset must be 32");
    }
    Optional<Long> length = smallWord(data, 32);
    long room = data.size() - 64;
    // The length must fit what follows, and padding must be minimal (less than one more word).
    if (length.isEmpty() || length.get() > room || length.get() + 32 <= room) {
      throw bad(blockHash, logIndex, "opaqueData length does not match the log data size");
    }
    if (!topics.get(3).equals(Hash.ZERO)) {
      throw bad(blockHash, logIndex, "unsupported deposit version " + topics.get(3));
    }
    Bytes opaque = data.slice(64, (int) (long) length.get());
    if (opaque.size() < OPAQUE_FIXED_PART) {
      throw bad(blockHash, logIndex, "version 0 opaqueData too short: " + opaque.size() + " bytes");
    }
    Address from = new Address(topics.get(1).bytes().slice(12, 20));
    Address to = new Address(topics.get(2).bytes().slice(12, 20));
    UInt256 mint = UInt256.fromBytes(opaque.slice(0, 32));
    UInt256 value = UInt256.fromBytes(opaque.slice(32, 32));
    long gasLimit = opaque.slice(64, 8).toLong();
    boolean isCreation = opaque.get(72) != 0;
    Bytes callData = opaque.slice(OPAQUE_FIXED_PART);
    return new DepositTransaction(
        DepositSource.userDeposit(blockHash, logIndex),
        from,
        isCreation ? Optional.empty() : Optional.of(to),
        mint,
        value,
        gasLimit,
        false,
        callData.copy());
  }

  /** A 32-byte big-endian word at {@code at} if it fits in 63 bits. */
  static Optional<Long> smallWord(Bytes data, int at) {
    for (int i = at; i < at + 24; i++) {
      if (data.get(i) != 0) {
        return Optional.empty();
      }
    }
    long v = data.slice(at + 24, 8).toLong();
    return v < 0 ? Optional.empty() : Optional.of(v);
  }

  private static MalformedLogException bad(Hash blockHash, long logIndex, String reason) {
    return new MalformedLogException(blockHash, logIndex, reason);
  }
}
