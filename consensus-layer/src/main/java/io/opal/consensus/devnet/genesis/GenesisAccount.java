package io.opal.consensus.devnet.genesis;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/** One account of a genesis allocation; storage holds non-zero slots only. */
public record GenesisAccount(
    long nonce, UInt256 balance, Bytes code, SortedMap<Bytes32, Bytes32> storage) {

  public GenesisAccount {
    TreeMap<Bytes32, Bytes32> copy = new TreeMap<>();
    storage.forEach(
        (k, v) -> {
          if (!v.isZero()) {
            copy.put(k, v);
          }
        });
    storage = Collections.unmodifiableSortedMap(copy);
  }

  public static GenesisAccount balanceOnly(UInt256 balance) {
    return new GenesisAccount(0, balance, Bytes.EMPTY, new TreeMap<>());
  }

  /** The slot's value, zero when unset. */
  public Bytes32 slot(Bytes32 key) {
    return storage.getOrDefault(key, Bytes32.ZERO);
  }
}
