package io.opal.consensus.l1.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hex;
import io.opal.primitives.testing.DecoderFuzzer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The examples of the Solidity ABI specification ("Examples" and "Use of Dynamic Types"), whose
 * printed encodings are the expected values, encoded and decoded back; then strictness and fuzzing.
 */
class AbiCodecTest {

  private static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  private static Bytes ascii(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static void assertRoundTrip(String signature, String expectedHex, Object... args) {
    AbiFunction f = AbiFunction.parse(signature);
    Bytes call = f.encodeCall(args);
    assertEquals(expectedHex, call.toUnprefixedHexString(), signature);
    List<Object> decoded = AbiCodec.decode(f.inputs(), call.slice(4));
    assertEquals(normalise(List.of(args)), decoded, signature + " decodes back");
  }

  /** Decoding yields BigInteger/Bytes/String/List; the test's arguments use the same types. */
  private static Object normalise(Object o) {
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(normalise(x)));
      return out;
    }
    return o;
  }

  @Test
  void staticArguments() {
    assertRoundTrip(
        "baz(uint32,bool)",
        "cdcd77c0"
            + "0000000000000000000000000000000000000000000000000000000000000045"
            + "0000000000000000000000000000000000000000000000000000000000000001",
        n(69),
        true);
  }

  /** The same call with the Java types genesis code passes: a Long for uint32. */
  @Test
  void staticArgumentsFromLongs() {
    assertEquals(
        "0xcdcd77c0"
            + "0000000000000000000000000000000000000000000000000000000000000045"
            + "0000000000000000000000000000000000000000000000000000000000000001",
        Hex.encode(AbiFunction.parse("baz(uint32,bool)").encodeCall(69L, true).toArray()));
  }

  /** sam(bytes,bool,uint256[]) minus the array, with {@code byte[]} for bytes: head, tail, pad. */
  @Test
  void dynamicBytesFromByteArray() {
    List<AbiType> types = AbiType.parseList("bytes,bool");
    byte[] enc =
        AbiCodec.encode(types, List.of("dave".getBytes(StandardCharsets.US_ASCII), true)).toArray();
    assertEquals(
        "0x"
            + "0000000000000000000000000000000000000000000000000000000000000040"
            + "0000000000000000000000000000000000000000000000000000000000000001"
            + "0000000000000000000000000000000000000000000000000000000000000004"
            + "6461766500000000000000000000000000000000000000000000000000000000",
        Hex.encode(enc));
    List<Object> decoded = AbiCodec.decode(types, Bytes.wrap(enc));
    assertArrayEquals(
        "dave".getBytes(StandardCharsets.US_ASCII), ((Bytes) decoded.get(0)).toArray());
    assertEquals(true, decoded.get(1));
  }

  @Test
  void decodingOutOfRangeIsAnError() {
    List<AbiType> uint256 = List.of(new AbiType.UIntType(256));
    assertThrows(DecodingException.class, () -> AbiCodec.decode(uint256, Bytes.wrap(new byte[31])));
    // A bytes offset of 2^200: far past any input.
    Bytes hostile = AbiCodec.encode(uint256, List.of(BigInteger.ONE.shiftLeft(200)));
    assertThrows(
        DecodingException.class, () -> AbiCodec.decode(List.of(new AbiType.BytesType()), hostile));
    assertThrows(
        IllegalArgumentException.class,
        () -> AbiCodec.encode(uint256, List.of(BigInteger.valueOf(-1))));
    List<AbiType> address = List.of(new AbiType.AddressType());
    assertEquals(
        List.of(Address.ofLong(0x1234)),
        AbiCodec.decode(address, AbiCodec.encode(address, List.of(Address.ofLong(0x1234)))));
  }

  @Test
  void fixedArrayOfFixedBytes() {
    assertRoundTrip(
        "bar(bytes3[2])",
        "fce353f6"
            + "6162630000000000000000000000000000000000000000000000000000000000"
            + "6465660000000000000000000000000000000000000000000000000000000000",
        List.of(ascii("abc"), ascii("def")));
  }

  @Test
  void bytesBoolAndDynamicArray() {
    assertRoundTrip(
        "sam(bytes,bool,uint256[])",
        "a5643bf2"
            + "0000000000000000000000000000000000000000000000000000000000000060"
            + "0000000000000000000000000000000000000000000000000000000000000001"
            + "00000000000000000000000000000000000000000000000000000000000000a0"
            + "0000000000000000000000000000000000000000000000000000000000000004"
            + "6461766500000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "0000000000000000000000000000000000000000000000000000000000000001"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000003",
        ascii("dave"),
        true,
        List.of(n(1), n(2), n(3)));
  }

  @Test
  void mixedStaticAndDynamic() {
    assertRoundTrip(
        "f(uint256,uint32[],bytes10,bytes)",
        "8be65246"
            + "0000000000000000000000000000000000000000000000000000000000000123"
            + "0000000000000000000000000000000000000000000000000000000000000080"
            + "3132333435363738393000000000000000000000000000000000000000000000"
            + "00000000000000000000000000000000000000000000000000000000000000e0"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000456"
            + "0000000000000000000000000000000000000000000000000000000000000789"
            + "000000000000000000000000000000000000000000000000000000000000000d"
            + "48656c6c6f2c20776f726c642100000000000000000000000000000000000000",
        n(0x123),
        List.of(n(0x456), n(0x789)),
        ascii("1234567890"),
        ascii("Hello, world!"));
  }

  @Test
  void nestedDynamicArraysAndStrings() {
    assertRoundTrip(
        "g(uint256[][],string[])",
        "2289b18c"
            + "0000000000000000000000000000000000000000000000000000000000000040"
            + "0000000000000000000000000000000000000000000000000000000000000140"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000040"
            + "00000000000000000000000000000000000000000000000000000000000000a0"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000001"
            + "0000000000000000000000000000000000000000000000000000000000000002"
            + "0000000000000000000000000000000000000000000000000000000000000001"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "0000000000000000000000000000000000000000000000000000000000000060"
            + "00000000000000000000000000000000000000000000000000000000000000a0"
            + "00000000000000000000000000000000000000000000000000000000000000e0"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "6f6e650000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000003"
            + "74776f0000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000005"
            + "7468726565000000000000000000000000000000000000000000000000000000",
        List.of(List.of(n(1), n(2)), List.of(n(3))),
        List.of("one", "two", "three"));
  }

  @Test
  void tuplesWithAddressesAndSignedIntegers() {
    List<AbiType> types = AbiType.parseList("(address,int16,(bool,string)),int256");
    Address a = Address.fromHex("0x00000000000000000000000000000000deadbeef");
    List<Object> values = List.of(List.of(a, n(-2), List.of(false, "x")), n(-1));
    Bytes enc = AbiCodec.encode(types, values);
    // A dynamic tuple sits behind an offset; -1 is all ones.
    assertEquals(
        "0000000000000000000000000000000000000000000000000000000000000040",
        enc.slice(0, 32).toUnprefixedHexString());
    assertEquals("f".repeat(64), enc.slice(32, 32).toUnprefixedHexString());
    assertEquals(normalise(values), AbiCodec.decode(types, enc));
    assertEquals(
        "((address,int16,(bool,string)),int256)", new AbiType.TupleType(types).canonical());
  }

  @Test
  void rejectsOutOfRangeValuesWhenEncoding() {
    List<AbiType> u8 = List.of(new AbiType.UIntType(8));
    assertThrows(IllegalArgumentException.class, () -> AbiCodec.encode(u8, List.of(n(256))));
    assertThrows(IllegalArgumentException.class, () -> AbiCodec.encode(u8, List.of(n(-1))));
    List<AbiType> i8 = List.of(new AbiType.IntType(8));
    assertThrows(IllegalArgumentException.class, () -> AbiCodec.encode(i8, List.of(n(128))));
    assertThrows(IllegalArgumentException.class, () -> AbiCodec.encode(i8, List.of(n(-129))));
    assertEquals(
        "ff".repeat(31) + "80", AbiCodec.encode(i8, List.of(n(-128))).toUnprefixedHexString());
  }

  @Test
  void rejectsDirtyPaddingAndBadOffsets() {
    String word1 = "0".repeat(63) + "1";
    List<AbiType> addr = List.of(new AbiType.AddressType());
    assertThrows(
        DecodingException.class,
        () -> AbiCodec.decode(addr, Bytes.fromHexString("01" + "0".repeat(62))));
    List<AbiType> bool = List.of(new AbiType.BoolType());
    assertThrows(
        DecodingException.class,
        () -> AbiCodec.decode(bool, Bytes.fromHexString("0".repeat(63) + "2")));
    List<AbiType> u8 = List.of(new AbiType.UIntType(8));
    assertThrows(
        DecodingException.class,
        () -> AbiCodec.decode(u8, Bytes.fromHexString("0".repeat(60) + "0100")));
    List<AbiType> bytes = List.of(new AbiType.BytesType());
    // Offset past the end, and a length larger than the data.
    assertThrows(
        DecodingException.class,
        () -> AbiCodec.decode(bytes, Bytes.fromHexString("0".repeat(62) + "40")));
    assertThrows(
        DecodingException.class,
        () ->
            AbiCodec.decode(
                bytes, Bytes.fromHexString("0".repeat(62) + "20" + "0".repeat(56) + "7fffffff")));
    List<AbiType> arr = List.of(new AbiType.ArrayType(new AbiType.UIntType(256)));
    assertThrows(
        DecodingException.class,
        () ->
            AbiCodec.decode(
                arr, Bytes.fromHexString("0".repeat(62) + "20" + "0".repeat(56) + "00ffffff")));
    assertThrows(
        DecodingException.class,
        () -> AbiCodec.decode(bool, Bytes.fromHexString(word1.substring(2))));
  }

  @Test
  void rejectsInputThatReadsTheSameDataOverAndOver() {
    // uint256[][] whose 1000 inner offsets all point at one 1000-item array.
    int outer = 1000;
    StringBuilder hex = new StringBuilder();
    hex.append(String.format("%064x", 32));
    hex.append(String.format("%064x", outer));
    for (int i = 0; i < outer; i++) {
      hex.append(String.format("%064x", 32 * outer));
    }
    hex.append(String.format("%064x", 1000));
    hex.append("0".repeat(64 * 1000));
    List<AbiType> t = List.of(AbiType.parse("uint256[][]"));
    DecodingException e =
        assertThrows(DecodingException.class, () -> AbiCodec.decode(t, Bytes.fromHexString(hex)));
    assertTrue(e.getMessage().contains("over and over"), e.getMessage());
  }

  @Test
  void fuzzedInputOnlyRaisesDecodingErrors() {
    List<AbiType> types = AbiType.parseList("uint64,bytes,(address,string[])[],bool,bytes32");
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(
        AbiCodec.encode(
                types,
                List.of(
                    n(7),
                    ascii("payload"),
                    List.of(List.of(Address.ZERO, List.of("a", "bc"))),
                    true,
                    Bytes.wrap(new byte[32])))
            .toArray());
    seeds.add(
        AbiCodec.encode(
                types, List.of(n(0), Bytes.EMPTY, List.of(), false, Bytes.wrap(new byte[32])))
            .toArray());
    DecoderFuzzer.Stats stats =
        new DecoderFuzzer(6)
            .run("AbiCodec.decode", in -> AbiCodec.decode(types, Bytes.wrap(in)), seeds, 20_000);
    assertTrue(stats.rejected() > 0 && stats.accepted() > 0, stats.toString());
  }

  @Test
  void parsesSignaturesWithReturns() {
    AbiFunction f = AbiFunction.parse("balanceOf(address) returns (uint256)");
    assertEquals("balanceOf(address)", f.signature());
    assertEquals("70a08231", f.selector().toUnprefixedHexString());
    assertEquals(List.of(n(5)), f.decodeOutput(Bytes.fromHexString("0".repeat(63) + "5")));
    assertThrows(IllegalArgumentException.class, () -> AbiFunction.parse("nope"));
    assertThrows(IllegalArgumentException.class, () -> AbiType.parse("uint7"));
    assertThrows(IllegalArgumentException.class, () -> AbiType.parse("(uint8"));
  }

  @Test
  void revertReasons() {
    Bytes error = AbiFunction.parse("Error(string)").encodeCall("SystemConfig: gas limit too low");
    assertEquals("SystemConfig: gas limit too low", Abi.revertReason(error).orElseThrow());
    Bytes panic = AbiFunction.parse("Panic(uint256)").encodeCall(n(0x11));
    assertEquals("panic 0x11", Abi.revertReason(panic).orElseThrow());
    assertTrue(Abi.revertReason(Bytes.EMPTY).isEmpty());
    assertEquals(
        "custom error 0x12345678", Abi.revertReason(Bytes.fromHexString("12345678")).orElseThrow());
  }
}
