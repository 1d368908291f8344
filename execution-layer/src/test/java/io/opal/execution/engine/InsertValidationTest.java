package io.opal.execution.engine;

import static io.opal.execution.engine.EngineChains.build;
import static io.opal.execution.engine.EngineChains.dump;
import static io.opal.execution.engine.EngineChains.transfers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.BlockValidationException.Reason;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.Transaction;
import io.opal.storage.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invalid blocks are refused with the broken rule named and leave the database as it was. */
class InsertValidationTest {
  private InMemoryKeyValueStore builderStore;
  private InMemoryKeyValueStore followerStore;
  private ExecutionEngine builder;
  private ExecutionEngine follower;
  private Block valid;

  @BeforeEach
  void setUp() throws Exception {
    builderStore = InMemoryKeyValueStore.create();
    followerStore = InMemoryKeyValueStore.create();
    builder = EngineChains.engine(builderStore, 8, TransactionProvider.NONE);
    follower = EngineChains.engine(followerStore, 8, TransactionProvider.NONE);
    BlockHeader genesis = builder.header(BlockTag.UNSAFE).orElseThrow();
    valid = build(builder, genesis, 1, transfers(0, 0, 3)).block();
  }

  @AfterEach
  void tearDown() {
    builderStore.close();
    followerStore.close();
  }

  private InsertResult.Invalid insertInvalid(Block bad) {
    TreeMap<String, String> before = dump(followerStore);
    var headsBefore = follower.heads();
    InsertResult r = follower.insert(bad);
    InsertResult.Invalid invalid = assertInstanceOf(InsertResult.Invalid.class, r);
    assertEquals(bad.hash(), invalid.block());
    assertEquals(before, dump(followerStore), "an invalid block changed the database");
    assertEquals(headsBefore, follower.heads());
    assertTrue(follower.block(bad.hash()).isEmpty());
    return invalid;
  }

  private Block withHeader(UnaryOperator<BlockHeader.Builder> change) {
    return new Block(change.apply(valid.header().toBuilder()).build(), valid.body());
  }

  @Test
  void aWrongStateRootIsNamed() {
    InsertResult.Invalid r =
        insertInvalid(withHeader(h -> h.stateRoot(Hash.keccak(new byte[] {9}))));
    assertEquals(Reason.HEADER_MISMATCH, r.reason());
    assertEquals(List.of("stateRoot"), r.fields());
  }

  @Test
  void wrongGasUsedAndReceiptsRootAreNamed() {
    InsertResult.Invalid r =
        insertInvalid(
            withHeader(
                h ->
                    h.gasUsed(valid.header().gasUsed() + 1)
                        .receiptsRoot(Hash.keccak(new byte[] {3}))));
    assertEquals(Reason.HEADER_MISMATCH, r.reason());
    assertTrue(r.fields().containsAll(List.of("gasUsed", "receiptsRoot")), r.fields().toString());
  }

  @Test
  void aWrongBaseFeeIsAHeaderError() {
    InsertResult.Invalid r =
        insertInvalid(
            withHeader(h -> h.baseFeePerGas(valid.header().baseFeePerGas().getAsLong() + 1)));
    assertEquals(Reason.INVALID_HEADER, r.reason());
    assertTrue(r.message().contains("baseFeePerGas"), r.message());
  }

  @Test
  void aTransactionThatCannotRunNamesItsIndex() {
    List<Transaction> txs = new ArrayList<>(valid.body().transactions());
    txs.set(2, transfers(0, 7, 1).get(0)); // account 0's next nonce is 1, not 7
    Block bad =
        new Block(
            valid.header(), new BlockBody(txs, valid.body().ommers(), valid.body().withdrawals()));
    InsertResult.Invalid r = insertInvalid(bad);
    assertEquals(Reason.INVALID_TRANSACTION, r.reason());
    assertEquals(2, r.transactionIndex().getAsInt());
  }

  @Test
  void aBlockWithoutItsL1InfoDepositIsInvalid() {
    List<Transaction> txs = new ArrayList<>(valid.body().transactions());
    txs.remove(0);
    Block bad =
        new Block(
            valid.header(), new BlockBody(txs, valid.body().ommers(), valid.body().withdrawals()));
    InsertResult.Invalid r = insertInvalid(bad);
    // Before Jovian nothing checks the deposit itself: the block no longer matches its header.
    assertEquals(Reason.HEADER_MISMATCH, r.reason(), r.toString());
    assertTrue(r.fields().contains("transactionsRoot"), r.fields().toString());
  }

  @Test
  void anUnknownParentIsReportedNotExecuted() {
    Block orphan = withHeader(h -> h.parentHash(Hash.keccak(new byte[] {4})).number(5));
    TreeMap<String, String> before = dump(followerStore);
    assertEquals(
        new InsertResult.MissingParent(orphan.hash(), Hash.keccak(new byte[] {4})),
        follower.insert(orphan));
    assertEquals(before, dump(followerStore));
  }

  @Test
  void theValidBlockStillGoesInAfterTheRefusals() {
    aWrongStateRootIsNamed();
    aTransactionThatCannotRunNamesItsIndex();
    InsertResult r = follower.insert(valid);
    assertEquals(new InsertResult.Valid(builder.heads().unsafe(), true, false), r);
  }
}
