package io.opal.primitives.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.testing.DecoderFuzzer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input into every decoder of this module: only the typed decoding error may escape. Over a
 * million inputs in all, seeded so that a failure reproduces.
 */
class DecoderFuzzTest {
  private static final int PER_DECODER = 250_000;

  /** Decodes one whole RLP item into nested lists, as any structured decoder would walk it. */
  private static Object decodeRlp(byte[] input) {
    RlpReader reader = RlpReader.of(input);
    Object item = walk(reader);
    reader.finish();
    return item;
  }

  private static Object walk(RlpReader reader) {
    if (reader.nextIsList()) {
      RlpReader list = reader.enterList();
      List<Object> items = new ArrayList<>();
      while (list.hasNext()) {
        items.add(walk(list));
      }
      return items;
    }
    return reader.readBytes();
  }

  /** Reads every item as each typed accessor would, to reach the integer and size checks. */
  private static Object decodeTyped(byte[] input) {
    RlpReader list = RlpReader.of(input).enterList();
    list.readLong("nonce");
    list.readUInt256("value");
    list.readOptionalAddress();
    list.readHash();
    list.readBigInteger("big");
    return list.readBytes();
  }

  private static List<byte[]> rlpSeeds() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Hex.decode("0xc7c0c1c0c3c0c1c0"));
    seeds.add(
        Hex.decode("0xf84d8089056bc75e2d63100000a0" + "11".repeat(32) + "a0" + "22".repeat(32)));
    RlpWriter w = new RlpWriter();
    w.startList().writeLong(7).writeLong(1_000_000_000_000L);
    w.writeAddress(io.opal.primitives.Address.ofLong(0x1234)).writeBytes(new byte[32]);
    w.writeLong(Long.MAX_VALUE).writeBytes(new byte[300]).endList();
    seeds.add(w.toByteArray());
    return seeds;
  }

  @Test
  void rlpDecodersRejectBadInputWithTypedErrors() {
    Fuzz.check(
        new DecoderFuzzer(1).run("rlp", DecoderFuzzTest::decodeRlp, rlpSeeds(), PER_DECODER));
    Fuzz.check(
        new DecoderFuzzer(2)
            .run("rlp-typed", DecoderFuzzTest::decodeTyped, rlpSeeds(), PER_DECODER));
  }

  /** Assertions shared by the fuzz tests of this module. */
  static final class Fuzz {
    private Fuzz() {}

    static void check(DecoderFuzzer.Stats stats) {
      assertEquals(stats.inputs(), stats.accepted() + stats.rejected());
      assertTrue(stats.rejected() > 0, stats.decoder() + ": some inputs must be rejected");
    }
  }
}
