package io.opal.primitives.config;

import io.opal.primitives.Address;
import io.opal.primitives.fork.OpFork;
import java.util.Optional;

/**
 * An OP chain's rollup configuration: what op-node's {@code rollup.json} and the superchain
 * registry's chain {@code .toml} describe.
 *
 * @param genesisL1 the L1 block the chain starts from
 * @param genesisL2 the L2 genesis block
 * @param genesisTime the L2 genesis timestamp
 * @param systemConfig the L1 system config at genesis
 * @param blockTime seconds between L2 blocks
 * @param maxSequencerDrift how far (seconds) an L2 block's time may run ahead of its L1 origin
 * @param seqWindowSize L1 blocks within which a batch must be included
 * @param channelTimeout L1 blocks a channel may stay open (before Granite)
 * @param graniteChannelTimeout the same from Granite
 * @param pectraBlobScheduleTime when L1 blob fees follow the Prague schedule, if set
 */
public record RollupConfig(
    BlockId genesisL1,
    BlockId genesisL2,
    long genesisTime,
    GenesisSystemConfig systemConfig,
    long blockTime,
    long maxSequencerDrift,
    long seqWindowSize,
    long channelTimeout,
    long graniteChannelTimeout,
    long l1ChainId,
    long l2ChainId,
    OpForkSchedule forks,
    Optional<Long> pectraBlobScheduleTime,
    Address batchInboxAddress,
    Address depositContractAddress,
    Address l1SystemConfigAddress,
    Optional<Address> protocolVersionsAddress,
    Eip1559Config eip1559) {

  public RollupConfig {
    if (blockTime <= 0) {
      throw new ConfigException("block_time must be positive, got " + blockTime);
    }
  }

  /** The OP upgrade in force at an L2 timestamp. */
  public OpFork forkAt(long timestamp) {
    return forks.forkAt(timestamp);
  }

  public boolean isActive(OpFork fork, long timestamp) {
    return forks.isActive(fork, timestamp);
  }

  /** The L2 timestamp of a block number (blocks are exactly {@link #blockTime} apart). */
  public long timestampOf(long l2BlockNumber) {
    return genesisTime + (l2BlockNumber - genesisL2.number()) * blockTime;
  }
}
