package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.tx.SignedTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The pool's transactions by sender and nonce, for {@code txpool_content} and {@code
 * txpool_inspect}: a copy, taken under the lock, that the caller may keep.
 *
 * @param pending executable transactions: sender → nonce (ascending, unsigned) → transaction
 * @param queued transactions waiting for a nonce gap or funds, likewise
 */
public record PoolContent(
    Map<Address, NavigableMap<Long, PooledTransaction>> pending,
    Map<Address, NavigableMap<Long, PooledTransaction>> queued) {

  public PoolContent {
    pending = Map.copyOf(pending);
    queued = Map.copyOf(queued);
  }

  /**
   * geth's {@code txpool_inspect} line: {@code "0xTo…: 1 wei + 21000 gas × 2 wei"} (the recipient
   * EIP-55 checksummed, the price being the gas price or fee cap), or {@code "contract creation:
   * …"}.
   */
  public static String inspect(PooledTransaction pooled) {
    SignedTransaction tx = pooled.transaction();
    String amounts =
        tx.value().toBigInteger()
            + " wei + "
            + Long.toUnsignedString(tx.gasLimit())
            + " gas × "
            + tx.maxFeePerGas().toBigInteger()
            + " wei";
    return tx.to()
        .map(to -> checksummed(to) + ": " + amounts)
        .orElse("contract creation: " + amounts);
  }

  /**
   * EIP-55 mixed-case hex: a letter is upper case where the hash of the lower-case hex has a nibble
   * of 8 or more.
   */
  public static String checksummed(Address address) {
    String lower = address.bytes().toUnprefixedHexString();
    byte[] hash = Keccak256.hash(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
