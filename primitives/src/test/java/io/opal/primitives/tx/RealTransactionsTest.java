package io.opal.primitives.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Transactions from real chains: OP Sepolia payloads and an ethereum/tests Cancun block. */
class RealTransactionsTest {
  private static final Address L1_INFO_DEPOSITOR =
      Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");
  private static final Address L1_BLOCK_PREDEPLOY =
      Address.fromHex("0x4200000000000000000000000000000000000015");

  /** Every transaction of four OP Sepolia blocks: exact round trip, valid, sender recovers. */
  @TestFactory
  Stream<DynamicTest> opSepoliaPayloads() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("op-execution")) {
      JsonNode json = Fixtures.readJson(file);
      long chainId = json.get("rollup_config").get("l2_chain_id").asLong();
      List<byte[]> txs = new ArrayList<>();
      json.get("executing_payload")
          .get("transactions")
          .forEach(t -> txs.add(Hex.decode(t.asText())));
      String name = file.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name + ": L1 info deposit", () -> checkL1Info(txs.get(0))));
      tests.add(DynamicTest.dynamicTest(name + ": all", () -> checkPayload(txs, chainId)));
    }
    return tests.stream();
  }

  private static void checkPayload(List<byte[]> txs, long chainId) {
    // Holocene blocks: the Ethereum rule set of Ecotone and later OP forks up to Isthmus is Cancun
    TransactionValidator rules = new TransactionValidator(EvmFork.CANCUN, chainId);
    RlpWriter body = new RlpWriter().startList();
    for (byte[] raw : txs) {
      Transaction tx = TransactionCodec.decode(raw);
      assertArrayEquals(raw, TransactionCodec.encode(tx), "byte-exact round trip");
      assertEquals(Hash.wrap(TransactionCodecTest.keccak(raw)), tx.hash());
      TransactionValidator.Outcome outcome = rules.validateAndRecover(tx);
      assertInstanceOf(TransactionValidator.Valid.class, outcome, tx.type() + " " + outcome);
      if (tx instanceof SignedTransaction signed) {
        assertEquals(
            Optional.of(((TransactionValidator.Valid) outcome).sender()), signed.recoverSender());
      }
      TransactionCodec.encodeForBlockBody(body, tx);
    }
    byte[] bodyBytes = body.endList().toByteArray();
    RlpReader items = RlpReader.of(bodyBytes).enterList();
    for (byte[] raw : txs) {
      assertArrayEquals(raw, TransactionCodec.encode(TransactionCodec.decodeFromBlockBody(items)));
    }
    assertFalse(items.hasNext());
  }

  /**
   * The first transaction of every L2 block is the L1-attributes deposit; its fields are fixed by
   * deposits.md and its source hash follows from the L1 block hash and sequence number in its
   * Ecotone calldata (ecotone/l1-attributes.md).
   */
  private static void checkL1Info(byte[] raw) {
    assertEquals(0x7e, raw[0] & 0xff);
    DepositTransaction tx =
        assertInstanceOf(DepositTransaction.class, TransactionCodec.decode(raw));
    assertEquals(L1_INFO_DEPOSITOR, tx.from());
    assertEquals(Optional.of(L1_BLOCK_PREDEPLOY), tx.to());
    assertEquals(UInt256.ZERO, tx.mint());
    assertEquals(UInt256.ZERO, tx.value());
    assertEquals(1_000_000, tx.gasLimit());
    assertFalse(tx.isSystemTx());
    byte[] data = tx.data().toArrayUnsafe();
    assertEquals(164, data.length);
    assertEquals("0x440a5e20", Hex.encode(Arrays.copyOf(data, 4)));

    byte[] l1BlockHash = Arrays.copyOfRange(data, 100, 132);
    byte[] seqNumber = new byte[32];
    System.arraycopy(data, 12, seqNumber, 24, 8);
    byte[] depositId = TransactionCodecTest.keccak(concat(l1BlockHash, seqNumber));
    byte[] domain = new byte[32];
    domain[31] = 1; // L1 attributes deposited
    assertEquals(
        Hash.wrap(TransactionCodecTest.keccak(concat(domain, depositId))), tx.sourceHash());

    assertEquals(Hash.wrap(TransactionCodecTest.keccak(raw)), tx.hash());
    assertEquals(L1_INFO_DEPOSITOR, tx.sender());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A Cancun block with a legacy, a 2930, a 1559 and a blob transaction, decoded from its RLP. */
  @TestFactory
  Stream<DynamicTest> blockWithAllTransactionTypes() {
    Path file =
        Fixtures.require(
            "ethereum-tests/BlockchainTests/ValidBlocks/bcEIP4844-blobtransactions/"
                + "blockWithAllTransactionTypes.json");
    List<DynamicTest> tests = new ArrayList<>();
    JsonNode json = Fixtures.readJson(file);
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> test = it.next();
      EvmFork fork = EvmFork.fromTestName(test.getValue().get("network").asText());
      for (JsonNode block : test.getValue().get("blocks")) {
        tests.add(DynamicTest.dynamicTest(test.getKey(), () -> checkBlock(block, fork)));
      }
    }
    return tests.stream();
  }

  private static void checkBlock(JsonNode block, EvmFork fork) {
    RlpReader fields = RlpReader.of(Hex.decode(block.get("rlp").asText())).enterList();
    fields.skip(); // header
    int start = fields.position();
    RlpReader items = fields.enterList();
    byte[] rawList =
        Arrays.copyOfRange(Hex.decode(block.get("rlp").asText()), start, fields.position());
    RlpWriter reencoded = new RlpWriter().startList();
    TransactionValidator rules = new TransactionValidator(fork, 1);
    for (JsonNode expected : block.get("transactions")) {
      Transaction tx = TransactionCodec.decodeFromBlockBody(items);
      TransactionCodec.encodeForBlockBody(reencoded, tx);
      int type = expected.has("type") ? Integer.decode(expected.get("type").asText()) : -1;
      assertEquals(type, tx.type().typeByte());
      assertEquals(Long.decode(expected.get("nonce").asText()), tx.nonce());
      assertEquals(Long.decode(expected.get("gasLimit").asText()), tx.gasLimit());
      assertEquals(UInt256.fromHexString(expected.get("value").asText()), tx.value());
      assertEquals(Optional.of(Address.fromHex(expected.get("to").asText())), tx.to());
      SignedTransaction signed = (SignedTransaction) tx;
      assertEquals(UInt256.fromHexString(expected.get("r").asText()), signed.r());
      assertEquals(UInt256.fromHexString(expected.get("s").asText()), signed.s());
      if (expected.has("blobVersionedHashes")) {
        List<Hash> hashes = new ArrayList<>();
        expected.get("blobVersionedHashes").forEach(h -> hashes.add(Hash.fromHex(h.asText())));
        assertEquals(hashes, tx.blobVersionedHashes());
        assertEquals(
            UInt256.fromHexString(expected.get("maxFeePerBlobGas").asText()),
            ((BlobTransaction) tx).maxFeePerBlobGas());
      }
      Address sender = Address.fromHex(expected.get("sender").asText());
      assertEquals(new TransactionValidator.Valid(sender), rules.validateAndRecover(tx));
    }
    assertFalse(items.hasNext());
    assertArrayEquals(rawList, reencoded.endList().toByteArray(), "the body re-encodes exactly");
    assertTrue(block.get("transactions").size() > 0);
  }
}
