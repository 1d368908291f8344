package io.opal.primitives.tx;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * The blobs, KZG commitments and proofs a blob transaction carries on the network (never in a
 * block). Version 0 is the EIP-4844 form with one proof per blob; version 1 the EIP-7594 (Osaka)
 * form with {@value #CELLS_PER_EXT_BLOB} cell proofs per blob. Sizes and counts are checked when
 * decoding; the KZG proofs themselves are verified by whoever accepts the blobs.
 */
public record BlobSidecar(
    int version, List<Bytes> blobs, List<Bytes> commitments, List<Bytes> proofs) {
  public static final int BYTES_PER_BLOB = 131_072;
  public static final int BYTES_PER_COMMITMENT = 48;
  public static final int BYTES_PER_PROOF = 48;
  public static final int CELLS_PER_EXT_BLOB = 128;

  public BlobSidecar {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("unknown blob sidecar version " + version);
    }
    blobs = List.copyOf(blobs);
    commitments = List.copyOf(commitments);
    proofs = List.copyOf(proofs);
  }

  /** How many proofs this version carries for {@code blobCount} blobs. */
  static long expectedProofs(int version, int blobCount) {
    return version == 0 ? blobCount : (long) blobCount * CELLS_PER_EXT_BLOB;
  }
}
