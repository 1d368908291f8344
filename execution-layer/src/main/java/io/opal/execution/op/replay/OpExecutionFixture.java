package io.opal.execution.op.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.execution.op.Eip1559Params;
import io.opal.execution.op.OpPayloadAttributes;
import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.ConfigException;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.config.RollupConfigParser;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One block to re-execute statelessly, in the op-execution fixture format (converted from kona's
 * executor test data): the chain's rollup config (op-node snake_case), the parent header (geth
 * JSON), the payload attributes the block was built from, the real block's hash and the witness
 * (keccak256 → preimage) of everything the block touches.
 */
public record OpExecutionFixture(
    String name,
    RollupConfig config,
    BlockHeader parent,
    OpPayloadAttributes attributes,
    Hash expectedBlockHash,
    Map<Hash, byte[]> witness) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming what in the file is missing or malformed
   */
  public static OpExecutionFixture load(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
    }
    try {
      return parse(file.getFileName().toString(), root);
    } catch (ConfigException | DecodingException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static OpExecutionFixture parse(String name, JsonNode root) {
    RollupConfig config =
        RollupConfigParser.fromRollupJson(field(root, "rollup_config").toString(), name);
    BlockHeader parent = HeaderJson.parse(field(root, "parent_header"));
    OpPayloadAttributes attributes = attributes(field(root, "executing_payload"));
    Hash expected = Hash.wrap(HeaderJson.bytes(root, "expected_block_hash"));
    return new OpExecutionFixture(
        name, config, parent, attributes, expected, witness(field(root, "witness")));
  }

  private static JsonNode field(JsonNode j, String name) {
    JsonNode v = j.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("fixture lacks " + name);
    }
    return v;
  }

  private static OpPayloadAttributes attributes(JsonNode p) {
    List<Transaction> txs = new ArrayList<>();
    for (JsonNode tx : field(p, "transactions")) {
      txs.add(TransactionCodec.decode(Hex.decode(tx.asText())));
    }
    Optional<Hash> beaconRoot =
        p.hasNonNull("parentBeaconBlockRoot")
            ? Optional.of(Hash.wrap(HeaderJson.bytes(p, "parentBeaconBlockRoot")))
            : Optional.empty();
    Optional<Eip1559Params> eip1559 =
        p.hasNonNull("eip1559Params")
            ? Optional.of(Eip1559Params.decode(HeaderJson.bytes(p, "eip1559Params")))
            : Optional.empty();
    OptionalLong minBaseFee =
        p.hasNonNull("minBaseFee")
            ? OptionalLong.of(HeaderJson.quantity64(p, "minBaseFee"))
            : OptionalLong.empty();
    return new OpPayloadAttributes(
        HeaderJson.quantity64(p, "timestamp"),
        Hash.wrap(HeaderJson.bytes(p, "prevRandao")),
        Address.wrap(HeaderJson.bytes(p, "suggestedFeeRecipient")),
        beaconRoot,
        txs,
        !p.has("noTxPool") || p.get("noTxPool").asBoolean(),
        HeaderJson.quantity64(p, "gasLimit"),
        eip1559,
        minBaseFee);
  }

  /** The witness, each preimage checked against its key. */
  private static Map<Hash, byte[]> witness(JsonNode w) {
    Map<Hash, byte[]> map = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = w.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Hash key = Hash.fromHex(e.getKey());
      byte[] preimage = Hex.decode(e.getValue().asText());
      if (!Hash.keccak(preimage).equals(key)) {
        throw new IllegalArgumentException("witness entry " + key + " is not its preimage's hash");
      }
      map.put(key, preimage);
    }
    return map;
  }
}
