package io.opal.consensus.devnet.genesis;

import static io.opal.consensus.devnet.genesis.Predeploys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.contracts.ContractArtifact;
import io.opal.consensus.contracts.OpContracts;
import io.opal.execution.evm.ContractAddress;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.DevAccounts;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class L2GenesisBuilderTest {

  @BeforeAll
  static void artifacts() {
    DevnetGenesisFixture.requireArtifacts();
  }

  private final L2Genesis genesis = DevnetGenesisFixture.genesis();
  private final GenesisAlloc alloc = genesis.alloc();

  private GenesisAccount account(Address a) {
    return alloc.account(a).orElseThrow(() -> new AssertionError("no account " + a));
  }

  private static Bytes32 word(Address a) {
    return Bytes32.leftPad(a.bytes());
  }

  @Test
  void buildsDeterministically() {
    L2Genesis again = L2GenesisBuilder.build(DevnetGenesisFixture.params());
    assertEquals(genesis.hash(), again.hash());
    assertEquals(genesis.toJson(), again.toJson());
    // The block time is not part of the genesis block.
    L2Genesis otherBlockTime =
        L2GenesisBuilder.build(DevnetGenesisFixture.params().toBuilder().blockTime(1).build());
    assertEquals(genesis.hash(), otherBlockTime.hash());
    // The chain id reaches the state only through EAS's EIP-712 immutables.
    L2Genesis otherChain =
        L2GenesisBuilder.build(DevnetGenesisFixture.params().toBuilder().l2ChainId(902).build());
    for (Address a : genesis.alloc().accounts().keySet()) {
      boolean same = genesis.alloc().account(a).equals(otherChain.alloc().account(a));
      assertEquals(!a.equals(codeNamespace(EAS)), same, "chain id dependence of " + a);
    }
    L2Genesis otherOwner =
        L2GenesisBuilder.build(
            DevnetGenesisFixture.params().toBuilder().proxyAdminOwner(Address.ofLong(5)).build());
    // ...but it does on the ProxyAdmin owner.
    assertNotEquals(genesis.hash(), otherOwner.hash());
  }

  @Test
  void everyPredeployAddressHasAProxyAdministeredByTheProxyAdmin() {
    Bytes proxyCode = OpContracts.bundled().get("Proxy").runtimeCode();
    int proxies = 0;
    for (int i = 0; i < PROXY_COUNT; i++) {
      Address a = predeploy(i);
      if (a.equals(WETH) || a.equals(GOVERNANCE_TOKEN)) {
        continue;
      }
      GenesisAccount acc = account(a);
      assertEquals(proxyCode, acc.code(), "proxy code at " + a);
      assertEquals(word(PROXY_ADMIN), acc.slot(ADMIN_SLOT.toBytes32()), "admin of " + a);
      Bytes32 impl = acc.slot(IMPLEMENTATION_SLOT.toBytes32());
      if (L2GenesisBuilder.IMPLEMENTED.contains(a)) {
        assertEquals(word(codeNamespace(a)), impl, "implementation of " + a);
        assertFalse(account(codeNamespace(a)).code().isEmpty(), "code behind " + a);
      } else {
        assertEquals(Bytes32.ZERO, impl, "an unbuilt predeploy has no implementation: " + a);
      }
      proxies++;
    }
    assertEquals(2046, proxies);
    assertTrue(alloc.account(GOVERNANCE_TOKEN).isEmpty());
    assertFalse(account(WETH).code().isEmpty());
    assertEquals(
        OpContracts.bundled().get("WETH").runtimeCode(), account(WETH).code(), "WETH unproxied");
  }

  @Test
  void codeNamespaceAddresses() {
    assertEquals(
        Address.fromHex("0xc0D3C0d3C0d3C0D3c0d3C0d3c0D3C0d3c0d30015"), codeNamespace(L1_BLOCK));
    assertEquals(
        Address.fromHex("0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d307ff"),
        codeNamespace(predeploy(0x7ff)));
  }

  /** The specs state the code hash each upgrade deployment must produce. */
  @Test
  void upgradeBytecodeDeploysTheCodeTheSpecsName() {
    assertCodeHash(
        codeNamespace(L1_BLOCK),
        "0x5f885ca815d2cf27a203123e50b8ae204fdca910b6995d90b2d7700cbb9240d1");
    assertCodeHash(
        codeNamespace(GAS_PRICE_ORACLE),
        "0xe9fc7c96c4db0d6078e3d359d7e8c982c350a513cb2c31121adf5e1e8a446614");
    assertCodeHash(
        codeNamespace(OPERATOR_FEE_VAULT),
        "0x57dc55c9c09ca456fa728f253fe7b895d3e6aae0706104935fe87c7721001971");
    assertCodeHash(
        HISTORY_STORAGE, "0x6e49e66782037c0555897870e29fa5e552daf4719552131a0abce779daec0a5d");
  }

  private void assertCodeHash(Address a, String expected) {
    assertEquals(Hash.fromHex(expected), Hash.keccak(account(a).code()), "code hash at " + a);
  }

  @Test
  void systemContractsSitWhereTheirKeylessDeploymentsPutThem() {
    assertEquals(BEACON_ROOTS, ContractAddress.create(BEACON_ROOTS_DEPLOYER, 0));
    assertEquals(HISTORY_STORAGE, ContractAddress.create(HISTORY_STORAGE_DEPLOYER, 0));
    for (Address a : List.of(BEACON_ROOTS, HISTORY_STORAGE)) {
      assertEquals(1, account(a).nonce(), "nonce of " + a);
      assertFalse(account(a).code().isEmpty());
    }
    assertEquals(1, account(BEACON_ROOTS_DEPLOYER).nonce());
    assertEquals(1, account(HISTORY_STORAGE_DEPLOYER).nonce());
  }

  /**
   * The fee vaults' runtime code comes from running their constructors; it must equal the
   * artifact's runtime code with exactly the immutable slots filled (recipient, minimum, network).
   */
  @Test
  void feeVaultConstructorsFillExactlyTheImmutableReferences() {
    DevnetL2Params.FeeVaultConfig cfg = genesis.params().feeVaults();
    List<Bytes32> values =
        List.of(
            word(cfg.recipient()),
            cfg.minWithdrawalAmount().toBytes(),
            Bytes32.leftPad(Bytes.of(cfg.network().ordinal())));
    for (Map.Entry<String, Address> e :
        Map.of(
                "SequencerFeeVault", SEQUENCER_FEE_VAULT,
                "BaseFeeVault", BASE_FEE_VAULT,
                "L1FeeVault", L1_FEE_VAULT)
            .entrySet()) {
      ContractArtifact art = OpContracts.bundled().get(e.getKey());
      byte[] expected = art.runtimeCode().toArray();
      byte[] actual = account(codeNamespace(e.getValue())).code().toArray();
      assertEquals(expected.length, actual.length, e.getKey());
      assertEquals(3, art.immutableReferences().size(), e.getKey() + " has three immutables");
      for (List<ContractArtifact.ImmutableReference> refs : art.immutableReferences().values()) {
        Bytes32 filled = Bytes32.wrap(actual, refs.get(0).start());
        assertTrue(values.contains(filled), e.getKey() + ": unexpected immutable " + filled);
        for (ContractArtifact.ImmutableReference r : refs) {
          assertEquals(filled, Bytes32.wrap(actual, r.start()), "same immutable everywhere");
          System.arraycopy(actual, r.start(), expected, r.start(), r.length());
        }
      }
      assertEquals(Bytes.wrap(expected), Bytes.wrap(actual), e.getKey() + " outside immutables");
    }
  }

  @Test
  void devAccountsArePrefundedAndPrecompilesDusted() {
    for (DevAccounts.DevAccount a : DevAccounts.standard(10)) {
      assertEquals(DevnetL2Params.DEV_BALANCE, account(a.address()).balance());
    }
    assertEquals(
        UInt256.valueOf(10_000).multiply(UInt256.valueOf(1_000_000_000_000_000_000L)),
        DevnetL2Params.DEV_BALANCE);
    for (int i = 0; i < 256; i++) {
      assertEquals(UInt256.ONE, account(Address.ofLong(i)).balance());
    }
  }

  @Test
  void headerCarriesTheJovianGenesisFields() {
    var h = genesis.header();
    assertEquals(0, h.number());
    assertEquals(DevnetGenesisFixture.GENESIS_TIME, h.timestamp());
    assertEquals(60_000_000L, h.gasLimit());
    assertEquals(1_000_000_000L, h.baseFeePerGas().getAsLong());
    assertEquals(SEQUENCER_FEE_VAULT, h.beneficiary());
    // version 1, denominator 250, elasticity 6, min base fee 0
    assertEquals(Bytes.fromHexString("0x01000000fa000000060000000000000000"), h.extraData());
    assertEquals(
        genesis.alloc().toWorldState().storageRoot(L2_TO_L1_MESSAGE_PASSER),
        h.withdrawalsRoot().orElseThrow());
    assertNotEquals(Hash.EMPTY_TRIE, h.withdrawalsRoot().orElseThrow());
    assertEquals(0, h.blobGasUsed().getAsLong());
    assertEquals(0, h.excessBlobGas().getAsLong());
    assertEquals(Hash.ZERO, h.parentBeaconBlockRoot().orElseThrow());
    assertEquals(L2GenesisBuilder.EMPTY_REQUESTS_HASH, h.requestsHash().orElseThrow());
    assertEquals(genesis.alloc().stateRoot(), h.stateRoot());
  }
}
