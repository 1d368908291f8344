package io.opal.consensus.devnet.genesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Hex;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes op-node's {@code rollup.json} (the form {@link
 * io.opal.primitives.config.RollupConfigParser#fromRollupJson} reads). The genesis system config
 * also carries the Holocene/Isthmus/Jovian values op-node keeps there (EIP-1559 parameters,
 * operator fee parameters, minimum base fee, DA footprint scalar) when {@code fees} is given.
 */
public final class RollupJson {
  private RollupJson() {}

  public static String write(RollupConfig c) {
    return write(c, Optional.empty());
  }

  public static String write(RollupConfig c, Optional<DevnetL2Params.Fees> fees) {
    ObjectNode root = GenesisJson.MAPPER.createObjectNode();
    ObjectNode genesis = root.putObject("genesis");
    blockId(genesis.putObject("l1"), c.genesisL1());
    blockId(genesis.putObject("l2"), c.genesisL2());
    genesis.put("l2_time", c.genesisTime());
    systemConfig(genesis.putObject("system_config"), c.systemConfig(), fees);
    root.put("block_time", c.blockTime());
    root.put("max_sequencer_drift", c.maxSequencerDrift());
    root.put("seq_window_size", c.seqWindowSize());
    root.put("channel_timeout", c.channelTimeout());
    root.put("granite_channel_timeout", c.graniteChannelTimeout());
    root.put("l1_chain_id", c.l1ChainId());
    root.put("l2_chain_id", c.l2ChainId());
    for (OpFork fork : OpFork.values()) {
      if (fork == OpFork.BEDROCK) {
        continue; // op-node has no bedrock_time: Bedrock is the genesis rule set
      }
      c.forks()
          .activationTime(fork)
          .ifPresent(t -> root.put(fork.name().toLowerCase(Locale.ROOT) + "_time", t));
    }
    c.pectraBlobScheduleTime().ifPresent(t -> root.put("pectra_blob_schedule_time", t));
    root.put("batch_inbox_address", c.batchInboxAddress().toString());
    root.put("deposit_contract_address", c.depositContractAddress().toString());
    root.put("l1_system_config_address", c.l1SystemConfigAddress().toString());
    c.protocolVersionsAddress().ifPresent(a -> root.put("protocol_versions_address", a.toString()));
    ObjectNode op = root.putObject("chain_op_config");
    op.put("eip1559Elasticity", c.eip1559().elasticity());
    op.put("eip1559Denominator", c.eip1559().denominator());
    op.put("eip1559DenominatorCanyon", c.eip1559().denominatorCanyon());
    try {
      return GenesisJson.MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new GenesisException("cannot serialise rollup.json", e);
    }
  }

  private static void blockId(ObjectNode n, BlockId id) {
    n.put("hash", id.hash().toString());
    n.put("number", id.number());
  }

  private static void systemConfig(
      ObjectNode n, GenesisSystemConfig s, Optional<DevnetL2Params.Fees> fees) {
    n.put("batcherAddr", s.batcher().toString());
    n.put("overhead", s.overhead().toHexString());
    n.put("scalar", s.scalar().toHexString());
    n.put("gasLimit", s.gasLimit());
    fees.ifPresent(
        f -> {
          // Holocene: denominator ‖ elasticity, each big-endian u32.
          ByteBuffer eip1559 = ByteBuffer.allocate(8);
          eip1559
              .putInt((int) f.eip1559().denominatorCanyon())
              .putInt((int) f.eip1559().elasticity());
          n.put("eip1559Params", Hex.encode(eip1559.array()));
          n.put("operatorFeeParams", Hex.encode(operatorFeeParams(f)));
          n.put("minBaseFee", f.minBaseFee());
          n.put("daFootprintGasScalar", f.daFootprintGasScalar());
        });
  }

  /**
   * SystemConfig's packed operator fee word: the scalar (u32) in bytes [20, 24), the constant (u64)
   * in bytes [24, 32).
   */
  static byte[] operatorFeeParams(DevnetL2Params.Fees f) {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.position(20);
    b.putInt((int) f.operatorFeeScalar()).putLong(f.operatorFeeConstant());
    return b.array();
  }
}
