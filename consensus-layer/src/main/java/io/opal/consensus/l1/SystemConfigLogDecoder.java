package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * SystemConfig {@code ConfigUpdate(uint256 indexed version, uint8 indexed updateType, bytes data)}
 * logs, checked as op-node checks them: version 0 only; the data is one ABI {@code bytes} value
 * (offset 32, exact length, no extra bytes) holding the update's ABI-encoded payload, whose unused
 * high bytes must be zero.
 */
public final class SystemConfigLogDecoder {
  /** keccak256("ConfigUpdate(uint256,uint8,bytes)"): the event's topic 0. */
  public static final Hash CONFIG_UPDATE =
      Hash.keccak("ConfigUpdate(uint256,uint8,bytes)".getBytes(StandardCharsets.US_ASCII));

  private SystemConfigLogDecoder() {}

  /**
   * The updates of one L1 block, and the logs that could not be decoded (which the spec says to
   * skip, and op-node reports).
   */
  public record BlockUpdates(
      List<SystemConfigUpdate> updates, List<MalformedLogException> skipped) {
    public BlockUpdates {
      updates = List.copyOf(updates);
      skipped = List.copyOf(skipped);
    }
  }

  /** The ConfigUpdate logs of {@code systemConfig} in the successful receipts, in log order. */
  public static BlockUpdates updatesIn(List<L1Receipt> receipts, Address systemConfig) {
    List<SystemConfigUpdate> updates = new ArrayList<>();
    List<MalformedLogException> skipped = new ArrayList<>();
    for (L1Receipt receipt : receipts) {
      if (!receipt.succeeded()) {
        continue;
      }
      for (L1Log log : receipt.logs()) {
        if (isConfigUpdateLog(log.log(), systemConfig)) {
          try {
            updates.add(decode(log));
          } catch (MalformedLogException e) {
            skipped.add(e);
          }
        }
      }
    }
    return new BlockUpdates(updates, skipped);
  }

  public static boolean isConfigUpdateLog(Log log, Address systemConfig) {
    return log.address().equals(systemConfig)
        && !log.topics().isEmpty()
        && log.topics().getFirst().equals(CONFIG_UPDATE);
  }

  public static SystemConfigUpdate decode(L1Log log) {
    return decode(log.log(), log.blockHash(), log.logIndex());
  }

  /**
   * @throws MalformedLogException naming the block and log when the log is not a valid version 0
   *     update of a known type
   */
  public static SystemConfigUpdate decode(Log log, Hash blockHash, long logIndex) {
    List<Hash> topics = log.topics();
    if (topics.size() != 3) {
      throw new MalformedLogException(
          blockHash, logIndex, "expected 3 topics (event, version, type), got " + topics.size());
    }
    if (!topics.get(0).equals(CONFIG_UPDATE)) {
      throw new MalformedLogException(
          blockHash, logIndex, "not a ConfigUpdate event: topic " + topics.get(0));
    }
    if (!topics.get(1).equals(Hash.ZERO)) {
      throw new MalformedLogException(
          blockHash, logIndex, "unknown ConfigUpdate version " + topics.get(1));
    }
    Bytes32 type = topics.get(2).bytes();
    Payload p = new Payload(log.data(), blockHash, logIndex);
    if (!type.slice(0, 31).isZero()) {
      throw p.bad("unknown update type " + type);
    }
    return switch (type.get(31) & 0xff) {
      case 0 -> new SystemConfigUpdate.Batcher(p.expectLength(32).address(0));
      case 1 -> {
        p.expectLength(64);
        yield new SystemConfigUpdate.FeeScalars(p.word(0), p.word(1));
      }
      case 2 -> new SystemConfigUpdate.GasLimit(p.expectLength(32).uint(0, 8));
      case 3 -> new SystemConfigUpdate.UnsafeBlockSigner(p.expectLength(32).address(0));
      case 4 -> new SystemConfigUpdate.Eip1559Params(p.expectLength(32).word(0));
      case 5 -> new SystemConfigUpdate.OperatorFeeParams(p.expectLength(32).word(0));
      case 6 -> new SystemConfigUpdate.MinBaseFee(p.expectLength(32).uint(0, 8));
      case 7 -> new SystemConfigUpdate.DaFootprintGasScalar((int) p.expectLength(32).uint(0, 2));
      default -> throw p.bad("unknown update type " + (type.get(31) & 0xff));
    };
  }

  /** The update's log data: {@code abi.encode(bytes payload)}. */
  private record Payload(Bytes data, Hash blockHash, long logIndex) {

    /**
     * Checks the bytes header (offset 32, length {@code n}) and that nothing follows the payload.
     */
    Payload expectLength(int n) {
      if (data.size() < 64) {
        throw bad("data too short: " + data.size() + " bytes");
      }
      Optional<Long> offset = DepositLogDecoder.smallWord(data, 0);
      if (offset.isEmpty() || offset.get() != 32) {
        throw bad("invalid pointer field");
      }
      Optional<Long> length = DepositLogDecoder.smallWord(data, 32);
      if (length.isEmpty() || length.get() != n) {
        throw bad("invalid length field: expected " + n);
      }
      if (data.size() != 64 + n) {
        throw bad("expected " + (64 + n) + " bytes of data, got " + data.size());
      }
      return this;
    }

    Bytes32 word(int i) {
      return Bytes32.wrap(data.slice(64 + 32 * i, 32));
    }

    /** A uint of {@code bytes} bytes in word {@code i}, whose higher bytes must be zero. */
    long uint(int i, int bytes) {
      Bytes32 w = word(i);
      if (!w.slice(0, 32 - bytes).isZero()) {
        throw bad("value exceeds " + (8 * bytes) + " bits");
      }
      return w.slice(32 - bytes, bytes).toLong();
    }

    Address address(int i) {
      Bytes32 w = word(i);
      if (!w.slice(0, 12).isZero()) {
        throw bad("address padding is not zero");
      }
      return new Address(w.slice(12, 20).copy());
    }

    MalformedLogException bad(String reason) {
      return new MalformedLogException(blockHash, logIndex, reason);
    }
  }
}
