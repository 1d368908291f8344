package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.config.GenesisSystemConfig;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The system-config values derivation uses (op-node's {@code eth.SystemConfig}): what the L1
 * attributes deposit and the payload attributes of each L2 block carry.
 *
 * @param eip1559Params the 8 bytes {@code denominator ‖ elasticity} (zero: use the chain defaults)
 * @param operatorFeeParams {@code uint256(scalar) << 64 | constant}
 * @param minBaseFee unsigned 64-bit
 */
public record L1SystemConfig(
    Address batcher,
    Bytes32 overhead,
    Bytes32 scalar,
    long gasLimit,
    Bytes eip1559Params,
    Bytes32 operatorFeeParams,
    long minBaseFee,
    int daFootprintGasScalar) {

  public L1SystemConfig {
    if (eip1559Params.size() != 8) {
      throw new IllegalArgumentException("eip1559Params has 8 bytes, got " + eip1559Params.size());
    }
  }

  /** The genesis system config, with the later forks' values unset (zero). */
  public static L1SystemConfig fromGenesis(GenesisSystemConfig genesis) {
    return new L1SystemConfig(
        genesis.batcher(),
        genesis.overhead(),
        genesis.scalar(),
        genesis.gasLimit(),
        Bytes.wrap(new byte[8]),
        Bytes32.ZERO,
        0,
        0);
  }

  /**
   * This config after {@code update}, as op-node applies it.
   *
   * @param ecotone whether Ecotone is active at the time of the L1 block that emitted the update:
   *     from then, fee scalar updates replace only the (versioned) scalar and zero the overhead,
   *     and an update whose scalar is not a valid versioned encoding is ignored
   */
  public L1SystemConfig apply(SystemConfigUpdate update, boolean ecotone) {
    return switch (update) {
      case SystemConfigUpdate.Batcher b -> withBatcher(b.batcher());
      case SystemConfigUpdate.FeeScalars f -> {
        if (!ecotone) {
          yield new L1SystemConfig(
              batcher,
              f.overhead(),
              f.scalar(),
              gasLimit,
              eip1559Params,
              operatorFeeParams,
              minBaseFee,
              daFootprintGasScalar);
        }
        if (f.ecotoneScalars().isEmpty()) {
          yield this;
        }
        yield new L1SystemConfig(
            batcher,
            Bytes32.ZERO,
            f.scalar(),
            gasLimit,
            eip1559Params,
            operatorFeeParams,
            minBaseFee,
            daFootprintGasScalar);
      }
      case SystemConfigUpdate.GasLimit g ->
          new L1SystemConfig(
              batcher,
              overhead,
              scalar,
              g.gasLimit(),
              eip1559Params,
              operatorFeeParams,
              minBaseFee,
              daFootprintGasScalar);
      // Gossip policy, not a derivation input.
      case SystemConfigUpdate.UnsafeBlockSigner s -> this;
      case SystemConfigUpdate.Eip1559Params e ->
          new L1SystemConfig(
              batcher,
              overhead,
              scalar,
              gasLimit,
              e.params().slice(24, 8).copy(),
              operatorFeeParams,
              minBaseFee,
              daFootprintGasScalar);
      case SystemConfigUpdate.OperatorFeeParams o ->
          new L1SystemConfig(
              batcher,
              overhead,
              scalar,
              gasLimit,
              eip1559Params,
              o.params(),
              minBaseFee,
              daFootprintGasScalar);
      case SystemConfigUpdate.MinBaseFee m ->
          new L1SystemConfig(
              batcher,
              overhead,
              scalar,
              gasLimit,
              eip1559Params,
              operatorFeeParams,
              m.minBaseFee(),
              daFootprintGasScalar);
      case SystemConfigUpdate.DaFootprintGasScalar d ->
          new L1SystemConfig(
              batcher,
              overhead,
              scalar,
              gasLimit,
              eip1559Params,
              operatorFeeParams,
              minBaseFee,
              d.scalar());
    };
  }

  private L1SystemConfig withBatcher(Address b) {
    return new L1SystemConfig(
        b,
        overhead,
        scalar,
        gasLimit,
        eip1559Params,
        operatorFeeParams,
        minBaseFee,
        daFootprintGasScalar);
  }
}
