package io.opal.execution.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.state.Word256;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.testing.DecoderFuzzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** The stored forms of state: round trips, canonical-only decoding, and fuzzed stored bytes. */
class StoreCodecTest {

  @Test
  void storageValuesAreTheRlpOfTheirTrimmedBytes() {
    // The forms the storage trie uses (as geth writes them): rlp(0x01) = 0x01, rlp(0x80) = 0x8180.
    assertArrayEquals(Hex.decode("0x01"), StateCodec.encodeValue(Word256.of(1)));
    assertArrayEquals(Hex.decode("0x7f"), StateCodec.encodeValue(Word256.of(0x7f)));
    assertArrayEquals(Hex.decode("0x8180"), StateCodec.encodeValue(Word256.of(0x80)));
    assertArrayEquals(Hex.decode("0x820100"), StateCodec.encodeValue(Word256.of(0x100)));
    Word256 max = new Word256(-1, -1, -1, -1);
    byte[] maxEncoded = StateCodec.encodeValue(max);
    assertEquals(33, maxEncoded.length);
    assertEquals((byte) 0xa0, maxEncoded[0]);
    for (Word256 w : List.of(Word256.of(1), Word256.of(0x7f), Word256.of(0x80), max)) {
      assertEquals(w, StateCodec.decodeValue(StateCodec.encodeValue(w)));
      assertArrayEquals(RlpWriter.encodeBytes(trim(w.toBytes())), StateCodec.encodeValue(w));
    }
  }

  @Test
  void nonCanonicalStorageValuesAreRejected() {
    for (String bad :
        List.of("0x", "0x00", "0x80", "0x8101", "0x820001", "0x8200", "0xa1" + "01".repeat(33))) {
      assertThrows(DecodingException.class, () -> StateCodec.decodeValue(Hex.decode(bad)), bad);
    }
  }

  private static byte[] trim(byte[] b) {
    int i = 0;
    while (i < b.length && b[i] == 0) {
      i++;
    }
    return java.util.Arrays.copyOfRange(b, i, b.length);
  }

  @Test
  void slimAccountsDropTheEmptyRootAndCodeHash() {
    StoredAccount eoa = new StoredAccount(5, UInt256.valueOf(1000), Hash.EMPTY_TRIE, Hash.EMPTY);
    byte[] slim = eoa.encodeSlim();
    assertTrue(slim.length < 10, "an EOA's slim form is a few bytes, got " + slim.length);
    assertEquals(eoa, StoredAccount.decodeSlim(slim));
    StoredAccount contract =
        new StoredAccount(
            1, UInt256.ZERO, Hash.keccak(new byte[] {1}), Hash.keccak(new byte[] {2}));
    assertEquals(contract, StoredAccount.decodeSlim(contract.encodeSlim()));
    assertEquals(contract, StoredAccount.decodeTrieValue(contract.encodeForTrie()));
    assertEquals(eoa, StoredAccount.decodeTrieValue(eoa.encodeForTrie()));
  }

  @Test
  void stateDiffsRoundTrip() {
    StateDiff diff = sampleDiff();
    StateDiff back = StateDiff.decode(diff.encode());
    assertEquals(diff.parentStateRoot(), back.parentStateRoot());
    assertEquals(diff.stateRoot(), back.stateRoot());
    assertEquals(diff.wipedAccounts(), back.wipedAccounts());
    assertArrayEquals(diff.encode(), back.encode());
    assertEquals(2, back.accounts().size());
    assertTrue(back.accounts().get(1).before().isEmpty());
  }

  private static StateDiff sampleDiff() {
    Hash a = Hash.keccak(new byte[] {1});
    Hash b = Hash.keccak(new byte[] {2});
    byte[] acct = new StoredAccount(1, UInt256.ONE, Hash.EMPTY_TRIE, Hash.EMPTY).encodeSlim();
    return new StateDiff(
        Hash.EMPTY_TRIE,
        a,
        List.of(
            new StateDiff.AccountChange(a, Optional.of(acct), Optional.empty()),
            new StateDiff.AccountChange(b, Optional.empty(), Optional.of(acct))),
        List.of(a),
        List.of(
            new StateDiff.SlotChange(
                a, b, Optional.of(StateCodec.encodeValue(Word256.of(9))), Optional.empty())));
  }

  @Test
  void fuzzedStoredBytesOnlyEverFailAsDecodingErrors() {
    DecoderFuzzer fuzzer = new DecoderFuzzer(11);
    List<byte[]> accounts = new ArrayList<>();
    accounts.add(
        new StoredAccount(5, UInt256.valueOf(1000), Hash.EMPTY_TRIE, Hash.EMPTY).encodeSlim());
    accounts.add(
        new StoredAccount(1, UInt256.MAX_VALUE, Hash.keccak(new byte[] {1}), Hash.ZERO)
            .encodeSlim());
    fuzzer.run("slim account", StoredAccount::decodeSlim, accounts, 20_000);
    fuzzer.run("trie account", StoredAccount::decodeTrieValue, accounts, 20_000);
    fuzzer.run("storage value", StateCodec::decodeValue, List.of(Hex.decode("0x8180")), 20_000);
    fuzzer.run("state diff", StateDiff::decode, List.of(sampleDiff().encode()), 20_000);
  }
}
