package io.opal.execution.genesis;

import io.opal.execution.state.Word256;
import java.util.Map;
import java.util.Objects;
import org.apache.tuweni.units.bigints.UInt256;

/** One account of a genesis allocation: balance, nonce, code and storage (zero slots dropped). */
public record GenesisAccount(
    UInt256 balance, long nonce, byte[] code, Map<Word256, Word256> storage) {
  public GenesisAccount {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(code, "code");
    storage = Map.copyOf(storage);
  }
}
