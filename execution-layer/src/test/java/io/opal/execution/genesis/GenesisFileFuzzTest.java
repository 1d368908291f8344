package io.opal.execution.genesis;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opal.primitives.config.ConfigException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutated genesis files (characters deleted, replaced, duplicated; JSON values swapped for other
 * types) are either read or refused with a {@link ConfigException}: nothing else escapes.
 */
class GenesisFileFuzzTest {
  private static final String[] REPLACEMENTS = {
    "\"",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "0x",
    "zz",
    "-1",
    "1.5",
    "true",
    "null",
    "0x" + "ff".repeat(40)
  };

  @Test
  void mutatedFilesOnlyFailAsConfigErrors() {
    String seed =
        """
        {"config": {"chainId": 901, "isthmusTime": 0}, "timestamp": "0x10", "gasLimit": 30000000,
         "difficulty": "0x0", "extraData": "0x00", "baseFeePerGas": "0x3b9aca00",
         "mixHash": "0x0000000000000000000000000000000000000000000000000000000000000000",
         "coinbase": "0x4200000000000000000000000000000000000011",
         "alloc": {"0x4200000000000000000000000000000000000016": {"balance": "0x0", "nonce": "0x1",
           "code": "0x6001", "storage": {"0x01": "0x0102"}}}}
        """;
    SplittableRandom random = new SplittableRandom(5);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder(seed);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && s.length() > 1; e++) {
        int at = random.nextInt(s.length());
        switch (random.nextInt(3)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, REPLACEMENTS[random.nextInt(REPLACEMENTS.length)]);
          default -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
        }
      }
      try {
        GenesisFile.parse(s.toString(), "fuzz");
        accepted++;
      } catch (ConfigException expected) {
        // refused with a message: fine
      } catch (RuntimeException other) {
        fail("threw " + other + " on: " + s, other);
      }
    }
    assertTrue(accepted > 0, "no mutation was accepted: the seed itself may be invalid");
  }
}
