package io.opal.consensus.devnet.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.primitives.Address;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class DevnetL1ParamsTest {
  static final Bytes32 KEY =
      Bytes32.fromHexString("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  @Test
  void defaultsUseTheDeployerForEveryRole() {
    // The inbox convention: chain id digits after 0xff00..., as OP Sepolia (11155420) uses.
    DevnetL1Params p = DevnetL1Params.defaults(KEY);
    Address deployer = Address.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertEquals(deployer, p.deployer());
    assertEquals(deployer, p.batcher());
    assertEquals(deployer, p.unsafeBlockSigner());
    assertEquals(901, p.l2ChainId());
    assertEquals(
        Address.fromHex("0xff00000000000000000000000000000000000901"), p.effectiveBatchInbox());
    assertEquals(
        Address.fromHex("0xff00000000000000000000000000000011155420"),
        p.withL2ChainId(11155420).effectiveBatchInbox());
  }

  @Test
  void rejectsWhatSystemConfigWouldRefuse() {
    DevnetL1Params p = DevnetL1Params.defaults(KEY);
    assertThrows(
        IllegalArgumentException.class, () -> p.withGasLimit(20_999_999)); // below 20M + 1M
    assertThrows(IllegalArgumentException.class, () -> p.withGasLimit(200_000_001));
    assertEquals(21_000_000, p.withGasLimit(21_000_000).gasLimit());
  }
}
