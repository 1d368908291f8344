package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.testing.Fixtures;
import io.opal.primitives.trie.SecureTrie;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/**
 * Real chains' genesis blocks, end to end: the state root computed with {@link SecureTrie} from the
 * genesis alloc (thousands of accounts and storage slots), put in the header with the other genesis
 * fields, must give the genesis hash the superchain registry publishes.
 */
class SuperchainGenesisTest {

  /** OP Sepolia started on Bedrock (London rules): a 16-field header with the base fee. */
  @Test
  void opSepoliaGenesisHash() {
    JsonNode genesis = Fixtures.readJson(Fixtures.require("superchain/genesis/sepolia-op.json"));
    BlockHeader header = header(genesis).build();
    assertEquals(
        Hash.fromHex("0x102de6ffb001480cc9b8b548fd05c34cd4f46ae4aa91759393db90ea0409887d"),
        header.hash());
  }

  /**
   * Unichain Sepolia started with Ecotone (Cancun rules): an empty withdrawals root, zero blob gas
   * fields and a zero parent beacon block root.
   */
  @Test
  void unichainSepoliaGenesisHash() {
    JsonNode genesis =
        Fixtures.readJson(Fixtures.require("superchain/genesis/sepolia-unichain.json"));
    BlockHeader header =
        header(genesis)
            .withdrawalsRoot(Hash.EMPTY_TRIE)
            .blobGasUsed(quantity(genesis, "blobGasUsed").longValueExact())
            .excessBlobGas(quantity(genesis, "excessBlobGas").longValueExact())
            .parentBeaconBlockRoot(Hash.ZERO)
            .build();
    assertEquals(
        Hash.fromHex("0xb7fe0bc9f98ca03294ca0094ff9374cc3e64130b6ec85850d6e260191f48bfe7"),
        header.hash());
  }

  private static BlockHeader.Builder header(JsonNode g) {
    return BlockHeader.builder()
        .parentHash(Hash.fromHex(g.get("parentHash").asText()))
        .beneficiary(Address.fromHex(g.get("coinbase").asText()))
        .stateRoot(stateRoot(g.get("alloc")))
        .difficulty(UInt256.valueOf(quantity(g, "difficulty")))
        .number(quantity(g, "number").longValueExact())
        .gasLimit(quantity(g, "gasLimit").longValueExact())
        .gasUsed(quantity(g, "gasUsed").longValueExact())
        .timestamp(quantity(g, "timestamp").longValueExact())
        .extraData(Bytes.wrap(Hex.decode(g.get("extraData").asText())))
        .mixHash(Hash.fromHex(g.get("mixHash").asText()))
        .nonce(Bytes.ofUnsignedLong(quantity(g, "nonce").longValueExact()))
        .baseFeePerGas(quantity(g, "baseFeePerGas").longValueExact());
  }

  /** The account trie: keccak(address) → rlp([nonce, balance, storageRoot, codeHash]). */
  private static Hash stateRoot(JsonNode alloc) {
    SecureTrie accounts = new SecureTrie();
    for (Iterator<Map.Entry<String, JsonNode>> it = alloc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode account = e.getValue();
      byte[] code = account.has("code") ? Hex.decode(account.get("code").asText()) : new byte[0];
      RlpWriter w = new RlpWriter();
      w.startList()
          .writeBigInteger(quantity(account, "nonce"))
          .writeBigInteger(quantity(account, "balance"))
          .writeHash(storageRoot(account.get("storage")))
          .writeHash(Hash.keccak(code))
          .endList();
      accounts.put(Hex.decode(e.getKey()), w.toByteArray());
    }
    return accounts.rootHash();
  }

  /** A storage trie: keccak(slot) → rlp(value without leading zeros); zero slots are absent. */
  private static Hash storageRoot(JsonNode storage) {
    SecureTrie slots = new SecureTrie();
    if (storage != null) {
      storage
          .fields()
          .forEachRemaining(
              s -> {
                BigInteger value = new BigInteger(1, Hex.decode(s.getValue().asText()));
                if (value.signum() != 0) {
                  slots.put(
                      pad32(Hex.decode(s.getKey())),
                      new RlpWriter().writeBigInteger(value).toByteArray());
                }
              });
    }
    return slots.rootHash();
  }

  /** Slots are 32-byte words; the alloc may write them without leading zeros. */
  private static byte[] pad32(byte[] slot) {
    byte[] out = new byte[32];
    System.arraycopy(slot, 0, out, 32 - slot.length, slot.length);
    return out;
  }

  private static BigInteger quantity(JsonNode j, String name) {
    JsonNode v = j.get(name);
    return v == null || v.isNull() ? BigInteger.ZERO : new BigInteger(1, Hex.decode(v.asText()));
  }
}
