package io.opal.storage;

import static io.opal.storage.KeyValueStoreContractTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hash;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaTest {
  private static final Hash A = Hash.keccak(b(1));
  private static final Hash B = Hash.keccak(b(2));

  @Test
  void numberKeysAreBigEndianSoByteOrderIsNumericOrder() {
    assertArrayEquals(b(1, 2, 3, 4, 5, 6, 7, 8), Schema.numberKey(0x0102030405060708L));
    long[] ascending = {0, 1, 127, 128, 255, 256, 65_535, 1L << 32, Long.MAX_VALUE};
    for (int i = 1; i < ascending.length; i++) {
      byte[] lower = Schema.numberKey(ascending[i - 1]);
      byte[] higher = Schema.numberKey(ascending[i]);
      assertTrue(
          Arrays.compareUnsigned(lower, higher) < 0, ascending[i - 1] + " < " + ascending[i]);
      assertEquals(ascending[i], Schema.numberFromKey(higher));
    }
    assertThrows(IllegalArgumentException.class, () -> Schema.numberKey(-1));
  }

  @Test
  void malformedStoredNumbersAreCorruption() {
    StorageException e = assertThrows(StorageException.class, () -> Schema.numberFromKey(b(1, 2)));
    assertEquals(StorageException.Kind.CORRUPT, e.kind());
    e = assertThrows(StorageException.class, () -> Schema.decodeUint64(new byte[9], "the head"));
    assertEquals(StorageException.Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("the head"), e.getMessage());
    assertEquals(-1L, Schema.decodeUint64(Schema.encodeUint64(-1L), "an unsigned value"));
  }

  @Test
  void blockKeyIsNumberThenHash() {
    BlockKey key = new BlockKey(258, A);
    byte[] bytes = key.toBytes();
    assertEquals(40, bytes.length);
    assertArrayEquals(Schema.numberKey(258), Arrays.copyOf(bytes, 8));
    assertArrayEquals(A.toArray(), Arrays.copyOfRange(bytes, 8, 40));
    assertEquals(key, BlockKey.parse(bytes));
    // Siblings at one height share the height prefix; the next height sorts after both.
    assertTrue(KeyRange.prefix(Schema.numberKey(258)).contains(new BlockKey(258, B).toBytes()));
    assertTrue(Arrays.compareUnsigned(bytes, new BlockKey(259, Hash.ZERO).toBytes()) < 0);
    assertTrue(Schema.fromHeight(258).contains(bytes));
    assertFalse(Schema.fromHeight(259).contains(bytes));
  }

  @Test
  void malformedBlockKeysAreCorruption() {
    assertEquals(
        StorageException.Kind.CORRUPT,
        assertThrows(StorageException.class, () -> BlockKey.parse(new byte[39])).kind());
    byte[] huge = new BlockKey(1, A).toBytes();
    huge[0] = (byte) 0x80;
    assertEquals(
        StorageException.Kind.CORRUPT,
        assertThrows(StorageException.class, () -> BlockKey.parse(huge)).kind());
    assertThrows(IllegalArgumentException.class, () -> new BlockKey(-5, A));
  }

  @Test
  void txLocationPositionsResolveThroughTheCanonicalIndex() {
    byte[] bytes = TxLocation.positionBytes(1_000_000, 300);
    assertArrayEquals(b(0, 0, 0, 0, 0, 0x0f, 0x42, 0x40, 0, 0, 1, 0x2c), bytes);
    assertEquals(
        Optional.of(new TxLocation(1_000_000, B, 300)),
        TxLocation.parse(bytes, n -> n == 1_000_000 ? Optional.of(B) : Optional.empty()));
    assertEquals(Optional.empty(), TxLocation.parse(bytes, n -> Optional.empty()));
    // The full form of earlier databases is still read as it is.
    byte[] full = new TxLocation(5, A, 2).toBytes();
    assertEquals(Optional.of(new TxLocation(5, A, 2)), TxLocation.parse(full, n -> Optional.of(B)));
    bytes[8] = (byte) 0x80;
    assertEquals(
        StorageException.Kind.CORRUPT,
        assertThrows(StorageException.class, () -> TxLocation.parse(bytes, n -> Optional.of(B)))
            .kind());
    assertThrows(IllegalArgumentException.class, () -> TxLocation.positionBytes(-1, 0));
  }

  @Test
  void txLocationRoundTrips() {
    TxLocation location = new TxLocation(1_000_000, B, 300);
    byte[] bytes = location.toBytes();
    assertEquals(44, bytes.length);
    assertArrayEquals(new BlockKey(1_000_000, B).toBytes(), Arrays.copyOf(bytes, 40));
    assertArrayEquals(b(0, 0, 1, 0x2c), Arrays.copyOfRange(bytes, 40, 44));
    assertEquals(location, TxLocation.parse(bytes));
    assertEquals(new BlockKey(1_000_000, B), location.block());
    bytes[40] = (byte) 0x80;
    assertEquals(
        StorageException.Kind.CORRUPT,
        assertThrows(StorageException.class, () -> TxLocation.parse(bytes)).kind());
    assertEquals(
        StorageException.Kind.CORRUPT,
        assertThrows(StorageException.class, () -> TxLocation.parse(new byte[43])).kind());
  }

  @Test
  void storageKeysGroupAnAccountsSlotsUnderItsHash() {
    byte[] key = Schema.storageKey(A, B);
    assertEquals(64, key.length);
    assertArrayEquals(A.toArray(), Arrays.copyOf(key, 32));
    assertArrayEquals(B.toArray(), Arrays.copyOfRange(key, 32, 64));
    assertTrue(Schema.storageOf(A).contains(key));
    assertFalse(Schema.storageOf(B).contains(key));
    assertFalse(Schema.storageOf(A).contains(Schema.storageKey(B, A)));
  }

  @Test
  void prefixEndIsTheFirstKeyPastThePrefix() {
    assertEquals(Optional.empty(), KeyRange.prefixEnd(b()));
    assertEquals(Optional.empty(), KeyRange.prefixEnd(b(0xff, 0xff)));
    assertArrayEquals(b(0x02), KeyRange.prefixEnd(b(0x01, 0xff)).orElseThrow());
    assertArrayEquals(b(0x01, 0x03), KeyRange.prefixEnd(b(0x01, 0x02)).orElseThrow());
    assertArrayEquals(b(0xff, 0x01), KeyRange.prefixEnd(b(0xff, 0x00)).orElseThrow());
    assertArrayEquals(b(0x80), KeyRange.prefixEnd(b(0x7f)).orElseThrow());
  }

  @Test
  void keyRangesCopyTheirBoundsAndRejectInvertedOnes() {
    byte[] start = b(5);
    KeyRange range = KeyRange.between(start, b(9));
    start[0] = 0;
    assertFalse(range.contains(b(4)));
    assertTrue(range.contains(b(5)));
    assertFalse(range.contains(b(9)));
    assertEquals(KeyRange.between(b(5), b(9)), range);
    assertTrue(KeyRange.between(b(3), b(3)).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> KeyRange.between(b(4), b(3)));
    assertTrue(KeyRange.all().contains(b()));
  }

  @Test
  void onDiskNamesAreUniqueAndUnchanged() {
    // These names are in every existing database: changing one orphans data, so this list may
    // only grow (with a schema version bump), never be edited.
    assertEquals(
        List.of(
            "headers",
            "header-numbers",
            "bodies",
            "receipts",
            "canonical",
            "tx-lookup",
            "trie-nodes",
            "accounts",
            "storage",
            "code",
            "state-history",
            "metadata",
            "txpool-journal",
            "batcher",
            "proposer",
            "peerstore"),
        Arrays.stream(Column.values()).map(Column::familyName).toList());
    Set<String> metaKeys = new HashSet<>();
    for (Schema.MetaKey key : Schema.MetaKey.values()) {
      assertTrue(metaKeys.add(new String(key.key(), java.nio.charset.StandardCharsets.US_ASCII)));
    }
    assertEquals(
        "schema-version",
        new String(
            Schema.MetaKey.SCHEMA_VERSION.key(), java.nio.charset.StandardCharsets.US_ASCII));
  }
}
