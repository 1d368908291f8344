package io.opal.consensus.devnet.genesis;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The small part of the Solidity ABI that genesis construction and its tests need: selectors,
 * static words (addresses, unsigned integers, booleans, bytes32) and dynamic {@code bytes}.
 */
public final class Abi {
  private Abi() {}

  /** The first four bytes of keccak256 of a canonical signature such as {@code "owner()"}. */
  public static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }

  /** Calldata: the selector of {@code signature} followed by the encoded arguments. */
  public static byte[] call(String signature, Object... args) {
    byte[] sel = selector(signature);
    byte[] body = encode(args);
    byte[] out = Arrays.copyOf(sel, 4 + body.length);
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  /**
   * Head/tail encoding of a tuple. Static values: {@link Address}, {@link BigInteger}, {@link
   * UInt256}, {@link Long}/{@link Integer} (non-negative), {@link Boolean}, {@link Hash} and {@link
   * Bytes32}. Dynamic: {@code byte[]} and other {@link Bytes} as {@code bytes}.
   */
  public static byte[] encode(Object... args) {
    List<byte[]> heads = new ArrayList<>();
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    int headSize = 32 * args.length;
    for (Object a : args) {
      byte[] dynamic = dynamicBytes(a);
      if (dynamic == null) {
        heads.add(word(a));
      } else {
        heads.add(uint(BigInteger.valueOf(headSize + tail.size())));
        tail.writeBytes(uint(BigInteger.valueOf(dynamic.length)));
        tail.writeBytes(dynamic);
        tail.writeBytes(new byte[(32 - dynamic.length % 32) % 32]);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    heads.forEach(out::writeBytes);
    out.writeBytes(tail.toByteArray());
    return out.toByteArray();
  }

  private static byte[] dynamicBytes(Object a) {
    if (a instanceof byte[] b) {
      return b;
    }
    if (a instanceof Bytes b && !(a instanceof Bytes32)) {
      return b.toArrayUnsafe();
    }
    return null;
  }

  /** One 32-byte ABI word of a static value. */
  public static byte[] word(Object a) {
    return switch (a) {
      case Address addr -> {
        byte[] w = new byte[32];
        System.arraycopy(addr.toArray(), 0, w, 12, 20);
        yield w;
      }
      case Hash h -> h.toArray();
      case UInt256 u -> u.toBytes().toArray();
      case Bytes32 b -> b.toArray();
      case Boolean flag -> uint(flag ? BigInteger.ONE : BigInteger.ZERO);
      case BigInteger v -> uint(v);
      case Long v -> uint(BigInteger.valueOf(v));
      case Integer v -> uint(BigInteger.valueOf(v));
      default -> throw new IllegalArgumentException("no ABI encoding for " + a.getClass());
    };
  }

  private static byte[] uint(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not a uint256: " + v);
    }
    byte[] raw = v.toByteArray();
    byte[] w = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, w, 32 - n, n);
    return w;
  }

  /** Word {@code index} of return data as an unsigned integer. */
  public static BigInteger uintAt(byte[] data, int index) {
    return new BigInteger(1, wordAt(data, index));
  }

  /** Word {@code index} of return data as an address (its low 20 bytes). */
  public static Address addressAt(byte[] data, int index) {
    return Address.wrap(Arrays.copyOfRange(wordAt(data, index), 12, 32));
  }

  public static boolean boolAt(byte[] data, int index) {
    return uintAt(data, index).signum() != 0;
  }

  /** The {@code bytes} or {@code string} whose offset is in word {@code index}. */
  public static byte[] bytesAt(byte[] data, int index) {
    BigInteger offset = uintAt(data, index);
    if (offset.bitLength() > 31 || offset.intValue() + 32 > data.length) {
      throw new IllegalArgumentException("dynamic offset out of range: " + offset);
    }
    int o = offset.intValue();
    BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, o, o + 32));
    if (length.bitLength() > 31 || o + 32 + length.intValue() > data.length) {
      throw new IllegalArgumentException("dynamic length out of range: " + length);
    }
    return Arrays.copyOfRange(data, o + 32, o + 32 + length.intValue());
  }

  private static byte[] wordAt(byte[] data, int index) {
    int from = 32 * index;
    if (index < 0 || from + 32 > data.length) {
      throw new IllegalArgumentException(
          "return data has " + data.length + " bytes, no word " + index);
    }
    return Arrays.copyOfRange(data, from, from + 32);
  }
}
