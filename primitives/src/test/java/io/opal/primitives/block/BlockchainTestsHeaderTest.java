package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.testing.Fixtures;
import io.opal.primitives.trie.OrderedTrie;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TxType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real blocks from ethereum/tests BlockchainTests: one dynamic test per test case, covering its
 * genesis block and every block. For each: the header built from the JSON fields equals the header
 * decoded from the block RLP, re-encodes to the same bytes and hashes to the expected hash; the
 * transactions root and withdrawals root computed from the block body match the header; and where a
 * block's receipts are fully determined by its header (one transaction, no logs) the receipts root
 * built for it matches too.
 */
class BlockchainTestsHeaderTest {
  private static final AtomicInteger RECEIPT_ROOTS_CHECKED = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> validBlocks() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("ethereum-tests/BlockchainTests/ValidBlocks")) {
      JsonNode root = Fixtures.readJson(file);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        tests.add(DynamicTest.dynamicTest(e.getKey(), () -> checkTest(e.getValue())));
      }
    }
    assertTrue(tests.size() > 400, "expected the whole ValidBlocks folder, got " + tests.size());
    return tests.stream();
  }

  @AfterAll
  static void receiptRootsWereExercised() {
    assertTrue(RECEIPT_ROOTS_CHECKED.get() > 50, "receipt roots checked: " + RECEIPT_ROOTS_CHECKED);
  }

  private static void checkTest(JsonNode test) {
    JsonNode genesisJson = test.get("genesisBlockHeader");
    BlockHeader genesis = checkBlock(genesisJson, Hex.decode(test.get("genesisRLP").asText()));
    Hash parent = genesis.hash();
    for (JsonNode block : test.get("blocks")) {
      BlockHeader header =
          checkBlock(block.get("blockHeader"), Hex.decode(block.get("rlp").asText()));
      assertEquals(parent, header.parentHash(), "parent hash links to the previous block");
      parent = header.hash();
      if (block.has("withdrawals")) {
        checkWithdrawalsJson(block.get("withdrawals"), Hex.decode(block.get("rlp").asText()));
      }
    }
  }

  /** Checks one block against its JSON header; returns the decoded header. */
  private static BlockHeader checkBlock(JsonNode headerJson, byte[] blockRlp) {
    RlpReader top = RlpReader.of(blockRlp);
    RlpReader block = top.enterList();
    top.finish();
    byte[] headerRlp = block.readRaw();
    byte[] transactionsRlp = block.readRaw();
    List<byte[]> transactions = transactionItems(RlpReader.of(transactionsRlp).enterList());
    List<Transaction> decodedTransactions = new ArrayList<>();
    RlpReader txList = RlpReader.of(transactionsRlp).enterList();
    while (txList.hasNext()) {
      decodedTransactions.add(TransactionCodec.decodeFromBlockBody(txList));
    }
    byte[] ommersRlp = block.readRaw();
    List<byte[]> withdrawals = new ArrayList<>();
    boolean hasWithdrawals = block.hasNext();
    if (hasWithdrawals) {
      RlpReader list = block.enterList();
      while (list.hasNext()) {
        withdrawals.add(list.readRaw());
      }
    }
    block.finish();

    BlockHeader decoded = BlockHeader.decode(headerRlp);
    assertEquals(HeaderJson.parse(headerJson), decoded, "header from JSON vs from RLP");
    assertArrayEquals(headerRlp, decoded.encode(), "header re-encoding");
    assertEquals(Hash.fromHex(headerJson.get("hash").asText()), decoded.hash(), "header hash");
    assertEquals(decoded.transactionsRoot(), OrderedTrie.root(transactions), "transactions root");
    List<byte[]> reencoded = decodedTransactions.stream().map(TransactionCodec::encode).toList();
    assertEquals(decoded.transactionsRoot(), OrderedTrie.root(reencoded), "from decoded txs");
    checkOmmers(ommersRlp, decoded.ommersHash());
    if (hasWithdrawals) {
      List<Withdrawal> parsed = new ArrayList<>();
      for (byte[] raw : withdrawals) {
        Withdrawal w = Withdrawal.decode(raw);
        assertArrayEquals(raw, w.encode(), "withdrawal re-encoding");
        parsed.add(w);
      }
      assertEquals(decoded.withdrawalsRoot().orElseThrow(), Withdrawal.root(parsed));
    }
    checkDeterminedReceipts(decoded, decodedTransactions);
    Block whole = Block.decode(blockRlp);
    assertEquals(decoded, whole.header(), "Block.decode reads the same header");
    assertArrayEquals(blockRlp, whole.encode(), "Block re-encoding");
    assertEquals(decoded.transactionsRoot(), whole.body().transactionsRoot(), "body tx root");
    assertEquals(decoded.ommersHash(), whole.body().ommersHash(), "body ommers hash");
    assertArrayEquals(whole.body().encode(), BlockBody.decode(whole.body().encode()).encode());
    return decoded;
  }

  /** A legacy transaction is stored as its list; a typed one as the envelope in a string. */
  private static List<byte[]> transactionItems(RlpReader list) {
    List<byte[]> items = new ArrayList<>();
    while (list.hasNext()) {
      items.add(list.nextIsList() ? list.readRaw() : list.readBytes());
    }
    return items;
  }

  private static void checkOmmers(byte[] ommersRlp, Hash ommersHash) {
    assertEquals(ommersHash, Hash.keccak(ommersRlp), "ommers hash");
    RlpReader list = RlpReader.of(ommersRlp).enterList();
    while (list.hasNext()) {
      byte[] raw = list.readRaw();
      assertArrayEquals(raw, BlockHeader.decode(raw).encode(), "ommer header re-encoding");
    }
  }

  /**
   * With no transaction the receipts root is the empty trie's. With one transaction and an empty
   * bloom, the single receipt has no logs and cumulative gas = the block's gas used, so only the
   * status is unknown: one of the two candidates must give the header's receipts root.
   */
  private static void checkDeterminedReceipts(BlockHeader header, List<Transaction> transactions) {
    if (transactions.isEmpty()) {
      assertEquals(Hash.EMPTY_TRIE, header.receiptsRoot(), "receipts root of an empty block");
      return;
    }
    if (transactions.size() != 1 || !header.logsBloom().equals(Bloom.EMPTY)) {
      return;
    }
    TxType type = transactions.get(0).type();
    Hash succeeded = receiptsRoot(EthereumReceipt.of(type, true, header.gasUsed(), List.of()));
    Hash failed = receiptsRoot(EthereumReceipt.of(type, false, header.gasUsed(), List.of()));
    assertTrue(
        header.receiptsRoot().equals(succeeded) || header.receiptsRoot().equals(failed),
        "receipts root of the single transaction's receipt");
    RECEIPT_ROOTS_CHECKED.incrementAndGet();
  }

  private static Hash receiptsRoot(Receipt r) {
    assertEquals(r, Receipt.decode(r.encode()), "receipt round trip");
    return Receipt.receiptsRoot(List.of(r));
  }

  private static void checkWithdrawalsJson(JsonNode json, byte[] blockRlp) {
    RlpReader block = RlpReader.of(blockRlp).enterList();
    block.skip();
    block.skip();
    block.skip();
    RlpReader list = block.enterList();
    for (JsonNode w : json) {
      Withdrawal decoded = Withdrawal.readFrom(list);
      Withdrawal expected =
          new Withdrawal(
              HeaderJson.quantity(w, "index").longValue(),
              HeaderJson.quantity(w, "validatorIndex").longValue(),
              Address.fromHex(w.get("address").asText()),
              HeaderJson.quantity(w, "amount").longValue());
      assertEquals(expected, decoded);
    }
  }

  /**
   * InvalidBlocks hold deliberately broken blocks. Those expected to fail for a malformed field
   * (RLP_INVALID_...) must fail to decode, with the typed {@link DecodingException}; all others are
   * invalid for reasons beyond encoding and must decode, matching their JSON header if given.
   */
  @TestFactory
  Stream<DynamicTest> invalidBlocksFailToDecodeOnlyForEncodingErrors() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("ethereum-tests/BlockchainTests/InvalidBlocks")) {
      JsonNode root = Fixtures.readJson(file);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        tests.add(DynamicTest.dynamicTest(e.getKey(), () -> checkInvalidTest(e.getValue())));
      }
    }
    return tests.stream();
  }

  private static void checkInvalidTest(JsonNode test) {
    for (JsonNode block : test.get("blocks")) {
      byte[] rlp = Hex.decode(block.get("rlp").asText());
      String exception = block.has("expectException") ? block.get("expectException").asText() : "";
      if (exception.contains("RLP_INVALID")) {
        assertThrows(DecodingException.class, () -> decodeWholeBlock(rlp), exception);
        assertThrows(DecodingException.class, () -> Block.decode(rlp), exception);
        continue;
      }
      BlockHeader header = decodeWholeBlock(rlp);
      if (block.has("blockHeader")) {
        assertEquals(HeaderJson.parse(block.get("blockHeader")), header);
      }
    }
  }

  private static BlockHeader decodeWholeBlock(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    RlpReader block = top.enterList();
    top.finish();
    BlockHeader header = BlockHeader.readFrom(block);
    OrderedTrie.root(transactionItems(block.enterList()));
    RlpReader ommers = block.enterList();
    while (ommers.hasNext()) {
      BlockHeader.readFrom(ommers);
    }
    if (block.hasNext()) {
      RlpReader withdrawals = block.enterList();
      while (withdrawals.hasNext()) {
        Withdrawal.readFrom(withdrawals);
      }
    }
    block.finish();
    return header;
  }
}
