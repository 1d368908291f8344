package io.opal.rpc.eth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * Decodes revert data as geth's {@code abi.UnpackRevert} does: Solidity's {@code Error(string)}
 * gives its message, {@code Panic(uint256)} a description of the panic code; anything else (custom
 * errors, empty data) has no reason and is only returned as data.
 */
public final class RevertReason {
  private static final Bytes ERROR_SELECTOR = Bytes.fromHexString("0x08c379a0");
  private static final Bytes PANIC_SELECTOR = Bytes.fromHexString("0x4e487b71");
  private static final Map<Long, String> PANICS =
      Map.of(
          0x00L, "generic panic",
          0x01L, "assert(false)",
          0x11L, "arithmetic underflow or overflow",
          0x12L, "division or modulo by zero",
          0x21L, "enum overflow",
          0x22L, "invalid encoded storage byte array accessed",
          0x31L, "out-of-bounds array access; popping on an empty array",
          0x32L, "out-of-bounds access of an array or bytesN",
          0x41L, "out of memory",
          0x51L, "uninitialized function");

  private RevertReason() {}

  public static Optional<String> decode(Bytes data) {
    if (data.size() < 4) {
      return Optional.empty();
    }
    Bytes selector = data.slice(0, 4);
    Bytes args = data.slice(4);
    if (selector.equals(ERROR_SELECTOR)) {
      return errorString(args);
    }
    if (selector.equals(PANIC_SELECTOR) && args.size() >= 32) {
      BigInteger code = args.slice(0, 32).toUnsignedBigInteger();
      String known = code.bitLength() <= 63 ? PANICS.get(code.longValue()) : null;
      return Optional.of(known != null ? known : "unknown panic code: 0x" + code.toString(16));
    }
    return Optional.empty();
  }

  /** ABI {@code (string)}: a 32-byte offset, then at it a 32-byte length and the bytes. */
  private static Optional<String> errorString(Bytes args) {
    if (args.size() < 64) {
      return Optional.empty();
    }
    BigInteger offset = args.slice(0, 32).toUnsignedBigInteger();
    if (offset.compareTo(BigInteger.valueOf(args.size() - 32L)) > 0) {
      return Optional.empty();
    }
    int at = offset.intValueExact();
    BigInteger length = args.slice(at, 32).toUnsignedBigInteger();
    if (length.compareTo(BigInteger.valueOf(args.size() - at - 32L)) > 0) {
      return Optional.empty();
    }
    byte[] text = args.slice(at + 32, length.intValueExact()).toArrayUnsafe();
    return Optional.of(new String(text, StandardCharsets.UTF_8));
  }
}
