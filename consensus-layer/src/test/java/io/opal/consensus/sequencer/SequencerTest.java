package io.opal.consensus.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.l1.DepositLogDecoder;
import io.opal.consensus.l1.DepositSource;
import io.opal.consensus.l1.L1Header;
import io.opal.consensus.l1.SystemConfigLogDecoder;
import io.opal.consensus.rollup.L2BlockRef;
import io.opal.consensus.rollup.L2BlockRefs;
import io.opal.consensus.rollup.SequencerControlException;
import io.opal.consensus.rollup.SyncStatus;
import io.opal.execution.engine.TransactionProvider;
import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.TransactionSource;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.Log;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.Transaction;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class SequencerTest {
  private static final Address ALICE =
      Address.fromHex("0x00000000000000000000000000000000a11ce000");
  private static final Address BOB = Address.fromHex("0x0000000000000000000000000000000000000b0b");

  @Test
  void originFollowsL1TimeAndSequenceNumbersCount() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      for (int i = 0; i < 4; i++) {
        h.l1.add(12);
      }
      h.runBlocks(20); // L2 times genesis+2 .. genesis+40
      for (SequencedBlock b : h.sealed) {
        long t = b.ref().timestamp();
        long expectedOrigin = Math.min(4, (t - SequencerHarness.L1_GENESIS_TIME) / 12);
        L1Header origin = h.l1.at(expectedOrigin);
        assertEquals(origin.hash(), b.ref().l1Origin().hash(), "origin of block at " + t);
        L1BlockInfo info = L2Blocks.l1Info(b.sealed().block());
        assertEquals(L1BlockInfo.Format.JOVIAN, info.format());
        assertEquals(origin.number(), info.number());
        assertEquals(origin.timestamp(), info.timestamp());
        assertEquals(
            BigInteger.valueOf(origin.header().baseFeePerGas().getAsLong()), info.baseFee());
        // Epochs start exactly on their origin's time (L1 every 12 s, L2 every 2 s).
        assertEquals(origin.timestamp(), t - 2 * b.ref().sequenceNumber(), "epoch arithmetic");
        assertEquals(b.ref(), L2BlockRefs.of(b.sealed().block(), h.rollup));
        assertEquals(
            origin.header().mixHash(), b.sealed().block().header().mixHash(), "prevRandao");
        assertEquals(
            origin.header().parentBeaconBlockRoot(),
            b.sealed().block().header().parentBeaconBlockRoot());
      }
      // Blocks are consecutive, 2 s apart, and the head is the last sealed block.
      for (int i = 0; i < h.sealed.size(); i++) {
        assertEquals(i + 1, h.sealed.get(i).ref().number());
        assertEquals(h.rollup.genesisTime() + 2L * (i + 1), h.sealed.get(i).ref().timestamp());
      }
      assertEquals(h.last().ref().hash(), h.head().hash());
    }
  }

  @Test
  void confirmationDepthHoldsTheOriginBack() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      h.sequencer = h.newSequencer(SequencerConfig.defaults().withConfDepth(2));
      for (int i = 0; i < 3; i++) {
        h.l1.add(12);
      }
      h.runBlocks(20);
      // L1 head #3: with depth 2 no origin beyond #1 may be adopted.
      assertEquals(1, h.last().ref().l1Origin().number());
    }
  }

  @Test
  void depositsOnlyInTheFirstBlockOfTheirEpoch() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      UInt256 mint = UInt256.valueOf(BigInteger.TEN.pow(18));
      Log deposit = depositLog(ALICE, BOB, mint, UInt256.valueOf(5), 100_000, Bytes.EMPTY);
      h.l1.add(12);
      L1Header withDeposit = h.l1.add(12, "main", List.of(List.of(), List.of(deposit)));
      h.l1.add(12);
      h.runBlocks(20);
      int depositBlocks = 0;
      for (SequencedBlock b : h.sealed) {
        List<Transaction> txs = b.sealed().block().body().transactions();
        boolean firstOfEpoch2 =
            b.ref().l1Origin().hash().equals(withDeposit.hash()) && b.ref().sequenceNumber() == 0;
        if (firstOfEpoch2) {
          depositBlocks++;
          assertEquals(2, txs.size());
          DepositTransaction d = (DepositTransaction) txs.get(1);
          assertEquals(DepositSource.userDeposit(withDeposit.hash(), 0), d.sourceHash());
          assertEquals(ALICE, d.from());
          assertEquals(BOB, d.to().orElseThrow());
          assertEquals(mint, d.mint());
          assertEquals(1, b.userDeposits());
        } else {
          assertEquals(1, txs.size(), "only the L1-info deposit in " + b);
        }
      }
      assertEquals(1, depositBlocks);
      var bob = h.engine.stateAt(h.head().hash()).orElseThrow().account(BOB).orElseThrow();
      assertEquals(UInt256.valueOf(5), bob.balance());
    }
  }

  @Test
  void systemConfigUpdatesReachTheNextEpochAndSurviveRestart() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      long oldScalar = oldScalarOf(h);
      h.l1.add(12);
      Bytes32 scalar = L2Blocks.versionedScalar(4242, 99);
      L1Header update =
          h.l1.add(
              12,
              "main",
              List.of(
                  List.of(
                      configUpdate(2, uint(55_000_000)),
                      configUpdate(1, Bytes.concatenate(Bytes32.ZERO, scalar)))));
      h.runBlocks(14); // into epoch 2 (L1 time +24 = L2 block 12)
      for (SequencedBlock b : h.sealed) {
        L1BlockInfo info = L2Blocks.l1Info(b.sealed().block());
        boolean after = b.ref().l1Origin().number() >= update.number();
        assertEquals(after ? 4242 : oldScalarOf(h), info.baseFeeScalar(), b.toString());
        assertEquals(after ? 99 : info.blobBaseFeeScalar(), info.blobBaseFeeScalar());
        assertEquals(after ? 55_000_000L : 60_000_000L, b.sealed().block().header().gasLimit());
      }
      assertTrue(h.last().ref().l1Origin().number() >= update.number());
      // A new sequencer over the same chain (a restart) carries the updated config on.
      h.sequencer = h.newSequencer(SequencerConfig.defaults());
      h.runBlocks(1);
      assertEquals(4242, L2Blocks.l1Info(h.last().sealed().block()).baseFeeScalar());
      assertEquals(55_000_000L, h.last().sealed().block().header().gasLimit());
      assertTrue(oldScalar != 4242);
    }
  }

  private static long oldScalarOf(SequencerHarness h) {
    return io.opal.consensus.l1.SystemConfigUpdate.EcotoneScalars.decode(
            h.rollup.systemConfig().scalar())
        .orElseThrow()
        .baseFeeScalar();
  }

  @Test
  void pastTheDriftBlocksCarryDepositsOnlyUntilTheNextOriginArrives() throws Exception {
    // The pool notes which block asked: the head's child (the head moves only after a seal).
    java.util.concurrent.atomic.AtomicReference<SequencerHarness> bench =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.Set<Long> askedFor = java.util.concurrent.ConcurrentHashMap.newKeySet();
    TransactionProvider pool =
        baseFee -> {
          askedFor.add(bench.get().engine.heads().unsafe().number() + 1);
          return TransactionSource.EMPTY;
        };
    // L2 genesis 1800 s after L1's: every block is past Fjord's drift of origin #0.
    try (SequencerHarness h = new SequencerHarness(1800, pool)) {
      bench.set(h);
      h.l1.add(1810); // L1 #1 at L2 genesis + 10
      h.runBlocks(4);
      for (SequencedBlock b : h.sealed) {
        long t = b.ref().timestamp();
        assertEquals(t >= h.l1.at(1).timestamp() ? 1 : 0, b.ref().l1Origin().number(), "at " + t);
      }
      Thread.sleep(300); // block 5 (origin #1, within the drift) is filling from the pool
      h.runBlocks(1);
      assertEquals(1, h.last().ref().l1Origin().number());
      // Block 6 starts (and may ask the pool) before the sealed block 5 is announced.
      assertTrue(askedFor.contains(5L), "block 5 filled from the pool: " + askedFor);
      assertTrue(
          askedFor.stream().allMatch(n -> n >= 5),
          "deposit-only blocks 1-4 never asked the pool: " + askedFor);
    }
  }

  @Test
  void pastTheDriftWithoutANextOriginTheSequencerWaits() {
    try (SequencerHarness h = new SequencerHarness(1800, TransactionProvider.NONE)) {
      long before = h.engine.heads().unsafe().number();
      for (int i = 0; i < 5; i++) {
        h.clock.millis += h.sequencer.step();
      }
      assertEquals(before, h.engine.heads().unsafe().number());
      assertTrue(h.sequencer.active(), "waiting for L1 is temporary");
      h.l1.add(1800);
      h.runBlocks(1);
      assertEquals(1, h.last().ref().l1Origin().number());
    }
  }

  @Test
  void unreachableL1BacksOffAndLosesNoBlock() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      h.l1.add(12);
      h.runBlocks(3);
      h.l1.setDown(true);
      long w1 = h.sequencer.step();
      // The job started before L1 went down seals on time; the next start needs L1.
      h.clock.millis += w1;
      long w2 = h.sequencer.step();
      h.clock.millis += w2;
      long w3 = h.sequencer.step();
      h.clock.millis += w3;
      long w4 = h.sequencer.step();
      assertTrue(w4 > w3 && w3 >= 250, "backoff grows: " + w2 + ", " + w3 + ", " + w4);
      h.clock.millis += 20_000; // L1 down for 20 s: ten slots go by
      assertEquals(h.sequencer.step(), w4 * 2);
      h.l1.setDown(false);
      h.runBlocks(15);
      for (int i = 0; i < h.sealed.size(); i++) {
        assertEquals(i + 1, h.sealed.get(i).ref().number(), "no gap");
        assertEquals(h.rollup.genesisTime() + 2L * (i + 1), h.sealed.get(i).ref().timestamp());
      }
      assertTrue(h.sequencer.active());
    }
  }

  @Test
  void reorgOfTheOriginRewindsTheUnsafeHead() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      h.l1.add(12);
      h.l1.add(12);
      h.runBlocks(16); // blocks with origins #0, #1, #2
      L1Header oldOne = h.l1.at(1);
      assertEquals(2, h.last().ref().l1Origin().number());
      long lastOfEpoch0 = h.sealed.stream().filter(b -> b.ref().l1Origin().number() == 0).count();
      h.l1.truncateAbove(0);
      L1Header newOne = h.l1.add(13, "fork", List.of());
      h.l1.add(12, "fork", List.of());
      List<L2BlockRef> resets = new java.util.ArrayList<>();
      h.sequencer.addListener(
          new SequencerListener() {
            @Override
            public void onSealed(SequencedBlock block) {}

            @Override
            public void onReset(L2BlockRef from, L2BlockRef to) {
              resets.add(to);
            }
          });
      h.runBlocks(3);
      assertEquals(1, resets.size());
      assertEquals(lastOfEpoch0, resets.getFirst().number(), "rewound to the last block of #0");
      Block head = h.head();
      L2BlockRef ref = L2BlockRefs.of(head, h.rollup);
      assertFalse(ref.l1Origin().hash().equals(oldOne.hash()));
      // The chain from the rewind point names only canonical origins.
      for (long n = 1; n <= ref.number(); n++) {
        L2BlockRef r = L2BlockRefs.of(h.engine.block(n).orElseThrow(), h.rollup);
        assertEquals(h.l1.at(r.l1Origin().number()).hash(), r.l1Origin().hash());
      }
      assertTrue(h.sealed.stream().anyMatch(b -> b.ref().l1Origin().hash().equals(newOne.hash())));
    }
  }

  @Test
  void malformedDepositLogStopsSequencingWithoutAnInvalidBlock() {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      Log bad =
          new Log(
              SequencerHarness.PORTAL,
              List.of(DepositLogDecoder.TRANSACTION_DEPOSITED, topic(ALICE), topic(BOB), Hash.ZERO),
              Bytes.wrap(new byte[40])); // not an ABI bytes value
      h.l1.add(12, "main", List.of(List.of(bad)));
      for (int i = 0; i < 40 && h.sequencer.active(); i++) {
        h.clock.millis += Math.max(1, h.sequencer.step());
      }
      assertFalse(h.sequencer.active());
      assertEquals(
          SequencerException.Kind.CRITICAL, h.sequencer.lastFailure().orElseThrow().kind());
      // Every sealed block kept origin #0: none was built on the origin whose deposits failed.
      assertFalse(h.sealed.isEmpty());
      assertTrue(h.sealed.stream().allMatch(b -> b.ref().l1Origin().number() == 0));
      assertEquals(h.last().ref().hash(), h.head().hash());
    }
  }

  @Test
  void stopStartAndTheStoredStateSurviveARestart() throws Exception {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      h.l1.add(12);
      h.runBlocks(2);
      Hash head = h.head().hash();
      assertEquals(head, h.sequencer.stop());
      assertFalse(h.sequencer.active());
      var e = assertThrows(SequencerControlException.class, h.sequencer::stop);
      assertEquals("sequencer not running", e.getMessage());
      h.clock.millis += 10_000;
      h.sequencer.step();
      assertEquals(head, h.head().hash(), "a stopped sequencer seals nothing");
      // A restart (new sequencer, same store) stays stopped even though the config says active.
      h.sequencer = h.newSequencer(SequencerConfig.defaults().withStartActive(true));
      assertFalse(h.sequencer.active());
      var mismatch =
          assertThrows(
              SequencerControlException.class,
              () -> h.sequencer.start(h.sealed.getFirst().ref().hash()));
      assertTrue(
          mismatch.getMessage().startsWith("block hash does not match"), mismatch.getMessage());
      h.sequencer.start(head);
      assertTrue(h.sequencer.active());
      assertEquals(
          "sequencer already running",
          assertThrows(SequencerControlException.class, () -> h.sequencer.start(head))
              .getMessage());
      h.runBlocks(1);
      assertEquals(head, h.last().ref().parentHash());
      h.sequencer = h.newSequencer(SequencerConfig.defaults().withStartActive(false));
      assertTrue(h.sequencer.active(), "the stored 'active' wins over the config");
      SyncStatus status = h.sequencer.syncStatus();
      assertEquals(h.last().ref(), status.unsafeL2());
      assertEquals(0, status.safeL2().number());
      assertEquals(h.last().ref().l1Origin().hash(), status.currentL1().hash());
    }
  }

  @Test
  void runsOnItsOwnDriverThread() throws Exception {
    try (SequencerHarness h = new SequencerHarness(0, TransactionProvider.NONE)) {
      // Real time: the chain's genesis is in the past, so the driver catches up at once.
      var driver = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      try {
        Sequencer s =
            new Sequencer(
                h.engine,
                h.l1,
                SequencerConfig.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)),
                java.time.InstantSource.system());
        h.l1.add(12);
        s.start(driver);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (h.engine.heads().unsafe().number() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Hash stoppedAt = s.stop();
        assertEquals(h.engine.heads().unsafe().hash(), stoppedAt);
        assertTrue(h.engine.heads().unsafe().number() >= 5);
        s.close();
      } finally {
        driver.shutdownNow();
      }
    }
  }

  // ------------------------------------------------------------------------------ logs

  static Hash topic(Address a) {
    return Hash.wrap(Bytes32.leftPad(a.bytes()).toArray());
  }

  /** A version-0 TransactionDeposited log as the portal emits it. */
  static Log depositLog(
      Address from, Address to, UInt256 mint, UInt256 value, long gas, Bytes data) {
    Bytes opaque = Bytes.concatenate(mint, value, Bytes.ofUnsignedLong(gas), Bytes.of(0), data);
    return new Log(
        SequencerHarness.PORTAL,
        List.of(DepositLogDecoder.TRANSACTION_DEPOSITED, topic(from), topic(to), Hash.ZERO),
        abiBytes(opaque));
  }

  static Log configUpdate(int type, Bytes payload) {
    return new Log(
        SequencerHarness.SYSTEM_CONFIG,
        List.of(
            SystemConfigLogDecoder.CONFIG_UPDATE,
            Hash.ZERO,
            Hash.wrap(Bytes32.leftPad(Bytes.of(type)).toArray())),
        abiBytes(payload));
  }

  static Bytes uint(long v) {
    return Bytes32.leftPad(Bytes.ofUnsignedLong(v));
  }

  /** abi.encode(bytes): offset 32, length, data padded to whole words. */
  static Bytes abiBytes(Bytes data) {
    int padded = (data.size() + 31) / 32 * 32;
    ByteBuffer b = ByteBuffer.allocate(64 + padded);
    b.put(uint(32).toArrayUnsafe())
        .put(uint(data.size()).toArrayUnsafe())
        .put(data.toArrayUnsafe());
    return Bytes.wrap(b.array());
  }
}
