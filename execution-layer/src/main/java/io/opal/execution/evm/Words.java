package io.opal.execution.evm;

import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.tuweni.units.bigints.UInt256;

/** Conversions between stack words and addresses, byte strings and other value types. */
final class Words {
  static final byte[] EMPTY = new byte[0];

  /** Eight bytes read or written as one big-endian long (a single load or store once compiled). */
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Words() {}

  static void pushAddress(long[] s, int p, Address a) {
    byte[] b = a.toArray();
    s[p] = readLong(b, 12, 8);
    s[p + 1] = readLong(b, 4, 8);
    s[p + 2] = readLong(b, 0, 4);
    s[p + 3] = 0;
  }

  static Address toAddress(long[] s, int p) {
    byte[] b = new byte[20];
    writeLong(b, 12, s[p], 8);
    writeLong(b, 4, s[p + 1], 8);
    writeLong(b, 0, s[p + 2], 4);
    return Address.wrap(b);
  }

  /** Big-endian read of {@code n} ≤ 8 bytes. */
  static long readLong(byte[] b, int off, int n) {
    long r = 0;
    for (int i = 0; i < n; i++) {
      r = (r << 8) | (b[off + i] & 0xFF);
    }
    return r;
  }

  /** Big-endian write of the low {@code n} ≤ 8 bytes of {@code v}. */
  static void writeLong(byte[] b, int off, long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** Pushes {@code n} big-endian bytes at {@code start} as a word (PUSHn). */
  static void pushBytes(long[] s, int p, byte[] code, int start, int n) {
    int end = start + n;
    for (int limb = 0; limb < 4; limb++) {
      int hi = end - 8 * limb;
      int len = Math.min(8, hi - start);
      long v;
      if (len <= 0) {
        v = 0;
      } else if (hi >= 8) {
        // Read the 8 bytes ending at hi and keep the len low ones.
        v = (long) LONG_BE.get(code, hi - 8);
        if (len < 8) {
          v &= (1L << (8 * len)) - 1;
        }
      } else {
        v = readLong(code, hi - len, len);
      }
      s[p + limb] = v;
    }
  }

  /** Reads 32 bytes at {@code off} (inside {@code b}) as a word. */
  static void load(long[] s, int p, byte[] b, int off) {
    s[p + 3] = (long) LONG_BE.get(b, off);
    s[p + 2] = (long) LONG_BE.get(b, off + 8);
    s[p + 1] = (long) LONG_BE.get(b, off + 16);
    s[p] = (long) LONG_BE.get(b, off + 24);
  }

  /** Reads 32 bytes at {@code off} of {@code b}, zero past {@code length}. */
  static void loadPadded(long[] s, int p, byte[] b, long off, int length) {
    if (off >= 0 && off <= length - 32) {
      load(s, p, b, (int) off);
      return;
    }
    byte[] tmp = new byte[32];
    if (off >= 0 && off < length) {
      System.arraycopy(b, (int) off, tmp, 0, (int) (length - off));
    }
    load(s, p, tmp, 0);
  }

  /** Writes the word as 32 big-endian bytes at {@code off}. */
  static void store(long[] s, int p, byte[] b, int off) {
    LONG_BE.set(b, off, s[p + 3]);
    LONG_BE.set(b, off + 8, s[p + 2]);
    LONG_BE.set(b, off + 16, s[p + 1]);
    LONG_BE.set(b, off + 24, s[p]);
  }

  static Word256 toWord(long[] s, int p) {
    long w0 = s[p], w1 = s[p + 1], w2 = s[p + 2], w3 = s[p + 3];
    return (w0 | w1 | w2 | w3) == 0 ? Word256.ZERO : new Word256(w0, w1, w2, w3);
  }

  static void push(long[] s, int p, Word256 w) {
    s[p] = w.w0();
    s[p + 1] = w.w1();
    s[p + 2] = w.w2();
    s[p + 3] = w.w3();
  }

  static void push(long[] s, int p, UInt256 v) {
    load(s, p, v.toBytes().toArrayUnsafe(), 0);
  }

  static void push(long[] s, int p, byte[] b32) {
    load(s, p, b32, 0);
  }

  static UInt256 toUInt256(long[] s, int p) {
    byte[] b = new byte[32];
    store(s, p, b, 0);
    return UInt256.fromBytes(org.apache.tuweni.bytes.Bytes32.wrap(b));
  }

  static byte[] toBytes(long[] s, int p) {
    byte[] b = new byte[32];
    store(s, p, b, 0);
    return b;
  }
}
