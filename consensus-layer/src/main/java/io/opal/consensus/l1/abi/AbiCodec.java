package io.opal.consensus.l1.abi;

import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The Solidity contract ABI encoding of values (head/tail, 32-byte words).
 *
 * <p>Java values: integers as {@link BigInteger}, {@link UInt256}, {@link Long} or {@link Integer};
 * {@link Address}; {@link Boolean}; {@code bytesN} and {@code bytes} as {@link Bytes} (or a {@link
 * Hash} for {@code bytes32}, or {@code byte[]}); {@link String}; tuples and arrays as {@link List}.
 * Decoding yields BigInteger, Address, Boolean, Bytes, String and List.
 *
 * <p>Decoding is strict and bounded: out-of-range offsets and lengths, dirty padding of addresses,
 * booleans and small integers, and invalid UTF-8 raise a {@link DecodingException}; no length read
 * from the input allocates more than the input could hold.
 */
public final class AbiCodec {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private AbiCodec() {}

  // --- encoding --------------------------------------------------------------------------------

  /** Encodes {@code values} as the tuple of {@code types} (function arguments, event data). */
  public static Bytes encode(List<AbiType> types, List<?> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTuple(out, types, values);
    return Bytes.wrap(out.toByteArray());
  }

  private static void writeTuple(ByteArrayOutputStream out, List<AbiType> types, List<?> values) {
    if (types.size() != values.size()) {
      throw new IllegalArgumentException(
          "expected " + types.size() + " values, got " + values.size());
    }
    int headSize = 0;
    for (AbiType t : types) {
      headSize += t.headSize();
    }
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    for (int i = 0; i < types.size(); i++) {
      AbiType t = types.get(i);
      if (t.isDynamic()) {
        out.writeBytes(word(BigInteger.valueOf(headSize + tail.size())));
        writeValue(tail, t, values.get(i));
      } else {
        writeValue(out, t, values.get(i));
      }
    }
    out.writeBytes(tail.toByteArray());
  }

  private static void writeValue(ByteArrayOutputStream out, AbiType type, Object value) {
    switch (type) {
      case AbiType.UIntType u -> out.writeBytes(word(unsigned(value, u.bits())));
      case AbiType.IntType i -> out.writeBytes(word(signed(value, i.bits())));
      case AbiType.AddressType a -> {
        byte[] w = new byte[32];
        System.arraycopy(((Address) value).toArray(), 0, w, 12, 20);
        out.writeBytes(w);
      }
      case AbiType.BoolType b ->
          out.writeBytes(word((Boolean) value ? BigInteger.ONE : BigInteger.ZERO));
      case AbiType.FixedBytesType f -> {
        byte[] raw = bytesOf(value);
        if (raw.length != f.size()) {
          throw new IllegalArgumentException(
              f.canonical() + " needs " + f.size() + " bytes, got " + raw.length);
        }
        out.writeBytes(Arrays.copyOf(raw, 32));
      }
      case AbiType.BytesType b -> writeDynamicBytes(out, bytesOf(value));
      case AbiType.StringType s ->
          writeDynamicBytes(out, ((String) value).getBytes(StandardCharsets.UTF_8));
      case AbiType.ArrayType a -> {
        List<?> items = listOf(value);
        out.writeBytes(word(BigInteger.valueOf(items.size())));
        writeTuple(out, java.util.Collections.nCopies(items.size(), a.element()), items);
      }
      case AbiType.FixedArrayType a -> {
        List<?> items = listOf(value);
        if (items.size() != a.length()) {
          throw new IllegalArgumentException(
              a.canonical() + " needs " + a.length() + " items, got " + items.size());
        }
        writeTuple(out, java.util.Collections.nCopies(items.size(), a.element()), items);
      }
      case AbiType.TupleType t -> writeTuple(out, t.components(), listOf(value));
    }
  }

  private static void writeDynamicBytes(ByteArrayOutputStream out, byte[] raw) {
    out.writeBytes(word(BigInteger.valueOf(raw.length)));
    out.writeBytes(raw);
    int pad = (32 - raw.length % 32) % 32;
    out.writeBytes(new byte[pad]);
  }

  private static byte[] word(BigInteger twosComplement) {
    BigInteger v = twosComplement.signum() < 0 ? twosComplement.add(TWO_256) : twosComplement;
    byte[] raw = v.toByteArray();
    byte[] w = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, w, 32 - len, len);
    return w;
  }

  private static BigInteger integer(Object value) {
    return switch (value) {
      case BigInteger b -> b;
      case UInt256 u -> u.toUnsignedBigInteger();
      case Long l -> BigInteger.valueOf(l);
      case Integer i -> BigInteger.valueOf(i);
      default -> throw new IllegalArgumentException("not an integer: " + value);
    };
  }

  private static BigInteger unsigned(Object value, int bits) {
    BigInteger v = integer(value);
    if (v.signum() < 0 || v.bitLength() > bits) {
      throw new IllegalArgumentException(v + " does not fit uint" + bits);
    }
    return v;
  }

  private static BigInteger signed(Object value, int bits) {
    BigInteger v = integer(value);
    if (v.bitLength() > bits - 1) {
      throw new IllegalArgumentException(v + " does not fit int" + bits);
    }
    return v;
  }

  private static byte[] bytesOf(Object value) {
    return switch (value) {
      case Bytes b -> b.toArrayUnsafe();
      case Hash h -> h.toArray();
      case byte[] a -> a;
      default -> throw new IllegalArgumentException("not bytes: " + value);
    };
  }

  private static List<?> listOf(Object value) {
    return switch (value) {
      case List<?> l -> l;
      case Object[] a -> Arrays.asList(a);
      default -> throw new IllegalArgumentException("not a list: " + value);
    };
  }

  // --- decoding --------------------------------------------------------------------------------

  /** Decodes the tuple of {@code types} that is the whole of {@code data}. */
  public static List<Object> decode(List<AbiType> types, Bytes data) {
    byte[] raw = data.toArrayUnsafe();
    return new Reader(raw).readTuple(types, 0);
  }

  /**
   * One decoding: the input and a budget of words, so that offsets pointing many items at the same
   * data cannot make the decoder allocate far more than the input holds.
   */
  private static final class Reader {
    private final byte[] data;
    private final int end;
    private long budget;

    Reader(byte[] data) {
      this.data = data;
      this.end = data.length;
      this.budget = 4L * (data.length / 32) + 64;
    }

    /** Reads a tuple whose encoding starts at {@code base}; offsets are relative to it. */
    List<Object> readTuple(List<AbiType> types, int base) {
      List<Object> values = new ArrayList<>(types.size());
      int head = base;
      for (AbiType t : types) {
        if (t.isDynamic()) {
          long offset = readLength(head);
          if (offset > end - base) {
            throw new DecodingException(head, "offset " + offset + " points past the data");
          }
          values.add(readValue(t, base + (int) offset));
        } else {
          values.add(readValue(t, head));
        }
        head += t.headSize();
      }
      return values;
    }

    private Object readValue(AbiType type, int at) {
      return switch (type) {
        case AbiType.UIntType u -> {
          BigInteger v = new BigInteger(1, wordAt(at));
          if (v.bitLength() > u.bits()) {
            throw new DecodingException(at, "value exceeds uint" + u.bits());
          }
          yield v;
        }
        case AbiType.IntType i -> {
          BigInteger v = new BigInteger(wordAt(at));
          if (v.bitLength() > i.bits() - 1) {
            throw new DecodingException(at, "value exceeds int" + i.bits());
          }
          yield v;
        }
        case AbiType.AddressType a -> {
          byte[] w = wordAt(at);
          for (int k = 0; k < 12; k++) {
            if (w[k] != 0) {
              throw new DecodingException(at, "address padding is not zero");
            }
          }
          yield Address.wrap(Arrays.copyOfRange(w, 12, 32));
        }
        case AbiType.BoolType b -> {
          BigInteger v = new BigInteger(1, wordAt(at));
          if (v.compareTo(BigInteger.ONE) > 0) {
            throw new DecodingException(at, "a bool is 0 or 1");
          }
          yield v.signum() == 1;
        }
        case AbiType.FixedBytesType f -> {
          byte[] w = wordAt(at);
          for (int k = f.size(); k < 32; k++) {
            if (w[k] != 0) {
              throw new DecodingException(at, f.canonical() + " padding is not zero");
            }
          }
          yield Bytes.wrap(Arrays.copyOf(w, f.size()));
        }
        case AbiType.BytesType b -> Bytes.wrap(dynamicBytes(at));
        case AbiType.StringType s -> utf8(dynamicBytes(at), at);
        case AbiType.ArrayType a -> {
          long n = readLength(at);
          // Each item takes at least one head slot: a count the data cannot hold is a lie.
          if (n > (end - at - 32) / Math.max(32, a.element().headSize())) {
            throw new DecodingException(at, "array length " + n + " exceeds the data");
          }
          yield readTuple(java.util.Collections.nCopies((int) n, a.element()), at + 32);
        }
        case AbiType.FixedArrayType a ->
            readTuple(java.util.Collections.nCopies(a.length(), a.element()), at);
        case AbiType.TupleType t -> readTuple(t.components(), at);
      };
    }

    private byte[] dynamicBytes(int at) {
      long len = readLength(at);
      if (len > end - at - 32) {
        throw new DecodingException(at, "length " + len + " exceeds the data");
      }
      spend((len + 31) / 32);
      return Arrays.copyOfRange(data, at + 32, at + 32 + (int) len);
    }

    private byte[] wordAt(int at) {
      if (at < 0 || at > end - 32) {
        throw new DecodingException(at, "data ends before this 32-byte word");
      }
      spend(1);
      return Arrays.copyOfRange(data, at, at + 32);
    }

    private void spend(long words) {
      budget -= words;
      if (budget < 0) {
        throw new DecodingException(-1, "the encoding reads the same data over and over");
      }
    }

    /** A word holding a length or offset: must fit in an int. */
    private long readLength(int at) {
      byte[] w = wordAt(at);
      for (int k = 0; k < 28; k++) {
        if (w[k] != 0) {
          throw new DecodingException(at, "length or offset too large");
        }
      }
      long v =
          ((w[28] & 0xffL) << 24)
              | ((w[29] & 0xffL) << 16)
              | ((w[30] & 0xffL) << 8)
              | (w[31] & 0xffL);
      if (v > Integer.MAX_VALUE) {
        throw new DecodingException(at, "length or offset too large");
      }
      return v;
    }
  }

  private static String utf8(byte[] raw, int at) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodingException(at, "string is not valid UTF-8");
    }
  }
}
