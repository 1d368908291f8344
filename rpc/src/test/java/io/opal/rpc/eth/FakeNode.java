package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.BlockTag;
import io.opal.rpc.CallExecutor;
import io.opal.rpc.CallRequest;
import io.opal.rpc.ChainReader;
import io.opal.rpc.FeeMarket;
import io.opal.rpc.PoolReader;
import io.opal.rpc.RpcException;
import io.opal.rpc.StateReader;
import io.opal.rpc.TransactionSubmitter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * In-memory stand-ins for the node components behind the eth_ methods: a chain of blocks with
 * receipts, one state per block, a pool and a scripted call executor. Test scaffolding only.
 */
final class FakeNode
    implements ChainReader, StateReader, CallExecutor, TransactionSubmitter, PoolReader, FeeMarket {
  final List<Block> canonical = new ArrayList<>();
  final Map<Hash, Block> byHash = new HashMap<>();
  final Map<Hash, List<ChainReceipt>> receipts = new HashMap<>();
  final Map<Hash, TransactionLocation> locations = new HashMap<>();
  final Map<BlockTag, Integer> heads = new EnumMap<>(BlockTag.class);
  final Map<Hash, Map<Address, Account>> states = new HashMap<>();
  final AtomicInteger receiptReads = new AtomicInteger();
  Optional<SyncProgress> sync = Optional.empty();

  // pool
  final Map<Address, NavigableMap<Long, Transaction>> pending = new TreeMap<>();
  final Map<Address, NavigableMap<Long, Transaction>> queued = new TreeMap<>();
  final List<Transaction> submitted = new ArrayList<>();
  Optional<String> nextRefusal = Optional.empty();

  // calls
  CallResult nextCall = new CallResult.Success(Bytes.EMPTY, 0);
  EstimateResult nextEstimate = new EstimateResult.Estimated(21_000);
  AccessListResult nextAccessList = new AccessListResult(List.of(), 0, Optional.empty());
  CallRequest lastRequest;
  BlockHeader lastAt;
  CallOptions lastOptions;

  record Account(UInt256 balance, long nonce, Bytes code, Map<Bytes32, Bytes32> storage) {}

  /** Appends a canonical block and its receipts; the latest head moves to it. */
  Block add(BlockHeader header, List<Transaction> txs, List<ChainReceipt> blockReceipts) {
    Block block =
        new Block(
            header, new BlockBody(txs, List.of(), header.withdrawalsRoot().map(r -> List.of())));
    Hash hash = block.hash();
    canonical.add(block);
    byHash.put(hash, block);
    receipts.put(hash, blockReceipts);
    for (int i = 0; i < txs.size(); i++) {
      locations.put(txs.get(i).hash(), new TransactionLocation(hash, header.number(), i));
    }
    heads.put(BlockTag.LATEST, canonical.size() - 1);
    heads.put(BlockTag.EARLIEST, 0);
    return block;
  }

  /** The next header on top of the chain, with a bloom of the receipts' logs. */
  BlockHeader.Builder nextHeader(List<ChainReceipt> blockReceipts) {
    List<Bloom> blooms = new ArrayList<>();
    long gas = 0;
    for (ChainReceipt r : blockReceipts) {
      blooms.add(r.receipt().logsBloom());
      gas = r.receipt().cumulativeGasUsed();
    }
    BlockHeader.Builder b = BlockHeader.builder();
    if (!canonical.isEmpty()) {
      BlockHeader parent = canonical.get(canonical.size() - 1).header();
      b.parentHash(parent.hash()).number(parent.number() + 1).timestamp(parent.timestamp() + 2);
    } else {
      b.timestamp(1_700_000_000L);
    }
    return b.gasLimit(30_000_000).gasUsed(gas).logsBloom(Bloom.union(blooms)).baseFeePerGas(1_000);
  }

  // ---- ChainReader ----

  @Override
  public long chainId() {
    return 10;
  }

  @Override
  public Optional<BlockHeader> header(BlockTag tag) {
    Integer i = heads.get(tag);
    return i == null ? Optional.empty() : Optional.of(canonical.get(i).header());
  }

  @Override
  public Optional<BlockHeader> headerByNumber(long number) {
    return number >= 0 && number < canonical.size()
        ? Optional.of(canonical.get((int) number).header())
        : Optional.empty();
  }

  @Override
  public Optional<BlockHeader> headerByHash(Hash hash) {
    return Optional.ofNullable(byHash.get(hash)).map(Block::header);
  }

  @Override
  public Optional<Block> blockByHash(Hash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  @Override
  public Optional<List<ChainReceipt>> receipts(Hash blockHash) {
    receiptReads.incrementAndGet();
    return Optional.ofNullable(receipts.get(blockHash));
  }

  @Override
  public Optional<TransactionLocation> transactionLocation(Hash txHash) {
    return Optional.ofNullable(locations.get(txHash));
  }

  @Override
  public Optional<SyncProgress> syncProgress() {
    return sync;
  }

  // ---- StateReader ----

  @Override
  public Optional<StateView> at(BlockHeader header) {
    Map<Address, Account> accounts = states.get(header.stateRoot());
    if (accounts == null) {
      return Optional.empty();
    }
    Account none = new Account(UInt256.ZERO, 0, Bytes.EMPTY, Map.of());
    return Optional.of(
        new StateView() {
          @Override
          public UInt256 balance(Address a) {
            return accounts.getOrDefault(a, none).balance();
          }

          @Override
          public long nonce(Address a) {
            return accounts.getOrDefault(a, none).nonce();
          }

          @Override
          public Bytes code(Address a) {
            return accounts.getOrDefault(a, none).code();
          }

          @Override
          public Bytes32 storage(Address a, Bytes32 slot) {
            return accounts.getOrDefault(a, none).storage().getOrDefault(slot, Bytes32.ZERO);
          }
        });
  }

  // ---- CallExecutor ----

  @Override
  public CallResult call(CallRequest request, BlockHeader at, CallOptions options) {
    lastRequest = request;
    lastAt = at;
    lastOptions = options;
    return nextCall;
  }

  @Override
  public EstimateResult estimateGas(CallRequest request, BlockHeader at, CallOptions options) {
    lastRequest = request;
    lastAt = at;
    return nextEstimate;
  }

  @Override
  public AccessListResult createAccessList(CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException {
    lastRequest = request;
    return nextAccessList;
  }

  // ---- TransactionSubmitter ----

  @Override
  public Optional<String> submit(Transaction tx, Bytes raw) {
    if (nextRefusal.isPresent()) {
      return nextRefusal;
    }
    submitted.add(tx);
    return Optional.empty();
  }

  // ---- PoolReader ----

  @Override
  public Status status() {
    return new Status(
        pending.values().stream().mapToLong(Map::size).sum(),
        queued.values().stream().mapToLong(Map::size).sum());
  }

  @Override
  public Content content() {
    return new Content(pending, queued);
  }

  @Override
  public Optional<Transaction> transaction(Hash hash) {
    for (var m : List.of(pending, queued)) {
      for (var byNonce : m.values()) {
        for (Transaction tx : byNonce.values()) {
          if (tx.hash().equals(hash)) {
            return Optional.of(tx);
          }
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public OptionalLong pendingNonce(Address sender) {
    NavigableMap<Long, Transaction> txs = pending.get(sender);
    return txs == null || txs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(txs.lastKey() + 1);
  }

  // ---- FeeMarket ----

  /** A simple stand-in rule: the next base fee is the parent's plus one eighth. */
  @Override
  public UInt256 nextBaseFee(BlockHeader parent) {
    long base = parent.baseFeePerGas().orElse(0);
    return UInt256.valueOf(base + base / 8);
  }

  @Override
  public UInt256 blobBaseFee(BlockHeader header) {
    return UInt256.ONE;
  }

  @Override
  public long maxBlobGasPerBlock(BlockHeader header) {
    return 0;
  }
}
