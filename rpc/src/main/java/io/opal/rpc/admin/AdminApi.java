package io.opal.rpc.admin;

import io.opal.consensus.rollup.SequencerControl;
import io.opal.consensus.rollup.SequencerControlException;
import io.opal.primitives.Hash;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcMethodRegistry;
import java.util.Objects;

/**
 * The {@code admin_} sequencer methods of op-node: {@code admin_startSequencer(blockHash)} (result
 * null), {@code admin_stopSequencer()} (the hash of the last sealed block) and {@code
 * admin_sequencerActive()}. A refused request is a -32000 error carrying the sequencer's own
 * message ("sequencer already running", "sequencer not running", "block hash does not match: ..."),
 * as op-node's Go errors reach its clients; op-conductor matches on that text.
 */
public final class AdminApi {
  private AdminApi() {}

  public static void register(RpcMethodRegistry registry, SequencerControl sequencer) {
    Objects.requireNonNull(sequencer, "sequencer");
    registry.register(
        "admin_startSequencer",
        1,
        p -> {
          Hash head = p.hash(0);
          try {
            sequencer.start(head);
          } catch (SequencerControlException e) {
            throw RpcException.serverError(e.getMessage());
          }
          return null;
        });
    registry.register(
        "admin_stopSequencer",
        0,
        p -> {
          try {
            return sequencer.stop();
          } catch (SequencerControlException e) {
            throw RpcException.serverError(e.getMessage());
          }
        });
    registry.register("admin_sequencerActive", 0, p -> sequencer.active());
  }
}
