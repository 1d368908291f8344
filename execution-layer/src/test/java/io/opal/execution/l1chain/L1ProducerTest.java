package io.opal.execution.l1chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.ExecutedBlock;
import io.opal.primitives.Address;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.tx.BlobSidecar;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.BlobTransactionWithSidecar;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.storage.KeyValueStore;
import io.opal.storage.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class L1ProducerTest {
  private static final long SLOT = 12;
  private static final DevAccounts.DevAccount ALICE = L1TestChain.ALICE;
  private static final Address BOB = L1TestChain.BOB;

  @TempDir Path dir;

  private static L1Chain open(KeyValueStore store, long genesisTime) {
    return L1TestChain.open(store, genesisTime, 60_000_000);
  }

  private static Bytes transfer(long nonce) {
    return L1TestChain.transfer(nonce);
  }

  @Test
  void producesSlotAlignedBlocksWithPoolTransactionsAndResumesAfterRestart() {
    long genesisTime = 1_000_000;
    long[] clock = {genesisTime + 64 * SLOT};
    ExecutedBlock last;
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      L1Chain chain = open(store, genesisTime);
      L1Mempool pool = new L1Mempool(chain.rules());
      try (L1Producer producer =
          new L1Producer(chain, pool, SLOT, 60_000_000, Address.ZERO, () -> clock[0])) {
        assertEquals(Optional.empty(), pool.submit(transfer(0), producer.nonces()));
        assertTrue(
            pool.submit(transfer(0), producer.nonces()).orElseThrow().contains("underpriced"));
        ExecutedBlock b1 = producer.sealNow();
        assertEquals(genesisTime + SLOT, b1.block().header().timestamp());
        assertEquals(1, b1.transactions().size());
        assertEquals(0, pool.size());
        assertTrue(
            pool.submit(transfer(0), producer.nonces()).orElseThrow().contains("nonce too low"));
        for (int i = 0; i < 9; i++) {
          producer.sealNow();
        }
        // The timer jumps to the wall clock's slot, skipping the slots in between.
        last = producer.tick().orElseThrow();
        assertEquals(genesisTime + 64 * SLOT, last.block().header().timestamp());
        assertEquals(Optional.empty(), producer.tick());
        var heads = chain.db().heads().orElseThrow();
        assertEquals(11, heads.unsafe().number());
        assertEquals(9, heads.safe().number());
        assertEquals(3, heads.finalized().number());
      }
    }
    try (KeyValueStore store = RocksDbKeyValueStore.open(dir)) {
      // A different genesis time would be another chain: the stored one must win.
      L1Chain chain = open(store, genesisTime + 999);
      assertEquals(last.hash(), chain.head().hash());
      assertEquals(genesisTime, chain.genesis().timestamp());
      var bob = chain.db().state().head().account(BOB).orElseThrow();
      assertEquals(UInt256.valueOf(12345), bob.balance());
    }
  }

  @Test
  void refusesBlobTransactionsWithoutSidecarAndGarbage() {
    L1Chain chain = open(io.opal.storage.InMemoryKeyValueStore.create(), 0);
    L1Mempool pool = new L1Mempool(chain.rules());
    assertTrue(
        pool.submit(Bytes.fromHexString("0x03c0"), a -> 0).orElseThrow().startsWith("invalid"));
    assertTrue(pool.submit(Bytes.fromHexString("0xdeadbeef"), a -> 0).isPresent());
    byte[] commitment = new byte[48];
    commitment[0] = (byte) 0xc0; // the point at infinity: a valid commitment of the zero blob
    BlobTransaction tx =
        TransactionSigner.sign(
            new BlobTransaction(
                900,
                0,
                UInt256.ONE,
                UInt256.valueOf(10_000_000_000L),
                21_000,
                Optional.of(BOB),
                UInt256.ZERO,
                Bytes.EMPTY,
                List.of(),
                UInt256.valueOf(1_000),
                List.of(BlobSidecarCheck.versionedHash(Bytes.wrap(commitment))),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            ALICE.privateKey().toArray());
    String blobless = pool.submit(Bytes.wrap(TransactionCodec.encode(tx)), a -> 0).orElseThrow();
    assertTrue(blobless.contains("without a sidecar"), blobless);
    Bytes zeroBlob = Bytes.wrap(new byte[BlobSidecar.BYTES_PER_BLOB]);
    Bytes badProof = Bytes.wrap(commitment); // the infinity proof is right for the zero blob
    BlobSidecar good =
        new BlobSidecar(0, List.of(zeroBlob), List.of(Bytes.wrap(commitment)), List.of(badProof));
    assertEquals(
        Optional.empty(),
        pool.submit(
            Bytes.wrap(
                TransactionCodec.encodeWithSidecar(new BlobTransactionWithSidecar(tx, good))),
            a -> 0));
    byte[] wrongBlob = new byte[BlobSidecar.BYTES_PER_BLOB];
    wrongBlob[31] = 1;
    BlobSidecar bad =
        new BlobSidecar(
            0, List.of(Bytes.wrap(wrongBlob)), List.of(Bytes.wrap(commitment)), List.of(badProof));
    String refused =
        pool.submit(
                Bytes.wrap(
                    TransactionCodec.encodeWithSidecar(new BlobTransactionWithSidecar(tx, bad))),
                a -> 0)
            .orElseThrow();
    assertTrue(refused.contains("KZG proofs do not verify"), refused);
  }
}
