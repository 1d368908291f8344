package io.opal.storage;

import io.opal.primitives.Hash;
import java.util.Objects;

/**
 * Where a transaction sits, the value of {@link Column#TX_LOOKUP}: its block (number and hash, so
 * the block's {@link BlockKey} needs no second lookup) and its index in the block. Encoded as
 * number (8) ‖ hash (32) ‖ index (4), big-endian.
 */
public record TxLocation(long blockNumber, Hash blockHash, int index) {
  public static final int SIZE = BlockKey.SIZE + Integer.BYTES;

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
    for (int i = 0; i < Integer.BYTES; i++) {
      out[BlockKey.SIZE + i] = (byte) (index >>> (24 - 8 * i));
    }
    return out;
  }

  /** Reads a value written by {@link #toBytes}; anything else is corrupt data. */
  public static TxLocation parse(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw StorageException.corrupt(
          "corrupt database: a tx lookup entry has " + SIZE + " bytes, found " + bytes.length);
    }
    BlockKey block = BlockKey.parse(Schema.slice(bytes, 0, BlockKey.SIZE));
    int index = 0;
    for (int i = 0; i < Integer.BYTES; i++) {
      index = (index << 8) | (bytes[BlockKey.SIZE + i] & 0xff);
    }
    if (index < 0) {
      throw StorageException.corrupt("corrupt database: tx lookup index above 2^31: " + index);
    }
    return new TxLocation(block.number(), block.hash(), index);
  }
}
