package io.opal.execution.op;

import static io.opal.execution.op.OpTestChain.ALICE;
import static io.opal.execution.op.OpTestChain.ALICE_KEY;
import static io.opal.execution.op.OpTestChain.BOB;
import static io.opal.execution.op.OpTestChain.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.primitives.Address;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/**
 * Where a sequenced transaction's fees go (exec-engine.md "Fee Vaults", isthmus/exec-engine.md):
 * the priority fee to the fee recipient, the base fee to the BaseFeeVault (not burned), the L1 data
 * fee to the L1FeeVault, the used operator fee to the OperatorFeeVault; no ether is created or
 * destroyed.
 */
class FeeRoutingTest {

  private static BigInteger balance(InMemoryWorldState w, Address a) {
    return w.account(a).map(AccountState::balance).orElse(UInt256.ZERO).toBigInteger();
  }

  @Test
  void isthmusRoutesEveryFeeToItsVault() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.ISTHMUS);
    InMemoryWorldState world = OpTestChain.funded(ALICE);
    // Operator fee: scalar 2,000,000 (2 wei per gas) and constant 1000 wei.
    OpTestChain.setL1FeeParams(world, 1_000_000_000, 1, 1368, 810_949, 2_000_000, 1000);
    long baseFee = 1_000_000;
    BlockHeader parent = OpTestChain.parent(config, 10, OpTestChain.GENESIS_TIME + 20, baseFee);
    Transaction tx =
        OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.valueOf(12345), 300, 5_000_000);
    List<Transaction> txs = List.of(OpTestChain.l1Info(L1BlockInfo.Format.ISTHMUS, 0), tx);
    ExecutedBlock block =
        OpTestChain.executor(config)
            .build(
                parent,
                world,
                OpTestChain.attributes(config, parent, txs, true),
                TransactionSource.EMPTY,
                n -> null);

    assertEquals(baseFee, block.block().header().baseFeePerGas().getAsLong()); // parent at target
    ExecutedTransaction t = block.transactions().get(1);
    assertEquals(21_000, t.gasUsed());
    BigInteger gas = BigInteger.valueOf(21_000);
    // Fjord L1 fee of the envelope, priced at the L1Block values set above.
    RollupFees fees = RollupFees.of(OpFork.ISTHMUS, L1FeeParams.readFrom(world, OpFork.ISTHMUS));
    BigInteger l1Fee = fees.l1Cost(RollupCostData.of(TransactionCodec.encode(tx))).fee();
    assertTrue(l1Fee.signum() > 0);
    assertEquals(l1Fee, t.fees().orElseThrow().l1Fee());
    BigInteger operatorFee = BigInteger.valueOf(21_000L * 2 + 1000); // gasUsed*2 + constant
    BigInteger tip = BigInteger.valueOf(300);
    BigInteger base = BigInteger.valueOf(baseFee);

    assertEquals(gas.multiply(tip), balance(world, Predeploys.SEQUENCER_FEE_VAULT));
    assertEquals(gas.multiply(base), balance(world, Predeploys.BASE_FEE_VAULT));
    assertEquals(l1Fee, balance(world, Predeploys.L1_FEE_VAULT));
    assertEquals(operatorFee, balance(world, Predeploys.OPERATOR_FEE_VAULT));
    assertEquals(BigInteger.valueOf(12345), balance(world, BOB));
    BigInteger spent =
        gas.multiply(base.add(tip)).add(l1Fee).add(operatorFee).add(BigInteger.valueOf(12345));
    assertEquals(ETHER.toBigInteger().subtract(spent), balance(world, ALICE));
    assertEquals(UInt256.valueOf(1_000_300), t.effectiveGasPrice());
  }

  @Test
  void theSenderMustAffordTheWorstCaseOperatorFee() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.JOVIAN);
    InMemoryWorldState world = new InMemoryWorldState();
    // Enough for gas (21000 wei) and value, not for 21000 * 1000 * 100 wei of operator fee.
    world.put(ALICE, 0, UInt256.valueOf(1_000_000_000L), new byte[0], java.util.Map.of());
    OpTestChain.setL1FeeParams(world, 1, 1, 0, 0, 1000, 0);
    BlockHeader parent = OpTestChain.parent(config, 10, OpTestChain.GENESIS_TIME + 20, 1);
    Transaction tx = OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.ONE, 0, 1);
    OpBlockExecutor executor = OpTestChain.executor(config);
    OpBlockBuilder b =
        executor.start(
            parent, world, OpTestChain.attributes(config, parent, List.of(), true), n -> null);
    b.addForced(OpTestChain.l1Info(L1BlockInfo.Format.JOVIAN, 400));
    BlockValidationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            BlockValidationException.class, () -> b.addForced(tx));
    assertEquals(BlockValidationException.Reason.INVALID_TRANSACTION, e.reason());
    assertTrue(e.getMessage().contains("INSUFFICIENT_FUNDS"), e.getMessage());
    assertEquals(1, e.transactionIndex().getAsInt());
  }

  @Test
  void depositsPayNoFees() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.ISTHMUS);
    InMemoryWorldState world = OpTestChain.funded(ALICE);
    OpTestChain.setL1FeeParams(world, 1_000_000_000, 1, 1368, 810_949, 2_000_000, 1000);
    BlockHeader parent = OpTestChain.parent(config, 10, OpTestChain.GENESIS_TIME + 20, 1_000_000);
    Transaction deposit =
        OpTestChain.deposit(
            ALICE,
            java.util.Optional.of(BOB),
            UInt256.ZERO,
            UInt256.valueOf(5),
            100_000,
            new byte[0]);
    OpTestChain.executor(config)
        .build(
            parent,
            world,
            OpTestChain.attributes(
                config,
                parent,
                List.of(OpTestChain.l1Info(L1BlockInfo.Format.ISTHMUS, 0), deposit),
                true),
            TransactionSource.EMPTY,
            n -> null);
    for (Address vault :
        List.of(
            Predeploys.SEQUENCER_FEE_VAULT,
            Predeploys.BASE_FEE_VAULT,
            Predeploys.L1_FEE_VAULT,
            Predeploys.OPERATOR_FEE_VAULT)) {
      assertEquals(BigInteger.ZERO, balance(world, vault), vault.toString());
    }
    assertEquals(ETHER.toBigInteger().subtract(BigInteger.valueOf(5)), balance(world, ALICE));
  }
}
