package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** A real L1 reorg (anvil snapshot, revert, different blocks) seen by the head tracker. */
class L1HeadTrackerAnvilTest {

  @Test
  void reportsRealReorgsWithTheRightCommonAncestor() {
    Vertx vertx = Vertx.vertx();
    try (Anvil anvil = Anvil.start(Anvil.freePort());
        JsonRpcL1Client client =
            JsonRpcL1Client.connect(vertx, anvil.http(), L1ClientConfig.DEFAULT)) {
      anvil.mine(5);
      L1BlockRef five = client.headerByNumber(5).join().ref();
      L1HeadTracker tracker = new L1HeadTracker(client, five, 64);
      String snapshot = anvil.rpc("evm_snapshot").asText();

      // The old branch: 6, 7, 8.
      anvil.mine(3);
      List<L1BlockRef> oldBranch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        oldBranch.add(
            assertInstanceOf(L1HeadTracker.Step.Advanced.class, tracker.step().join()).block());
      }
      assertInstanceOf(L1HeadTracker.Step.UpToDate.class, tracker.step().join());

      // Back to 5, then a different and longer branch: 6' (with a transaction), 7', 8', 9'.
      anvil.rpc("evm_revert", snapshot);
      sendTransfer(anvil, 0);
      awaitBlock(anvil, 6);
      anvil.mine(1);
      String atSeven = anvil.rpc("evm_snapshot").asText();
      anvil.mine(2);
      List<L1BlockRef> newBranch = new ArrayList<>();
      for (long n = 6; n <= 9; n++) {
        newBranch.add(client.headerByNumber(n).join().ref());
      }
      L1HeadTracker.Step.Reorg reorg =
          assertInstanceOf(L1HeadTracker.Step.Reorg.class, tracker.step().join());
      assertEquals(five, reorg.commonAncestor());
      assertEquals(oldBranch, reorg.oldBranch());
      assertEquals(newBranch, reorg.newBranch());
      assertEquals(newBranch.getLast(), tracker.head());

      // A shorter replacement: back to 7' and one different block 8''.
      anvil.rpc("evm_revert", atSeven);
      sendTransfer(anvil, 1);
      awaitBlock(anvil, 8);
      L1BlockRef eightBis = client.headerByNumber(8).join().ref();
      L1HeadTracker.Step.Reorg shorter =
          assertInstanceOf(L1HeadTracker.Step.Reorg.class, tracker.step().join());
      assertEquals(newBranch.get(1), shorter.commonAncestor());
      assertEquals(newBranch.subList(2, 4), shorter.oldBranch());
      assertEquals(List.of(eightBis), shorter.newBranch());
      assertEquals(new L1HeadTracker.Step.UpToDate(eightBis), tracker.step().join());
    } finally {
      vertx.close().await();
    }
  }

  /**
   * anvil answers eth_sendRawTransaction before its automine has produced the block; wait (bounded)
   * until the chain has reached {@code number}.
   */
  private static void awaitBlock(Anvil anvil, long number) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Long.decode(anvil.rpc("eth_blockNumber").asText()) < number) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("anvil did not reach block " + number + " within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void sendTransfer(Anvil anvil, int value) {
    long nonce =
        Long.decode(
            anvil
                .rpc("eth_getTransactionCount", Anvil.devAddress(1).toString(), "pending")
                .asText());
    DynamicFeeTransaction tx =
        TransactionSigner.sign(
            new DynamicFeeTransaction(
                31337,
                nonce,
                UInt256.ONE,
                UInt256.valueOf(10_000_000_000L),
                21000,
                Optional.of(Anvil.devAddress(2)),
                UInt256.valueOf(value + 1),
                Bytes.EMPTY,
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            Anvil.DEV_KEYS.get(1).toArray());
    anvil.rpc("eth_sendRawTransaction", Bytes.wrap(TransactionCodec.encode(tx)).toHexString());
  }
}
