package io.opal.rpc;

/**
 * The {@code params} of a call, kept as a slice of the request body and parsed only when a method
 * reads an argument: a body full of unread parameters costs no parse tree.
 */
record RawJson(byte[] source, int offset, int length) {
  /** {@code params} absent or null: no arguments. */
  static final RawJson ABSENT = new RawJson(new byte[0], 0, 0);

  /** {@code params} is an object or a scalar, which geth (and so Opal) does not accept. */
  static final RawJson NOT_AN_ARRAY = new RawJson(new byte[0], 0, -1);

  boolean isArray() {
    return length > 0;
  }
}
