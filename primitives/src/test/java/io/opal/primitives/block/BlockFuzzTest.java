package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.testing.DecoderFuzzer;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.primitives.trie.MissingTrieNodeException;
import io.opal.primitives.tx.TxType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The shared decoder fuzzer on headers, receipts, withdrawals and trie nodes: only the typed
 * DecodingException may escape, and no input makes a decoder allocate out of proportion.
 */
class BlockFuzzTest {
  private static final int ITERATIONS = 100_000;

  @Test
  void headerDecoderRejectsBadInputWithTypedErrors() {
    BlockHeader london =
        BlockHeader.builder().number(1).gasLimit(30_000_000).baseFeePerGas(7).build();
    BlockHeader prague =
        london.toBuilder()
            .withdrawalsRoot(Hash.EMPTY_TRIE)
            .blobGasUsed(0)
            .excessBlobGas(131072)
            .parentBeaconBlockRoot(Hash.ZERO)
            .requestsHash(Hash.EMPTY)
            .extraData(Bytes.fromHexString("0x00000000fa00000006"))
            .build();
    List<byte[]> seeds =
        List.of(BlockHeader.builder().build().encode(), london.encode(), prague.encode());
    check(new DecoderFuzzer(21).run("header", BlockHeader::decode, seeds, ITERATIONS));
  }

  @Test
  void receiptDecoderRejectsBadInputWithTypedErrors() {
    Log log =
        new Log(
            Address.ofLong(0x42), List.of(Hash.EMPTY, Hash.ZERO), Bytes.fromHexString("0x0102"));
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(EthereumReceipt.of(TxType.LEGACY, true, 21000, List.of(log)).encode());
    seeds.add(EthereumReceipt.of(TxType.DYNAMIC_FEE, false, 1, List.of()).encode());
    seeds.add(DepositReceipt.canyon(true, 50000, List.of(log), 9).encode());
    seeds.add(
        new DepositReceipt(
                true, 5, Bloom.EMPTY, List.of(), OptionalLong.of(3), OptionalLong.empty())
            .encode());
    check(new DecoderFuzzer(22).run("receipt", Receipt::decode, seeds, ITERATIONS));
  }

  @Test
  void withdrawalDecoderRejectsBadInputWithTypedErrors() {
    List<byte[]> seeds =
        List.of(
            new Withdrawal(0, 1, Address.ofLong(7), 32_000_000_000L).encode(),
            new Withdrawal(-1, -1, Address.ofLong(1), -1).encode());
    check(new DecoderFuzzer(23).run("withdrawal", Withdrawal::decode, seeds, ITERATIONS));
  }

  /** Each input is served as the root node of a trie, which is then read. */
  @Test
  void trieNodeDecoderRejectsBadInputWithTypedErrors() {
    MerklePatriciaTrie sample = new MerklePatriciaTrie();
    for (int i = 0; i < 40; i++) {
      sample.put(new byte[] {(byte) (i * 7), (byte) i}, new byte[1 + (i % 40)]);
    }
    sample.put(new byte[] {1}, new byte[] {1});
    List<byte[]> seeds = new ArrayList<>();
    sample.forEachNode((hash, node) -> seeds.add(node));
    check(new DecoderFuzzer(24).run("trie-node", BlockFuzzTest::readTrie, seeds, ITERATIONS));
  }

  @Test
  void blockAndBodyDecodersRejectBadInputWithTypedErrors() {
    // Real blocks of every transaction type, from the Cancun blockchain tests, as seeds.
    List<byte[]> seeds = new java.util.ArrayList<>();
    for (java.nio.file.Path file :
        io.opal.primitives.testing.Fixtures.jsonFiles(
            "ethereum-tests/BlockchainTests/ValidBlocks/bcStateTests")) {
      for (com.fasterxml.jackson.databind.JsonNode test :
          io.opal.primitives.testing.Fixtures.readJson(file)) {
        for (com.fasterxml.jackson.databind.JsonNode block : test.get("blocks")) {
          seeds.add(io.opal.primitives.Hex.decode(block.get("rlp").asText()));
        }
      }
      if (seeds.size() > 200) {
        break;
      }
    }
    check(new DecoderFuzzer(25).run("block", Block::decode, seeds, ITERATIONS));
    List<byte[]> bodies = seeds.stream().map(b -> Block.decode(b).body().encode()).toList();
    check(new DecoderFuzzer(26).run("block-body", BlockBody::decode, bodies, ITERATIONS));
  }

  private static Object readTrie(byte[] node) {
    Hash root = Hash.keccak(node);
    MerklePatriciaTrie trie =
        MerklePatriciaTrie.fromSource(
            root, h -> h.equals(root) ? Optional.of(node) : Optional.empty());
    try {
      trie.get(new byte[] {7, 1});
      return trie.lowerEntry(new byte[] {(byte) 0x80});
    } catch (MissingTrieNodeException fine) {
      return fine; // a well-formed node whose children the source does not have
    }
  }

  private static void check(DecoderFuzzer.Stats stats) {
    assertEquals(stats.inputs(), stats.accepted() + stats.rejected());
    assertTrue(stats.rejected() > 0, stats.decoder() + ": some inputs must be rejected");
    assertTrue(stats.accepted() > 0, stats.decoder() + ": some mutations stay valid");
  }
}
