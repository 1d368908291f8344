package io.opal.consensus.l1;

import io.opal.primitives.Address;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One {@code ConfigUpdate} of the L1 SystemConfig (specs/protocol/system-config.md, "System Config
 * Updates", and the Holocene, Isthmus and Jovian additions), as the log carries it. Which of them
 * matter, and how, depends on the fork at the L1 block's time: that is the consumer's rule (see
 * {@link L1SystemConfig#apply}).
 */
public sealed interface SystemConfigUpdate {

  /** Update type 0: the batcher hash; version 0 hashes are the batcher address. */
  record Batcher(Address batcher) implements SystemConfigUpdate {}

  /**
   * Update type 1: the fee scalars. Before Ecotone, {@code overhead} and {@code scalar} are both
   * used as numbers; from Ecotone the overhead is ignored and the scalar is versioned.
   */
  record FeeScalars(Bytes32 overhead, Bytes32 scalar) implements SystemConfigUpdate {

    /**
     * The Ecotone base-fee and blob-base-fee scalars this scalar encodes; empty for an unknown
     * version or non-zero padding, which Ecotone nodes ignore (keeping the previous scalars).
     */
    public Optional<EcotoneScalars> ecotoneScalars() {
      return EcotoneScalars.decode(scalar);
    }
  }

  /** Update type 2: the L2 block gas limit. */
  record GasLimit(long gasLimit) implements SystemConfigUpdate {}

  /** Update type 3: the key that signs unsafe blocks for gossip (not a derivation input). */
  record UnsafeBlockSigner(Address signer) implements SystemConfigUpdate {}

  /**
   * Update type 4 (Holocene): EIP-1559 parameters, {@code uint256(denominator) << 32 | elasticity};
   * the eight low bytes are what the L2 block's extraData and the payload attributes carry.
   */
  record Eip1559Params(Bytes32 params) implements SystemConfigUpdate {
    public long denominator() {
      return params.slice(24, 4).toLong() & 0xffffffffL;
    }

    public long elasticity() {
      return params.slice(28, 4).toLong() & 0xffffffffL;
    }
  }

  /** Update type 5 (Isthmus): operator fee parameters, {@code uint256(scalar) << 64 | constant}. */
  record OperatorFeeParams(Bytes32 params) implements SystemConfigUpdate {
    /** uint32. */
    public long scalar() {
      return params.slice(20, 4).toLong() & 0xffffffffL;
    }

    /** uint64, unsigned in a long. */
    public long constant() {
      return params.slice(24, 8).toLong();
    }
  }

  /** Update type 6 (Jovian): the minimum L2 base fee in wei (unsigned 64-bit). */
  record MinBaseFee(long minBaseFee) implements SystemConfigUpdate {}

  /** Update type 7 (Jovian): the DA footprint gas scalar (uint16). */
  record DaFootprintGasScalar(int scalar) implements SystemConfigUpdate {}

  /**
   * The fee scalars of the versioned (Ecotone) scalar encoding.
   *
   * @param baseFeeScalar uint32
   * @param blobBaseFeeScalar uint32
   */
  record EcotoneScalars(long baseFeeScalar, long blobBaseFeeScalar) {

    /**
     * Version 0 carries only the base-fee scalar (bytes 28..32, padding 1..28 zero), version 1 both
     * (blob base fee scalar in bytes 24..28, padding 1..24 zero).
     */
    public static Optional<EcotoneScalars> decode(Bytes32 scalar) {
      int version = scalar.get(0) & 0xff;
      long base = scalar.slice(28, 4).toLong() & 0xffffffffL;
      if (version == 0 && scalar.slice(1, 27).isZero()) {
        return Optional.of(new EcotoneScalars(base, 0));
      }
      if (version == 1 && scalar.slice(1, 23).isZero()) {
        long blob = scalar.slice(24, 4).toLong() & 0xffffffffL;
        return Optional.of(new EcotoneScalars(base, blob));
      }
      return Optional.empty();
    }
  }
}
