package io.opal.execution.store;

import io.opal.primitives.Hash;
import io.opal.storage.Column;
import io.opal.storage.KeyValueReader;
import java.util.Map;
import java.util.Optional;

/** Where a trie-backed state finds contract code by its hash: the database or a witness. */
@FunctionalInterface
public interface CodeSource {
  Optional<byte[]> code(Hash codeHash);

  /** The {@code CODE} column of a database. */
  static CodeSource of(KeyValueReader view) {
    return hash -> view.get(Column.CODE, hash.toArray());
  }

  /** A witness (keccak256 → preimage); a preimage that does not hash to its key is ignored. */
  static CodeSource of(Map<Hash, byte[]> preimages) {
    return hash ->
        Optional.ofNullable(preimages.get(hash)).filter(code -> Hash.keccak(code).equals(hash));
  }
}
