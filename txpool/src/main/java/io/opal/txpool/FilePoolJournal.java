package io.opal.txpool;

import io.opal.primitives.rlp.RlpWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal file as geth keeps one ({@code transactions.rlp}): the envelopes one after another,
 * each as an RLP byte string, appended as transactions arrive; rotation writes the live set to a
 * temporary file beside it and renames it over the journal, so a crash leaves the old or the new
 * file, never half of one.
 *
 * <p>Why a file and not the storage module's {@code TXPOOL_JOURNAL} column: the journal is
 * append-mostly and rewritten whole, which a file does with one sequential write and one rename,
 * while a key-value column needs a delete per departed transaction; it has nothing to commit
 * atomically with chain data; and operators know geth's file (they can inspect or delete it).
 *
 * <p>Loading is strict about the framing (string headers, canonical lengths, at most {@code
 * maxEntrySize} bytes an entry, so a corrupt length cannot cause a huge allocation) and stops at
 * the first damaged entry; the envelopes themselves are decoded and validated by the pool.
 */
public final class FilePoolJournal implements PoolJournal {
  private static final Logger LOG = LoggerFactory.getLogger(FilePoolJournal.class);

  private final Path file;
  private final int maxEntrySize;
  private OutputStream out;

  /**
   * @param maxEntrySize the largest envelope to accept on load (the pool's size limit)
   */
  public FilePoolJournal(Path file, int maxEntrySize) {
    this.file = file;
    this.maxEntrySize = maxEntrySize;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized List<byte[]> load() throws IOException {
    List<byte[]> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        Optional<byte[]> entry;
        try {
          entry = readEntry(in);
        } catch (EOFException e) {
          LOG.warn("Transaction journal {} ends inside an entry; loaded {}", file, entries.size());
          break;
        }
        if (entry.isEmpty()) {
          break;
        }
        entries.add(entry.get());
      }
    } catch (CorruptEntryException e) {
      LOG.warn(
          "Transaction journal {} damaged ({}); loaded {}", file, e.getMessage(), entries.size());
    }
    return entries;
  }

  /** The next entry; empty at a clean end of file. */
  private Optional<byte[]> readEntry(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return Optional.empty();
    }
    long length;
    if (first >= 0x80 && first <= 0xb7) {
      length = first - 0x80;
    } else if (first >= 0xb8 && first <= 0xbf) {
      int lengthBytes = first - 0xb7;
      length = 0;
      for (int i = 0; i < lengthBytes; i++) {
        int b = in.readUnsignedByte();
        if (i == 0 && b == 0) {
          throw new CorruptEntryException("length with a leading zero byte");
        }
        length = (length << 8) | b;
        if (length > maxEntrySize) {
          throw new CorruptEntryException("entry longer than " + maxEntrySize + " bytes");
        }
      }
      if (length < 56) {
        throw new CorruptEntryException("long-form length below 56");
      }
    } else {
      throw new CorruptEntryException(String.format("header byte 0x%02x is not a string", first));
    }
    if (length == 0 || length > maxEntrySize) {
      throw new CorruptEntryException("entry of " + length + " bytes");
    }
    byte[] envelope = new byte[(int) length];
    in.readFully(envelope);
    return Optional.of(envelope);
  }

  @Override
  public synchronized void append(byte[] envelope) throws IOException {
    if (out == null) {
      out =
          new BufferedOutputStream(
              Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }
    out.write(RlpWriter.encodeBytes(envelope));
    out.flush(); // to the OS: survives a crash of the process (geth does not fsync either)
  }

  @Override
  public synchronized void rotate(List<byte[]> envelopes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      for (byte[] envelope : envelopes) {
        w.write(RlpWriter.encodeBytes(envelope));
      }
    }
    closeWriter();
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public synchronized void close() throws IOException {
    closeWriter();
  }

  private void closeWriter() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  /** Bytes that are not a journal entry. */
  private static final class CorruptEntryException extends IOException {
    CorruptEntryException(String message) {
      super(message);
    }
  }
}
