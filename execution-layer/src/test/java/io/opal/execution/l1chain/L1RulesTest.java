package io.opal.execution.l1chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.storage.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class L1RulesTest {
  private static BlockHeader parent(
      long gasLimit, long gasUsed, long baseFee, long excess, long blobUsed) {
    return BlockHeader.builder()
        .parentHash(Hash.ZERO)
        .ommersHash(Hash.EMPTY_LIST)
        .beneficiary(Address.ZERO)
        .stateRoot(Hash.EMPTY_TRIE)
        .transactionsRoot(Hash.EMPTY_TRIE)
        .receiptsRoot(Hash.EMPTY_TRIE)
        .logsBloom(Bloom.EMPTY)
        .number(1)
        .gasLimit(gasLimit)
        .gasUsed(gasUsed)
        .timestamp(12)
        .extraData(Bytes.EMPTY)
        .mixHash(Hash.ZERO)
        .baseFeePerGas(baseFee)
        .withdrawalsRoot(Hash.EMPTY_TRIE)
        .blobGasUsed(blobUsed)
        .excessBlobGas(excess)
        .build();
  }

  @Test
  void baseFeeFollowsEip1559() {
    // At target: unchanged; full block: +12.5%; empty block: -12.5%.
    assertEquals(
        1_000_000_000L, L1Rules.nextBaseFee(parent(30_000_000, 15_000_000, 1_000_000_000L, 0, 0)));
    assertEquals(
        1_125_000_000L, L1Rules.nextBaseFee(parent(30_000_000, 30_000_000, 1_000_000_000L, 0, 0)));
    assertEquals(875_000_000L, L1Rules.nextBaseFee(parent(30_000_000, 0, 1_000_000_000L, 0, 0)));
    // A tiny base fee still rises by at least 1 wei when above target.
    assertEquals(8, L1Rules.nextBaseFee(parent(30_000_000, 15_000_001, 7, 0, 0)));
  }

  @Test
  void pragueBlobGasUsesEip7691Parameters() {
    L1Rules prague = L1Rules.prague(900);
    assertEquals(6 * 131_072, prague.targetBlobGas());
    assertEquals(9 * 131_072, prague.maxBlobGas());
    assertEquals(0, prague.nextExcessBlobGas(parent(1, 0, 1, 0, 5 * 131_072)));
    assertEquals(3 * 131_072, prague.nextExcessBlobGas(parent(1, 0, 1, 0, 9 * 131_072)));
    assertEquals(10 * 131_072, prague.nextExcessBlobGas(parent(1, 0, 1, 7 * 131_072, 9 * 131_072)));
    // Cancun's target is 3 blobs.
    assertEquals(131_072, L1Rules.cancun(1).nextExcessBlobGas(parent(1, 0, 1, 0, 4 * 131_072)));
  }

  @Test
  void blobBaseFeeIsTheFakeExponential() {
    L1Rules prague = L1Rules.prague(900);
    assertEquals(BigInteger.ONE, prague.blobBaseFee(0));
    // e^(excess/F) with excess = F·ln(2)·k doubles per k: at excess = 5007716·ln(1000) ≈ 34591567
    // the fee is about 1000 (the Taylor series truncates down).
    BigInteger fee = prague.blobBaseFee(34_591_567);
    assertTrue(
        fee.compareTo(BigInteger.valueOf(990)) > 0 && fee.compareTo(BigInteger.valueOf(1001)) < 0,
        fee.toString());
    // Cancun's fraction makes the same excess dearer.
    assertTrue(L1Rules.cancun(1).blobBaseFee(34_591_567).compareTo(fee) > 0);
  }

  @Test
  void emptyRequestsHashIsSha256OfNothing() {
    assertEquals(
        Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        L1Rules.EMPTY_REQUESTS_HASH);
    // Lists holding only their type byte are left out (EIP-7685).
    assertEquals(
        L1Rules.EMPTY_REQUESTS_HASH,
        L1Rules.requestsHash(List.of(Bytes.of(0), Bytes.of(1), Bytes.of(2))));
  }

  @Test
  void blocksRunTheBeaconRootAndHistorySystemCalls() {
    Address alice = Address.fromHex("0x00000000000000000000000000000000000a11ce");
    L1GenesisConfig config =
        new L1GenesisConfig(
            900, 1_000, 60_000_000, L1GenesisConfig.INITIAL_BASE_FEE, Map.of(alice, UInt256.ONE));
    L1Chain chain =
        L1Chain.open(
            InMemoryKeyValueStore.create(),
            L1Rules.prague(900),
            () -> L1Genesis.build(config),
            2,
            8);
    BlockHeader genesis = chain.head();
    assertEquals(L1Rules.EMPTY_REQUESTS_HASH, genesis.requestsHash().orElseThrow());
    Hash beaconRoot = Hash.keccak(Hex.decode("0x01"));
    ExecutedBlock b1 =
        chain.build(
            new L1BlockAttributes(
                1_012, Address.ZERO, Hash.ZERO, 60_000_000, beaconRoot, Bytes.EMPTY),
            TransactionSource.EMPTY);
    BlockHeader h = b1.block().header();
    assertEquals(1, h.number());
    assertEquals(L1Rules.EMPTY_REQUESTS_HASH, h.requestsHash().orElseThrow());
    assertEquals(0, h.blobGasUsed().getAsLong());
    assertEquals(875_000_000L, h.baseFeePerGas().getAsLong());
    var state = chain.db().stateAt(h.hash()).orElseThrow();
    // EIP-4788: timestamp at slot t % 8191, root at slot t % 8191 + 8191.
    assertEquals(
        Word256.of(1_012), state.storage(L1SystemContracts.BEACON_ROOTS, Word256.of(1_012 % 8191)));
    assertEquals(
        Word256.fromBytes(beaconRoot.toArray()),
        state.storage(L1SystemContracts.BEACON_ROOTS, Word256.of(1_012 % 8191 + 8191)));
    // EIP-2935: the parent hash at slot (number - 1) % 8191.
    assertEquals(
        Word256.fromBytes(genesis.hash().toArray()),
        state.storage(L1SystemContracts.HISTORY_STORAGE, Word256.of(0)));
    assertFalse(chain.db().heads().orElseThrow().safe().number() > 0);
  }
}
