package io.opal.rpc.beacon;

import io.opal.execution.l1chain.L1Producer.StoredBlob;
import io.opal.rpc.HttpGetRoutes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;

/**
 * The few beacon-API routes a rollup node reads from its L1 beacon node, served by the embedded L1
 * dev chain (which has no beacon chain: slots are its block timestamps' slots):
 *
 * <ul>
 *   <li>{@code /eth/v1/beacon/genesis}: {@code genesis_time} (op-node computes a block's slot as
 *       (timestamp − genesis_time) / SECONDS_PER_SLOT);
 *   <li>{@code /eth/v1/config/spec}: {@code SECONDS_PER_SLOT};
 *   <li>{@code /eth/v1/node/version};
 *   <li>{@code /eth/v1/beacon/blob_sidecars/{slot|head|genesis}[?indices=i,j]}: index, blob,
 *       kzg_commitment, kzg_proof, and a stand-in {@code signed_block_header} (the slot is real;
 *       roots, signature and the commitment inclusion proof are zero, there being no beacon block);
 *   <li>{@code /eth/v1/beacon/blobs/{block_id}[?versioned_hashes=h1,h2]}: the blobs only (the newer
 *       route, which clients filter by versioned hash).
 * </ul>
 *
 * A slot with a block but no blobs answers an empty list; a slot without a known block (missed, in
 * the future, or older than the producer keeps) answers 404.
 */
public final class L1BeaconRoutes implements HttpGetRoutes {
  private static final String SIDECARS = "/eth/v1/beacon/blob_sidecars/";
  private static final String BLOBS = "/eth/v1/beacon/blobs/";
  private static final String ZERO32 = "0x" + "00".repeat(32);
  private static final int INCLUSION_PROOF_DEPTH = 17;

  /** Where the blobs come from. */
  public interface BlobSource {
    /** The blobs of the block at {@code slot}; empty if there is no such block known. */
    Optional<List<StoredBlob>> sidecars(long slot);

    /** The head block's slot. */
    long headSlot();
  }

  private final long genesisTime;
  private final long secondsPerSlot;
  private final BlobSource blobs;
  private final String version;

  public L1BeaconRoutes(long genesisTime, long secondsPerSlot, BlobSource blobs, String version) {
    this.genesisTime = genesisTime;
    this.secondsPerSlot = secondsPerSlot;
    this.blobs = blobs;
    this.version = version;
  }

  @Override
  public Optional<Answer> get(String path, Optional<String> query) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return switch (p) {
      case "/eth/v1/beacon/genesis" ->
          Optional.of(
              ok(
                  "{\"data\":{\"genesis_time\":\""
                      + Long.toUnsignedString(genesisTime)
                      + "\",\"genesis_validators_root\":\""
                      + ZERO32
                      + "\",\"genesis_fork_version\":\"0x00000000\"}}"));
      case "/eth/v1/config/spec" ->
          Optional.of(
              ok(
                  "{\"data\":{\"SECONDS_PER_SLOT\":\""
                      + secondsPerSlot
                      + "\",\"FIELD_ELEMENTS_PER_BLOB\":\"4096\"}}"));
      case "/eth/v1/node/version" ->
          Optional.of(ok("{\"data\":{\"version\":\"" + version.replace("\"", "") + "\"}}"));
      default -> {
        if (p.startsWith(SIDECARS)) {
          yield Optional.of(sidecars(p.substring(SIDECARS.length()), query));
        }
        if (p.startsWith(BLOBS)) {
          yield Optional.of(blobsOnly(p.substring(BLOBS.length()), query));
        }
        yield Optional.empty();
      }
    };
  }

  private Answer sidecars(String blockId, Optional<String> query) {
    Optional<Long> slot = slot(blockId);
    if (slot.isEmpty()) {
      return Answer.error(400, "invalid block id: " + blockId);
    }
    Optional<List<StoredBlob>> found = blobs.sidecars(slot.get());
    if (found.isEmpty()) {
      return Answer.error(404, "block not found: " + blockId);
    }
    Optional<Set<Integer>> indices;
    try {
      indices = param(query, "indices").map(L1BeaconRoutes::indices);
    } catch (NumberFormatException e) {
      return Answer.error(400, "invalid indices");
    }
    StringBuilder out = new StringBuilder(1 << 18).append("{\"data\":[");
    boolean first = true;
    for (StoredBlob b : found.get()) {
      if (indices.isPresent() && !indices.get().contains(b.index())) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      appendSidecar(out, slot.get(), b);
    }
    return ok(out.append("]}").toString());
  }

  private static void appendSidecar(StringBuilder out, long slot, StoredBlob b) {
    out.append("{\"index\":\"")
        .append(b.index())
        .append("\",\"blob\":\"")
        .append(b.blob().toHexString())
        .append("\",\"kzg_commitment\":\"")
        .append(b.commitment().toHexString())
        .append("\",\"kzg_proof\":\"")
        .append(b.proof().toHexString())
        .append("\",\"signed_block_header\":{\"message\":{\"slot\":\"")
        .append(slot)
        .append("\",\"proposer_index\":\"0\",\"parent_root\":\"")
        .append(ZERO32)
        .append("\",\"state_root\":\"")
        .append(ZERO32)
        .append("\",\"body_root\":\"")
        .append(ZERO32)
        .append("\"},\"signature\":\"0x")
        .append("00".repeat(96))
        .append("\"},\"kzg_commitment_inclusion_proof\":[");
    for (int i = 0; i < INCLUSION_PROOF_DEPTH; i++) {
      out.append(i == 0 ? "\"" : ",\"").append(ZERO32).append('"');
    }
    out.append("]}");
  }

  private Answer blobsOnly(String blockId, Optional<String> query) {
    Optional<Long> slot = slot(blockId);
    if (slot.isEmpty()) {
      return Answer.error(400, "invalid block id: " + blockId);
    }
    Optional<List<StoredBlob>> found = blobs.sidecars(slot.get());
    if (found.isEmpty()) {
      return Answer.error(404, "block not found: " + blockId);
    }
    Optional<Set<String>> wanted =
        param(query, "versioned_hashes")
            .map(v -> new HashSet<>(List.of(v.toLowerCase(Locale.ROOT).split(","))));
    List<String> out = new ArrayList<>();
    for (StoredBlob b : found.get()) {
      if (wanted.isEmpty() || wanted.get().contains(versionedHash(b.commitment()).toHexString())) {
        out.add('"' + b.blob().toHexString() + '"');
      }
    }
    return ok(
        "{\"execution_optimistic\":false,\"finalized\":false,\"data\":["
            + String.join(",", out)
            + "]}");
  }

  /** EIP-4844's kzg_to_versioned_hash: sha256 of the commitment with its first byte set to 1. */
  public static Bytes versionedHash(Bytes commitment) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(commitment.toArrayUnsafe());
      h[0] = 0x01;
      return Bytes.wrap(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private Optional<Long> slot(String blockId) {
    return switch (blockId) {
      case "head", "finalized", "justified" -> Optional.of(blobs.headSlot());
      case "genesis" -> Optional.of(0L);
      default -> {
        if (blockId.isEmpty()
            || blockId.length() > 19
            || !blockId.chars().allMatch(Character::isDigit)) {
          yield Optional.empty();
        }
        yield Optional.of(Long.parseLong(blockId));
      }
    };
  }

  private static Set<Integer> indices(String v) {
    Set<Integer> out = new HashSet<>();
    for (String s : v.split(",")) {
      if (!s.isBlank()) {
        out.add(Integer.parseInt(s.trim()));
      }
    }
    return out;
  }

  /** A query parameter; repeated parameters are joined with commas (both forms are in use). */
  private static Optional<String> param(Optional<String> query, String name) {
    if (query.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (String pair : query.get().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        values.add(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
  }

  private static Answer ok(String json) {
    return Answer.ok(json.getBytes(StandardCharsets.UTF_8));
  }
}
