package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The network upgrade transactions against the fork specs: every source hash, every proxy update's
 * calldata, and the address and code hash of every contract they deploy (executed on Opal's EVM).
 */
class UpgradeTransactionsTest {

  private static List<String> sourceHashes(OpFork fork) {
    return UpgradeTransactions.forFork(fork).stream().map(t -> t.sourceHash().toString()).toList();
  }

  @Test
  void sourceHashesAreThoseTheSpecsPublish() {
    assertEquals(
        List.of(
            "0x877a6077205782ea15a6dc8699fa5ebcec5e0f4389f09cb8eda09488231346f8",
            "0xa312b4510adf943510f05fcc8f15f86995a5066bd83ce11384688ae20e6ecf42",
            "0x18acb38c5ff1c238a7460ebc1b421fa49ec4874bdf1e0a530d234104e5e67dbc",
            "0xee4f9385eceef498af0be7ec5862229f426dec41c8d42397c7257a5117d9230a",
            "0x0c1cb38e99dbc9cbfab3bb80863380b0905290b37eb3d6ab18dc01c1f3e75f93",
            "0x69b763c48478b9dc2f65ada09b3d92133ec592ea715ec65ad6e7f3dc519dc00c"),
        sourceHashes(OpFork.ECOTONE));
    assertEquals(
        List.of(
            "0x86122c533fdcb89b16d8713174625e44578a89751d96c098ec19ab40a51a8ea3",
            "0x1e6bb0c28bfab3dc9b36ffb0f721f00d6937f33577606325692db0965a7d58c6",
            "0xbac7bb0d5961cad209a345408b0280a0d4686b1b20665e1b0f9cdafd73b19b6b"),
        sourceHashes(OpFork.FJORD));
    assertEquals(
        List.of(
            "0x3b2d0821ca2411ad5cd3595804d1213d15737188ae4cbd58aa19c821a6c211bf",
            "0xfc70b48424763fa3fab9844253b4f8d508f91eb1f7cb11a247c9baec0afb8035",
            "0x107a570d3db75e6110817eb024f09f3172657e920634111ce9875d08a16daa96",
            "0xebe8b5cb10ca47e0d8bda8f5355f2d66711a54ddeb0ef1d30e29418c9bf17a0e",
            "0xecf2d9161d26c54eda6b7bfdd9142719b1e1199a6e5641468d1bf705bc531ab0",
            "0xad74e1adb877ccbe176b8fa1cc559388a16e090ddbe8b512f5b37d07d887a927",
            "0x3ddf4b1302548dd92939826e970f260ba36167f4c25f18390a5e8b194b295319",
            "0xbfb734dae514c5974ddf803e54c1bc43d5cdb4a48ae27e1d9b875a5a150b553a"),
        sourceHashes(OpFork.ISTHMUS));
    assertEquals(
        List.of(
            "0x98faf23b9795967bc0b1c543144739d50dba3ea40420e77ad6ca9848dbfb62e8",
            "0x08447273a4fbce97bc8c515f97ac74efc461f6a4001553712f31ebc11288bad2",
            "0xd939cca6eca7bd0ee0c7e89f7e5b5cf7bf6f7afe7b6966bb45dfb95344b31545",
            "0x46b597e2d8346ed7749b46734074361e0b41a0ab9af7afda5bb4e367e072bcb8",
            "0xe836db6a959371756f8941be3e962d000f7e12a32e49e2c9ca42ba177a92716c"),
        sourceHashes(OpFork.JOVIAN));
    assertEquals(List.of(), UpgradeTransactions.forFork(OpFork.HOLOCENE));
  }

  @Test
  void proxyUpdatesCallUpgradeToAsTheSpecsWriteIt() {
    DepositTransaction l1BlockUpdate = UpgradeTransactions.forFork(OpFork.ECOTONE).get(2);
    assertEquals(Address.ZERO, l1BlockUpdate.from());
    assertEquals(Predeploys.L1_BLOCK, l1BlockUpdate.to().orElseThrow());
    assertEquals(50_000, l1BlockUpdate.gasLimit());
    assertEquals(
        "0x3659cfe600000000000000000000000007dbe8500fc591d1852b76fee44d5a05e13097ff",
        l1BlockUpdate.data().toHexString());
    DepositTransaction vaultUpdate = UpgradeTransactions.forFork(OpFork.ISTHMUS).get(5);
    assertEquals(Predeploys.OPERATOR_FEE_VAULT, vaultUpdate.to().orElseThrow());
    assertEquals(
        "0x3659cfe60000000000000000000000004fa2be8cd41504037f1838bce3bcc93bc68ff537",
        vaultUpdate.data().toHexString());
    DepositTransaction setIsthmus = UpgradeTransactions.forFork(OpFork.ISTHMUS).get(6);
    assertEquals(Predeploys.L1_INFO_DEPOSITOR, setIsthmus.from());
    assertEquals(
        Hex.encode(UpgradeContracts.selector("setIsthmus()")), setIsthmus.data().toHexString());
  }

  /** Deployments: the address the proxies are pointed at, and the code hash the spec requires. */
  private static void assertDeploys(
      UpgradeContracts c, DepositTransaction tx, String address, String codeHash) {
    Address created = c.deploy(tx);
    assertEquals(Address.fromHex(address), created, tx.sourceHash().toString());
    if (codeHash != null) {
      assertEquals(
          Hash.fromHex(codeHash),
          c.world.account(created).orElseThrow().codeHash(),
          "code hash of " + address);
    } else {
      assertTrue(c.world.account(created).orElseThrow().codeHash() != Hash.EMPTY);
    }
  }

  @Test
  void deploymentsCreateTheSpecifiedContracts() {
    UpgradeContracts c = new UpgradeContracts();
    List<DepositTransaction> ecotone = UpgradeTransactions.forFork(OpFork.ECOTONE);
    assertDeploys(
        c,
        ecotone.get(0),
        "0x07dbe8500fc591d1852B76feE44d5a05e13097Ff",
        "0xc88a313aa75dc4fbf0b6850d9f9ae41e04243b7008cf3eadb29256d4a71c1dfd");
    assertDeploys(
        c,
        ecotone.get(1),
        "0xb528D11cC114E026F138fE568744c6D45ce6Da7A",
        "0x8b71360ea773b4cfaf1ae6d2bd15464a4e1e2e360f786e475f63aeaed8da0ae5");
    assertDeploys(c, ecotone.get(5), "0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02", null);
    assertDeploys(
        c,
        UpgradeTransactions.forFork(OpFork.FJORD).get(0),
        "0xa919894851548179A0750865e7974DA599C0Fac7",
        "0xa88fa50a2745b15e6794247614b5298483070661adacb8d32d716434ed24c6b2");
    List<DepositTransaction> isthmus = UpgradeTransactions.forFork(OpFork.ISTHMUS);
    assertDeploys(
        c,
        isthmus.get(0),
        "0xFf256497D61dcd71a9e9Ff43967C13fdE1F72D12",
        "0x8e3fe7a416d3e5f3b7be74ddd4e7e58e516fa3f80b67c6d930e3cd7297da4a4b");
    assertDeploys(
        c,
        isthmus.get(1),
        "0x93e57A196454CB919193fa9946f14943cf733845",
        "0x4d195a9d7caf9fb6d4beaf80de252c626c853afd5868c4f4f8d19c9d301c2679");
    assertDeploys(
        c,
        isthmus.get(2),
        "0x4fa2Be8cd41504037F1838BcE3bCC93bC68Ff537",
        "0x57dc55c9c09ca456fa728f253fe7b895d3e6aae0706104935fe87c7721001971");
    assertDeploys(
        c,
        isthmus.get(7),
        "0x0000F90827F1C53a10cb7A02335B175320002935",
        "0x6e49e66782037c0555897870e29fa5e552daf4719552131a0abce779daec0a5d");
    List<DepositTransaction> jovian = UpgradeTransactions.forFork(OpFork.JOVIAN);
    assertDeploys(
        c,
        jovian.get(0),
        "0x3Ba4007f5C922FBb33C454B41ea7a1f11E83df2C",
        "0x5f885ca815d2cf27a203123e50b8ae204fdca910b6995d90b2d7700cbb9240d1");
    assertDeploys(
        c,
        jovian.get(2),
        "0x4f1db3c6AbD250ba86E0928471A8F7DB3AFd88F1",
        "0xe9fc7c96c4db0d6078e3d359d7e8c982c350a513cb2c31121adf5e1e8a446614");
  }

  @Test
  void theActivationBlockGetsItsForksTransactions() {
    long t = OpTestChain.GENESIS_TIME;
    RollupConfig config =
        OpTestChain.config(
            Map.of(OpFork.REGOLITH, 0L, OpFork.ECOTONE, t + 100, OpFork.FJORD, t + 200));
    assertEquals(
        UpgradeTransactions.forFork(OpFork.ECOTONE), UpgradeTransactions.atBlock(config, t + 100));
    assertEquals(List.of(), UpgradeTransactions.atBlock(config, t + 102));
    assertEquals(
        UpgradeTransactions.forFork(OpFork.FJORD), UpgradeTransactions.atBlock(config, t + 200));
    // Forks active at genesis have no activation block.
    assertEquals(List.of(), UpgradeTransactions.atBlock(OpTestChain.config(OpFork.JOVIAN), t + 2));
  }
}
