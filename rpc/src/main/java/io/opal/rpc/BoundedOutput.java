package io.opal.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that refuses to grow past a limit: how a response's size is capped. */
final class BoundedOutput extends OutputStream {
  /** Thrown (through Jackson) when a response would pass its limit. */
  static final class LimitExceeded extends IOException {
    LimitExceeded(long limit) {
      super("response larger than " + limit + " bytes", null);
    }
  }

  private final long limit;
  private byte[] buf;
  private int size;

  BoundedOutput(int initialCapacity, long limit) {
    this.buf = new byte[initialCapacity];
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  private void ensure(int more) throws LimitExceeded {
    long needed = (long) size + more;
    if (needed > limit) {
      throw new LimitExceeded(limit);
    }
    if (needed > buf.length) {
      long grown = Math.max(needed, Math.min((long) buf.length * 2, limit));
      buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 16));
    }
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
