package io.opal.primitives.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hex;
import io.opal.primitives.testing.Fixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** ethereum/tests RLPTests: one dynamic test per vector, no skips. */
class RlpConformanceTest {

  @TestFactory
  Stream<DynamicTest> rlpTests() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("ethereum-tests/RLPTests")) {
      JsonNode root = Fixtures.readJson(file);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = file.getFileName() + ":" + e.getKey();
        JsonNode in = e.getValue().get("in");
        byte[] out = Hex.decode(e.getValue().get("out").asText());
        tests.add(DynamicTest.dynamicTest(name, () -> check(in, out)));
      }
    }
    return tests.stream();
  }

  private static void check(JsonNode in, byte[] out) {
    if (in.isTextual() && in.asText().equals("INVALID")) {
      assertThrows(DecodingException.class, () -> decodeFully(out));
      return;
    }
    if (in.isTextual() && in.asText().equals("VALID")) {
      Object decoded = decodeFully(out);
      assertArrayEquals(out, encode(decoded), "re-encoding must give the input back");
      return;
    }
    assertArrayEquals(out, encode(fromJson(in)), "encoding");
    assertArrayEquals(out, encode(decodeFully(out)), "decode then encode");
  }

  /** Decodes one complete item into nested lists of byte arrays. */
  private static Object decodeFully(byte[] rlp) {
    RlpReader reader = RlpReader.of(rlp);
    Object item = decodeItem(reader);
    reader.finish();
    return item;
  }

  private static Object decodeItem(RlpReader reader) {
    if (reader.nextIsList()) {
      RlpReader list = reader.enterList();
      List<Object> items = new ArrayList<>();
      while (list.hasNext()) {
        items.add(decodeItem(list));
      }
      return items;
    }
    return reader.readBytes();
  }

  /** JSON input: strings are bytes ("#123" is a big integer), numbers integers, arrays lists. */
  private static Object fromJson(JsonNode in) {
    if (in.isArray()) {
      List<Object> items = new ArrayList<>();
      in.forEach(n -> items.add(fromJson(n)));
      return items;
    }
    if (in.isNumber()) {
      return in.bigIntegerValue();
    }
    String s = in.asText();
    if (s.startsWith("#")) {
      return new BigInteger(s.substring(1));
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encode(Object item) {
    RlpWriter w = new RlpWriter();
    write(w, item);
    return w.toByteArray();
  }

  private static void write(RlpWriter w, Object item) {
    if (item instanceof List<?> list) {
      w.startList();
      list.forEach(i -> write(w, i));
      w.endList();
    } else if (item instanceof BigInteger bi) {
      w.writeBigInteger(bi);
    } else {
      w.writeBytes((byte[]) item);
    }
  }
}
