package io.opal.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.testing.Fixtures;
import io.opal.rpc.JsonOutput;
import io.opal.rpc.RpcHex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real OP Sepolia headers (op-execution fixtures, geth's JSON): read into a {@link BlockHeader} and
 * written back by {@link RpcBlock}, every field must come out as it went in, and the {@code hash}
 * written must be the real block hash (the next fixture's parent, as the fixtures chain).
 */
class OpSepoliaHeaderJsonTest {

  @TestFactory
  Stream<DynamicTest> headersRoundTripWithTheirRealHashes() throws Exception {
    List<Path> files = new ArrayList<>(Fixtures.jsonFiles("op-execution"));
    files.sort(null);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      JsonNode fixture = Fixtures.readJson(file);
      // The previous fixture's expected block is this fixture's parent.
      String knownHash =
          i > 0 ? Fixtures.readJson(files.get(i - 1)).get("expected_block_hash").asText() : null;
      tests.add(
          DynamicTest.dynamicTest(
              file.getFileName().toString(),
              () -> {
                JsonNode expected = fixture.get("parent_header");
                BlockHeader header = fromGethJson(expected);
                ObjectNode written =
                    (ObjectNode)
                        EthFixture.JSON.readTree(JsonOutput.toJson(RpcBlock.header(header)));
                String hash = written.remove("hash").asText();
                assertEquals(expected, written);
                if (knownHash != null) {
                  assertEquals(knownHash, hash);
                }
              }));
    }
    return tests.stream();
  }

  /** The members geth's RPCTransaction has for each type (of a mined transaction). */
  static final java.util.Map<String, java.util.Set<String>> KEYS_BY_TYPE =
      java.util.Map.of(
          "0x0",
          java.util.Set.of(
              "blockHash",
              "blockNumber",
              "blockTimestamp",
              "from",
              "gas",
              "gasPrice",
              "hash",
              "input",
              "nonce",
              "to",
              "transactionIndex",
              "value",
              "type",
              "chainId",
              "v",
              "r",
              "s"),
          "0x2",
          java.util.Set.of(
              "blockHash",
              "blockNumber",
              "blockTimestamp",
              "from",
              "gas",
              "gasPrice",
              "maxFeePerGas",
              "maxPriorityFeePerGas",
              "hash",
              "input",
              "nonce",
              "to",
              "transactionIndex",
              "value",
              "type",
              "accessList",
              "chainId",
              "v",
              "r",
              "s",
              "yParity"),
          "0x7e",
          java.util.Set.of(
              "blockHash",
              "blockNumber",
              "blockTimestamp",
              "from",
              "gas",
              "gasPrice",
              "hash",
              "input",
              "nonce",
              "to",
              "transactionIndex",
              "value",
              "type",
              "v",
              "r",
              "s",
              "sourceHash",
              "mint"));

  @TestFactory
  Stream<DynamicTest> realTransactionsHaveGethsMembers() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : Fixtures.jsonFiles("op-execution")) {
      JsonNode payload = Fixtures.readJson(file).get("executing_payload");
      JsonNode txs = payload.get("transactions");
      for (int i = 0; i < txs.size(); i++) {
        int index = i;
        String raw = txs.get(i).asText();
        tests.add(
            DynamicTest.dynamicTest(
                file.getFileName() + " tx " + i,
                () -> {
                  var tx = io.opal.primitives.tx.TransactionCodec.decode(Bytes.fromHexString(raw));
                  var json =
                      EthFixture.JSON.readTree(
                          JsonOutput.toJson(
                              new RpcTransaction(
                                  tx,
                                  tx.hash(),
                                  tx.sender(),
                                  java.util.Optional.of(
                                      new RpcTransaction.Inclusion(
                                          Hash.ZERO,
                                          1,
                                          2,
                                          index,
                                          java.util.Optional.of(UInt256.ONE))),
                                  java.util.OptionalLong.empty(),
                                  java.util.OptionalLong.empty())));
                  String type = json.get("type").asText();
                  java.util.Set<String> keys = new java.util.TreeSet<>();
                  json.fieldNames().forEachRemaining(keys::add);
                  java.util.Set<String> expected = KEYS_BY_TYPE.get(type);
                  if (type.equals("0x0") && !json.has("chainId")) {
                    expected = new java.util.HashSet<>(expected);
                    expected.remove("chainId"); // a pre-EIP-155 signature has no chain id
                  }
                  assertEquals(new java.util.TreeSet<>(expected), keys, "type " + type);
                  assertEquals(
                      Hash.keccak(Bytes.fromHexString(raw)).toString(), json.get("hash").asText());
                  if (index == 0) {
                    // The L1 attributes deposit, first in every block.
                    assertEquals("0x7e", type);
                    assertEquals(
                        "0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001", json.get("from").asText());
                    assertEquals(
                        "0x4200000000000000000000000000000000000015", json.get("to").asText());
                    assertEquals("0x0", json.get("mint").asText());
                  }
                }));
      }
    }
    return tests.stream();
  }

  /** Test-side reader of geth's header JSON. */
  static BlockHeader fromGethJson(JsonNode j) {
    BlockHeader.Builder b =
        BlockHeader.builder()
            .parentHash(Hash.fromHex(j.get("parentHash").asText()))
            .ommersHash(Hash.fromHex(j.get("sha3Uncles").asText()))
            .beneficiary(Address.fromHex(j.get("miner").asText()))
            .stateRoot(Hash.fromHex(j.get("stateRoot").asText()))
            .transactionsRoot(Hash.fromHex(j.get("transactionsRoot").asText()))
            .receiptsRoot(Hash.fromHex(j.get("receiptsRoot").asText()))
            .logsBloom(Bloom.wrap(Bytes.fromHexString(j.get("logsBloom").asText()).toArrayUnsafe()))
            .difficulty(UInt256.fromHexString(j.get("difficulty").asText()))
            .number(RpcHex.decodeLong(j.get("number").asText()))
            .gasLimit(RpcHex.decodeLong(j.get("gasLimit").asText()))
            .gasUsed(RpcHex.decodeLong(j.get("gasUsed").asText()))
            .timestamp(RpcHex.decodeLong(j.get("timestamp").asText()))
            .extraData(Bytes.fromHexString(j.get("extraData").asText()))
            .mixHash(Hash.fromHex(j.get("mixHash").asText()))
            .nonce(Bytes.fromHexString(j.get("nonce").asText()));
    if (j.has("baseFeePerGas")) {
      b.baseFeePerGas(RpcHex.decodeLong(j.get("baseFeePerGas").asText()));
    }
    if (j.has("withdrawalsRoot")) {
      b.withdrawalsRoot(Hash.fromHex(j.get("withdrawalsRoot").asText()));
    }
    if (j.has("blobGasUsed")) {
      b.blobGasUsed(RpcHex.decodeLong(j.get("blobGasUsed").asText()));
    }
    if (j.has("excessBlobGas")) {
      b.excessBlobGas(RpcHex.decodeLong(j.get("excessBlobGas").asText()));
    }
    if (j.has("parentBeaconBlockRoot")) {
      b.parentBeaconBlockRoot(Hash.fromHex(j.get("parentBeaconBlockRoot").asText()));
    }
    if (j.has("requestsHash")) {
      b.requestsHash(Hash.fromHex(j.get("requestsHash").asText()));
    }
    return b.build();
  }
}
