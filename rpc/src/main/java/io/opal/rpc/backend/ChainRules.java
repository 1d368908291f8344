package io.opal.rpc.backend;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.fork.OpFork;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * What the eth_ backend needs to know of a chain's rules: its chain id and, by block timestamp, its
 * EVM fork and precompiles, and whether its receipts carry the OP fee fields. An OP chain reads
 * them from its rollup config; an Ethereum (L1) chain runs one fork throughout.
 */
public sealed interface ChainRules {
  /** EIP-155 chain id. */
  long chainId();

  /** The EVM fork of a block with this timestamp. */
  EvmFork evmFork(long timestamp);

  /** The precompiles of a block with this timestamp. */
  PrecompileSet precompiles(long timestamp);

  /** The OP fork at this timestamp; empty on a chain that is not an OP Stack chain. */
  Optional<OpFork> opFork(long timestamp);

  /**
   * The blob base fee of a block, shown on its blob transactions' receipts; empty on a chain
   * without blob transactions (OP).
   */
  Optional<UInt256> blobBaseFee(BlockHeader header);

  static ChainRules op(RollupConfig config) {
    return new Op(config);
  }

  static ChainRules ethereum(long chainId, EvmFork fork) {
    return new Ethereum(chainId, fork);
  }

  /** An OP Stack L2: forks from the rollup config, OP precompile limits, OP receipt fields. */
  record Op(RollupConfig config) implements ChainRules {
    public Op {
      Objects.requireNonNull(config);
    }

    @Override
    public long chainId() {
      return config.l2ChainId();
    }

    @Override
    public EvmFork evmFork(long timestamp) {
      return config.forkAt(timestamp).evmFork();
    }

    @Override
    public PrecompileSet precompiles(long timestamp) {
      return PrecompileSet.of(Precompiles.forOpFork(config.forkAt(timestamp)));
    }

    @Override
    public Optional<OpFork> opFork(long timestamp) {
      return Optional.of(config.forkAt(timestamp));
    }

    @Override
    public Optional<UInt256> blobBaseFee(BlockHeader header) {
      return Optional.empty();
    }
  }

  /** An Ethereum chain on one fork from genesis (the embedded dev L1). */
  record Ethereum(long chainId, EvmFork fork) implements ChainRules {
    public Ethereum {
      Objects.requireNonNull(fork);
    }

    @Override
    public EvmFork evmFork(long timestamp) {
      return fork;
    }

    @Override
    public PrecompileSet precompiles(long timestamp) {
      return PrecompileSet.of(Precompiles.forFork(fork, null));
    }

    @Override
    public Optional<OpFork> opFork(long timestamp) {
      return Optional.empty();
    }

    @Override
    public Optional<UInt256> blobBaseFee(BlockHeader header) {
      if (header.excessBlobGas().isEmpty()) {
        return Optional.empty();
      }
      // The fork's EIP-4844 formula as the EVM's BLOBBASEFEE computes it.
      BlockEnv env =
          new BlockEnv(
              header.number(),
              header.beneficiary(),
              header.timestamp(),
              header.gasLimit(),
              UInt256.ZERO,
              UInt256.ZERO,
              header.mixHash(),
              header.excessBlobGas().getAsLong(),
              chainId,
              n -> Hash.ZERO);
      return Optional.of(env.blobBaseFee(EvmSpec.of(fork)));
    }
  }
}
