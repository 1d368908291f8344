package io.opal.consensus.devnet.genesis;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.FramePool;
import io.opal.execution.evm.Interpreter;
import io.opal.execution.evm.Message;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.TxContext;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.JournaledState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.OpFork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Opal's EVM over a genesis state under construction: runs contract creation code to get runtime
 * code (with immutables filled by the constructor) and runs initializer calls, applying what they
 * change, as op-chain-ops' genesis script does with forge. No gas is bought, no nonce of the caller
 * moves: these are state edits made through the contracts' own code.
 */
final class GenesisEvm {
  /** Plenty for any constructor or initializer; nothing is charged for it. */
  private static final long GAS = 30_000_000L;

  private final InMemoryWorldState world;
  private final BlockEnv block;
  private final EvmSpec spec = EvmSpec.of(OpFork.JOVIAN.evmFork());
  private final PrecompileSet precompiles = PrecompileSet.of(Precompiles.forOpFork(OpFork.JOVIAN));
  private final CodeCache codeCache = new CodeCache(64);
  private final FramePool frames = new FramePool();

  GenesisEvm(InMemoryWorldState world, BlockEnv block) {
    this.world = world;
    this.block = block;
  }

  InMemoryWorldState world() {
    return world;
  }

  /**
   * Runs {@code initCode} as if {@code deployer} created a contract at {@code at}, then leaves the
   * resulting code and storage there with {@code nonce} (0 for predeploys, which op-chain-ops
   * etches; 1 for the system contracts deployed by a real transaction).
   */
  void deploy(Address deployer, Address at, byte[] initCode, long nonce) {
    MessageResult r = run(Message.create(deployer, at, UInt256.ZERO, initCode, GAS), true);
    if (!r.isSuccess()) {
      throw new GenesisException(
          "deploying code at "
              + at
              + " failed: "
              + r.status()
              + " "
              + r.haltReason().orElse(null)
              + " output "
              + Hex.encode(r.output()));
    }
    AccountState s = world.account(at).orElseThrow();
    byte[] code = world.code(s.codeHash());
    world.put(at, nonce, s.balance(), code, new HashMap<>(world.storageOf(at)));
  }

  /** A call that must succeed; its state changes are kept. Returns the output. */
  byte[] call(Address from, Address to, byte[] data) {
    MessageResult r = run(Message.call(from, to, UInt256.ZERO, data, GAS), true);
    if (!r.isSuccess()) {
      throw new GenesisException(
          "call from "
              + from
              + " to "
              + to
              + " ("
              + Hex.encode(java.util.Arrays.copyOf(data, 4))
              + ") failed: "
              + r.status()
              + " output "
              + Hex.encode(r.output()));
    }
    return r.output();
  }

  /** A call whose changes are discarded (for reads and tests). */
  MessageResult view(Address from, Address to, byte[] data) {
    return run(Message.call(from, to, UInt256.ZERO, data, GAS), false);
  }

  /** Writes one storage slot directly (for variables no initializer sets). */
  void store(Address account, Word256 key, Word256 value) {
    AccountState s = world.account(account).orElse(AccountState.EMPTY);
    Map<Word256, Word256> storage = new HashMap<>(world.storageOf(account));
    storage.put(key, value);
    world.put(account, s.nonce(), s.balance(), world.code(s.codeHash()), storage);
  }

  private MessageResult run(Message m, boolean apply) {
    JournaledState state = new JournaledState(world);
    state.warm(state.account(m.caller()));
    state.warm(state.account(m.to()));
    for (Address p : precompiles.addresses()) {
      state.warm(state.account(p));
    }
    Interpreter evm =
        new Interpreter(
            spec,
            state,
            block,
            new TxContext(m.caller(), UInt256.ZERO, List.<Hash>of()),
            precompiles,
            codeCache,
            frames);
    MessageResult r = evm.execute(m);
    if (apply && r.isSuccess()) {
      world.apply(state.changes(spec.clearsEmptyAccounts()));
    }
    return r;
  }
}
