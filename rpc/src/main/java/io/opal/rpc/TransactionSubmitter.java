package io.opal.rpc;

import io.opal.primitives.tx.Transaction;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/** Where eth_sendRawTransaction puts a decoded transaction: the pool (or the sequencer). */
@FunctionalInterface
public interface TransactionSubmitter {
  /**
   * Offers a user transaction; {@code raw} is its envelope as received.
   *
   * @return empty when accepted; otherwise the reason in geth's words ("nonce too low: next nonce
   *     5, tx nonce 3", "replacement transaction underpriced"...), sent as a -32000 error
   */
  Optional<String> submit(Transaction tx, Bytes raw);
}
