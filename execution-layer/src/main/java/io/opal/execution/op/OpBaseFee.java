package io.opal.execution.op;

import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.Eip1559Config;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;

/**
 * EIP-1559 with OP Stack parameters (exec-engine.md "1559 Parameters"): the chain's elasticity and
 * denominator (the Canyon denominator from Canyon on), from Holocene the parameters the parent
 * header's extraData carries, from Jovian also its minimum base fee and the DA footprint counted as
 * gas. Also the extraData each fork requires of a header.
 */
public final class OpBaseFee {
  private OpBaseFee() {}

  /** EIP-1559's base fee of the first London block (params.InitialBaseFee). */
  static final long INITIAL_BASE_FEE = 1_000_000_000L;

  static final int HOLOCENE_VERSION = 0;
  static final int JOVIAN_VERSION = 1;

  /** The parameters one base fee computation uses. */
  private record Params(long denominator, long elasticity, long minBaseFee) {}

  /** The base fee of the block at {@code timestamp} on top of {@code parent}. */
  public static long nextBaseFee(RollupConfig config, BlockHeader parent, long timestamp) {
    if (parent.baseFeePerGas().isEmpty()) {
      return INITIAL_BASE_FEE;
    }
    Params p = params(config, parent, timestamp);
    BigInteger parentBaseFee = unsigned(parent.baseFeePerGas().getAsLong());
    long target = Long.divideUnsigned(parent.gasLimit(), p.elasticity);
    long used = parent.gasUsed();
    if (config.isActive(OpFork.JOVIAN, parent.timestamp()) && parent.blobGasUsed().isPresent()) {
      // Jovian meters the larger of gas and DA footprint (jovian/exec-engine.md).
      used = Math.max(used, parent.blobGasUsed().getAsLong());
    }
    BigInteger baseFee;
    if (used == target || target == 0) {
      baseFee = parentBaseFee;
    } else if (Long.compareUnsigned(used, target) > 0) {
      BigInteger delta =
          parentBaseFee
              .multiply(unsigned(used - target))
              .divide(unsigned(target))
              .divide(BigInteger.valueOf(p.denominator));
      baseFee = parentBaseFee.add(delta.max(BigInteger.ONE));
    } else {
      BigInteger delta =
          parentBaseFee
              .multiply(unsigned(target - used))
              .divide(unsigned(target))
              .divide(BigInteger.valueOf(p.denominator));
      baseFee = parentBaseFee.subtract(delta).max(BigInteger.ZERO);
    }
    baseFee = baseFee.max(unsigned(p.minBaseFee));
    return baseFee.longValue(); // a base fee beyond 2^64 cannot be written in a header anyway
  }

  private static Params params(RollupConfig config, BlockHeader parent, long timestamp) {
    Eip1559Config c = config.eip1559();
    long denominator =
        config.isActive(OpFork.CANYON, timestamp) ? c.denominatorCanyon() : c.denominator();
    if (!config.isActive(OpFork.HOLOCENE, parent.timestamp())) {
      return new Params(denominator, c.elasticity(), 0);
    }
    // The parent's extraData was validated when the parent was; decode leniently, as op-geth.
    byte[] extra = parent.extraData().toArrayUnsafe();
    if (extra.length != 9 && extra.length != 17) {
      throw new IllegalStateException(
          "parent header " + parent.number() + " has no Holocene extraData: " + parent.extraData());
    }
    ByteBuffer b = ByteBuffer.wrap(extra, 1, extra.length - 1);
    long d = Integer.toUnsignedLong(b.getInt());
    long e = Integer.toUnsignedLong(b.getInt());
    long min = extra.length == 17 ? b.getLong() : 0;
    if (d == 0) {
      throw new IllegalStateException("parent header " + parent.number() + " has denominator 0");
    }
    return new Params(d, e, config.isActive(OpFork.JOVIAN, parent.timestamp()) ? min : 0);
  }

  /**
   * The extraData a block built at {@code timestamp} carries: empty before Holocene; from Holocene
   * version 0 with the attributes' EIP-1559 parameters (the chain's constants when both are zero);
   * from Jovian version 1 with the minimum base fee appended.
   *
   * @throws IllegalArgumentException when the attributes lack what the fork requires
   */
  public static Bytes extraData(
      RollupConfig config,
      long timestamp,
      Optional<Eip1559Params> eip1559Params,
      OptionalLong minBaseFee) {
    if (!config.isActive(OpFork.HOLOCENE, timestamp)) {
      return Bytes.EMPTY;
    }
    Eip1559Params p =
        eip1559Params.orElseThrow(
            () -> new IllegalArgumentException("Holocene payload attributes need eip1559Params"));
    if (p.isUnset()) {
      Eip1559Config c = config.eip1559();
      long d = config.isActive(OpFork.CANYON, timestamp) ? c.denominatorCanyon() : c.denominator();
      p = new Eip1559Params(d, c.elasticity());
    }
    boolean jovian = config.isActive(OpFork.JOVIAN, timestamp);
    ByteBuffer b = ByteBuffer.allocate(jovian ? 17 : 9);
    b.put((byte) (jovian ? JOVIAN_VERSION : HOLOCENE_VERSION)).put(p.encode());
    if (jovian) {
      b.putLong(
          minBaseFee.orElseThrow(
              () -> new IllegalArgumentException("Jovian payload attributes need minBaseFee")));
    }
    return Bytes.wrap(b.array());
  }

  /**
   * What is wrong with a header's extraData at {@code timestamp}, or empty when it is valid: must
   * be empty before Holocene; 9 bytes of version 0 from Holocene, 17 of version 1 from Jovian, with
   * a non-zero denominator unless elasticity is zero too.
   */
  public static Optional<String> checkExtraData(RollupConfig config, long timestamp, Bytes extra) {
    int length;
    int version;
    if (config.isActive(OpFork.JOVIAN, timestamp)) {
      length = 17;
      version = JOVIAN_VERSION;
    } else if (config.isActive(OpFork.HOLOCENE, timestamp)) {
      length = 9;
      version = HOLOCENE_VERSION;
    } else {
      return extra.isEmpty()
          ? Optional.empty()
          : Optional.of("extraData must be empty before Holocene");
    }
    if (extra.size() != length) {
      return Optional.of("extraData must be " + length + " bytes, got " + extra.size());
    }
    if (extra.get(0) != version) {
      return Optional.of("extraData version must be " + version + ", got " + extra.get(0));
    }
    ByteBuffer b = ByteBuffer.wrap(extra.toArrayUnsafe(), 1, 8);
    int d = b.getInt();
    int e = b.getInt();
    if (d == 0 && e != 0) {
      return Optional.of("extraData has a zero denominator with a non-zero elasticity");
    }
    return Optional.empty();
  }

  private static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }
}
