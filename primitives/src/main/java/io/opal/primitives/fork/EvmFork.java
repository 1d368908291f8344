package io.opal.primitives.fork;

import java.util.Locale;

/**
 * The Ethereum protocol rule sets the EVM and transaction validity follow, in activation order. OP
 * hardforks map onto these (Bedrock = Paris rules, Canyon = Shanghai, Ecotone = Cancun, Isthmus =
 * Prague); the OP differences live beside the OP fork enum, not here.
 *
 * <p>Code asks {@code fork.isAtLeast(EvmFork.BERLIN)}; nothing outside fork/spec code compares
 * block numbers or timestamps.
 */
public enum EvmFork {
  FRONTIER("Frontier"),
  HOMESTEAD("Homestead"),
  TANGERINE_WHISTLE("EIP150"),
  SPURIOUS_DRAGON("EIP158"),
  BYZANTIUM("Byzantium"),
  CONSTANTINOPLE("Constantinople"),
  PETERSBURG("ConstantinopleFix"),
  ISTANBUL("Istanbul"),
  BERLIN("Berlin"),
  LONDON("London"),
  PARIS("Paris"),
  SHANGHAI("Shanghai"),
  CANCUN("Cancun"),
  PRAGUE("Prague"),
  OSAKA("Osaka");

  private final String testName;

  EvmFork(String testName) {
    this.testName = testName;
  }

  /** The name ethereum/tests use as a key in {@code post} and {@code result}. */
  public String testName() {
    return testName;
  }

  public boolean isAtLeast(EvmFork other) {
    return compareTo(other) >= 0;
  }

  public boolean isBefore(EvmFork other) {
    return compareTo(other) < 0;
  }

  /** Parses ethereum/tests' fork names (and common aliases such as "Merge", "Istanbul"). */
  public static EvmFork fromTestName(String name) {
    for (EvmFork f : values()) {
      if (f.testName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "merge", "mergefork" -> PARIS;
      case "tangerinewhistle" -> TANGERINE_WHISTLE;
      case "spuriousdragon" -> SPURIOUS_DRAGON;
      case "petersburg" -> PETERSBURG;
      default -> throw new IllegalArgumentException("unknown fork name: " + name);
    };
  }
}
