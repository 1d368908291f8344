package io.opal.consensus.devnet.genesis;

import static io.opal.consensus.devnet.genesis.Predeploys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.Address;
import io.opal.primitives.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the devnet genesis with a real chain's (Unichain Sepolia, built by op-chain-ops): where
 * both use the same compiled code, the bytes must agree, and proxies must be laid out alike.
 */
class RealGenesisComparisonTest {
  private static GenesisAlloc real;
  private final GenesisAlloc ours = DevnetGenesisFixture.genesis().alloc();

  @BeforeAll
  static void load() throws IOException {
    DevnetGenesisFixture.requireArtifacts();
    String fixture = "superchain/genesis/sepolia-unichain.json";
    real = GenesisJson.read(Files.readString(Fixtures.require(fixture)), fixture).alloc();
  }

  private static GenesisAccount of(GenesisAlloc alloc, Address a) {
    return alloc.account(a).orElseThrow(() -> new AssertionError("no account " + a));
  }

  @Test
  void proxyAndProxyAdminCodeAreTheSameBytes() {
    assertEquals(of(real, L1_BLOCK).code(), of(ours, L1_BLOCK).code(), "Proxy runtime code");
    assertEquals(
        of(real, codeNamespace(PROXY_ADMIN)).code(),
        of(ours, codeNamespace(PROXY_ADMIN)).code(),
        "ProxyAdmin runtime code");
  }

  @Test
  void beaconRootsContractIsTheSameBytes() {
    assertEquals(of(real, BEACON_ROOTS).code(), of(ours, BEACON_ROOTS).code());
    assertEquals(of(real, BEACON_ROOTS).nonce(), of(ours, BEACON_ROOTS).nonce());
  }

  @Test
  void proxiesAreLaidOutAlike() {
    for (Address proxy :
        List.of(L1_BLOCK, GAS_PRICE_ORACLE, L2_TO_L1_MESSAGE_PASSER, BASE_FEE_VAULT)) {
      for (var slot : List.of(ADMIN_SLOT, IMPLEMENTATION_SLOT)) {
        Bytes32 key = slot.toBytes32();
        assertEquals(of(real, proxy).slot(key), of(ours, proxy).slot(key), proxy + " slot " + key);
      }
    }
    // The precompile range holds 1 wei in both.
    for (int i = 0; i < 256; i++) {
      assertEquals(of(real, Address.ofLong(i)).balance(), of(ours, Address.ofLong(i)).balance());
    }
  }
}
