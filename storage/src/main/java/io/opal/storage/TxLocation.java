package io.opal.storage;

import io.opal.primitives.Hash;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Where a transaction sits: its block (number and hash) and its index in the block.
 *
 * <p>{@link Column#TX_LOOKUP} stores it in one of two forms, big-endian: the <b>position</b> number
 * (8) ‖ index (4), written since the lookups of a block being built are added to its commit batch
 * before the block's hash is known (the hash is then the canonical block's at that number, which
 * commits in the same batch); or the <b>full</b> form number (8) ‖ hash (32) ‖ index (4) of {@link
 * #toBytes}, which earlier databases hold. {@link #parse(byte[], LongFunction)} reads both.
 */
public record TxLocation(long blockNumber, Hash blockHash, int index) {
  /** Bytes of the full form. */
  public static final int SIZE = BlockKey.SIZE + Integer.BYTES;

  /** Bytes of the position form. */
  public static final int POSITION_SIZE = Long.BYTES + Integer.BYTES;

  public TxLocation {
    Objects.requireNonNull(blockHash, "blockHash");
    if (blockNumber < 0 || index < 0) {
      throw new IllegalArgumentException(
          "block number and index are non-negative, got " + blockNumber + " and " + index);
    }
  }

  public BlockKey block() {
    return new BlockKey(blockNumber, blockHash);
  }

  public byte[] toBytes() {
    byte[] out = new byte[SIZE];
    System.arraycopy(block().toBytes(), 0, out, 0, BlockKey.SIZE);
    writeIndex(out, BlockKey.SIZE, index);
    return out;
  }

  /** The position form: block number (8) ‖ index (4), big-endian. */
  public static byte[] positionBytes(long blockNumber, int index) {
    if (blockNumber < 0 || index < 0) {
      throw new IllegalArgumentException(
          "block number and index are non-negative, got " + blockNumber + " and " + index);
    }
    byte[] out = new byte[POSITION_SIZE];
    for (int i = 0; i < Long.BYTES; i++) {
      out[i] = (byte) (blockNumber >>> (56 - 8 * i));
    }
    writeIndex(out, Long.BYTES, index);
    return out;
  }

  /**
   * Reads a stored lookup in either form; a position is completed with {@code canonicalHash} of its
   * number, and is empty when no canonical block is at that number (a reader without a snapshot
   * racing a rewind). Any other length is corrupt data.
   */
  public static Optional<TxLocation> parse(byte[] bytes, LongFunction<Optional<Hash>> canonical) {
    if (bytes.length != POSITION_SIZE) {
      return Optional.of(parse(bytes));
    }
    long number = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      number = (number << 8) | (bytes[i] & 0xff);
    }
    int index = readIndex(bytes, Long.BYTES);
    if (number < 0) {
      throw StorageException.corrupt("corrupt database: tx lookup block number above 2^63");
    }
    long n = number;
    return canonical.apply(n).map(hash -> new TxLocation(n, hash, index));
  }

  private static void writeIndex(byte[] out, int at, int index) {
    for (int i = 0; i < Integer.BYTES; i++) {
      out[at + i] = (byte) (index >>> (24 - 8 * i));
    }
  }

  private static int readIndex(byte[] bytes, int at) {
    int index = 0;
    for (int i = 0; i < Integer.BYTES; i++) {
      index = (index << 8) | (bytes[at + i] & 0xff);
    }
    if (index < 0) {
      throw StorageException.corrupt("corrupt database: tx lookup index above 2^31: " + index);
    }
    return index;
  }

  /** Reads a value written by {@link #toBytes}; anything else is corrupt data. */
  public static TxLocation parse(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw StorageException.corrupt(
          "corrupt database: a tx lookup entry has " + SIZE + " bytes, found " + bytes.length);
    }
    BlockKey block = BlockKey.parse(Schema.slice(bytes, 0, BlockKey.SIZE));
    int index = readIndex(bytes, BlockKey.SIZE);
    return new TxLocation(block.number(), block.hash(), index);
  }
}
