package io.opal.primitives.block;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Builds a {@link BlockHeader} from JSON in either naming: ethereum/tests (uncleHash, coinbase,
 * transactionsTrie, receiptTrie, bloom) or geth's RPC (sha3Uncles, miner, transactionsRoot,
 * receiptsRoot, logsBloom).
 */
final class HeaderJson {
  private HeaderJson() {}

  static BlockHeader parse(JsonNode j) {
    BlockHeader.Builder b =
        BlockHeader.builder()
            .parentHash(hash(j, "parentHash"))
            .ommersHash(hash(j, "uncleHash", "sha3Uncles"))
            .beneficiary(Address.fromHex(text(j, "coinbase", "miner")))
            .stateRoot(hash(j, "stateRoot"))
            .transactionsRoot(hash(j, "transactionsTrie", "transactionsRoot"))
            .receiptsRoot(hash(j, "receiptTrie", "receiptsRoot"))
            .logsBloom(Bloom.wrap(Hex.decode(text(j, "bloom", "logsBloom"))))
            .difficulty(UInt256.valueOf(quantity(j, "difficulty")))
            .number(quantity(j, "number").longValueExact())
            .gasLimit(quantity(j, "gasLimit").longValue())
            .gasUsed(quantity(j, "gasUsed").longValue())
            .timestamp(quantity(j, "timestamp").longValue())
            .extraData(Bytes.wrap(Hex.decode(text(j, "extraData"))))
            .mixHash(hash(j, "mixHash"))
            .nonce(Bytes.wrap(Hex.decode(text(j, "nonce"))));
    if (j.has("baseFeePerGas")) {
      b.baseFeePerGas(quantity(j, "baseFeePerGas").longValue());
    }
    if (j.has("withdrawalsRoot")) {
      b.withdrawalsRoot(hash(j, "withdrawalsRoot"));
    }
    if (j.has("blobGasUsed")) {
      b.blobGasUsed(quantity(j, "blobGasUsed").longValue());
    }
    if (j.has("excessBlobGas")) {
      b.excessBlobGas(quantity(j, "excessBlobGas").longValue());
    }
    if (j.has("parentBeaconBlockRoot")) {
      b.parentBeaconBlockRoot(hash(j, "parentBeaconBlockRoot"));
    }
    if (j.has("requestsHash")) {
      b.requestsHash(hash(j, "requestsHash"));
    }
    return b.build();
  }

  private static String text(JsonNode j, String... names) {
    for (String name : names) {
      if (j.has(name)) {
        return j.get(name).asText();
      }
    }
    throw new IllegalArgumentException("header JSON lacks " + String.join(" / ", names));
  }

  private static Hash hash(JsonNode j, String... names) {
    return Hash.fromHex(text(j, names));
  }

  static BigInteger quantity(JsonNode j, String name) {
    byte[] raw = Hex.decode(text(j, name));
    return new BigInteger(1, raw);
  }
}
