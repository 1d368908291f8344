package io.opal.execution.engine;

import io.opal.execution.op.Eip1559Params;
import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.OpBaseFee;
import io.opal.execution.op.OpPayloadAttributes;
import io.opal.execution.op.Predeploys;
import io.opal.execution.op.TransactionSource;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.store.BlockState;
import io.opal.execution.store.ChainDatabase;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.Eip1559Config;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.config.OpForkSchedule;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A small OP chain for engine tests and the engine benchmark: config, funded genesis, signed
 * transfers, attributes.
 */
public final class EngineTestChain {
  private EngineTestChain() {}

  public static final long CHAIN_ID = 901;
  static final long GENESIS_TIME = 1_700_000_000;
  static final long GAS_LIMIT = 30_000_000;
  static final long GENESIS_BASE_FEE = 1_000_000_000;
  static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

  /** The private key of account {@code n}. */
  public static byte[] key(int n) {
    return Hash.keccak(("opal engine account " + n).getBytes()).toArray();
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, Address> ADDRESSES =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static Address address(int n) {
    return ADDRESSES.computeIfAbsent(n, k -> Secp256k1.get().address(key(k)));
  }

  /** A chain whose forks up to {@code last} are active from genesis. */
  public static RollupConfig config(OpFork last) {
    Map<OpFork, Long> times = new EnumMap<>(OpFork.class);
    times.put(last, 0L);
    return new RollupConfig(
        new BlockId(Hash.ZERO, 0),
        new BlockId(Hash.ZERO, 0),
        GENESIS_TIME,
        new GenesisSystemConfig(Address.ZERO, Bytes32.ZERO, Bytes32.ZERO, GAS_LIMIT),
        2,
        600,
        3600,
        300,
        50,
        900,
        CHAIN_ID,
        OpForkSchedule.of(times),
        Optional.empty(),
        Address.ZERO,
        Address.ZERO,
        Address.ZERO,
        Optional.empty(),
        new Eip1559Config(6, 50, 250));
  }

  /** Writes a genesis block funding accounts {@code 0..accounts-1} with 1000 ether each. */
  static Block writeGenesis(ChainDatabase db, RollupConfig config, int accounts) {
    return writeGenesis(db, config, accounts, List.of());
  }

  /** {@link #writeGenesis(ChainDatabase, RollupConfig, int)} plus {@code extra} accounts. */
  public static Block writeGenesis(
      ChainDatabase db, RollupConfig config, int accounts, List<AccountUpdate> extra) {
    BlockState state = BlockState.empty();
    List<AccountUpdate> updates = new ArrayList<>(extra);
    for (int i = 0; i < accounts; i++) {
      updates.add(
          new AccountUpdate.Updated(
              address(i),
              new AccountState(0, ETHER.multiply(1000), Hash.EMPTY),
              Optional.empty(),
              false,
              Map.of()));
    }
    state.apply(updates);
    OpFork fork = config.forkAt(GENESIS_TIME);
    BlockHeader.Builder h =
        BlockHeader.builder()
            .number(0)
            .timestamp(GENESIS_TIME)
            .gasLimit(GAS_LIMIT)
            .baseFeePerGas(GENESIS_BASE_FEE)
            .stateRoot(state.stateRoot());
    if (fork.isAtLeast(OpFork.HOLOCENE)) {
      h.extraData(
          OpBaseFee.extraData(
              config, GENESIS_TIME, Optional.of(new Eip1559Params(0, 0)), jovianMin(config, 0)));
    }
    if (fork.isAtLeast(OpFork.CANYON)) {
      h.withdrawalsRoot(Hash.EMPTY_TRIE);
    }
    if (fork.isAtLeast(OpFork.ECOTONE)) {
      h.blobGasUsed(0).excessBlobGas(0).parentBeaconBlockRoot(Hash.ZERO);
    }
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      h.requestsHash(
          Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
    Block genesis =
        new Block(
            h.build(),
            new BlockBody(
                List.of(),
                List.of(),
                fork.isAtLeast(OpFork.CANYON) ? Optional.of(List.of()) : Optional.empty()));
    db.writeGenesis(genesis, state, "{}".getBytes());
    return genesis;
  }

  private static OptionalLong jovianMin(RollupConfig config, long timestamp) {
    return config.isActive(OpFork.JOVIAN, GENESIS_TIME + timestamp)
        ? OptionalLong.of(0)
        : OptionalLong.empty();
  }

  /** The L1-info deposit of block {@code number} (a fixed L1 origin). */
  static io.opal.primitives.tx.DepositTransaction l1Info(
      RollupConfig config, long timestamp, long number) {
    L1BlockInfo info =
        new L1BlockInfo(
            L1InfoDeposit.format(config, timestamp),
            100,
            GENESIS_TIME - 12,
            BigInteger.valueOf(1_000_000_000),
            Hash.keccak(new byte[] {1}),
            number,
            Bytes32.ZERO,
            BigInteger.ZERO,
            BigInteger.ZERO,
            BigInteger.ONE,
            1368,
            810_949,
            0,
            0,
            400);
    return L1InfoDeposit.of(info, true);
  }

  /** Attributes for the child of {@code parent}: the L1-info deposit, then the pool if allowed. */
  public static OpPayloadAttributes attributes(
      RollupConfig config, BlockHeader parent, boolean noTxPool, int randaoSalt) {
    long t = parent.timestamp() + 2;
    return new OpPayloadAttributes(
        t,
        Hash.keccak(new byte[] {(byte) randaoSalt, (byte) parent.number()}),
        Predeploys.SEQUENCER_FEE_VAULT,
        config.isActive(OpFork.ECOTONE, t) ? Optional.of(Hash.ZERO) : Optional.empty(),
        List.of(l1Info(config, t, parent.number() + 1)),
        noTxPool,
        GAS_LIMIT,
        config.isActive(OpFork.HOLOCENE, t)
            ? Optional.of(new Eip1559Params(0, 0))
            : Optional.empty(),
        config.isActive(OpFork.JOVIAN, t) ? OptionalLong.of(0) : OptionalLong.empty());
  }

  /** A signed EIP-1559 transfer of {@code wei} from account {@code from}. */
  static SignedTransaction transfer(int from, long nonce, Address to, long wei, long tip) {
    DynamicFeeTransaction unsigned =
        new DynamicFeeTransaction(
            CHAIN_ID,
            nonce,
            UInt256.valueOf(tip),
            UInt256.valueOf(100_000_000_000L),
            21_000,
            Optional.of(to),
            UInt256.valueOf(wei),
            Bytes.EMPTY,
            List.of(),
            0,
            UInt256.ONE,
            UInt256.ONE);
    return (SignedTransaction) TransactionSigner.sign(unsigned, key(from));
  }

  /** A pool stand-in: hands out its transactions in list order, honouring skipSender. */
  public static final class ListSource implements TransactionSource {
    private final Deque<Candidate> queue = new ArrayDeque<>();
    private final Set<Address> skipped = new HashSet<>();

    ListSource(List<SignedTransaction> txs) {
      for (SignedTransaction tx : txs) {
        queue.add(new Candidate(tx, tx.sender(), TransactionCodec.encode(tx)));
      }
    }

    /** Over candidates whose senders are known already (as a pool's are). */
    public static ListSource ofCandidates(List<Candidate> candidates) {
      ListSource s = new ListSource(List.of());
      s.queue.addAll(candidates);
      return s;
    }

    @Override
    public Optional<Candidate> next() {
      while (!queue.isEmpty()) {
        Candidate c = queue.poll();
        if (!skipped.contains(c.sender())) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }

    @Override
    public void skipSender(Address sender) {
      skipped.add(sender);
    }
  }

  /** A provider over a growing list: each call snapshots what has been added so far. */
  static final class ListProvider implements TransactionProvider {
    private final List<SignedTransaction> txs = new java.util.concurrent.CopyOnWriteArrayList<>();

    void add(SignedTransaction tx) {
      txs.add(tx);
    }

    @Override
    public TransactionSource transactions(UInt256 baseFee) {
      return new ListSource(List.copyOf(txs));
    }
  }
}
