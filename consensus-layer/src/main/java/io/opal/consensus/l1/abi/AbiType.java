package io.opal.consensus.l1.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Solidity ABI type (the contract ABI specification's types, without fixed-point numbers and
 * function pointers): what {@link AbiCodec} encodes and decodes.
 */
public sealed interface AbiType {

  /** Whether values are encoded out of line (behind an offset in the head). */
  boolean isDynamic();

  /** The canonical name used in signatures: {@code uint256}, {@code (address,bytes)[]}... */
  String canonical();

  /** Bytes this type takes in the head of a tuple: 32 for dynamic types. */
  default int headSize() {
    return 32;
  }

  record UIntType(int bits) implements AbiType {
    public UIntType {
      checkBits(bits);
    }

    @Override
    public boolean isDynamic() {
      return false;
    }

    @Override
    public String canonical() {
      return "uint" + bits;
    }
  }

  record IntType(int bits) implements AbiType {
    public IntType {
      checkBits(bits);
    }

    @Override
    public boolean isDynamic() {
      return false;
    }

    @Override
    public String canonical() {
      return "int" + bits;
    }
  }

  record AddressType() implements AbiType {
    @Override
    public boolean isDynamic() {
      return false;
    }

    @Override
    public String canonical() {
      return "address";
    }
  }

  record BoolType() implements AbiType {
    @Override
    public boolean isDynamic() {
      return false;
    }

    @Override
    public String canonical() {
      return "bool";
    }
  }

  /** {@code bytes1}..{@code bytes32}, left-aligned in their word. */
  record FixedBytesType(int size) implements AbiType {
    public FixedBytesType {
      if (size < 1 || size > 32) {
        throw new IllegalArgumentException("bytesN needs 1 <= N <= 32, got " + size);
      }
    }

    @Override
    public boolean isDynamic() {
      return false;
    }

    @Override
    public String canonical() {
      return "bytes" + size;
    }
  }

  record BytesType() implements AbiType {
    @Override
    public boolean isDynamic() {
      return true;
    }

    @Override
    public String canonical() {
      return "bytes";
    }
  }

  record StringType() implements AbiType {
    @Override
    public boolean isDynamic() {
      return true;
    }

    @Override
    public String canonical() {
      return "string";
    }
  }

  /** {@code T[]}. */
  record ArrayType(AbiType element) implements AbiType {
    @Override
    public boolean isDynamic() {
      return true;
    }

    @Override
    public String canonical() {
      return element.canonical() + "[]";
    }
  }

  /** {@code T[k]}: dynamic exactly when T is. */
  record FixedArrayType(AbiType element, int length) implements AbiType {
    public FixedArrayType {
      if (length < 0) {
        throw new IllegalArgumentException("negative array length");
      }
    }

    @Override
    public boolean isDynamic() {
      return element.isDynamic();
    }

    @Override
    public String canonical() {
      return element.canonical() + "[" + length + "]";
    }

    @Override
    public int headSize() {
      return isDynamic() ? 32 : Math.multiplyExact(length, element.headSize());
    }
  }

  /** {@code (T1,T2,...)}: dynamic when any component is. */
  record TupleType(List<AbiType> components) implements AbiType {
    public TupleType {
      components = List.copyOf(components);
    }

    @Override
    public boolean isDynamic() {
      return components.stream().anyMatch(AbiType::isDynamic);
    }

    @Override
    public String canonical() {
      return components.stream().map(AbiType::canonical).collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public int headSize() {
      if (isDynamic()) {
        return 32;
      }
      int size = 0;
      for (AbiType c : components) {
        size = Math.addExact(size, c.headSize());
      }
      return size;
    }
  }

  private static void checkBits(int bits) {
    if (bits < 8 || bits > 256 || bits % 8 != 0) {
      throw new IllegalArgumentException(
          "integer types have 8..256 bits in steps of 8, got " + bits);
    }
  }

  /**
   * Parses a type name: elementary names ({@code uint} and {@code int} mean 256 bits), tuples in
   * parentheses and array suffixes, nested freely.
   *
   * @throws IllegalArgumentException on anything else
   */
  static AbiType parse(String name) {
    String s = name.strip();
    if (s.endsWith("]")) {
      int open = s.lastIndexOf('[');
      if (open < 0) {
        throw new IllegalArgumentException("unbalanced array brackets in " + name);
      }
      AbiType element = parse(s.substring(0, open));
      String length = s.substring(open + 1, s.length() - 1);
      return length.isEmpty()
          ? new ArrayType(element)
          : new FixedArrayType(element, Integer.parseInt(length));
    }
    if (s.startsWith("(")) {
      if (!s.endsWith(")")) {
        throw new IllegalArgumentException("unbalanced parentheses in " + name);
      }
      return new TupleType(parseList(s.substring(1, s.length() - 1)));
    }
    return switch (s) {
      case "address" -> new AddressType();
      case "bool" -> new BoolType();
      case "bytes" -> new BytesType();
      case "string" -> new StringType();
      case "uint" -> new UIntType(256);
      case "int" -> new IntType(256);
      default -> {
        if (s.startsWith("uint")) {
          yield new UIntType(Integer.parseInt(s.substring(4)));
        } else if (s.startsWith("int")) {
          yield new IntType(Integer.parseInt(s.substring(3)));
        } else if (s.startsWith("bytes")) {
          yield new FixedBytesType(Integer.parseInt(s.substring(5)));
        }
        throw new IllegalArgumentException("unknown ABI type " + name);
      }
    };
  }

  /**
   * Parses a comma-separated list of types (the inside of a tuple or a signature's parentheses).
   */
  static List<AbiType> parseList(String list) {
    List<AbiType> types = new ArrayList<>();
    if (list.isBlank()) {
      return types;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        types.add(parse(list.substring(start, i)));
        start = i + 1;
      }
      if (depth < 0) {
        throw new IllegalArgumentException("unbalanced parentheses in " + list);
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced parentheses in " + list);
    }
    types.add(parse(list.substring(start)));
    return types;
  }
}
