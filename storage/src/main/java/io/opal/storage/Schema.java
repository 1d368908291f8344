package io.opal.storage;

import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The on-disk layout: the schema version and the key encodings shared by every owner of a {@link
 * Column}. Numbers in keys are fixed-width big-endian so that unsigned byte order is numeric order
 * and a scan from {@code numberKey(n)} visits heights {@code n, n+1, ...} in turn.
 */
public final class Schema {
  /**
   * The layout version written into {@link MetaKey#SCHEMA_VERSION} when a directory is created.
   * Bump it whenever a column's key or value encoding changes meaning; a store refuses to open a
   * directory written under another version.
   */
  public static final long VERSION = 1;

  private Schema() {}

  /** The fixed keys of {@link Column#METADATA}. Their spellings are on disk: never rename one. */
  public enum MetaKey {
    /** 8-byte big-endian {@link Schema#VERSION} the directory was written under. */
    SCHEMA_VERSION("schema-version"),
    /** {@link BlockKey} of the latest unsafe (sequenced or gossiped, not yet derived) L2 block. */
    UNSAFE_HEAD("head-unsafe"),
    /** {@link BlockKey} of the latest L2 block derived from L1 data. */
    SAFE_HEAD("head-safe"),
    /** {@link BlockKey} of the latest L2 block derived from finalized L1 data. */
    FINALIZED_HEAD("head-finalized"),
    /** JSON of the chain configuration (genesis and rollup config) the database was created for. */
    CHAIN_CONFIG("chain-config"),
    /** hash of the L2 genesis block, to refuse running one chain's data with another's config. */
    GENESIS_HASH("genesis-hash"),
    /**
     * One byte, 1 if the sequencer is active and 0 if an operator stopped it (absent: never set),
     * so that {@code admin_stopSequencer} survives a restart.
     */
    SEQUENCER_STATE("sequencer-state"),
    /**
     * {@link BlockKey} of the block up to which the tables derived from head blocks are written:
     * the flat {@code ACCOUNTS}/{@code STORAGE} state and the {@code TX_LOOKUP} entries. The unsafe
     * head or a recent ancestor, whose descendants' kept diffs and bodies bring them up to the head
     * (absent: the head, as in databases written before it existed).
     */
    INDEXED_HEAD("indexed-head");

    private final byte[] key;

    MetaKey(String spelling) {
      this.key = spelling.getBytes(StandardCharsets.US_ASCII);
    }

    /** The key's bytes in {@link Column#METADATA} (a fresh copy). */
    public byte[] key() {
      return key.clone();
    }
  }

  /** 8-byte big-endian encoding of a block number or sequence number (must not be negative). */
  public static byte[] numberKey(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("numbers in keys are non-negative, got " + number);
    }
    byte[] out = new byte[Long.BYTES];
    putLong(out, 0, number);
    return out;
  }

  /** Reads a key written by {@link #numberKey}; anything else is corrupt data. */
  public static long numberFromKey(byte[] key) {
    if (key.length != Long.BYTES) {
      throw StorageException.corrupt(
          "corrupt database: a number key has 8 bytes, found "
              + key.length
              + ": "
              + Hex.encode(key));
    }
    return getLong(key, 0);
  }

  /** 8-byte big-endian encoding of an unsigned 64-bit value, as stored in values. */
  public static byte[] encodeUint64(long value) {
    byte[] out = new byte[Long.BYTES];
    putLong(out, 0, value);
    return out;
  }

  /** Reads a value written by {@link #encodeUint64}; {@code what} names it in the error. */
  public static long decodeUint64(byte[] value, String what) {
    if (value.length != Long.BYTES) {
      throw StorageException.corrupt(
          "corrupt database: " + what + " has 8 bytes, found " + value.length);
    }
    return getLong(value, 0);
  }

  /** A hash as a key (trie nodes, code, tx lookup, header numbers, flat accounts). */
  public static byte[] hashKey(Hash hash) {
    return hash.bytes().toArray();
  }

  /** Key of a flat storage slot: keccak(address) ‖ keccak(slot), 64 bytes. */
  public static byte[] storageKey(Hash accountHash, Hash slotHash) {
    byte[] out = new byte[64];
    System.arraycopy(accountHash.toArray(), 0, out, 0, 32);
    System.arraycopy(slotHash.toArray(), 0, out, 32, 32);
    return out;
  }

  /** Every flat storage slot of one account, for iterating or wiping its storage. */
  public static KeyRange storageOf(Hash accountHash) {
    return KeyRange.prefix(hashKey(accountHash));
  }

  /** Every {@link BlockKey} or number key at height {@code number} or above. */
  public static KeyRange fromHeight(long number) {
    return KeyRange.from(numberKey(number));
  }

  static void putLong(byte[] out, int offset, long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      out[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  static long getLong(byte[] in, int offset) {
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = (value << 8) | (in[offset + i] & 0xffL);
    }
    return value;
  }

  static byte[] slice(byte[] in, int from, int to) {
    return Arrays.copyOfRange(in, from, to);
  }
}
