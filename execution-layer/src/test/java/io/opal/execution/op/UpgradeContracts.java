package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.ContractAddress;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TransactionResult;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.tx.DepositTransaction;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An in-memory L2 state on which the network upgrade transactions deploy the real L1Block and
 * GasPriceOracle implementations, placed directly at their predeploy addresses (no proxies): the
 * contracts' own Solidity (FastLZ, fee formulas) then serves as an independent reference.
 */
final class UpgradeContracts {
  final InMemoryWorldState world = new InMemoryWorldState();
  private final TransactionProcessor processor =
      new TransactionProcessor(
          EvmSpec.of(EvmFork.PRAGUE),
          PrecompileSet.ethereum(EvmFork.PRAGUE),
          new CodeCache(64),
          FeeHandler.ETHEREUM);
  private final BlockEnv env =
      new BlockEnv(
          100,
          Address.ZERO,
          1_000_000,
          60_000_000,
          UInt256.ONE,
          UInt256.ZERO,
          Hash.ZERO,
          0,
          OpTestChain.CHAIN_ID,
          n -> Hash.ZERO);

  /** Runs a deposit and applies it; it must succeed. */
  TransactionResult deposit(DepositTransaction tx) {
    TransactionResult r = processor.executeDeposit(world, env, tx, true);
    world.apply(r.changes());
    assertTrue(r.isSuccess(), () -> "deposit failed: " + r.haltReason() + " " + r.status());
    return r;
  }

  /** Runs a creation deposit; returns the created contract's address. */
  Address deploy(DepositTransaction creation) {
    long nonce = world.account(creation.from()).map(a -> a.nonce()).orElse(0L);
    deposit(creation);
    return ContractAddress.create(creation.from(), nonce);
  }

  /** Gives {@code predeploy} the code of {@code implementation}, keeping its storage. */
  void install(Address implementation, Address predeploy) {
    byte[] code = world.code(world.account(implementation).orElseThrow().codeHash());
    world.put(predeploy, 1, UInt256.ZERO, code, world.storageOf(predeploy));
  }

  /** A call from the depositor account (the L1Block setters and GasPriceOracle switches). */
  void asDepositor(Address to, byte[] data) {
    deposit(
        new DepositTransaction(
            Hash.keccak(data),
            Predeploys.L1_INFO_DEPOSITOR,
            Optional.of(to),
            UInt256.ZERO,
            UInt256.ZERO,
            5_000_000,
            false,
            Bytes.wrap(data)));
  }

  /** An eth_call returning one uint256. */
  BigInteger view(Address to, byte[] data) {
    MessageResult r =
        processor.call(world, env, Address.ofLong(0xca11), to, UInt256.ZERO, data, 50_000_000);
    assertTrue(r.isSuccess(), "view call failed: " + r.status());
    return new BigInteger(1, r.output());
  }

  static byte[] selector(String signature) {
    return Arrays.copyOf(Hash.keccak(signature.getBytes()).toArray(), 4);
  }

  /** {@code signature(bytes)} ABI-encoded with one dynamic bytes argument. */
  static byte[] callWithBytes(String signature, byte[] arg) {
    int padded = (arg.length + 31) / 32 * 32;
    byte[] out = new byte[4 + 32 + 32 + padded];
    System.arraycopy(selector(signature), 0, out, 0, 4);
    out[4 + 31] = 0x20;
    byte[] len = BigInteger.valueOf(arg.length).toByteArray();
    System.arraycopy(len, 0, out, 4 + 64 - len.length, len.length);
    System.arraycopy(arg, 0, out, 4 + 64, arg.length);
    return out;
  }

  static byte[] callWithUint(String signature, long arg) {
    byte[] out = new byte[36];
    System.arraycopy(selector(signature), 0, out, 0, 4);
    for (int i = 0; i < 8; i++) {
      out[35 - i] = (byte) (arg >>> (8 * i));
    }
    return out;
  }
}
