package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.PoolReader;
import io.opal.rpc.RpcMethodRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * txpool_status, txpool_content, txpool_contentFrom and txpool_inspect in geth's shapes: senders as
 * EIP-55 checksummed keys, nonces as decimal keys, transactions in their pending JSON form
 * (inspect: geth's one-line summary).
 */
final class TxPoolMethods {
  private final PoolReader pool;

  TxPoolMethods(PoolReader pool) {
    this.pool = pool;
  }

  void register(RpcMethodRegistry r) {
    r.register("txpool_status", 0, p -> status());
    r.register("txpool_content", 0, p -> content(pool.content(), TxPoolMethods::json));
    r.register("txpool_contentFrom", 1, p -> contentFrom(pool.contentFrom(p.address(0))));
    r.register("txpool_inspect", 0, p -> content(pool.content(), TxPoolMethods::summary));
  }

  private Object status() {
    PoolReader.Status s = pool.status();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pending", s.pending());
    out.put("queued", s.queued());
    return out;
  }

  private static Object content(
      PoolReader.Content c, BiFunction<Address, Transaction, Object> render) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pending", bySender(c.pending(), render));
    out.put("queued", bySender(c.queued(), render));
    return out;
  }

  private static Object contentFrom(PoolReader.Content c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pending", byNonce(c.pending(), TxPoolMethods::json));
    out.put("queued", byNonce(c.queued(), TxPoolMethods::json));
    return out;
  }

  private static Map<String, Object> bySender(
      Map<Address, NavigableMap<Long, Transaction>> txs,
      BiFunction<Address, Transaction, Object> render) {
    Map<String, Object> out = new TreeMap<>();
    txs.forEach((sender, byNonce) -> out.put(Checksum.of(sender), nonces(sender, byNonce, render)));
    return out;
  }

  private static Map<String, Object> byNonce(
      Map<Address, NavigableMap<Long, Transaction>> txs,
      BiFunction<Address, Transaction, Object> render) {
    Map<String, Object> out = new LinkedHashMap<>();
    txs.forEach((sender, byNonce) -> out.putAll(nonces(sender, byNonce, render)));
    return out;
  }

  private static Map<String, Object> nonces(
      Address sender,
      NavigableMap<Long, Transaction> byNonce,
      BiFunction<Address, Transaction, Object> render) {
    Map<String, Object> out = new LinkedHashMap<>();
    byNonce.forEach((nonce, tx) -> out.put(Long.toUnsignedString(nonce), render.apply(sender, tx)));
    return out;
  }

  private static Object json(Address sender, Transaction tx) {
    return RpcTransaction.pending(tx, sender);
  }

  /** geth's inspect line: {@code to: value wei + gas gas × price wei}. */
  private static Object summary(Address sender, Transaction tx) {
    String to = tx.to().map(Checksum::of).orElse("contract creation");
    return to
        + ": "
        + tx.value().toUnsignedBigInteger()
        + " wei + "
        + Long.toUnsignedString(tx.gasLimit())
        + " gas × "
        + tx.maxFeePerGas().toUnsignedBigInteger()
        + " wei";
  }
}
