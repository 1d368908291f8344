package io.opal.execution.op;

import io.opal.execution.evm.CodeCache;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.Eip1559Config;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.config.OpForkSchedule;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionSigner;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/** Small synthetic OP chains for executor tests: a config, a parent header, signed transactions. */
final class OpTestChain {
  private OpTestChain() {}

  static final long CHAIN_ID = 901;
  static final long GENESIS_TIME = 1_000_000;
  static final long GAS_LIMIT = 30_000_000;
  static final Address FEE_RECIPIENT = Predeploys.SEQUENCER_FEE_VAULT;
  static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

  static final byte[] ALICE_KEY = key(1);
  static final byte[] BOB_KEY = key(2);
  static final Address ALICE = Secp256k1.get().address(ALICE_KEY);
  static final Address BOB = Secp256k1.get().address(BOB_KEY);

  static byte[] key(int n) {
    byte[] k = new byte[32];
    k[31] = (byte) n;
    k[0] = 0x11;
    return k;
  }

  /** A chain whose forks up to {@code last} are active at genesis (later ones never). */
  static RollupConfig config(OpFork last) {
    Map<OpFork, Long> times = new EnumMap<>(OpFork.class);
    times.put(last, 0L);
    return config(times);
  }

  static RollupConfig config(Map<OpFork, Long> times) {
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

  /** A parent header at {@code timestamp} with the fields its fork gives a header. */
  static BlockHeader parent(RollupConfig config, long number, long timestamp, long baseFee) {
    OpFork fork = config.forkAt(timestamp);
    BlockHeader.Builder b =
        BlockHeader.builder()
            .number(number)
            .timestamp(timestamp)
            .gasLimit(GAS_LIMIT)
            .gasUsed(GAS_LIMIT / 6) // exactly the target: the base fee stays
            .baseFeePerGas(baseFee)
            .beneficiary(FEE_RECIPIENT);
    if (fork.isAtLeast(OpFork.HOLOCENE)) {
      b.extraData(
          OpBaseFee.extraData(config, timestamp, holoceneDefaults(), jovianMin(config, timestamp)));
    }
    if (fork.isAtLeast(OpFork.CANYON)) {
      b.withdrawalsRoot(Hash.EMPTY_TRIE);
    }
    if (fork.isAtLeast(OpFork.ECOTONE)) {
      b.blobGasUsed(0).excessBlobGas(0).parentBeaconBlockRoot(Hash.ZERO);
    }
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      b.requestsHash(BlockSeal.EMPTY_REQUESTS_HASH);
    }
    return b.build();
  }

  static Optional<Eip1559Params> holoceneDefaults() {
    return Optional.of(new Eip1559Params(0, 0));
  }

  static OptionalLong jovianMin(RollupConfig config, long timestamp) {
    return config.isActive(OpFork.JOVIAN, timestamp) ? OptionalLong.of(0) : OptionalLong.empty();
  }

  /** Attributes for the block after {@code parent}, with exactly the fields its fork needs. */
  static OpPayloadAttributes attributes(
      RollupConfig config, BlockHeader parent, List<Transaction> txs, boolean noTxPool) {
    long t = parent.timestamp() + 2;
    return new OpPayloadAttributes(
        t,
        Hash.keccak(new byte[] {7}),
        FEE_RECIPIENT,
        config.isActive(OpFork.ECOTONE, t)
            ? Optional.of(Hash.keccak(new byte[] {8}))
            : Optional.empty(),
        txs,
        noTxPool,
        GAS_LIMIT,
        config.isActive(OpFork.HOLOCENE, t) ? holoceneDefaults() : Optional.empty(),
        jovianMin(config, t));
  }

  /** An L1-info deposit in the format of {@code format} (its target has no code in these tests). */
  static DepositTransaction l1Info(L1BlockInfo.Format format, int daFootprintGasScalar) {
    L1BlockInfo info =
        new L1BlockInfo(
            format,
            100,
            GENESIS_TIME - 12,
            BigInteger.valueOf(1_000_000_000),
            Hash.keccak(new byte[] {1}),
            0,
            Bytes32.ZERO,
            BigInteger.ZERO,
            BigInteger.ZERO,
            BigInteger.ONE,
            1368,
            810_949,
            0,
            0,
            daFootprintGasScalar);
    return deposit(
        Predeploys.L1_INFO_DEPOSITOR,
        Optional.of(Predeploys.L1_BLOCK),
        UInt256.ZERO,
        UInt256.ZERO,
        1_000_000,
        info.encode());
  }

  static DepositTransaction deposit(
      Address from, Optional<Address> to, UInt256 mint, UInt256 value, long gas, byte[] data) {
    return new DepositTransaction(
        Hash.keccak(Bytes.wrap(data).toArrayUnsafe()),
        from,
        to,
        mint,
        value,
        gas,
        false,
        Bytes.wrap(data));
  }

  static DynamicFeeTransaction transfer(
      byte[] key, long nonce, Address to, UInt256 value, long tip, long feeCap) {
    DynamicFeeTransaction unsigned =
        new DynamicFeeTransaction(
            CHAIN_ID,
            nonce,
            UInt256.valueOf(tip),
            UInt256.valueOf(feeCap),
            21_000,
            Optional.of(to),
            value,
            Bytes.EMPTY,
            List.of(),
            0,
            UInt256.ONE,
            UInt256.ONE);
    return TransactionSigner.sign(unsigned, key);
  }

  /** The L1Block storage a block's L1-info deposit would have left (Ecotone layout). */
  static void setL1FeeParams(
      InMemoryWorldState world,
      long l1BaseFee,
      long blobBaseFee,
      long baseFeeScalar,
      long blobBaseFeeScalar,
      long operatorScalar,
      long operatorConstant) {
    byte[] scalars = new byte[32];
    putBigEndian(scalars, 16, 4, baseFeeScalar);
    putBigEndian(scalars, 20, 4, blobBaseFeeScalar);
    byte[] operator = new byte[32];
    putBigEndian(operator, 20, 4, operatorScalar);
    putBigEndian(operator, 24, 8, operatorConstant);
    world.put(
        Predeploys.L1_BLOCK,
        1,
        UInt256.ZERO,
        new byte[] {0x00},
        Map.of(
            Word256.of(1), Word256.of(l1BaseFee),
            Word256.of(3), Word256.fromBytes(scalars),
            Word256.of(7), Word256.of(blobBaseFee),
            Word256.of(8), Word256.fromBytes(operator)));
  }

  private static void putBigEndian(byte[] b, int offset, int length, long v) {
    for (int i = length - 1; i >= 0; i--) {
      b[offset + i] = (byte) v;
      v >>>= 8;
    }
  }

  static OpBlockExecutor executor(RollupConfig config) {
    return new OpBlockExecutor(config, new CodeCache(64));
  }

  static InMemoryWorldState funded(Address... accounts) {
    InMemoryWorldState world = new InMemoryWorldState();
    for (Address a : accounts) {
      world.put(a, 0, ETHER, new byte[0], Map.of());
    }
    return world;
  }
}
