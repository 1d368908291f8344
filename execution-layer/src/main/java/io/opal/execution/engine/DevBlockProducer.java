package io.opal.execution.engine;

import io.opal.execution.op.Eip1559Params;
import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.OpPayloadAttributes;
import io.opal.execution.op.Predeploys;
import io.opal.execution.op.UpgradeTransactions;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.Transaction;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A stand-in sequencer for development and RPC tests (until the real sequencer): every interval it
 * seals the block that has been filling from the pool since the previous tick, moves the heads to
 * it, and starts the next one. Each block opens with an L1-info deposit from a fixed fake L1 origin
 * (and the upgrade transactions of a fork activating at it); its timestamp is the parent's plus the
 * chain's block time.
 *
 * <p>The scheduler it is given must be single-threaded: its thread is the engine's writer.
 */
public final class DevBlockProducer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DevBlockProducer.class.getName());

  /** The fake L1 block every dev block names as its origin. */
  public static final Hash FAKE_L1_HASH = Hash.keccak("opal dev L1 origin".getBytes());

  /** Which heads follow each produced block. */
  public enum Heads {
    /** Unsafe, safe and finalized all move to it (no L1, so nothing else would move them). */
    ALL,
    /** Only the unsafe head. */
    UNSAFE_ONLY
  }

  private final ExecutionEngine engine;
  private final RollupConfig config;
  private final Heads heads;
  private final Consumer<SealedBlock> onSealed;
  private BuildJob job;
  private ScheduledFuture<?> ticking;

  /**
   * @param onSealed told of each sealed block (on the producer's thread), e.g. to log it
   */
  public DevBlockProducer(ExecutionEngine engine, Heads heads, Consumer<SealedBlock> onSealed) {
    this.engine = Objects.requireNonNull(engine);
    this.config = engine.config();
    this.heads = Objects.requireNonNull(heads);
    this.onSealed = Objects.requireNonNull(onSealed);
  }

  /** Ticks every {@code interval} on {@code scheduler} (single-threaded) until closed. */
  public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
    if (ticking != null) {
      throw new IllegalStateException("already started");
    }
    long nanos = interval.toNanos();
    ticking = scheduler.scheduleAtFixedRate(this::tickLogged, nanos, nanos, TimeUnit.NANOSECONDS);
    scheduler.execute(this::tickLogged); // start filling the first block now
  }

  private void tickLogged() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "dev block production failed", e);
    }
  }

  /**
   * Seals the block being filled (if any), moves the heads to it, and starts the next one.
   *
   * @return the sealed block, empty on the first tick
   */
  public synchronized Optional<SealedBlock> tick() {
    Optional<SealedBlock> sealed = Optional.empty();
    if (job != null && job.isBuilding()) {
      SealedBlock b = job.seal();
      Hash h = b.key().hash();
      ChainHeadsMove.apply(engine, h, heads);
      onSealed.accept(b);
      sealed = Optional.of(b);
    }
    job = null;
    BlockHeader head = engine.header(BlockTag.UNSAFE).orElseThrow();
    job = engine.startBuild(head.hash(), attributes(head));
    return sealed;
  }

  /** The block being filled now, if any. */
  public synchronized Optional<BuildJob> currentJob() {
    return Optional.ofNullable(job);
  }

  /** The attributes of the dev block on {@code parent}. */
  public OpPayloadAttributes attributes(BlockHeader parent) {
    long t = parent.timestamp() + config.blockTime();
    long number = parent.number() + 1;
    List<Transaction> txs = new ArrayList<>();
    txs.add(L1InfoDeposit.of(l1Info(t, number), config.isActive(OpFork.REGOLITH, t)));
    txs.addAll(UpgradeTransactions.atBlock(config, t));
    return new OpPayloadAttributes(
        t,
        Hash.keccak(("opal dev randao " + number).getBytes()),
        Predeploys.SEQUENCER_FEE_VAULT,
        config.isActive(OpFork.ECOTONE, t) ? Optional.of(Hash.ZERO) : Optional.empty(),
        txs,
        false,
        parent.gasLimit(),
        config.isActive(OpFork.HOLOCENE, t)
            ? Optional.of(new Eip1559Params(0, 0))
            : Optional.empty(),
        config.isActive(OpFork.JOVIAN, t) ? OptionalLong.of(0) : OptionalLong.empty());
  }

  /**
   * The fake origin: L1 block 0 with a fixed hash, 1 gwei base fee and blob base fee 1, the usual
   * Ecotone scalars, and the block number as sequence number (one endless epoch).
   */
  private L1BlockInfo l1Info(long timestamp, long number) {
    return new L1BlockInfo(
        L1InfoDeposit.format(config, timestamp),
        0,
        config.genesisTime(),
        BigInteger.valueOf(1_000_000_000),
        FAKE_L1_HASH,
        number,
        Bytes32.leftPad(Address.ZERO.bytes()),
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.ONE,
        1368,
        810_949,
        0,
        0,
        0);
  }

  /** Stops ticking and drops the block being filled. */
  @Override
  public synchronized void close() {
    if (ticking != null) {
      ticking.cancel(false);
    }
    if (job != null) {
      job.cancel();
      job = null;
    }
  }

  /** Forkchoice after a dev block, per the producer's head policy. */
  private static final class ChainHeadsMove {
    static void apply(ExecutionEngine engine, Hash block, Heads policy) {
      var current = engine.heads();
      if (policy == Heads.ALL) {
        engine.forkchoice(block, block, block);
      } else {
        engine.forkchoice(block, current.safe().hash(), current.finalized().hash());
      }
    }
  }
}
