package io.opal.execution.evm;

import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.tx.AccessListEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/** Runs transactions against a small in-memory world for interpreter tests. */
final class EvmHarness {
  static final Address SENDER = Address.fromHex("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
  static final Address CONTRACT = Address.fromHex("0x1000000000000000000000000000000000000001");
  static final Address OTHER = Address.fromHex("0x2000000000000000000000000000000000000002");
  static final Address COINBASE = Address.fromHex("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
  static final UInt256 RICH = UInt256.valueOf(1_000_000_000_000_000_000L);

  final InMemoryWorldState world = new InMemoryWorldState();
  final EvmFork fork;
  final TransactionProcessor processor;
  long blockGasLimit = 30_000_000;

  EvmHarness(EvmFork fork) {
    this(fork, PrecompileSet.NONE);
  }

  EvmHarness(EvmFork fork, PrecompileSet precompiles) {
    this.fork = fork;
    this.processor =
        new TransactionProcessor(
            EvmSpec.of(fork), precompiles, new CodeCache(64), FeeHandler.ETHEREUM);
    world.put(SENDER, 0, RICH, new byte[0], Map.of());
  }

  EvmHarness deploy(Address at, byte[] code) {
    world.put(at, 1, UInt256.ZERO, code, Map.of());
    return this;
  }

  BlockEnv block() {
    return new BlockEnv(
        1,
        COINBASE,
        1000,
        blockGasLimit,
        UInt256.valueOf(7),
        UInt256.ZERO,
        Hash.ZERO,
        0,
        1,
        n -> Hash.ZERO);
  }

  TxOutcome send(TxEnv tx) {
    return processor.apply(world, block(), tx);
  }

  /** A legacy call from SENDER with the next nonce; fails the test when rejected. */
  TransactionResult call(Address to, byte[] data, long gasLimit) {
    return call(to, data, gasLimit, UInt256.ZERO);
  }

  TransactionResult call(Address to, byte[] data, long gasLimit, UInt256 value) {
    TxEnv tx =
        TxEnv.legacy(
            SENDER, Optional.of(to), value, data, gasLimit, nonce(SENDER), UInt256.valueOf(10));
    return executed(send(tx));
  }

  TransactionResult create(byte[] initCode, long gasLimit) {
    TxEnv tx =
        TxEnv.legacy(
            SENDER,
            Optional.empty(),
            UInt256.ZERO,
            initCode,
            gasLimit,
            nonce(SENDER),
            UInt256.valueOf(10));
    return executed(send(tx));
  }

  static TransactionResult executed(TxOutcome o) {
    if (o instanceof TxOutcome.Executed e) {
      return e.result();
    }
    throw new AssertionError("transaction rejected: " + o);
  }

  long nonce(Address a) {
    return world.account(a).map(s -> s.nonce()).orElse(0L);
  }

  Word256 storage(Address a, long slot) {
    return world.storage(a, Word256.of(slot));
  }

  UInt256 balance(Address a) {
    return world.account(a).map(s -> s.balance()).orElse(UInt256.ZERO);
  }

  static List<AccessListEntry> noAccessList() {
    return List.of();
  }
}
