package io.opal.txpool;

import io.opal.primitives.Hash;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Test scaffolding: a real pool over a {@link FakeState}, a {@link FakeClock} and a head with base
 * fee 1000 wei, 30M gas, Jovian (Prague) rules and no L1 fee; keys 0..99 hold 1 ETH.
 */
final class Harness {
  static final UInt256 ONE_ETH = UInt256.valueOf(1_000_000_000_000_000_000L);
  static final long BASE_FEE = 1_000;

  final PoolConfig config;
  final FakeClock clock = new FakeClock();
  FakeState state = new FakeState();
  HeadContext head;
  final TransactionPool pool;

  Harness() {
    this(PoolConfig.defaults(Tx.CHAIN_ID));
  }

  Harness(PoolConfig config) {
    this(config, PoolJournal.NONE, OpFork.JOVIAN, L1CostFunction.ZERO);
  }

  Harness(PoolConfig config, PoolJournal journal, OpFork fork, L1CostFunction l1Cost) {
    this.config = config;
    for (int i = 0; i < 100; i++) {
      state.fund(Keys.address(i), ONE_ETH);
    }
    head =
        new HeadContext(
            1,
            Hash.keccak(new byte[] {1}),
            1_000,
            30_000_000,
            UInt256.valueOf(BASE_FEE),
            fork,
            l1Cost);
    pool = new TransactionPool(config, head, state, journal, clock);
  }

  AddResult add(Tx tx) {
    return pool.add(tx.sign(), TxOrigin.REMOTE);
  }

  AddResult add(SignedTransaction tx) {
    return pool.add(tx, TxOrigin.REMOTE);
  }

  AddResult addLocal(SignedTransaction tx) {
    return pool.add(tx, TxOrigin.LOCAL);
  }

  AddResult.Accepted accept(Tx tx) {
    return add(tx).orElseThrow();
  }

  /** The message of a rejection, failing the test if the transaction was accepted. */
  String reject(Tx tx) {
    return rejectionOf(add(tx)).message();
  }

  static AddResult.Rejected rejectionOf(AddResult r) {
    if (r instanceof AddResult.Rejected rejected) {
      return rejected;
    }
    throw new AssertionError("expected a rejection, got " + r);
  }

  /** Moves to the next head with {@code next} as its state (same base fee and limits). */
  void newHead(FakeState next) {
    newHead(next, List.of(), List.of());
  }

  void newHead(
      FakeState next, List<? extends Transaction> removed, List<? extends Transaction> added) {
    state = next;
    head =
        new HeadContext(
            head.number() + 1,
            Hash.keccak(new byte[] {(byte) (head.number() + 1)}),
            head.timestamp() + 2,
            head.gasLimit(),
            head.baseFee(),
            head.fork(),
            head.l1Cost());
    pool.onNewHead(head, next, removed, added);
  }

  void newHead(FakeState next, UInt256 baseFee) {
    state = next;
    head =
        new HeadContext(
            head.number() + 1,
            Hash.keccak(new byte[] {(byte) (head.number() + 1)}),
            head.timestamp() + 2,
            head.gasLimit(),
            baseFee,
            head.fork(),
            head.l1Cost());
    pool.onNewHead(head, next);
  }
}
