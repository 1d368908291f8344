package io.opal.execution.l1chain;

import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.ExecutedTransaction;
import io.opal.execution.state.AccountState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.BlobSidecar;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.apache.tuweni.bytes.Bytes;

/**
 * Proposes the L1 dev chain's blocks on a slot clock: block timestamps are genesis time + k·slot;
 * each tick builds one block at the latest slot the wall clock has reached (slots in between are
 * skipped, as missed slots are on Ethereum). {@link #sealNow} builds at the next slot at once (for
 * setup, whose genesis lies in the past so those slots are still behind the wall clock). After each
 * block the mempool drops used nonces and the blob sidecars of the block are kept, by slot, for the
 * last {@value #SIDECAR_SLOTS} blocks (in memory: a restart forgets them).
 */
public final class L1Producer implements AutoCloseable {
  static final int SIDECAR_SLOTS = 256;

  /** One blob as the beacon API serves it. */
  public record StoredBlob(int index, Bytes blob, Bytes commitment, Bytes proof, Hash txHash) {}

  private final L1Chain chain;
  private final L1Mempool pool;
  private final long slotSeconds;
  private final long gasLimit;
  private final Address coinbase;
  private final LongSupplier clockSeconds;
  private final Map<Long, List<StoredBlob>> sidecars =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<StoredBlob>> e) {
          return size() > SIDECAR_SLOTS;
        }
      };
  private ScheduledExecutorService timer;

  public L1Producer(
      L1Chain chain,
      L1Mempool pool,
      long slotSeconds,
      long gasLimit,
      Address coinbase,
      LongSupplier clockSeconds) {
    if (slotSeconds <= 0) {
      throw new IllegalArgumentException("slot time must be positive");
    }
    this.chain = chain;
    this.pool = pool;
    this.slotSeconds = slotSeconds;
    this.gasLimit = gasLimit;
    this.coinbase = coinbase;
    this.clockSeconds = clockSeconds;
  }

  public long slotSeconds() {
    return slotSeconds;
  }

  /** The slot of a block timestamp. */
  public long slotOf(long timestamp) {
    return (timestamp - chain.genesis().timestamp()) / slotSeconds;
  }

  /** Starts the slot timer (checks every half second for a slot the clock has reached). */
  public synchronized void start() {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("l1-producer").daemon().factory());
      timer.scheduleWithFixedDelay(this::tick, 0, 500, TimeUnit.MILLISECONDS);
    }
  }

  /** Builds a block if the wall clock has reached a slot after the head's; for the timer. */
  public synchronized Optional<ExecutedBlock> tick() {
    long head = slotOf(chain.head().timestamp());
    long now = (clockSeconds.getAsLong() - chain.genesis().timestamp()) / slotSeconds;
    return now > head ? Optional.of(produce(now)) : Optional.empty();
  }

  /** Builds a block at the slot after the head's, now. */
  public synchronized ExecutedBlock sealNow() {
    return produce(slotOf(chain.head().timestamp()) + 1);
  }

  private ExecutedBlock produce(long slot) {
    BlockHeader parent = chain.head();
    long timestamp = chain.genesis().timestamp() + slot * slotSeconds;
    ToLongFunction<Address> nonces = nonces();
    L1BlockAttributes attributes =
        new L1BlockAttributes(
            timestamp,
            coinbase,
            Hash.keccak(Bytes.concatenate(Bytes.wrap(parent.hash().toArray()), Bytes.of((byte) 1))),
            gasLimit,
            // No beacon chain: a stand-in root derived from the parent, distinct per block.
            Hash.keccak(Bytes.concatenate(Bytes.wrap(parent.hash().toArray()), Bytes.of((byte) 2))),
            Bytes.wrap("opal-l1".getBytes(StandardCharsets.US_ASCII)));
    ExecutedBlock block =
        chain.build(
            attributes, pool.source(nonces, BigInteger.valueOf(L1Rules.nextBaseFee(parent))));
    keepSidecars(slot, block);
    pool.prune(nonces());
    return block;
  }

  private void keepSidecars(long slot, ExecutedBlock block) {
    List<StoredBlob> blobs = new ArrayList<>();
    for (ExecutedTransaction t : block.transactions()) {
      Optional<BlobSidecar> s = pool.get(t.hash()).flatMap(L1Mempool.Pooled::sidecar);
      if (s.isEmpty()) {
        continue;
      }
      for (int i = 0; i < s.get().blobs().size(); i++) {
        blobs.add(
            new StoredBlob(
                blobs.size(),
                s.get().blobs().get(i),
                s.get().commitments().get(i),
                s.get().proofs().get(i),
                t.hash()));
      }
    }
    sidecars.put(slot, List.copyOf(blobs));
  }

  /** The blobs of the block at {@code slot}; empty if the slot is unknown or too old. */
  public synchronized Optional<List<StoredBlob>> sidecars(long slot) {
    return Optional.ofNullable(sidecars.get(slot));
  }

  /** The head state's nonces. */
  public ToLongFunction<Address> nonces() {
    var state = chain.db().state().head();
    return a -> state.account(a).map(AccountState::nonce).orElse(0L);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
