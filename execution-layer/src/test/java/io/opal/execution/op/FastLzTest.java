package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * FastLZ level-1 sizes worked out by hand from the compressor (ariya/FastLZ fastlz1_compress, the
 * algorithm fjord/exec-engine.md names). Random and structured inputs are checked against the
 * GasPriceOracle's own Solidity FastLZ in {@link GasPriceOracleCrossCheckTest}.
 */
class FastLzTest {

  @Test
  void shortInputsAreOneLiteralRun() {
    assertEquals(0, FastLz.compressedLength(new byte[0]));
    assertEquals(2, FastLz.compressedLength(new byte[1]));
    // Below 16 bytes the match search never starts: one control byte plus the bytes.
    assertEquals(16, FastLz.compressedLength(new byte[15]));
  }

  @Test
  void longLiteralRunsTakeOneControlBytePerThirtyTwo() {
    // 70 bytes with no repeated 3-byte sequence: runs of 32, 32 and 6 -> 33 + 33 + 7.
    byte[] distinct = new byte[70];
    for (int i = 0; i < distinct.length; i++) {
      distinct[i] = (byte) (i * 37 + 11);
    }
    assertEquals(73, FastLz.compressedLength(distinct));
  }

  @Test
  void aRunOfZerosBecomesAMatch() {
    // 100 zeros: a match starts at 2 (distance 2) after 2 literals (3 bytes); it extends to the
    // bound at 96, 91 bytes counted, so a 3-byte match; the anchor moves to 95 and the last 5
    // bytes are literals (6 bytes). 3 + 3 + 6 = 12.
    assertEquals(12, FastLz.compressedLength(new byte[100]));
  }

  @Test
  void aVeryLongMatchIsSplitInto262ByteRuns() {
    // 1000 zeros: 2 literals (3), a match counted to the bound at 996, 991 bytes: three runs of
    // 262 (9 bytes) and 205 left (3 bytes); then 5 literals (6). 3 + 12 + 6 = 21.
    assertEquals(21, FastLz.compressedLength(new byte[1000]));
    byte[] ones = new byte[1000];
    Arrays.fill(ones, (byte) 0xff);
    assertEquals(21, FastLz.compressedLength(ones));
  }
}
