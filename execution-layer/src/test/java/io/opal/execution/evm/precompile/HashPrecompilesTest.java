package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SHA256 (0x02), RIPEMD160 (0x03) and IDENTITY (0x04). */
class HashPrecompilesTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] run(PrecompiledContract c, byte[] input) {
    PrecompileResult result = c.run(input);
    assertTrue(result.success(), c.name());
    return result.output();
  }

  @Test
  void sha256KnownAnswersFromFips180() {
    Sha256 sha = new Sha256();
    // FIPS 180-2 appendix B: one-block and two-block messages; and the empty message.
    assertEquals(
        "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Hex.encode(run(sha, ascii("abc"))));
    assertEquals(
        "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        Hex.encode(run(sha, ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))));
    assertEquals(
        "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Hex.encode(run(sha, new byte[0])));
  }

  @Test
  void ripemd160KnownAnswersFromTheRipemdPaperLeftPadded() {
    Ripemd160 ripemd = new Ripemd160();
    String pad = "0x000000000000000000000000";
    assertEquals(
        pad + "9c1185a5c5e9fc54612808977ee8f548b2258d31", Hex.encode(run(ripemd, ascii(""))));
    assertEquals(
        pad + "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe", Hex.encode(run(ripemd, ascii("a"))));
    assertEquals(
        pad + "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", Hex.encode(run(ripemd, ascii("abc"))));
    assertEquals(
        pad + "5d0689ef49d2fae572b881b123a85ffa21595f36",
        Hex.encode(run(ripemd, ascii("message digest"))));
    assertEquals(
        pad + "f71c27109c692c1b56bbdceb5b9d2865b3708dbc",
        Hex.encode(run(ripemd, ascii("abcdefghijklmnopqrstuvwxyz"))));
  }

  @Test
  void identityReturnsACopyOfItsInput() {
    Identity identity = new Identity();
    byte[] input = Hex.decode("0x0102030405");
    byte[] out = run(identity, input);
    assertArrayEquals(input, out);
    assertNotSame(input, out);
    assertArrayEquals(new byte[0], run(identity, new byte[0]));
  }

  @Test
  void linearPricesAtWordBoundaries() {
    int[] lengths = {0, 1, 31, 32, 33, 64, 65, 1024};
    long[] words = {0, 1, 1, 1, 2, 2, 3, 32};
    for (int i = 0; i < lengths.length; i++) {
      byte[] input = new byte[lengths[i]];
      assertEquals(60 + 12 * words[i], new Sha256().gas(input), "sha256 " + lengths[i]);
      assertEquals(600 + 120 * words[i], new Ripemd160().gas(input), "ripemd " + lengths[i]);
      assertEquals(15 + 3 * words[i], new Identity().gas(input), "identity " + lengths[i]);
    }
  }
}
