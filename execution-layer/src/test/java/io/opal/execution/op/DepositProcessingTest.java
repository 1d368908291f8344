package io.opal.execution.op;

import static io.opal.execution.op.OpTestChain.BOB;
import static io.opal.execution.op.OpTestChain.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.ContractAddress;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Deposit execution rules of deposits.md and the Regolith and Canyon changes. */
class DepositProcessingTest {
  private static final Address DEPOSITOR =
      Address.fromHex("0x1111000000000000000000000000000000002222");
  private static final Address REVERTER = Address.ofLong(0xdead);

  private InMemoryWorldState world;

  private OpBlockBuilder start(OpFork fork) throws BlockValidationException {
    RollupConfig config = OpTestChain.config(fork);
    world = new InMemoryWorldState();
    world.put(REVERTER, 1, UInt256.ZERO, Hex.decode("0x5f5ffd"), Map.of()); // PUSH0 PUSH0 REVERT
    var parent = OpTestChain.parent(config, 5, OpTestChain.GENESIS_TIME + 10, 1_000);
    return OpTestChain.executor(config)
        .start(parent, world, OpTestChain.attributes(config, parent, List.of(), true), n -> null);
  }

  private UInt256 balance(Address a) {
    return world.account(a).map(AccountState::balance).orElse(UInt256.ZERO);
  }

  private long nonce(Address a) {
    return world.account(a).map(AccountState::nonce).orElse(0L);
  }

  private static DepositTransaction deposit(
      Optional<Address> to, UInt256 mint, UInt256 value, long gas, String data) {
    return OpTestChain.deposit(DEPOSITOR, to, mint, value, gas, Hex.decode(data));
  }

  @Test
  void mintAndTransferThenReceiptWithNonceAndVersion() throws Exception {
    OpBlockBuilder b = start(OpFork.CANYON);
    ExecutedTransaction t =
        b.addForced(deposit(Optional.of(BOB), ETHER, UInt256.valueOf(3), 100_000, "0x"));
    assertEquals(ETHER.subtract(3), balance(DEPOSITOR));
    assertEquals(UInt256.valueOf(3), balance(BOB));
    assertEquals(1, nonce(DEPOSITOR));
    assertEquals(21_000, t.gasUsed()); // Regolith: the gas actually used
    DepositReceipt r = (DepositReceipt) t.receipt();
    assertTrue(r.success());
    assertEquals(21_000, r.cumulativeGasUsed());
    assertEquals(OptionalLong.of(0), r.depositNonce());
    assertEquals(OptionalLong.of(1), r.depositReceiptVersion());
    assertEquals(UInt256.ZERO, t.effectiveGasPrice());
    assertTrue(t.fees().isEmpty());
  }

  @Test
  void aValueItCannotPayFailsTheDepositButKeepsTheMint() throws Exception {
    OpBlockBuilder b = start(OpFork.CANYON);
    ExecutedTransaction t =
        b.addForced(
            deposit(Optional.of(BOB), UInt256.valueOf(5), UInt256.valueOf(6), 90_000, "0x"));
    assertFalse(((DepositReceipt) t.receipt()).success());
    assertEquals(90_000, t.gasUsed(), "a failed deposit uses its whole gas limit");
    assertEquals(UInt256.valueOf(5), balance(DEPOSITOR));
    assertEquals(UInt256.ZERO, balance(BOB));
    assertEquals(1, nonce(DEPOSITOR), "the nonce still increments");
    assertEquals(90_000, b.gasUsed());
  }

  @Test
  void tooLittleGasFailsTheDeposit() throws Exception {
    OpBlockBuilder b = start(OpFork.ECOTONE);
    ExecutedTransaction t =
        b.addForced(deposit(Optional.of(BOB), ETHER, UInt256.ONE, 20_000, "0x"));
    assertFalse(((DepositReceipt) t.receipt()).success());
    assertEquals(20_000, t.gasUsed());
    assertEquals(ETHER, balance(DEPOSITOR));
    assertEquals(1, nonce(DEPOSITOR));
  }

  @Test
  void aRevertIsAnOrdinaryFailureThatUsesOnlyItsGas() throws Exception {
    OpBlockBuilder b = start(OpFork.CANYON);
    ExecutedTransaction t =
        b.addForced(deposit(Optional.of(REVERTER), ETHER, UInt256.valueOf(7), 50_000, "0x"));
    assertFalse(((DepositReceipt) t.receipt()).success());
    assertEquals(21_004, t.gasUsed()); // 21000 + PUSH0 + PUSH0
    assertEquals(ETHER, balance(DEPOSITOR), "the value transfer reverted, the mint stays");
    assertEquals(1, nonce(DEPOSITOR));
  }

  @Test
  void bedrockReportsTheWholeGasLimitAndNoNonceInTheReceipt() throws Exception {
    OpBlockBuilder b = start(OpFork.BEDROCK);
    ExecutedTransaction t =
        b.addForced(deposit(Optional.of(BOB), ETHER, UInt256.ONE, 100_000, "0x"));
    assertEquals(100_000, t.gasUsed());
    DepositReceipt r = (DepositReceipt) t.receipt();
    assertTrue(r.success());
    assertEquals(OptionalLong.empty(), r.depositNonce());
    assertEquals(OptionalLong.empty(), r.depositReceiptVersion());
    // A system transaction uses no gas at all, and none of the block's.
    DepositTransaction system =
        new DepositTransaction(
            Hash.keccak(new byte[] {9}),
            DEPOSITOR,
            Optional.of(BOB),
            UInt256.ZERO,
            UInt256.ZERO,
            150_000_000,
            true,
            Bytes.EMPTY);
    ExecutedTransaction s = b.addForced(system);
    assertEquals(0, s.gasUsed());
    assertEquals(100_000, b.gasUsed());
  }

  @Test
  void regolithFailsSystemTransactions() throws Exception {
    OpBlockBuilder b = start(OpFork.REGOLITH);
    DepositTransaction system =
        new DepositTransaction(
            Hash.keccak(new byte[] {9}),
            DEPOSITOR,
            Optional.of(BOB),
            UInt256.ONE,
            UInt256.ZERO,
            1_000_000,
            true,
            Bytes.EMPTY);
    ExecutedTransaction s = b.addForced(system);
    assertFalse(((DepositReceipt) s.receipt()).success());
    assertEquals(1_000_000, s.gasUsed());
    assertEquals(UInt256.ONE, balance(DEPOSITOR));
    // Regolith receipts carry the nonce but not the version; the root does not commit to it.
    DepositReceipt r = (DepositReceipt) s.receipt();
    assertEquals(OptionalLong.of(0), r.depositNonce());
    assertEquals(OptionalLong.empty(), r.depositReceiptVersion());
  }

  @Test
  void aCreationDepositDeploysAtTheSendersNonceAddress() throws Exception {
    OpBlockBuilder b = start(OpFork.HOLOCENE);
    b.addForced(deposit(Optional.of(BOB), ETHER, UInt256.ZERO, 30_000, "0x")); // nonce 0 -> 1
    // init code returning one byte of code 0x00: PUSH1 1 PUSH1 0 RETURN with memory 0 = 0.
    ExecutedTransaction t =
        b.addForced(deposit(Optional.empty(), UInt256.ZERO, UInt256.ZERO, 100_000, "0x60016000f3"));
    Address created = ContractAddress.create(DEPOSITOR, 1);
    assertEquals(Optional.of(created), t.contractAddress());
    assertTrue(((DepositReceipt) t.receipt()).success());
    assertEquals(OptionalLong.of(1), ((DepositReceipt) t.receipt()).depositNonce());
    assertEquals(Hash.keccak(new byte[] {0}), world.account(created).orElseThrow().codeHash());
  }

  @Test
  void aDepositMustFitInTheBlockGas() throws Exception {
    OpBlockBuilder b = start(OpFork.CANYON);
    BlockValidationException e =
        assertThrows(
            BlockValidationException.class,
            () ->
                b.addForced(
                    deposit(
                        Optional.of(BOB),
                        UInt256.ZERO,
                        UInt256.ZERO,
                        OpTestChain.GAS_LIMIT + 1,
                        "0x")));
    assertEquals(BlockValidationException.Reason.GAS_LIMIT_EXCEEDED, e.reason());
    assertEquals(0, e.transactionIndex().getAsInt());
  }

  @Test
  void sealedReceiptsHashAsTheForkCommitsToThem() throws Exception {
    OpBlockBuilder b = start(OpFork.REGOLITH);
    b.addForced(deposit(Optional.of(BOB), ETHER, UInt256.ONE, 100_000, "0x"));
    ExecutedBlock block = b.seal();
    List<Receipt> receipts = block.receipts();
    assertEquals(Receipt.receiptsRoot(receipts), block.block().header().receiptsRoot());
    // Regolith (before Canyon): stored with the nonce, hashed without it.
    DepositReceipt r = (DepositReceipt) receipts.get(0);
    DepositReceipt withoutNonce =
        new DepositReceipt(
            r.success(),
            r.cumulativeGasUsed(),
            r.logsBloom(),
            r.logs(),
            OptionalLong.empty(),
            OptionalLong.empty());
    assertEquals(
        Receipt.receiptsRoot(List.of(withoutNonce)), block.block().header().receiptsRoot());
  }
}
