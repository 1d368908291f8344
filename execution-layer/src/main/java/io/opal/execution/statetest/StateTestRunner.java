package io.opal.execution.statetest;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.tx.AccessListEntry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Runs state-test cases: fresh pre-state, one transaction, then the post-state root and logs hash
 * compared with the expected ones. A case that expects an exception passes when the transaction is
 * rejected (the state is then left as it was).
 */
public final class StateTestRunner {
  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger MAX_U256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final long CHAIN_ID = 1;

  private final Function<EvmFork, PrecompileSet> precompiles;
  private final CodeCache codeCache = new CodeCache(8192);
  private final Map<EvmFork, TransactionProcessor> processors = new EnumMap<>(EvmFork.class);

  public StateTestRunner(Function<EvmFork, PrecompileSet> precompiles) {
    this.precompiles = precompiles;
  }

  /** Every case of the test, optionally only those of one fork (by its test name). */
  public List<CaseResult> runAll(StateTest test, Optional<String> fork) {
    List<CaseResult> out = new ArrayList<>();
    for (Map.Entry<String, List<StateTest.PostState>> e : test.post().entrySet()) {
      if (fork.isPresent() && !fork.get().equalsIgnoreCase(e.getKey())) {
        continue;
      }
      for (int i = 0; i < e.getValue().size(); i++) {
        out.add(run(test, e.getKey(), i));
      }
    }
    return out;
  }

  public CaseResult run(StateTest test, String forkName, int index) {
    EvmFork fork;
    try {
      fork = EvmFork.fromTestName(forkName);
    } catch (IllegalArgumentException e) {
      return result(test, forkName, index, CaseResult.Outcome.SKIP, null, "unknown fork");
    }
    StateTest.PostState post = test.post().get(forkName).get(index);
    try {
      return runCase(test, fork, forkName, index, post);
    } catch (RuntimeException e) {
      return result(
          test,
          forkName,
          index,
          CaseResult.Outcome.FAIL,
          null,
          "exception: "
              + e
              + " at "
              + java.util.Arrays.toString(
                  java.util.Arrays.copyOf(
                      e.getStackTrace(), Math.min(4, e.getStackTrace().length))));
    }
  }

  private CaseResult runCase(
      StateTest test, EvmFork fork, String forkName, int index, StateTest.PostState post) {
    InMemoryWorldState world = new InMemoryWorldState();
    test.pre().forEach((a, p) -> world.put(a, p.nonce(), p.balance(), p.code(), p.storage()));
    TransactionProcessor processor =
        processors.computeIfAbsent(
            fork,
            f ->
                new TransactionProcessor(
                    EvmSpec.of(f), precompiles.apply(f), codeCache, FeeHandler.ETHEREUM));
    Optional<TxEnv> tx = txEnv(test.transaction(), post);
    String rejection;
    List<Log> logs = List.of();
    if (tx.isEmpty()) {
      rejection = "transaction fields out of range";
    } else {
      TxOutcome outcome = processor.apply(world, blockEnv(test.env()), tx.get());
      if (outcome instanceof TxOutcome.Executed ex) {
        rejection = null;
        logs = ex.result().logs();
      } else {
        rejection = ((TxOutcome.Rejected) outcome).reason().name();
      }
    }
    Hash root = world.stateRoot();
    if (post.expectException().isPresent()) {
      if (rejection == null) {
        return result(
            test,
            forkName,
            index,
            CaseResult.Outcome.FAIL,
            root,
            "expected exception " + post.expectException().get() + " but the transaction ran");
      }
      return result(test, forkName, index, CaseResult.Outcome.PASS, root, null);
    }
    if (rejection != null) {
      return result(
          test,
          forkName,
          index,
          CaseResult.Outcome.FAIL,
          root,
          "unexpected rejection " + rejection);
    }
    if (!root.equals(post.hash())) {
      return result(
          test,
          forkName,
          index,
          CaseResult.Outcome.FAIL,
          root,
          "state root " + root + " expected " + post.hash());
    }
    Hash logsHash = Log.logsHash(logs);
    if (!logsHash.equals(post.logs())) {
      return result(
          test,
          forkName,
          index,
          CaseResult.Outcome.FAIL,
          root,
          "logs hash " + logsHash + " expected " + post.logs());
    }
    return result(test, forkName, index, CaseResult.Outcome.PASS, root, null);
  }

  private static CaseResult result(
      StateTest t, String fork, int index, CaseResult.Outcome o, Hash root, String error) {
    return new CaseResult(
        t.name(), fork, index, o, Optional.ofNullable(root), Optional.ofNullable(error));
  }

  static BlockEnv blockEnv(StateTest.Env env) {
    UInt256 difficulty = env.difficulty();
    Hash randao = env.random().orElse(Hash.wrap(difficulty.toBytes().toArrayUnsafe()));
    return new BlockEnv(
        env.number(),
        env.coinbase(),
        env.timestamp(),
        env.gasLimit(),
        env.baseFee().orElse(UInt256.ZERO),
        difficulty,
        randao,
        env.excessBlobGas().orElse(0L),
        CHAIN_ID,
        StateTestRunner::testBlockHash);
  }

  /** The state tests' BLOCKHASH convention (as geth's runner): keccak256 of the decimal number. */
  static Hash testBlockHash(long number) {
    return Hash.keccak(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
  }

  /** The transaction of one post entry, or empty when a field is outside its protocol range. */
  public static Optional<TxEnv> txEnv(StateTest.Transaction t, StateTest.PostState post) {
    BigInteger gasLimit = t.gasLimit().get(post.gasIndex());
    BigInteger value = t.value().get(post.valueIndex());
    BigInteger maxFee = t.maxFeePerGas().or(t::gasPrice).orElse(BigInteger.ZERO);
    BigInteger tip = t.maxPriorityFeePerGas().or(t::gasPrice).orElse(BigInteger.ZERO);
    BigInteger blobFee = t.maxFeePerBlobGas().orElse(BigInteger.ZERO);
    if (gasLimit.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0
        || t.nonce().compareTo(MAX_U64) > 0
        || value.compareTo(MAX_U256) > 0
        || maxFee.compareTo(MAX_U256) > 0
        || tip.compareTo(MAX_U256) > 0
        || blobFee.compareTo(MAX_U256) > 0) {
      return Optional.empty();
    }
    List<AccessListEntry> accessList =
        t.accessLists()
            .flatMap(l -> post.dataIndex() < l.size() ? l.get(post.dataIndex()) : Optional.empty())
            .orElse(List.of());
    int type;
    if (t.authorizationList().isPresent()) {
      type = 4;
    } else if (t.blobVersionedHashes().isPresent()) {
      type = 3;
    } else if (t.maxFeePerGas().isPresent()) {
      type = 2;
    } else if (t.accessLists().isPresent()
        && post.dataIndex() < t.accessLists().get().size()
        && t.accessLists().get().get(post.dataIndex()).isPresent()) {
      type = 1;
    } else {
      type = 0;
    }
    return Optional.of(
        new TxEnv(
            type,
            t.sender(),
            t.to(),
            UInt256.valueOf(value),
            t.data().get(post.dataIndex()),
            gasLimit.longValue(),
            t.nonce().longValue(),
            UInt256.valueOf(maxFee),
            UInt256.valueOf(tip),
            accessList,
            t.blobVersionedHashes().orElse(List.of()),
            UInt256.valueOf(blobFee),
            t.authorizationList().orElse(List.of())));
  }
}
