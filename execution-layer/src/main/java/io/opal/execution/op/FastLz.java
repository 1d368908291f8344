package io.opal.execution.op;

/**
 * The size FastLZ level 1 compression gives a byte string, without producing the output: the Fjord
 * L1 data fee's estimate of how many bytes a transaction adds to a batch
 * (specs/protocol/fjord/exec-engine.md).
 *
 * <p>This is FastLZ's level-1 compressor (ariya/FastLZ {@code fastlz1_compress}) with the emitting
 * replaced by counting. It is used for every input size: the reference implementations the chain
 * agrees on (op-geth, and the GasPriceOracle contract's LibZip) never switch to level 2, which
 * {@code fastlz_compress} would for inputs of 64 KiB and more.
 */
public final class FastLz {
  private FastLz() {}

  private static final int HASH_LOG = 13;
  private static final int HASH_SIZE = 1 << HASH_LOG;
  private static final int MAX_COPY = 32;
  private static final int MAX_DISTANCE = 8191;

  /** Longest match one instruction encodes (FastLZ's MAX_LEN - 2). */
  private static final int MAX_MATCH_RUN = 262;

  /** The length of {@code data} compressed by FastLZ level 1. */
  public static int compressedLength(byte[] data) {
    int length = data.length;
    int[] table = new int[HASH_SIZE]; // last position of each 3-byte hash; 0 at the start
    // Matches are only looked for up to 13 bytes before the end, and extended to 4 before it.
    int limit = length < 13 ? 0 : length - 13;
    int bound = limit + 9;
    int out = 0;
    int anchor = 0;
    int ip = 2;
    while (ip < limit) {
      int ref;
      int seq;
      while (true) {
        seq = read24(data, ip);
        int h = hash(seq);
        ref = table[h];
        table[h] = ip;
        int distance = ip - ref;
        if (ip >= limit) {
          break;
        }
        ip++;
        if (distance <= MAX_DISTANCE && seq == read24(data, ref)) {
          break;
        }
      }
      if (ip >= limit) {
        break;
      }
      ip--; // the match starts where the last hash lookup was made
      if (ip > anchor) {
        out += literalsLength(ip - anchor);
      }
      int len = matchLength(data, ref + 3, ip + 3, bound);
      out += matchInstructionLength(len);
      ip += len;
      // Remember the two positions after the match, as the compressor does.
      table[hash(read24(data, ip))] = ip;
      ip++;
      table[hash(read24(data, ip))] = ip;
      ip++;
      anchor = ip;
    }
    return out + literalsLength(length - anchor);
  }

  private static int read24(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
  }

  /** Fibonacci hashing of 3 bytes into 13 bits, in 32-bit unsigned arithmetic. */
  private static int hash(int v) {
    return ((int) (2654435769L * v) >>> (32 - HASH_LOG)) & (HASH_SIZE - 1);
  }

  /**
   * The number of bytes from {@code q} (compared with those from {@code p}) up to and including the
   * first that differs, or up to {@code end}: FastLZ's {@code flz_cmp}, which counts the
   * mismatching byte.
   */
  private static int matchLength(byte[] data, int p, int q, int end) {
    int n = 0;
    while (q + n < end) {
      boolean equal = data[p + n] == data[q + n];
      n++;
      if (!equal) {
        break;
      }
    }
    return n;
  }

  /** Literal runs: one control byte per run of at most 32 bytes, plus the bytes. */
  private static int literalsLength(int runs) {
    int n = (runs / MAX_COPY) * (MAX_COPY + 1);
    int rest = runs % MAX_COPY;
    return rest == 0 ? n : n + rest + 1;
  }

  /**
   * A match instruction: 3 bytes per full run of 262, then 2 bytes for a short remainder (under 7)
   * or 3 for a longer one.
   */
  private static int matchInstructionLength(int len) {
    int n = 0;
    while (len > MAX_MATCH_RUN) {
      n += 3;
      len -= MAX_MATCH_RUN;
    }
    return n + (len < 7 ? 2 : 3);
  }
}
