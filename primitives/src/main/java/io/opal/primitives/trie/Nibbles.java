package io.opal.primitives.trie;

/**
 * Paths as arrays with one nibble (0..15) per byte, and their hex-prefix ("compact") encoding.
 * Nodes keep slices of such arrays (array + start, sometimes + end) so that splitting a path never
 * copies it.
 */
final class Nibbles {
  static final byte[] EMPTY = new byte[0];

  private Nibbles() {}

  /** The nibbles of {@code key}, high nibble first. */
  static byte[] of(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  /** The bytes of an even-length nibble path (keys always have whole bytes). */
  static byte[] toBytes(byte[] nibbles, int length) {
    byte[] out = new byte[length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
    }
    return out;
  }

  /** Length of the common prefix of {@code a[aFrom..aTo)} and {@code b[bFrom..bTo)}. */
  static int commonPrefix(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int max = Math.min(aTo - aFrom, bTo - bFrom);
    int i = 0;
    while (i < max && a[aFrom + i] == b[bFrom + i]) {
      i++;
    }
    return i;
  }

  /** A new array holding {@code first} followed by {@code rest[from..to)}. */
  static byte[] prepend(int first, byte[] rest, int from, int to) {
    byte[] out = new byte[1 + to - from];
    out[0] = (byte) first;
    System.arraycopy(rest, from, out, 1, to - from);
    return out;
  }

  /** A new array holding {@code a[aFrom..aTo)} followed by {@code b[bFrom..bTo)}. */
  static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    byte[] out = new byte[(aTo - aFrom) + (bTo - bFrom)];
    System.arraycopy(a, aFrom, out, 0, aTo - aFrom);
    System.arraycopy(b, bFrom, out, aTo - aFrom, bTo - bFrom);
    return out;
  }

  /** Size in bytes of the hex-prefix encoding of a path of {@code length} nibbles. */
  static int compactSize(int length) {
    return length / 2 + 1;
  }

  /**
   * Writes the hex-prefix encoding of {@code path[from..to)} at {@code out[at]}: a flag nibble (2
   * for a leaf, +1 for an odd length), a zero pad nibble if even, then the path.
   */
  static void writeCompact(byte[] path, int from, int to, boolean leaf, byte[] out, int at) {
    int length = to - from;
    int flag = (leaf ? 2 : 0) + (length & 1);
    int i = from;
    if ((length & 1) == 1) {
      out[at] = (byte) ((flag << 4) | path[i++]);
    } else {
      out[at] = (byte) (flag << 4);
    }
    int o = at + 1;
    while (i < to) {
      out[o++] = (byte) ((path[i] << 4) | path[i + 1]);
      i += 2;
    }
  }
}
