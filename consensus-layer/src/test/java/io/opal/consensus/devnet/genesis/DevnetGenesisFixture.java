package io.opal.consensus.devnet.genesis;

import io.opal.consensus.contracts.OpContracts;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.config.BlockId;
import org.junit.jupiter.api.Assumptions;

/** Parameters and a built genesis shared by the tests (building takes a moment). */
final class DevnetGenesisFixture {
  static final long GENESIS_TIME = 1_750_000_000L;
  static final BlockId L1_GENESIS = new BlockId(Hash.fromHex("0x" + "ab".repeat(32)), 7);

  static final DevnetL2Params.L1Addresses L1 =
      new DevnetL2Params.L1Addresses(
          Address.fromHex("0x1000000000000000000000000000000000000001"),
          Address.fromHex("0x1000000000000000000000000000000000000002"),
          Address.fromHex("0x1000000000000000000000000000000000000003"),
          Address.fromHex("0x1000000000000000000000000000000000000004"),
          Address.fromHex("0x1000000000000000000000000000000000000005"),
          Address.fromHex("0x1000000000000000000000000000000000000006"),
          Address.fromHex("0x1000000000000000000000000000000000000007"),
          Address.fromHex("0x1000000000000000000000000000000000000008"));

  private static L2Genesis genesis;

  private DevnetGenesisFixture() {}

  /**
   * Skips the calling test class, naming what is missing, when the build did not pack the OP
   * contract artifacts (npm absent: scripts/npm-tools.sh could not extract them).
   */
  static void requireArtifacts() {
    Assumptions.assumeTrue(
        DevnetGenesisFixture.class.getClassLoader().getResource(OpContracts.ARTIFACTS_RESOURCE)
            != null,
        "skipped: "
            + OpContracts.ARTIFACTS_RESOURCE
            + " is not on the classpath (scripts/npm-tools.sh needs npm to extract it)");
  }

  static DevnetL2Params params() {
    return DevnetL2Params.builder(L1_GENESIS, GENESIS_TIME, L1).build();
  }

  static synchronized L2Genesis genesis() {
    if (genesis == null) {
      genesis = L2GenesisBuilder.build(params());
    }
    return genesis;
  }
}
