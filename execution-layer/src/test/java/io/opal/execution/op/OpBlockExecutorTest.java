package io.opal.execution.op;

import static io.opal.execution.op.OpTestChain.ALICE;
import static io.opal.execution.op.OpTestChain.ALICE_KEY;
import static io.opal.execution.op.OpTestChain.BOB;
import static io.opal.execution.op.OpTestChain.BOB_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Block building and validation: header fields per fork, block-start calls, pool filling. */
class OpBlockExecutorTest {
  private static final long T = OpTestChain.GENESIS_TIME;

  private static ExecutedBlock build(
      RollupConfig config, BlockHeader parent, InMemoryWorldState world, List<Transaction> txs)
      throws BlockValidationException {
    return OpTestChain.executor(config)
        .build(
            parent,
            world,
            OpTestChain.attributes(config, parent, txs, true),
            TransactionSource.EMPTY,
            n -> Hash.ZERO);
  }

  @Test
  void headerFieldsFollowTheFork() throws Exception {
    for (OpFork fork : OpFork.values()) {
      RollupConfig config = OpTestChain.config(fork);
      BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
      List<Transaction> txs =
          fork.isAtLeast(OpFork.JOVIAN)
              ? List.of(OpTestChain.l1Info(L1BlockInfo.Format.JOVIAN, 400))
              : List.of(OpTestChain.l1Info(L1BlockInfo.Format.ECOTONE, 0));
      ExecutedBlock b = build(config, parent, new InMemoryWorldState(), txs);
      BlockHeader h = b.block().header();
      assertEquals(10, h.number(), fork.toString());
      assertEquals(parent.hash(), h.parentHash());
      assertEquals(Hash.EMPTY_LIST, h.ommersHash());
      assertEquals(OpTestChain.FEE_RECIPIENT, h.beneficiary());
      assertEquals(Hash.keccak(new byte[] {7}), h.mixHash());
      assertEquals(OpTestChain.GAS_LIMIT, h.gasLimit());
      assertEquals(1000, h.baseFeePerGas().getAsLong());
      assertEquals(fork.isAtLeast(OpFork.CANYON), h.withdrawalsRoot().isPresent(), fork.toString());
      assertEquals(fork.isAtLeast(OpFork.CANYON), b.block().body().withdrawals().isPresent());
      assertEquals(fork.isAtLeast(OpFork.ECOTONE), h.parentBeaconBlockRoot().isPresent());
      assertEquals(fork.isAtLeast(OpFork.ISTHMUS), h.requestsHash().isPresent());
      assertEquals(
          fork.isAtLeast(OpFork.HOLOCENE) ? (fork.isAtLeast(OpFork.JOVIAN) ? 17 : 9) : 0,
          h.extraData().size());
      if (fork.isAtLeast(OpFork.ECOTONE)) {
        assertEquals(0, h.excessBlobGas().getAsLong());
        assertEquals(Hash.keccak(new byte[] {8}), h.parentBeaconBlockRoot().get());
      }
      if (fork.isAtLeast(OpFork.ISTHMUS)) {
        assertEquals(BlockSeal.EMPTY_REQUESTS_HASH, h.requestsHash().get());
      }
      assertEquals(b.block().body().transactionsRoot(), h.transactionsRoot());
    }
  }

  @Test
  void isthmusWithdrawalsRootIsTheMessagePassersStorageRoot() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.ISTHMUS);
    InMemoryWorldState world = new InMemoryWorldState();
    world.put(
        Predeploys.L2_TO_L1_MESSAGE_PASSER,
        1,
        UInt256.ZERO,
        new byte[] {0},
        Map.of(Word256.of(1), Word256.of(42)));
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    ExecutedBlock b =
        build(config, parent, world, List.of(OpTestChain.l1Info(L1BlockInfo.Format.ISTHMUS, 0)));
    Hash root = world.storageRoot(Predeploys.L2_TO_L1_MESSAGE_PASSER);
    assertFalse(root.equals(Hash.EMPTY_TRIE));
    assertEquals(root, b.block().header().withdrawalsRoot().orElseThrow());
  }

  @Test
  void systemContractsRecordTheBeaconRootAndTheParentHash() throws Exception {
    // Deploy the EIP-4788 and EIP-2935 contracts with their upgrade transactions first.
    UpgradeContracts c = new UpgradeContracts();
    c.deploy(UpgradeTransactions.forFork(OpFork.ECOTONE).get(5));
    c.deploy(UpgradeTransactions.forFork(OpFork.ISTHMUS).get(7));
    RollupConfig config = OpTestChain.config(OpFork.ISTHMUS);
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    ExecutedBlock b =
        build(config, parent, c.world, List.of(OpTestChain.l1Info(L1BlockInfo.Format.ISTHMUS, 0)));
    long timestamp = b.block().header().timestamp();
    // EIP-4788: timestamp at slot t % 8191, root at slot t % 8191 + 8191.
    assertEquals(
        Word256.of(timestamp),
        c.world.storage(Predeploys.BEACON_ROOTS, Word256.of(timestamp % 8191)));
    assertEquals(
        Word256.fromBytes(Hash.keccak(new byte[] {8}).toArray()),
        c.world.storage(Predeploys.BEACON_ROOTS, Word256.of(timestamp % 8191 + 8191)));
    // EIP-2935: the parent hash at slot (number - 1) % 8191.
    assertEquals(
        Word256.fromBytes(parent.hash().toArray()),
        c.world.storage(Predeploys.HISTORY_STORAGE, Word256.of(9 % 8191)));
  }

  @Test
  void theCanyonActivationBlockInstallsTheCreate2Deployer() throws Exception {
    RollupConfig config = OpTestChain.config(Map.of(OpFork.REGOLITH, 0L, OpFork.CANYON, T + 20));
    InMemoryWorldState world = new InMemoryWorldState();
    BlockHeader before = OpTestChain.parent(config, 8, T + 16, 1000);
    build(config, before, world, List.of(OpTestChain.l1Info(L1BlockInfo.Format.BEDROCK, 0)));
    assertTrue(world.account(Predeploys.CREATE2_DEPLOYER).isEmpty(), "not before Canyon");
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    build(config, parent, world, List.of(OpTestChain.l1Info(L1BlockInfo.Format.BEDROCK, 0)));
    assertEquals(
        BlockStart.CREATE2_DEPLOYER_CODE_HASH,
        world.account(Predeploys.CREATE2_DEPLOYER).orElseThrow().codeHash());
  }

  @Test
  void jovianBlobGasUsedIsTheDaFootprint() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.JOVIAN);
    InMemoryWorldState world = OpTestChain.funded(ALICE);
    OpTestChain.setL1FeeParams(world, 10, 1, 1, 1, 0, 0);
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    DynamicFeeTransaction tx = OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.ONE, 1, 10_000);
    ExecutedBlock b =
        build(
            config, parent, world, List.of(OpTestChain.l1Info(L1BlockInfo.Format.JOVIAN, 400), tx));
    long expected = RollupFees.daFootprint(RollupCostData.of(TransactionCodec.encode(tx)), 400);
    assertEquals(expected, b.block().header().blobGasUsed().getAsLong());
    assertEquals(expected, b.transactions().get(1).fees().orElseThrow().daFootprint().getAsLong());
    assertEquals(40_000, expected, "a 110-byte transfer is priced at the 100-byte minimum");
  }

  @Test
  void theJovianActivationBlockTakesNoSequencedTransactions() throws Exception {
    RollupConfig config = OpTestChain.config(Map.of(OpFork.ISTHMUS, 0L, OpFork.JOVIAN, T + 20));
    InMemoryWorldState world = OpTestChain.funded(ALICE);
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    OpBlockBuilder b =
        OpTestChain.executor(config)
            .start(
                parent, world, OpTestChain.attributes(config, parent, List.of(), true), n -> null);
    b.addForced(OpTestChain.l1Info(L1BlockInfo.Format.ISTHMUS, 0)); // still the Isthmus format
    BlockValidationException e =
        assertThrows(
            BlockValidationException.class,
            () -> b.addForced(OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.ONE, 1, 10_000)));
    assertEquals(BlockValidationException.Reason.INVALID_TRANSACTION, e.reason());
    assertEquals(0, b.seal().block().header().blobGasUsed().getAsLong());
  }

  /** A pool that hands out its transactions in order and remembers the skipped senders. */
  private static final class ListSource implements TransactionSource {
    final Deque<Transaction> txs;
    final Set<Address> skipped = new HashSet<>();

    ListSource(List<Transaction> txs) {
      this.txs = new ArrayDeque<>(txs);
    }

    @Override
    public Optional<Candidate> next() {
      while (!txs.isEmpty()) {
        Transaction tx = txs.poll();
        Address sender = tx.sender();
        if (!skipped.contains(sender)) {
          return Optional.of(
              new Candidate(
                  (io.opal.primitives.tx.SignedTransaction) tx,
                  sender,
                  TransactionCodec.encode(tx)));
        }
      }
      return Optional.empty();
    }

    @Override
    public void skipSender(Address sender) {
      skipped.add(sender);
    }
  }

  @Test
  void thePoolFillsTheBlockAndInvalidSendersAreSkipped() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.HOLOCENE);
    InMemoryWorldState world = OpTestChain.funded(ALICE); // Bob has no funds
    OpTestChain.setL1FeeParams(world, 10, 1, 1, 1, 0, 0);
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    List<Transaction> pool = new ArrayList<>();
    pool.add(OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.ONE, 1, 10_000));
    pool.add(OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.ONE, 1, 10_000)); // nonce used
    pool.add(OpTestChain.transfer(BOB_KEY, 0, ALICE, UInt256.ONE, 1, 10_000)); // cannot pay
    pool.add(OpTestChain.transfer(BOB_KEY, 1, ALICE, UInt256.ONE, 1, 10_000));
    pool.add(OpTestChain.transfer(ALICE_KEY, 1, BOB, UInt256.ONE, 1, 10_000));
    ListSource source = new ListSource(pool);
    ExecutedBlock b =
        OpTestChain.executor(config)
            .build(
                parent,
                world,
                OpTestChain.attributes(
                    config,
                    parent,
                    List.of(OpTestChain.l1Info(L1BlockInfo.Format.ECOTONE, 0)),
                    false),
                source,
                n -> null);
    assertEquals(3, b.transactions().size()); // L1 info + Alice's nonces 0 and 1
    assertEquals(pool.get(0).hash(), b.transactions().get(1).hash());
    assertEquals(pool.get(4).hash(), b.transactions().get(2).hash());
    assertEquals(Set.of(BOB), source.skipped);
    assertEquals(21_000 * 2 + b.transactions().get(0).gasUsed(), b.block().header().gasUsed());
  }

  @Test
  void aBuiltBlockValidatesAndATamperedOneNamesTheField() throws Exception {
    RollupConfig config = OpTestChain.config(OpFork.ISTHMUS);
    InMemoryWorldState pre = OpTestChain.funded(ALICE);
    OpTestChain.setL1FeeParams(pre, 10, 1, 1, 1, 5, 6);
    BlockHeader parent = OpTestChain.parent(config, 9, T + 18, 1000);
    List<Transaction> txs =
        List.of(
            OpTestChain.l1Info(L1BlockInfo.Format.ISTHMUS, 0),
            OpTestChain.transfer(ALICE_KEY, 0, BOB, UInt256.ONE, 1, 10_000));
    InMemoryWorldState world = copy(pre);
    ExecutedBlock built = build(config, parent, world, txs);

    ExecutedBlock again =
        OpTestChain.executor(config).execute(parent, copy(pre), built.block(), n -> Hash.ZERO);
    assertEquals(built.hash(), again.hash());

    Block wrongGas =
        new Block(built.block().header().toBuilder().gasUsed(21_001).build(), built.block().body());
    BlockValidationException e =
        assertThrows(
            BlockValidationException.class,
            () ->
                OpTestChain.executor(config).execute(parent, copy(pre), wrongGas, n -> Hash.ZERO));
    assertEquals(BlockValidationException.Reason.HEADER_MISMATCH, e.reason());
    assertEquals(List.of("gasUsed"), e.mismatches().stream().map(HeaderDiff.Field::name).toList());

    Block wrongBaseFee =
        new Block(
            built.block().header().toBuilder().baseFeePerGas(999).build(), built.block().body());
    e =
        assertThrows(
            BlockValidationException.class,
            () ->
                OpTestChain.executor(config)
                    .execute(parent, copy(pre), wrongBaseFee, n -> Hash.ZERO));
    assertEquals(BlockValidationException.Reason.INVALID_HEADER, e.reason());

    Block noWithdrawals =
        new Block(
            built.block().header(),
            new io.opal.primitives.block.BlockBody(
                built.block().body().transactions(), List.of(), Optional.empty()));
    e =
        assertThrows(
            BlockValidationException.class,
            () ->
                OpTestChain.executor(config)
                    .execute(parent, copy(pre), noWithdrawals, n -> Hash.ZERO));
    assertEquals(BlockValidationException.Reason.INVALID_BODY, e.reason());
  }

  private static InMemoryWorldState copy(InMemoryWorldState w) {
    InMemoryWorldState c = new InMemoryWorldState();
    for (Address a : w.addresses()) {
      var s = w.account(a).orElseThrow();
      c.put(a, s.nonce(), s.balance(), w.code(s.codeHash()), w.storageOf(a));
    }
    return c;
  }
}
