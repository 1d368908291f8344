package io.opal.txpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.TransactionCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local transactions survive a restart through the journal file, re-validated on the way in. */
class JournalTest {
  @TempDir Path dir;

  private Harness start(Path file) {
    return new Harness(
        PoolConfig.defaults(Tx.CHAIN_ID),
        new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE),
        OpFork.JOVIAN,
        L1CostFunction.ZERO);
  }

  @Test
  void localsAreRestoredAfterARestartRemotesAreNot() throws IOException {
    Path file = dir.resolve("transactions.rlp");
    SignedTransaction l0 = Tx.dynamic(1).nonce(0).sign();
    SignedTransaction l1 = Tx.dynamic(1).nonce(1).sign();
    SignedTransaction l5 = Tx.dynamic(2).nonce(5).sign();
    SignedTransaction remote = Tx.dynamic(3).sign();
    Harness first = start(file);
    first.addLocal(l0).orElseThrow();
    first.pool.addRaw(TransactionCodec.encode(l1), TxOrigin.LOCAL).orElseThrow();
    first.addLocal(l5).orElseThrow();
    first.add(remote).orElseThrow();
    first.pool.close();

    Harness second = start(file);
    TransactionPool.Restored restored = second.pool.restoreJournal();
    assertEquals(new TransactionPool.Restored(3, 3), restored);
    assertTrue(second.pool.contains(l0.hash()));
    assertTrue(second.pool.contains(l1.hash()));
    assertEquals(TxStatus.QUEUED, second.pool.statusOf(l5.hash()).orElseThrow());
    assertFalse(second.pool.contains(remote.hash()));
    assertEquals(TxOrigin.LOCAL, second.pool.get(l0.hash()).orElseThrow().origin());
    second.pool.close();
  }

  @Test
  void restoreRevalidatesAgainstTheCurrentState() throws IOException {
    Path file = dir.resolve("transactions.rlp");
    SignedTransaction included = Tx.dynamic(1).nonce(0).sign();
    SignedTransaction next = Tx.dynamic(1).nonce(1).sign();
    Harness first = start(file);
    first.addLocal(included).orElseThrow();
    first.addLocal(next).orElseThrow();
    first.pool.close();

    // meanwhile nonce 0 was included
    Harness second = start(file);
    second.state.nonce(Keys.address(1), 1);
    assertEquals(new TransactionPool.Restored(2, 1), second.pool.restoreJournal());
    assertEquals(TxStatus.PENDING, second.pool.statusOf(next.hash()).orElseThrow());
    second.pool.close();
    // the restore rewrote the journal with what it kept
    List<byte[]> kept = new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load();
    assertEquals(1, kept.size());
    assertArrayEquals(TransactionCodec.encode(next), kept.get(0));
  }

  @Test
  void rotationCompactsReplacementsAndDepartures() throws IOException {
    Path file = dir.resolve("transactions.rlp");
    Harness h = start(file);
    h.addLocal(Tx.dynamic(1).nonce(0).price(100, 2_000).sign()).orElseThrow();
    SignedTransaction bumped = Tx.dynamic(1).nonce(0).price(200, 4_000).sign();
    h.addLocal(bumped).orElseThrow();
    h.addLocal(Tx.dynamic(2).nonce(0).sign()).orElseThrow();
    assertEquals(3, new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load().size());
    h.newHead(h.state.copy().nonce(Keys.address(2), 1)); // sender 2's transaction included
    h.clock.advance(Duration.ofMinutes(59));
    h.pool.maintain();
    assertEquals(3, new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load().size());
    h.clock.advance(Duration.ofMinutes(1));
    h.pool.maintain();
    List<byte[]> live = new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load();
    assertEquals(1, live.size());
    assertArrayEquals(TransactionCodec.encode(bumped), live.get(0));
    // appends continue after a rotation
    h.addLocal(Tx.dynamic(3).sign()).orElseThrow();
    assertEquals(2, new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load().size());
    h.pool.close();
  }

  @Test
  void damagedTailEndsTheLoad() throws IOException {
    Path file = dir.resolve("transactions.rlp");
    FilePoolJournal journal = new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE);
    byte[] a = TransactionCodec.encode(Tx.dynamic(1).sign());
    byte[] b = TransactionCodec.encode(Tx.dynamic(2).sign());
    journal.append(a);
    journal.append(b);
    journal.close();
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3)); // crash mid-write
    List<byte[]> loaded = new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load();
    assertEquals(1, loaded.size());
    assertArrayEquals(a, loaded.get(0));
  }

  @Test
  void forgedLengthsAndForeignBytesStopTheLoadWithoutHugeAllocations() throws IOException {
    Path file = dir.resolve("transactions.rlp");
    byte[] a = TransactionCodec.encode(Tx.dynamic(1).sign());
    FilePoolJournal journal = new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE);
    journal.append(a);
    journal.close();
    // a string header claiming 4 GiB
    Files.write(
        file,
        new byte[] {(byte) 0xbb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        StandardOpenOption.APPEND);
    assertEquals(1, new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE).load().size());
    for (byte[] junk :
        List.of(
            new byte[] {(byte) 0xc1, 0x00},
            new byte[] {0x05},
            new byte[] {(byte) 0xb8, 0x10},
            new byte[] {(byte) 0xb9, 0x00, 0x40})) {
      Path other = dir.resolve("junk" + junk[0] + junk.length + ".rlp");
      Files.write(other, junk);
      assertEquals(List.of(), new FilePoolJournal(other, PoolConfig.MAX_TX_SIZE).load());
    }
  }

  @Test
  void undecodableJournalEntriesAreSkippedOnRestore() throws IOException {
    Path file = dir.resolve("transactions.rlp");
    FilePoolJournal journal = new FilePoolJournal(file, PoolConfig.MAX_TX_SIZE);
    journal.append(new byte[] {0x02, (byte) 0xc0});
    SignedTransaction good = Tx.dynamic(1).sign();
    journal.append(TransactionCodec.encode(good));
    journal.close();
    Harness h = start(file);
    assertEquals(new TransactionPool.Restored(2, 1), h.pool.restoreJournal());
    assertTrue(h.pool.contains(good.hash()));
    h.pool.close();
  }

  @Test
  void missingJournalRestoresNothing() {
    Harness h = start(dir.resolve("none.rlp"));
    assertEquals(new TransactionPool.Restored(0, 0), h.pool.restoreJournal());
    assertEquals(Set.of(), h.pool.content().pending().keySet());
    h.pool.close();
  }
}
