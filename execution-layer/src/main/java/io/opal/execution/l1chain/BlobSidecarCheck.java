package io.opal.execution.l1chain;

import ethereum.ckzg4844.CKZG4844JNI;
import io.opal.execution.evm.precompile.KzgTrustedSetup;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.BlobSidecar;
import io.opal.primitives.tx.BlobTransactionWithSidecar;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/** Checks a blob transaction's sidecar against its versioned hashes and KZG proofs (EIP-4844). */
public final class BlobSidecarCheck {
  private BlobSidecarCheck() {}

  /** EIP-4844's kzg_to_versioned_hash: 0x01 followed by sha256(commitment)[1:]. */
  public static Hash versionedHash(Bytes commitment) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(commitment.toArrayUnsafe());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    h[0] = 0x01;
    return Hash.wrap(h);
  }

  /** Why the sidecar does not fit its transaction, or empty if it does. */
  public static Optional<String> problem(BlobTransactionWithSidecar tx) {
    BlobSidecar s = tx.sidecar();
    List<Hash> hashes = tx.transaction().blobVersionedHashes();
    if (s.version() != 0) {
      return Optional.of(
          "blob sidecar version "
              + s.version()
              + " (EIP-7594 cell proofs) is not accepted: this L1 runs Prague, send version 0");
    }
    if (s.blobs().size() != hashes.size()
        || s.commitments().size() != hashes.size()
        || s.proofs().size() != hashes.size()) {
      return Optional.of(
          "the sidecar has "
              + s.blobs().size()
              + " blobs for "
              + hashes.size()
              + " versioned hashes");
    }
    for (int i = 0; i < hashes.size(); i++) {
      if (!versionedHash(s.commitments().get(i)).equals(hashes.get(i))) {
        return Optional.of("blob " + i + ": the commitment does not match the versioned hash");
      }
    }
    KzgTrustedSetup.ensureLoaded();
    boolean ok;
    try {
      ok =
          CKZG4844JNI.verifyBlobKzgProofBatch(
              concat(s.blobs()), concat(s.commitments()), concat(s.proofs()), hashes.size());
    } catch (RuntimeException e) {
      return Optional.of("invalid blob sidecar: " + e.getMessage());
    }
    return ok ? Optional.empty() : Optional.of("the blob KZG proofs do not verify");
  }

  private static byte[] concat(List<Bytes> parts) {
    return Bytes.concatenate(parts.toArray(new Bytes[0])).toArrayUnsafe();
  }
}
