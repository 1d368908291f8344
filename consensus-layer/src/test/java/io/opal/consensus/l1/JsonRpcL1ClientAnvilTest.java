package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.ContractAddress;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.AccessListTransaction;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.SetCodeTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The L1 client against a real anvil: every call, decoded and verified. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcL1ClientAnvilTest {
  /** Runtime code: LOG1(topic 0xaa) of the call data. */
  static final Bytes LOGGER_RUNTIME = Bytes.fromHexString("36600060003760aa366000a100");

  /** Init code returning {@link #LOGGER_RUNTIME}. */
  static final Bytes LOGGER_INIT =
      Bytes.fromHexString("6c36600060003760aa366000a100600052600d6013f3");

  static final long CHAIN_ID = 31337;
  static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  Anvil anvil;
  Vertx vertx;
  JsonRpcL1Client client;

  @BeforeAll
  void start() {
    anvil = Anvil.start(Anvil.freePort());
    vertx = Vertx.vertx();
    client = JsonRpcL1Client.connect(vertx, anvil.http(), L1ClientConfig.DEFAULT);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void devKeysAreAnvilsAccounts() {
    List<String> accounts = new ArrayList<>();
    anvil.rpc("eth_accounts").forEach(a -> accounts.add(a.asText().toLowerCase()));
    for (int i = 0; i < Anvil.DEV_KEYS.size(); i++) {
      assertEquals(accounts.get(i), Anvil.devAddress(i).toString());
    }
  }

  @Test
  void headsByTagAndNumberVerifyAndCarryPragueFields() {
    anvil.mine(2);
    assertEquals(CHAIN_ID, client.chainId().join());
    L1Header latest = client.header(BlockTag.LATEST).join();
    assertEquals(anvil.blockNumber(), latest.number());
    assertEquals(latest.number(), client.headNumber().join());
    assertTrue(latest.header().requestsHash().isPresent(), "Prague header");
    assertTrue(latest.header().parentBeaconBlockRoot().isPresent());
    assertTrue(latest.header().withdrawalsRoot().isPresent());
    assertEquals(latest, client.headerByNumber(latest.number()).join());
    assertEquals(latest, client.headerByHash(latest.hash()).join());
    assertEquals(latest.parentHash(), client.headerByNumber(latest.number() - 1).join().hash());
    assertEquals(0, client.header(BlockTag.EARLIEST).join().number());
    assertTrue(client.header(BlockTag.SAFE).join().number() <= latest.number());
    assertTrue(client.header(BlockTag.FINALIZED).join().number() <= latest.number());
    assertThrows(IllegalArgumentException.class, () -> client.header(BlockTag.PENDING));
    assertEquals(
        L1Exception.Kind.NOT_FOUND,
        failure(() -> client.headerByNumber(latest.number() + 1000).join()).kind());
    assertEquals(
        L1Exception.Kind.NOT_FOUND,
        failure(() -> client.blockByHash(Hash.keccak(new byte[] {9})).join()).kind());
  }

  static L1Exception failure(Runnable r) {
    return L1Exception.of(assertThrows(CompletionException.class, r::run));
  }

  @Test
  void blocksWithEveryTransactionTypeDecodeToWhatWasSent() throws Exception {
    byte[] key = Anvil.DEV_KEYS.get(1).toArray();
    Address sender = Anvil.devAddress(1);
    Address delegator = Anvil.devAddress(2);
    long nonce = client.nonce(sender, BlockSelector.pending()).join();
    long delegatorNonce = client.nonce(delegator, BlockSelector.pending()).join();
    Address logger = ContractAddress.create(sender, nonce);
    UInt256 fee = GWEI.multiply(10);
    List<SignedTransaction> txs = new ArrayList<>();
    txs.add(
        sign(
            new DynamicFeeTransaction(
                CHAIN_ID,
                nonce,
                GWEI,
                fee,
                200_000,
                Optional.empty(),
                UInt256.ZERO,
                LOGGER_INIT,
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            key));
    txs.add(
        sign(
            LegacyTransaction.unsigned(
                OptionalLong.of(CHAIN_ID),
                nonce + 1,
                fee,
                100_000,
                Optional.of(logger),
                UInt256.ZERO,
                Bytes.fromHexString("0x01")),
            key));
    txs.add(
        sign(
            new AccessListTransaction(
                CHAIN_ID,
                nonce + 2,
                fee,
                100_000,
                Optional.of(logger),
                UInt256.ZERO,
                Bytes.fromHexString("0x0202"),
                List.of(new AccessListEntry(logger, List.of(Hash.ZERO))),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            key));
    txs.add(
        sign(
            new DynamicFeeTransaction(
                CHAIN_ID,
                nonce + 3,
                GWEI,
                fee,
                21_000,
                Optional.of(Anvil.devAddress(3)),
                UInt256.ONE,
                Bytes.EMPTY,
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            key));
    Authorization auth =
        TransactionSigner.signAuthorization(
            UInt256.valueOf(CHAIN_ID), logger, delegatorNonce, Anvil.DEV_KEYS.get(2).toArray());
    txs.add(
        sign(
            new SetCodeTransaction(
                CHAIN_ID,
                nonce + 4,
                GWEI,
                fee,
                200_000,
                Optional.of(delegator),
                UInt256.ZERO,
                Bytes.fromHexString("0x030303"),
                List.of(),
                List.of(auth),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            key));

    anvil.rpc("evm_setAutomine", false);
    try {
      for (SignedTransaction tx : txs) {
        Bytes raw = Bytes.wrap(TransactionCodec.encode(tx));
        assertEquals(tx.hash(), client.sendRawTransaction(raw).join());
      }
      // A repeated send of a pooled transaction is harmless.
      assertEquals(
          txs.get(3).hash(),
          client.sendRawTransaction(Bytes.wrap(TransactionCodec.encode(txs.get(3)))).join());
      anvil.rpc("evm_mine");
    } finally {
      anvil.rpc("evm_setAutomine", true);
    }

    L1Block block = client.block(BlockTag.LATEST).join();
    assertEquals(List.<Transaction>copyOf(txs), block.transactions());
    assertEquals(block, client.blockByNumber(block.number()).join());
    assertEquals(block, client.blockByHash(block.hash()).join());
    assertEquals(block.hash(), block.toBlock().hash());

    List<L1Receipt> receipts = client.receipts(block.hash()).join();
    assertEquals(5, receipts.size());
    receipts.forEach(r -> assertTrue(r.succeeded(), "receipt " + r.transactionIndex()));
    assertEquals(Optional.of(logger), receipts.get(0).contractAddress());
    assertEquals(txs.get(1).hash(), receipts.get(1).transactionHash());
    List<Log> expectedLogs =
        List.of(
            new Log(logger, List.of(topicAa()), Bytes.fromHexString("0x01")),
            new Log(logger, List.of(topicAa()), Bytes.fromHexString("0x0202")),
            new Log(delegator, List.of(topicAa()), Bytes.fromHexString("0x030303")));
    List<L1Log> logs = new ArrayList<>();
    receipts.forEach(r -> logs.addAll(r.logs()));
    assertEquals(expectedLogs, logs.stream().map(L1Log::log).toList());
    assertEquals(List.of(0L, 1L, 2L), logs.stream().map(L1Log::logIndex).toList());
    assertEquals(logs, client.logs(LogFilter.block(block.hash(), List.of(), List.of())).join());
    assertEquals(
        logs.subList(0, 2),
        client
            .logs(
                LogFilter.range(
                    block.number(), block.number(), List.of(logger), List.of(List.of(topicAa()))))
            .join());

    // The same receipts one transaction at a time, as on nodes without eth_getBlockReceipts.
    try (JsonRpcL1Client perTx =
        JsonRpcL1Client.connect(
            vertx, anvil.http(), L1ClientConfig.DEFAULT.withBlockReceipts(false))) {
      assertEquals(receipts, perTx.receipts(block.hash()).join());
    }
    assertEquals(LOGGER_RUNTIME, client.code(logger, BlockSelector.latest()).join());
    assertEquals(Optional.of(receipts.get(3)), client.receipt(txs.get(3).hash()).join());
    assertEquals(nonce + 5, client.nonce(sender, BlockSelector.canonicalHash(block.hash())).join());
  }

  private static Hash topicAa() {
    byte[] t = new byte[32];
    t[31] = (byte) 0xaa;
    return Hash.wrap(t);
  }

  private static <T extends SignedTransaction> T sign(T tx, byte[] key) {
    return TransactionSigner.sign(tx, key);
  }

  @Test
  void accountStateAndFees() {
    anvil.mine(3);
    UInt256 tenThousandEth =
        UInt256.valueOf(10_000).multiply(UInt256.valueOf(1_000_000_000_000_000_000L));
    assertEquals(
        tenThousandEth, client.balance(Anvil.devAddress(4), BlockSelector.latest()).join());
    assertEquals(0L, client.nonce(Anvil.devAddress(4), BlockSelector.latest()).join());
    assertEquals(Bytes.EMPTY, client.code(Anvil.devAddress(4), BlockSelector.latest()).join());
    assertEquals(
        Bytes.wrap(new byte[32]),
        client.storageAt(Anvil.devAddress(4), UInt256.ZERO, BlockSelector.latest()).join());
    CallRequest transfer =
        CallRequest.to(Anvil.devAddress(3), Bytes.EMPTY)
            .from(Anvil.devAddress(4))
            .withValue(UInt256.ONE);
    assertEquals(21_000L, client.estimateGas(transfer).join());
    assertEquals(Bytes.EMPTY, client.call(transfer, BlockSelector.latest()).join());
    assertTrue(client.gasPrice().join().compareTo(UInt256.ZERO) > 0);
    assertTrue(client.maxPriorityFeePerGas().join().compareTo(UInt256.ZERO) > 0);
    assertTrue(client.blobBaseFee().join().compareTo(UInt256.ZERO) > 0);
    long latest = client.headNumber().join();
    FeeHistory h = client.feeHistory(3, BlockSelector.number(latest), List.of(25.0, 75.0)).join();
    assertEquals(latest - 2, h.oldestBlock());
    assertEquals(4, h.baseFeePerGas().size());
    assertEquals(3, h.gasUsedRatio().size());
    assertEquals(3, h.reward().size());
    h.reward().forEach(r -> assertEquals(2, r.size()));
    assertEquals(
        UInt256.valueOf(client.headerByNumber(latest).join().header().baseFeePerGas().getAsLong()),
        h.baseFeePerGas().get(2));
  }

  @Test
  void blobTransactionsFromCastDecode() throws Exception {
    Path cast = Anvil.projectRoot().resolve("tools/js/node_modules/.bin/cast");
    Assumptions.assumeTrue(
        Files.isExecutable(cast), "cast is not installed, skipped: run scripts/npm-tools.sh");
    Path blob = Files.createTempFile("blob", ".txt");
    Files.writeString(blob, "blob data for the L1 client test");
    Process p =
        new ProcessBuilder(
                cast.toString(),
                "send",
                "--blob",
                "--path",
                blob.toString(),
                "--private-key",
                Anvil.DEV_KEYS.get(3).toHexString(),
                "--rpc-url",
                anvil.http().toString(),
                Anvil.devAddress(4).toString())
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "cast-blob.log").toFile())
            .start();
    assertTrue(
        p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0,
        "cast send --blob failed; see target/cast-blob.log");
    L1Block block = client.block(BlockTag.LATEST).join();
    BlobTransaction tx = (BlobTransaction) block.transactions().getFirst();
    assertEquals(1, tx.blobVersionedHashes().size());
    assertEquals(1, tx.blobVersionedHashes().getFirst().bytes().get(0), "KZG versioned hash");
    assertEquals(Anvil.devAddress(3), tx.sender());
    assertEquals(131_072L, block.header().header().blobGasUsed().getAsLong());
    L1Receipt receipt = client.receipts(block.hash()).join().getFirst();
    assertEquals(131_072L, receipt.blobGasUsed().getAsLong());
    assertTrue(receipt.blobGasPrice().isPresent());
    Files.deleteIfExists(blob);
  }

  @Test
  void senderRecoversItsNonceAfterARejectedSend() {
    L1TransactionSender sender =
        new L1TransactionSender(
            client,
            Anvil.DEV_KEYS.get(3),
            CHAIN_ID,
            TaskScheduler.vertx(vertx),
            java.time.Duration.ofMillis(50),
            java.time.Duration.ofSeconds(20));
    long nonce = sender.nextNonce().join();
    UInt256 tooMuch = UInt256.valueOf(10).pow(UInt256.valueOf(30));
    L1Exception rejected =
        failure(
            () ->
                sender
                    .send(
                        L1TransactionSender.TxRequest.call(Anvil.devAddress(4), Bytes.EMPTY)
                            .withValue(tooMuch)
                            .withGasLimit(21000))
                    .join());
    assertEquals(L1Exception.Kind.CRITICAL, rejected.kind());
    L1Receipt ok =
        sender
            .sendAndWait(
                L1TransactionSender.TxRequest.call(Anvil.devAddress(2), Bytes.EMPTY)
                    .withValue(UInt256.ONE))
            .join();
    assertTrue(ok.succeeded());
    assertEquals(
        nonce, client.blockByHash(ok.blockHash()).join().transactions().getFirst().nonce());
    assertEquals(nonce + 1, sender.nextNonce().join());
  }

  @Test
  void newHeadsOverWebSocket() throws Exception {
    try (JsonRpcL1Client ws = JsonRpcL1Client.connect(vertx, anvil.ws(), L1ClientConfig.DEFAULT)) {
      assertEquals(CHAIN_ID, ws.chainId().join());
      LinkedBlockingQueue<L1Header> heads = new LinkedBlockingQueue<>();
      RpcTransport.Subscription sub = ws.subscribeNewHeads(heads::add, e -> {}).join();
      anvil.mine(3);
      List<L1Header> got = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        L1Header h = heads.poll(10, TimeUnit.SECONDS);
        assertTrue(h != null, "head " + i + " announced");
        got.add(h);
      }
      for (int i = 1; i < 3; i++) {
        assertEquals(got.get(i - 1).hash(), got.get(i).parentHash());
      }
      assertEquals(got.get(2), client.headerByNumber(got.get(2).number()).join());
      sub.close();
      Thread.sleep(200); // let the unsubscribe reach the node
      anvil.mine(1);
      assertEquals(null, heads.poll(500, TimeUnit.MILLISECONDS), "no events after unsubscribing");
    }
    // Over HTTP there are no subscriptions: a typed error says so.
    assertEquals(
        L1Exception.Kind.CRITICAL,
        failure(() -> client.subscribeNewHeads(h -> {}, e -> {}).join()).kind());
  }
}
