package io.opal.rpc.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.consensus.devnet.genesis.RollupJson;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.L2BlockRefs;
import io.opal.consensus.rollup.SequencerControl;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.engine.OutputRoot;
import io.opal.execution.op.Predeploys;
import io.opal.execution.store.StateView;
import io.opal.execution.store.StoredAccount;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.config.RollupConfig;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * op-node's {@code optimism_} namespace: {@code optimism_syncStatus}, {@code optimism_rollupConfig}
 * (the {@code rollup.json} object), {@code optimism_version} and, given the engine, {@code
 * optimism_outputAtBlock(number)}. Result shapes are op-node's (see {@link OpNodeJson}).
 */
public final class RollupApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SequencerControl node;
  private final RollupConfig config;
  private final Optional<ExecutionEngine> engine;

  private RollupApi(SequencerControl node, RollupConfig config, Optional<ExecutionEngine> engine) {
    this.node = node;
    this.config = config;
    this.engine = engine;
  }

  /**
   * Registers the methods.
   *
   * @param node where the sync status comes from
   * @param version what {@code optimism_version} answers (op-node answers its release, {@code
   *     v1.x.y})
   * @param engine the chain {@code optimism_outputAtBlock} reads; without it that method is not
   *     registered
   */
  public static void register(
      RpcMethodRegistry registry,
      SequencerControl node,
      RollupConfig config,
      String version,
      Optional<ExecutionEngine> engine) {
    Objects.requireNonNull(version, "version");
    RollupApi api =
        new RollupApi(Objects.requireNonNull(node), Objects.requireNonNull(config), engine);
    // The config never changes while the node runs: encode it once.
    JsonNode rollupJson = rollupConfigJson(config);
    registry.register("optimism_syncStatus", 0, p -> OpNodeJson.syncStatus(node.syncStatus()));
    registry.register("optimism_rollupConfig", 0, p -> rollupJson);
    registry.register("optimism_version", 0, p -> version);
    if (engine.isPresent()) {
      registry.register("optimism_outputAtBlock", 1, api::outputAtBlock);
    }
  }

  /** op-node's {@code rollup.json} object for {@code config}. */
  static JsonNode rollupConfigJson(RollupConfig config) {
    try {
      return JSON.readTree(RollupJson.write(config));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("RollupJson wrote invalid JSON", e);
    }
  }

  /**
   * op-node reads the sync status first and then the block: the status may name an older head than
   * the block asked for, never a newer one that the block's answer could contradict.
   */
  private Object outputAtBlock(RpcParams p) throws RpcException {
    long number = p.quantityLong(0);
    SyncStatus status = node.syncStatus();
    ExecutionEngine chain = engine.orElseThrow();
    Block block =
        chain
            .block(number)
            .orElseThrow(
                () ->
                    RpcException.serverError(
                        "failed to get L2 block ref with sync status: not found"));
    L2BlockRef ref;
    try {
      ref = L2BlockRefs.of(block, config);
    } catch (DecodingException e) {
      throw RpcException.serverError(
          "failed to get L2 block ref with sync status: " + e.getMessage());
    }
    StateView state =
        chain
            .stateAt(ref.hash())
            .orElseThrow(
                () ->
                    RpcException.serverError(
                        "failed to get L2 output at block "
                            + ref.hash()
                            + ":"
                            + Long.toUnsignedString(ref.number())
                            + ": state not available"));
    Hash passerRoot =
        state
            .storedAccount(Predeploys.L2_TO_L1_MESSAGE_PASSER)
            .map(StoredAccount::storageRoot)
            .orElse(Hash.EMPTY_TRIE);
    Hash stateRoot = block.header().stateRoot();
    Hash outputRoot = OutputRoot.of(stateRoot, passerRoot, ref.hash());
    return OpNodeJson.outputResponse(outputRoot, ref, passerRoot, stateRoot, status);
  }
}
