package io.opal.consensus.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.l1.abi.AbiType;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OpContractsTest {

  /** The packed artifacts, skipping the calling test when the build had no npm to extract them. */
  private static OpContracts bundled() {
    Assumptions.assumeTrue(
        OpContracts.load().isPresent(),
        "skipped: "
            + OpContracts.ARTIFACTS_RESOURCE
            + " is not on the classpath (scripts/npm-tools.sh needs npm to extract it)");
    return OpContracts.bundled();
  }

  /** solc packs from the low-order end: offset 20 of slot 3 is the byte after an address. */
  @Test
  void storageLayoutPacks() {
    StorageLayout layout = bundled().get("ProxyAdmin").layout();
    assertEquals(Word256.of(3), layout.slot("upgrading"));
    Word256 w = layout.pack("addressManager", Word256.ZERO, BigInteger.valueOf(0xabcdef));
    w = layout.pack("upgrading", w, BigInteger.ONE);
    assertEquals(
        BigInteger.ONE.shiftLeft(160).or(BigInteger.valueOf(0xabcdef)),
        w.toUInt256().toBigInteger());
    Word256 packed = w;
    assertThrows(
        IllegalArgumentException.class,
        () -> layout.pack("upgrading", packed, BigInteger.valueOf(256)));
    assertThrows(IllegalArgumentException.class, () -> layout.slot("nope"));
  }

  @Test
  void artifactsDocumentIsCheckedAndUpgradeCodeLoads() {
    assertThrows(IllegalStateException.class, () -> OpContracts.parse("{".getBytes(), "x"));
    assertThrows(IllegalStateException.class, () -> OpContracts.parse("{}".getBytes(), "x"));
    assertThrows(IllegalArgumentException.class, () -> bundled().get("NoSuchContract"));
    assertEquals("@eth-optimism/contracts-bedrock@0.17.3", bundled().source());
    assertEquals(0x60, OpContracts.upgradeCreationCode("jovian-l1-block-deployment").get(0) & 0xff);
    assertThrows(
        IllegalStateException.class, () -> OpContracts.upgradeCreationCode("no-such-upgrade"));
  }

  /** The ProxyAdmin's ABI: its constructor takes the owner, its functions encode by name. */
  @Test
  void abiGivesConstructorAndFunctions() {
    ContractArtifact admin = bundled().get("ProxyAdmin");
    assertEquals(List.of(new AbiType.AddressType()), admin.constructorInputs());
    Address owner = Address.ofLong(0xabc);
    Bytes data = admin.creationData(owner);
    assertEquals(admin.creationCode(), data.slice(0, admin.creationCode().size()));
    assertEquals(addressWord(owner), data.slice(admin.creationCode().size()));
    assertThrows(IllegalArgumentException.class, () -> admin.creationData());
    assertEquals(
        "upgradeAndCall(address,address,bytes)", admin.function("upgradeAndCall").signature());
    assertThrows(IllegalArgumentException.class, () -> admin.function("noSuchFunction"));
  }

  private static Bytes addressWord(Address a) {
    return Bytes.concatenate(Bytes.wrap(new byte[12]), a.bytes());
  }

  private static final String GOOD =
      """
      {"source": "test", "contracts": {"C": {"abi": [], "bytecode": "0x6001",
        "deployedBytecode": "0x600160020304",
        "immutableReferences": {"7": [{"start": 1, "length": 4}]},
        "storageLayout": {"storage": [{"label": "x", "offset": 1, "slot": "2", "type": "t_u"}],
                          "types": {"t_u": {"numberOfBytes": "8"}}}}}}
      """;

  @Test
  void readsAWellFormedDocument() {
    OpContracts doc = OpContracts.parse(GOOD.getBytes(StandardCharsets.UTF_8), "test");
    ContractArtifact c = doc.get("C");
    assertEquals("test", doc.source());
    assertEquals(Bytes.fromHexString("0x6001"), c.creationCode());
    assertEquals(Bytes.fromHexString("0x600160020304"), c.runtimeCode());
    assertEquals(
        List.of(new ContractArtifact.ImmutableReference(1, 4)), c.immutableReferences().get("7"));
    assertEquals(
        new StorageLayout.Variable("x", BigInteger.TWO, 1, 8, "t_u"), c.layout().variable("x"));
    assertTrue(doc.find("D").isEmpty());
  }

  /** Each field broken in turn: the load fails naming the contract, never with a stray error. */
  @Test
  void rejectsMalformedArtifacts() {
    List<String[]> breakages =
        List.of(
            new String[] {"\"abi\": []", "\"abi\": {}"},
            new String[] {"\"bytecode\": \"0x6001\"", "\"bytecode\": \"0x60zz\""},
            new String[] {"\"bytecode\": \"0x6001\"", "\"bytecode\": \"0x601\""},
            new String[] {"\"bytecode\": \"0x6001\"", "\"bytecode\": \"0x60__$abc$__\""},
            new String[] {"\"bytecode\": \"0x6001\"", "\"bytecode\": 6001"},
            new String[] {"\"deployedBytecode\": \"0x600160020304\",", ""},
            new String[] {"\"length\": 4", "\"length\": 6"},
            new String[] {"\"start\": 1", "\"start\": -1"},
            new String[] {"\"offset\": 1", "\"offset\": 32"},
            new String[] {"\"slot\": \"2\"", "\"slot\": \"0x2\""},
            new String[] {"\"numberOfBytes\": \"8\"", "\"numberOfBytes\": \"eight\""},
            new String[] {"\"t_u\": {\"numberOfBytes\"", "\"t_v\": {\"numberOfBytes\""},
            new String[] {"\"immutableReferences\": {", "\"immutableReferences\": 1, \"i\": {"},
            new String[] {"\"storageLayout\": {", "\"storageLayout\": 1, \"s\": {"});
    for (String[] b : breakages) {
      assertTrue(GOOD.contains(b[0]), b[0]);
      byte[] bad = GOOD.replace(b[0], b[1]).getBytes(StandardCharsets.UTF_8);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> OpContracts.parse(bad, "doc"), b[1]);
      assertTrue(e.getMessage().startsWith("doc"), e.getMessage());
    }
    assertThrows(
        IllegalStateException.class,
        () -> OpContracts.parse("{\"contracts\": {\"C\": 1}}".getBytes(), "doc"));
    assertThrows(IllegalStateException.class, () -> OpContracts.parse("[]".getBytes(), "doc"));
  }
}
