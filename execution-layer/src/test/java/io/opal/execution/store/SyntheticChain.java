package io.opal.execution.store;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.genesis.GenesisBlock;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.state.Word256;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionSigner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A synthetic chain on a {@link ChainDatabase} for tests, the crash test and the import benchmark:
 * a genesis funding deterministic accounts, signed EIP-1559 transactions from them, and blocks
 * executed with the {@link TransactionProcessor} under Prague rules (Ethereum fees, a constant 1
 * gwei base fee, no system calls) and committed with block, receipts, state and head in one batch.
 */
public final class SyntheticChain {
  public static final long CHAIN_ID = 901;
  public static final long GAS_LIMIT = 30_000_000;
  public static final long BASE_FEE = 1_000_000_000;
  public static final Address COINBASE =
      Address.fromHex("0x4200000000000000000000000000000000000011");
  private static final EvmFork FORK = EvmFork.PRAGUE;

  private final ChainDatabase db;
  private final int accounts;
  private final long[] nonces;
  private final TransactionProcessor processor =
      new TransactionProcessor(
          EvmSpec.of(FORK), PrecompileSet.ethereum(FORK), new CodeCache(256), FeeHandler.ETHEREUM);

  private SyntheticChain(ChainDatabase db, int accounts, long[] nonces) {
    this.db = db;
    this.accounts = accounts;
    this.nonces = nonces;
  }

  /** The private key of account {@code i}. */
  public static byte[] key(int i) {
    return Hash.keccak(ByteBuffer.allocate(12).put("opal".getBytes()).putLong(i).array()).toArray();
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, Address> ADDRESSES =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static Address address(int i) {
    return ADDRESSES.computeIfAbsent(i, k -> Secp256k1.get().address(key(k)));
  }

  /**
   * Writes a genesis funding accounts {@code 0..accounts-1} with 10^24 wei each, plus {@code extra}
   * accounts (contracts) as given, and returns the chain on it.
   */
  public static SyntheticChain create(
      ChainDatabase db, int accounts, Map<Address, AccountUpdate.Updated> extra) {
    BlockState state = BlockState.empty();
    List<AccountUpdate> updates = new ArrayList<>();
    UInt256 funds = UInt256.valueOf(10).pow(24);
    for (int i = 0; i < accounts; i++) {
      updates.add(
          new AccountUpdate.Updated(
              address(i),
              new AccountState(0, funds, Hash.EMPTY),
              Optional.empty(),
              false,
              Map.of()));
    }
    updates.addAll(extra.values());
    state.apply(updates);
    BlockHeader header = header(BlockHeader.builder(), state.stateRoot()).build();
    db.writeGenesis(new Block(header, body(List.of())), state, "{}".getBytes());
    return open(db, accounts);
  }

  /** The next nonce of account {@code i}. */
  public long nonce(int i) {
    return nonces[i];
  }

  /** The chain on a database that already holds it; nonces are read from the head state. */
  public static SyntheticChain open(ChainDatabase db, int accounts) {
    long[] nonces = new long[accounts];
    FlatStateReader head = db.state().head();
    for (int i = 0; i < accounts; i++) {
      nonces[i] = head.account(address(i)).map(AccountState::nonce).orElse(0L);
    }
    return new SyntheticChain(db, accounts, nonces);
  }

  public ChainDatabase db() {
    return db;
  }

  public int accounts() {
    return accounts;
  }

  /** A contract account for {@link #create}'s extra accounts. */
  public static AccountUpdate.Updated contract(
      Address address, byte[] code, Map<Word256, Word256> storage) {
    return new AccountUpdate.Updated(
        address,
        new AccountState(1, UInt256.ZERO, Hash.keccak(code)),
        Optional.of(code),
        false,
        storage);
  }

  /** A signed EIP-1559 transaction from account {@code from}, using and advancing its nonce. */
  public Transaction transaction(int from, Address to, UInt256 value, byte[] data, long gas) {
    return transaction(from, Optional.of(to), value, data, gas);
  }

  /** A signed contract creation from account {@code from}. */
  public Transaction creation(int from, byte[] initCode, long gas) {
    return transaction(from, Optional.empty(), UInt256.ZERO, initCode, gas);
  }

  private Transaction transaction(
      int from, Optional<Address> to, UInt256 value, byte[] data, long gas) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            CHAIN_ID,
            nonces[from]++,
            UInt256.ONE,
            UInt256.valueOf(2 * BASE_FEE),
            gas,
            to,
            value,
            Bytes.wrap(data),
            List.of(),
            0,
            UInt256.ZERO,
            UInt256.ZERO);
    return TransactionSigner.sign(tx, key(from));
  }

  /** {@code count} ETH transfers, senders round-robin from {@code firstSender}. */
  public List<Transaction> transfers(int count, int firstSender) {
    List<Transaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = (firstSender + i) % accounts;
      Address to = Address.ofLong(0x10_0000L + ((firstSender + i) * 7919L) % 100_000);
      txs.add(transaction(from, to, UInt256.valueOf(1 + i), new byte[0], 21_000));
    }
    return txs;
  }

  /** An executed block: what was committed, and the time spent in each phase. */
  public record Imported(
      Block block,
      List<Receipt> receipts,
      long gasUsed,
      long executeNanos,
      long rootNanos,
      long commitNanos) {}

  /** A block executed on the head but not committed, with its state. */
  public record Built(
      Block block,
      List<Receipt> receipts,
      BlockState state,
      long gasUsed,
      long executeNanos,
      long rootNanos) {}

  /** Executes {@code txs} on the head (recovering senders) and commits the block. */
  public Imported importBlock(List<Transaction> txs) {
    return importBlock(txs, senders(txs));
  }

  /**
   * Executes {@code txs} (with known senders) on the head, builds the header and commits block,
   * receipts, state and head in one batch.
   *
   * @throws IllegalStateException if a transaction is rejected
   */
  public Imported importBlock(List<Transaction> txs, List<Address> senders) {
    Built b = build(txs, senders);
    long start = System.nanoTime();
    db.commitBlock(b.block(), b.receipts(), b.state());
    long commit = System.nanoTime() - start;
    return new Imported(
        b.block(), b.receipts(), b.gasUsed(), b.executeNanos(), b.rootNanos(), commit);
  }

  /** Executes {@code txs} on the head (recovering senders) without committing. */
  public Built build(List<Transaction> txs) {
    return build(txs, senders(txs));
  }

  private static List<Address> senders(List<Transaction> txs) {
    List<Address> senders = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      senders.add(tx.sender());
    }
    return senders;
  }

  /** Executes {@code txs} (with known senders) on the head and builds the block. */
  public Built build(List<Transaction> txs, List<Address> senders) {
    long start = System.nanoTime();
    BlockHeader parent = db.headHeader();
    BlockState state = db.newBlockState(parent);
    long number = parent.number() + 1;
    long timestamp = parent.timestamp() + 2;
    BlockEnv env =
        new BlockEnv(
            number,
            COINBASE,
            timestamp,
            GAS_LIMIT,
            UInt256.valueOf(BASE_FEE),
            UInt256.ZERO,
            Hash.ZERO,
            0,
            CHAIN_ID,
            n -> db.chain().canonicalHash(n).orElse(Hash.ZERO));
    List<Receipt> receipts = new ArrayList<>(txs.size());
    long gasUsed = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      TxOutcome outcome = processor.apply(state, env, TxEnv.of(tx, senders.get(i)));
      if (!(outcome instanceof TxOutcome.Executed executed)) {
        throw new IllegalStateException(
            "transaction " + i + " of block " + number + ": " + outcome);
      }
      TransactionResult r = executed.result();
      gasUsed += r.gasUsed();
      receipts.add(EthereumReceipt.of(tx.type(), r.isSuccess(), gasUsed, r.logs()));
    }
    long executed = System.nanoTime();
    Hash stateRoot = state.stateRoot();
    long rooted = System.nanoTime();
    BlockBody body = body(txs);
    List<Bloom> blooms = new ArrayList<>(receipts.size());
    receipts.forEach(r -> blooms.add(r.logsBloom()));
    BlockHeader header =
        header(BlockHeader.builder(), stateRoot)
            .parentHash(parent.hash())
            .number(number)
            .timestamp(timestamp)
            .gasUsed(gasUsed)
            .transactionsRoot(body.transactionsRoot())
            .receiptsRoot(Receipt.receiptsRoot(receipts))
            .logsBloom(Bloom.union(blooms))
            .build();
    return new Built(
        new Block(header, body), receipts, state, gasUsed, executed - start, rooted - executed);
  }

  private static BlockHeader.Builder header(BlockHeader.Builder b, Hash stateRoot) {
    return b.stateRoot(stateRoot)
        .beneficiary(COINBASE)
        .gasLimit(GAS_LIMIT)
        .baseFeePerGas(BASE_FEE)
        .withdrawalsRoot(Hash.EMPTY_TRIE)
        .blobGasUsed(0)
        .excessBlobGas(0)
        .parentBeaconBlockRoot(Hash.ZERO)
        .requestsHash(GenesisBlock.EMPTY_REQUESTS_HASH);
  }

  private static BlockBody body(List<Transaction> txs) {
    return new BlockBody(txs, List.of(), Optional.of(List.of()));
  }
}
