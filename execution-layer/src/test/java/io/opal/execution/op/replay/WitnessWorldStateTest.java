package io.opal.execution.op.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.trie.MerklePatriciaTrie;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** The witness-backed state against the in-memory one it is built from. */
class WitnessWorldStateTest {
  private static final Address A = Address.ofLong(0xa);
  private static final Address B = Address.ofLong(0xb);
  private static final byte[] CODE = {0x60, 0x00, 0x54, 0x00};

  /** An in-memory state and a witness of all its nodes and code. */
  private static Map<Hash, byte[]> witnessOf(InMemoryWorldState w) {
    Map<Hash, byte[]> nodes = new HashMap<>();
    MerklePatriciaTrie accounts = new MerklePatriciaTrie();
    for (Address a : w.addresses()) {
      AccountState s = w.account(a).orElseThrow();
      MerklePatriciaTrie storage = new MerklePatriciaTrie();
      w.storageOf(a)
          .forEach(
              (k, v) ->
                  storage.put(
                      Keccak256.hash(k.toBytes()),
                      io.opal.primitives.rlp.RlpWriter.encodeBytes(
                          v.toUInt256().toMinimalBytes().toArrayUnsafe())));
      storage.forEachNode(nodes::put);
      accounts.put(
          Keccak256.hash(a.toArray()),
          new io.opal.primitives.rlp.RlpWriter()
              .startList()
              .writeLong(s.nonce())
              .writeUInt256(s.balance())
              .writeHash(storage.rootHash())
              .writeHash(s.codeHash())
              .endList()
              .toByteArray());
      if (!s.codeHash().equals(Hash.EMPTY)) {
        nodes.put(s.codeHash(), w.code(s.codeHash()));
      }
    }
    accounts.forEachNode(nodes::put);
    return nodes;
  }

  @Test
  void readsAndUpdatesGiveTheSameRootsAsTheInMemoryState() {
    InMemoryWorldState mem = new InMemoryWorldState();
    mem.put(
        A,
        3,
        UInt256.valueOf(100),
        CODE,
        Map.of(Word256.of(1), Word256.of(5), Word256.of(2), Word256.of(6)));
    mem.put(B, 1, UInt256.valueOf(7), new byte[0], Map.of());
    WitnessWorldState w = new WitnessWorldState(mem.stateRoot(), witnessOf(mem));
    assertEquals(mem.account(A), w.account(A));
    assertEquals(Word256.of(6), w.storage(A, Word256.of(2)));
    assertEquals(Word256.ZERO, w.storage(A, Word256.of(3)));
    assertEquals(CODE.length, w.code(w.account(A).orElseThrow().codeHash()).length);
    assertEquals(mem.storageRoot(A), w.storageRoot(A));

    List<AccountUpdate> updates =
        List.of(
            new AccountUpdate.Updated(
                A,
                new AccountState(4, UInt256.valueOf(90), mem.account(A).orElseThrow().codeHash()),
                Optional.empty(),
                false,
                Map.of(Word256.of(1), Word256.ZERO, Word256.of(9), Word256.of(9))),
            new AccountUpdate.Deleted(B));
    mem.apply(updates);
    w.apply(updates);
    assertEquals(mem.stateRoot(), w.stateRoot());
    assertEquals(mem.storageRoot(A), w.storageRoot(A));
    assertEquals(Optional.empty(), w.account(B));
  }

  @Test
  void whatTheWitnessLacksIsNamed() {
    InMemoryWorldState mem = new InMemoryWorldState();
    mem.put(A, 1, UInt256.ONE, CODE, Map.of());
    Map<Hash, byte[]> witness = witnessOf(mem);
    Hash codeHash = mem.account(A).orElseThrow().codeHash();
    witness.remove(codeHash);
    WitnessWorldState w = new WitnessWorldState(mem.stateRoot(), witness);
    MissingWitnessException e = assertThrows(MissingWitnessException.class, () -> w.code(codeHash));
    assertEquals(codeHash, e.hash());
    WitnessWorldState empty = new WitnessWorldState(mem.stateRoot(), Map.of());
    e = assertThrows(MissingWitnessException.class, () -> empty.account(A));
    assertEquals(mem.stateRoot(), e.hash());
  }
}
