package io.opal.consensus.devnet.genesis;

import io.opal.primitives.config.RollupConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes the devnet's {@code genesis.json}, {@code rollup.json} and {@code devnet.json} into its
 * data dir. Each file is written to a temporary file in the same directory, forced to disk and
 * renamed over the target, so a crash leaves the old file or the new one, never half of one.
 */
public final class DevnetFiles {
  public static final String GENESIS_JSON = "genesis.json";
  public static final String ROLLUP_JSON = "rollup.json";
  public static final String DEVNET_JSON = "devnet.json";

  private DevnetFiles() {}

  /** The three files' paths in {@code dataDir}. */
  public record Written(Path genesis, Path rollup, Path devnet) {}

  public static Written write(
      Path dataDir, L2Genesis genesis, RollupConfig rollup, DevnetManifest manifest) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data dir " + dataDir, e);
    }
    Path g = writeAtomically(dataDir.resolve(GENESIS_JSON), genesis.toJson());
    Path r =
        writeAtomically(
            dataDir.resolve(ROLLUP_JSON),
            RollupJson.write(rollup, Optional.of(genesis.params().fees())));
    Path d = writeAtomically(dataDir.resolve(DEVNET_JSON), manifest.toJson());
    return new Written(g, r, d);
  }

  /** Replaces {@code target} with {@code content} atomically (temp file, fsync, rename). */
  public static Path writeAtomically(Path target, String content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (var ch =
          java.nio.channels.FileChannel.open(
              tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; that error is the one to report
        }
      }
    }
  }
}
