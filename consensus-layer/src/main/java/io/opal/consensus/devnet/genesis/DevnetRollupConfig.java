package io.opal.consensus.devnet.genesis;

import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.config.OpForkSchedule;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The devnet's rollup config: every OP fork through Jovian active from time 0, the L2 genesis named
 * by the hash of the built genesis block, the system config at genesis from the parameters.
 */
public final class DevnetRollupConfig {
  /** The registry's standard Granite channel timeout (L1 blocks). */
  public static final long GRANITE_CHANNEL_TIMEOUT = 50;

  private DevnetRollupConfig() {}

  public static RollupConfig of(L2Genesis genesis) {
    DevnetL2Params p = genesis.params();
    Map<OpFork, Long> times = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      times.put(fork, 0L);
    }
    return new RollupConfig(
        p.l1Genesis(),
        new BlockId(genesis.hash(), 0),
        p.genesisTime(),
        new GenesisSystemConfig(
            p.batcher(),
            Bytes32.ZERO,
            ecotoneScalar(p.fees().baseFeeScalar(), p.fees().blobBaseFeeScalar()),
            p.gasLimit()),
        p.blockTime(),
        p.maxSequencerDrift(),
        p.seqWindowSize(),
        p.channelTimeout(),
        GRANITE_CHANNEL_TIMEOUT,
        p.l1ChainId(),
        p.l2ChainId(),
        OpForkSchedule.of(times),
        // The embedded L1 runs Prague blob fees from its genesis.
        Optional.of(0L),
        batchInbox(p.l2ChainId()),
        p.l1().optimismPortal(),
        p.l1().systemConfig(),
        p.l1().protocolVersions().equals(Address.ZERO)
            ? Optional.empty()
            : Optional.of(p.l1().protocolVersions()),
        p.fees().eip1559());
  }

  /**
   * The system config's scalar in its Ecotone versioned form: version byte 1, then the blob base
   * fee scalar in bytes [24, 28) and the base fee scalar in bytes [28, 32), both big-endian u32.
   */
  public static Bytes32 ecotoneScalar(long baseFeeScalar, long blobBaseFeeScalar) {
    byte[] b = new byte[32];
    b[0] = 1;
    ByteBuffer.wrap(b, 24, 8).putInt((int) blobBaseFeeScalar).putInt((int) baseFeeScalar);
    return Bytes32.wrap(b);
  }

  /**
   * The conventional batch inbox: 0xff00…00 followed by the chain id's decimal digits read as hex
   * (OP Sepolia, chain 11155420, uses 0xff00000000000000000000000000000011155420).
   */
  public static Address batchInbox(long l2ChainId) {
    String digits = Long.toString(l2ChainId);
    if (digits.length() > 38) {
      throw new IllegalArgumentException("chain id too long for the batch inbox convention");
    }
    return Address.wrap(Hex.decode("ff" + "0".repeat(38 - digits.length()) + digits));
  }
}
