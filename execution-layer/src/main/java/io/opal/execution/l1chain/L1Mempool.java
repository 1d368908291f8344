package io.opal.execution.l1chain;

import io.opal.execution.op.TransactionSource;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.BlobSidecar;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.BlobTransactionWithSidecar;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionValidator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.tuweni.bytes.Bytes;

/**
 * The L1 dev chain's own small mempool. Not {@code io.opal.txpool.TransactionPool}: that pool is
 * built around OP heads (L1 data fee, OpFork context) and refuses blob transactions, while this one
 * must keep blob sidecars. Rules: signature and chain id checked on entry; per sender, transactions
 * by nonce; a transaction with the same sender and nonce replaces the old one only if it raises
 * both fee caps (and the blob fee cap) by at least 10%; blob transactions must come in network form
 * with a sidecar whose commitments match the versioned hashes and whose KZG proofs verify. Blocks
 * take the ready transactions (consecutive nonces from the account's) highest tip first. Bounded at
 * {@value #MAX_TRANSACTIONS} transactions. Thread-safe (one lock).
 */
public final class L1Mempool {
  static final int MAX_TRANSACTIONS = 4096;
  static final int MAX_PER_SENDER = 64;
  private static final BigInteger BUMP_PERCENT = BigInteger.valueOf(110);

  /** A pooled transaction with its sender, envelope and (for blob transactions) sidecar. */
  public record Pooled(
      SignedTransaction transaction,
      Address sender,
      byte[] envelope,
      Optional<BlobSidecar> sidecar) {}

  private final TransactionValidator validator;
  private final Map<Address, NavigableMap<Long, Pooled>> bySender = new HashMap<>();
  private final Map<Hash, Pooled> byHash = new HashMap<>();

  public L1Mempool(L1Rules rules) {
    this.validator = new TransactionValidator(rules.fork(), rules.chainId());
  }

  /**
   * Adds a raw transaction as {@code eth_sendRawTransaction} received it.
   *
   * @param accountNonce the sender's nonce in the head state
   * @return the refusal, or empty if pooled
   */
  public synchronized Optional<String> submit(Bytes raw, ToLongFunction<Address> accountNonce) {
    Transaction decoded;
    Optional<BlobSidecar> sidecar = Optional.empty();
    try {
      decoded = TransactionCodec.decode(raw);
      if (decoded instanceof BlobTransaction) {
        BlobTransactionWithSidecar withSidecar = TransactionCodec.decodeWithSidecar(raw.toArray());
        Optional<String> problem = BlobSidecarCheck.problem(withSidecar);
        if (problem.isPresent()) {
          return problem;
        }
        sidecar = Optional.of(withSidecar.sidecar());
      }
    } catch (io.opal.primitives.DecodingException e) {
      String m = e.getMessage();
      return Optional.of(
          m != null && m.contains("without a sidecar")
              ? "blob transaction without a sidecar: send it in network form (with blobs)"
              : "invalid transaction: " + m);
    }
    if (!(decoded instanceof SignedTransaction tx)) {
      return Optional.of("deposit transactions are OP-only");
    }
    TransactionValidator.Outcome checked = validator.validateAndRecover(tx);
    if (checked instanceof TransactionValidator.Invalid invalid) {
      return Optional.of(invalid.error().toString());
    }
    Address sender = ((TransactionValidator.Valid) checked).sender();
    long stateNonce = accountNonce.applyAsLong(sender);
    if (Long.compareUnsigned(tx.nonce(), stateNonce) < 0) {
      return Optional.of("nonce too low: next nonce " + stateNonce + ", tx nonce " + tx.nonce());
    }
    NavigableMap<Long, Pooled> queue = bySender.computeIfAbsent(sender, a -> new TreeMap<>());
    Pooled old = queue.get(tx.nonce());
    if (old != null && !isBump(old.transaction(), tx)) {
      return Optional.of("replacement transaction underpriced");
    }
    if (old == null && (queue.size() >= MAX_PER_SENDER || byHash.size() >= MAX_TRANSACTIONS)) {
      return Optional.of("txpool is full");
    }
    Pooled p = new Pooled(tx, sender, TransactionCodec.encode(tx), sidecar);
    if (old != null) {
      byHash.remove(old.transaction().hash());
    }
    queue.put(tx.nonce(), p);
    byHash.put(tx.hash(), p);
    return Optional.empty();
  }

  private static boolean isBump(SignedTransaction old, SignedTransaction next) {
    return bumped(old.maxFeePerGas().toBigInteger(), next.maxFeePerGas().toBigInteger())
        && bumped(
            old.maxPriorityFeePerGas().toBigInteger(), next.maxPriorityFeePerGas().toBigInteger())
        && (!(old instanceof BlobTransaction ob)
            || !(next instanceof BlobTransaction nb)
            || bumped(ob.maxFeePerBlobGas().toBigInteger(), nb.maxFeePerBlobGas().toBigInteger()));
  }

  private static boolean bumped(BigInteger old, BigInteger next) {
    return next.multiply(BigInteger.valueOf(100)).compareTo(old.multiply(BUMP_PERCENT)) >= 0;
  }

  public synchronized Optional<Pooled> get(Hash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  public synchronized int size() {
    return byHash.size();
  }

  /** The next nonce after the sender's pooled run of consecutive nonces, if it has any. */
  public synchronized OptionalLong pendingNonce(Address sender, long stateNonce) {
    NavigableMap<Long, Pooled> q = bySender.get(sender);
    if (q == null) {
      return OptionalLong.empty();
    }
    long n = stateNonce;
    while (q.containsKey(n)) {
      n++;
    }
    return OptionalLong.of(n);
  }

  /** All pooled transactions by sender and nonce (a copy). */
  public synchronized Map<Address, NavigableMap<Long, Transaction>> content() {
    Map<Address, NavigableMap<Long, Transaction>> out = new HashMap<>();
    bySender.forEach(
        (a, q) -> {
          NavigableMap<Long, Transaction> m = new TreeMap<>();
          q.forEach((n, p) -> m.put(n, p.transaction()));
          out.put(a, m);
        });
    return out;
  }

  /**
   * A source for one block: per sender the transactions from its state nonce on, highest tip at
   * {@code baseFee} first among the senders' next transactions.
   */
  public synchronized TransactionSource source(
      ToLongFunction<Address> accountNonce, BigInteger baseFee) {
    Map<Address, List<Pooled>> ready = new HashMap<>();
    for (Map.Entry<Address, NavigableMap<Long, Pooled>> e : bySender.entrySet()) {
      long n = accountNonce.applyAsLong(e.getKey());
      List<Pooled> run = new ArrayList<>();
      while (e.getValue().containsKey(n)) {
        run.add(e.getValue().get(n));
        n++;
      }
      if (!run.isEmpty()) {
        ready.put(e.getKey(), run);
      }
    }
    return new TransactionSource() {
      private final Set<Address> skipped = new HashSet<>();
      private final Map<Address, Integer> next = new HashMap<>();

      @Override
      public Optional<Candidate> next() {
        Pooled best = null;
        BigInteger bestTip = null;
        for (Map.Entry<Address, List<Pooled>> e : ready.entrySet()) {
          int i = next.getOrDefault(e.getKey(), 0);
          if (skipped.contains(e.getKey()) || i >= e.getValue().size()) {
            continue;
          }
          Pooled p = e.getValue().get(i);
          BigInteger tip = tip(p.transaction(), baseFee);
          if (best == null || tip.compareTo(bestTip) > 0) {
            best = p;
            bestTip = tip;
          }
        }
        if (best == null) {
          return Optional.empty();
        }
        next.merge(best.sender(), 1, Integer::sum);
        return Optional.of(new Candidate(best.transaction(), best.sender(), best.envelope()));
      }

      @Override
      public void skipSender(Address sender) {
        skipped.add(sender);
      }
    };
  }

  private static BigInteger tip(SignedTransaction tx, BigInteger baseFee) {
    BigInteger max = tx.maxFeePerGas().toBigInteger().subtract(baseFee);
    return max.min(tx.maxPriorityFeePerGas().toBigInteger());
  }

  /** Drops transactions whose nonces the head state has used (after each block). */
  public synchronized void prune(ToLongFunction<Address> accountNonce) {
    var it = bySender.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      long n = accountNonce.applyAsLong(e.getKey());
      NavigableMap<Long, Pooled> stale = e.getValue().headMap(n, false);
      stale.values().forEach(p -> byHash.remove(p.transaction().hash()));
      stale.clear();
      if (e.getValue().isEmpty()) {
        it.remove();
      }
    }
  }
}
