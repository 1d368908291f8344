package io.opal.primitives;

/**
 * The one error a decoder lets escape for bad input: says where ({@link #offset()}, in bytes from
 * the start of the outermost input, or -1 when not meaningful) and what was wrong ({@link
 * #reason()}).
 */
public class DecodingException extends RuntimeException {
  private final long offset;
  private final String reason;

  public DecodingException(long offset, String reason) {
    super(offset >= 0 ? reason + " (at offset " + offset + ")" : reason);
    this.offset = offset;
    this.reason = reason;
  }

  public DecodingException(long offset, String reason, Throwable cause) {
    super(offset >= 0 ? reason + " (at offset " + offset + ")" : reason, cause);
    this.offset = offset;
    this.reason = reason;
  }

  public long offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }
}
