package io.opal.rpc.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opal.consensus.l1.L1BlockRef;
import io.opal.consensus.rollup.BlockId;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.primitives.Hash;
import io.opal.rpc.JsonWritable;
import java.io.IOException;

/**
 * op-node's JSON for its rollup types ({@code op-service/eth}: {@code BlockID}, {@code L1BlockRef},
 * {@code L2BlockRef}, {@code SyncStatus}, {@code OutputResponse}). Unlike the eth_ namespace these
 * are Go structs marshalled by {@code encoding/json}: numbers ({@code uint64}) are plain JSON
 * numbers, not hex quantities; hashes are 0x-prefixed lower-case hex. Tools such as op-batcher,
 * op-proposer and op-conductor decode these shapes, so the field names are kept exactly.
 */
public final class OpNodeJson {
  private OpNodeJson() {}

  /**
   * op-node's {@code SyncStatus}. Opal's {@link SyncStatus} has the seven heads a node without
   * interop keeps; the other four fields are derived as op-node derives them pre-interop: {@code
   * current_l1_finalized} is an alias of {@code finalized_l1} (deprecated there, "just matches
   * FinalizedL1 now"), {@code pending_safe_l2} and {@code local_safe_l2} equal {@code safe_l2} (no
   * batch is half-consolidated and no cross-chain check exists), {@code cross_unsafe_l2} equals
   * {@code unsafe_l2} (pre-interop every unsafe block is cross-unsafe).
   */
  public static JsonWritable syncStatus(SyncStatus s) {
    return g -> writeSyncStatus(g, s);
  }

  /** op-node's {@code L2BlockRef}. */
  public static JsonWritable l2BlockRef(L2BlockRef ref) {
    return g -> writeL2(g, ref);
  }

  /** op-node's {@code L1BlockRef}. */
  public static JsonWritable l1BlockRef(L1BlockRef ref) {
    return g -> writeL1(g, ref);
  }

  /**
   * op-node's {@code OutputResponse} ({@code optimism_outputAtBlock}): the v0 output root with its
   * inputs, the block it is for and the sync status at the time of the answer.
   */
  public static JsonWritable outputResponse(
      Hash outputRoot,
      L2BlockRef blockRef,
      Hash withdrawalStorageRoot,
      Hash stateRoot,
      SyncStatus status) {
    return g -> {
      g.writeStartObject();
      hash(g, "version", Hash.ZERO); // output root version 0, a Bytes32 of zeros
      hash(g, "outputRoot", outputRoot);
      g.writeFieldName("blockRef");
      writeL2(g, blockRef);
      hash(g, "withdrawalStorageRoot", withdrawalStorageRoot);
      hash(g, "stateRoot", stateRoot);
      g.writeFieldName("syncStatus");
      writeSyncStatus(g, status);
      g.writeEndObject();
    };
  }

  static void writeSyncStatus(JsonGenerator g, SyncStatus s) throws IOException {
    g.writeStartObject();
    l1(g, "current_l1", s.currentL1());
    l1(g, "current_l1_finalized", s.finalizedL1());
    l1(g, "head_l1", s.headL1());
    l1(g, "safe_l1", s.safeL1());
    l1(g, "finalized_l1", s.finalizedL1());
    l2(g, "unsafe_l2", s.unsafeL2());
    l2(g, "safe_l2", s.safeL2());
    l2(g, "finalized_l2", s.finalizedL2());
    l2(g, "pending_safe_l2", s.safeL2());
    l2(g, "cross_unsafe_l2", s.unsafeL2());
    l2(g, "local_safe_l2", s.safeL2());
    g.writeEndObject();
  }

  private static void l1(JsonGenerator g, String field, L1BlockRef ref) throws IOException {
    g.writeFieldName(field);
    writeL1(g, ref);
  }

  private static void l2(JsonGenerator g, String field, L2BlockRef ref) throws IOException {
    g.writeFieldName(field);
    writeL2(g, ref);
  }

  static void writeL1(JsonGenerator g, L1BlockRef ref) throws IOException {
    g.writeStartObject();
    hash(g, "hash", ref.hash());
    number(g, "number", ref.number());
    hash(g, "parentHash", ref.parentHash());
    number(g, "timestamp", ref.timestamp());
    g.writeEndObject();
  }

  static void writeL2(JsonGenerator g, L2BlockRef ref) throws IOException {
    g.writeStartObject();
    hash(g, "hash", ref.hash());
    number(g, "number", ref.number());
    hash(g, "parentHash", ref.parentHash());
    number(g, "timestamp", ref.timestamp());
    g.writeFieldName("l1origin");
    writeBlockId(g, ref.l1Origin());
    number(g, "sequenceNumber", ref.sequenceNumber());
    g.writeEndObject();
  }

  static void writeBlockId(JsonGenerator g, BlockId id) throws IOException {
    g.writeStartObject();
    hash(g, "hash", id.hash());
    number(g, "number", id.number());
    g.writeEndObject();
  }

  private static void hash(JsonGenerator g, String field, Hash h) throws IOException {
    g.writeStringField(field, h.toString());
  }

  /** A Go {@code uint64}: a JSON number, all 64 bits unsigned. */
  private static void number(JsonGenerator g, String field, long unsigned) throws IOException {
    g.writeFieldName(field);
    if (unsigned >= 0) {
      g.writeNumber(unsigned);
    } else {
      g.writeNumber(Long.toUnsignedString(unsigned));
    }
  }
}
