package io.opal.primitives.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.testing.DecoderFuzzer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared decoder fuzzer on both transaction forms: only DecodingException may escape. */
class TransactionFuzzTest {
  private static final int ITERATIONS = 200_000;

  private static List<byte[]> envelopes() {
    List<byte[]> seeds = new ArrayList<>();
    SampleTransactions.all().forEach(tx -> seeds.add(TransactionCodec.encode(tx)));
    return seeds;
  }

  /** Each seed as the single item of a block body's transaction list. */
  private static List<byte[]> blockBodies() {
    List<byte[]> seeds = new ArrayList<>();
    for (Transaction tx : SampleTransactions.all()) {
      RlpWriter w = new RlpWriter().startList();
      TransactionCodec.encodeForBlockBody(w, tx);
      seeds.add(w.endList().toByteArray());
    }
    return seeds;
  }

  private static Transaction decodeBody(byte[] input) {
    RlpReader items = RlpReader.of(input).enterList();
    Transaction tx = TransactionCodec.decodeFromBlockBody(items);
    items.finish();
    return tx;
  }

  @Test
  void envelopeDecoderRejectsBadInputWithTypedErrors() {
    check(
        new DecoderFuzzer(11)
            .run("tx-envelope", TransactionCodec::decode, envelopes(), ITERATIONS));
  }

  @Test
  void blockBodyDecoderRejectsBadInputWithTypedErrors() {
    check(
        new DecoderFuzzer(12)
            .run("tx-block-body", TransactionFuzzTest::decodeBody, blockBodies(), ITERATIONS));
  }

  private static void check(DecoderFuzzer.Stats stats) {
    assertEquals(stats.inputs(), stats.accepted() + stats.rejected());
    assertTrue(stats.rejected() > 0, stats.decoder() + ": some inputs must be rejected");
    assertTrue(stats.accepted() > 0, stats.decoder() + ": some mutations stay valid");
  }
}
