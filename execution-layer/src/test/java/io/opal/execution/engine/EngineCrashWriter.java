package io.opal.execution.engine;

import io.opal.execution.state.AccountState;
import io.opal.execution.store.ChainDatabase;
import io.opal.execution.store.StateView;
import io.opal.primitives.Address;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.storage.Durability;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import io.opal.storage.RocksDbSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link EngineCrashTest}: an engine on a RocksDB chain that builds and seals
 * blocks of pool transfers until it is killed. Creates the chain on first run, continues from the
 * stored head afterwards.
 *
 * <p>Protocol on stdout: {@code ready N} once open (N: the head's number); for each block {@code
 * sealing N} right before {@link BuildJob#seal()} (the kill window the test aims at) and {@code
 * committed N} after it returned.
 */
public final class EngineCrashWriter {
  static final int ACCOUNTS = 32;
  static final int HISTORY = 32;
  static final RocksDbSettings SETTINGS = new RocksDbSettings(8L << 20, 4L << 20, 8L << 20, 2);

  private EngineCrashWriter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    try (KeyValueStore store = RocksDbKeyValueStore.open(Path.of(args[0]), SETTINGS)) {
      ChainDatabase db = ChainDatabase.open(store, HISTORY, Durability.PROCESS_CRASH_SAFE);
      if (db.heads().isEmpty()) {
        EngineTestChain.writeGenesis(db, EngineChains.CONFIG, ACCOUNTS);
      }
      ExecutionEngine engine =
          new ExecutionEngine(db, EngineChains.CONFIG, TransactionProvider.NONE);
      BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
      out.println("ready " + head.number());
      out.flush();
      while (true) {
        head = buildOne(engine, head, (int) (20 + (head.number() * 37) % 150), out);
      }
    }
  }

  /** Builds, seals and commits one block of {@code count} transfers on {@code head}. */
  static BlockHeader buildOne(ExecutionEngine engine, BlockHeader head, int count, PrintStream out)
      throws InterruptedException {
    List<SignedTransaction> txs = transfers(engine.stateAt(head.hash()).orElseThrow(), head, count);
    BuildJob job =
        engine.startBuild(
            head.hash(),
            EngineTestChain.attributes(EngineChains.CONFIG, head, false, 0),
            b -> new EngineTestChain.ListSource(txs));
    if (!job.awaitFilled(Duration.ofSeconds(60))) {
      throw new IllegalStateException("filling did not finish");
    }
    long number = head.number() + 1;
    if (out != null) {
      out.println("sealing " + number);
      out.flush();
    }
    SealedBlock sealed = job.seal();
    if (sealed.block().body().transactions().size() != count + 1) {
      throw new IllegalStateException("block " + number + " left transactions out");
    }
    if (out != null) {
      out.println("committed " + number);
      out.flush();
    }
    return sealed.block().header();
  }

  private static List<SignedTransaction> transfers(StateView state, BlockHeader head, int count) {
    List<SignedTransaction> txs = new ArrayList<>(count);
    long[] nonces = new long[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      nonces[i] = state.account(EngineTestChain.address(i)).map(AccountState::nonce).orElse(0L);
    }
    for (int i = 0; i < count; i++) {
      int from = (int) ((head.number() + i) % ACCOUNTS);
      Address to = Address.ofLong(0x10_0000L + (head.number() * 7919L + i) % 50_000);
      txs.add(EngineTestChain.transfer(from, nonces[from]++, to, 1 + i, 1));
    }
    return txs;
  }
}
