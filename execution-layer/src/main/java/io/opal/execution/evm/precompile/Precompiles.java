package io.opal.execution.evm.precompile;

import io.opal.execution.evm.precompile.bls.Bls12Precompiles;
import io.opal.execution.evm.precompile.bn254.Bn254Precompiles;
import io.opal.primitives.Address;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.fork.OpFork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The precompiled contracts of one rule set: which addresses hold one, and which implementation
 * (with which prices and OP input limits) answers there. Immutable and shared; {@link #forFork}
 * returns the same instance for the same rules.
 *
 * <p>The rules are tables, not branches: {@link #ETHEREUM} lists when each contract appeared and
 * how its implementation depends on the fork (EIP-2565 and EIP-1108 repricing are the factories'
 * business), {@link #OP_STACK} the OP additions, and {@link OpInputLimits} the OP input-size
 * limits, applied as {@link InputSizeLimited} wrappers.
 */
public final class Precompiles {
  public static final Address ECRECOVER = Address.ofLong(0x01);
  public static final Address SHA256 = Address.ofLong(0x02);
  public static final Address RIPEMD160 = Address.ofLong(0x03);
  public static final Address IDENTITY = Address.ofLong(0x04);
  public static final Address MODEXP = Address.ofLong(0x05);
  public static final Address BN254_ADD = Address.ofLong(0x06);
  public static final Address BN254_MUL = Address.ofLong(0x07);
  public static final Address BN254_PAIRING = Address.ofLong(0x08);
  public static final Address BLAKE2F = Address.ofLong(0x09);
  public static final Address POINT_EVALUATION = Address.ofLong(0x0a);
  public static final Address P256VERIFY = Address.ofLong(0x100);

  /** When a contract appeared on Ethereum, and how to build it for a fork at or after that. */
  private record Activation(
      EvmFork since, int address, Function<EvmFork, PrecompiledContract> make) {}

  /** An OP Stack addition: from an OP fork on, whatever the Ethereum rules say. */
  private record OpActivation(
      OpFork since, int address, Function<EvmFork, PrecompiledContract> make) {}

  private static final List<Activation> ETHEREUM =
      List.of(
          new Activation(EvmFork.FRONTIER, 0x01, f -> new Ecrecover()),
          new Activation(EvmFork.FRONTIER, 0x02, f -> new Sha256()),
          new Activation(EvmFork.FRONTIER, 0x03, f -> new Ripemd160()),
          new Activation(EvmFork.FRONTIER, 0x04, f -> new Identity()),
          new Activation(EvmFork.BYZANTIUM, 0x05, ModExp::forFork), // EIP-198; EIP-2565, EIP-7883
          new Activation(EvmFork.BYZANTIUM, 0x06, Bn254Precompiles::add), // EIP-196; EIP-1108
          new Activation(EvmFork.BYZANTIUM, 0x07, Bn254Precompiles::mul),
          new Activation(EvmFork.BYZANTIUM, 0x08, Bn254Precompiles::pairing), // EIP-197
          new Activation(EvmFork.ISTANBUL, 0x09, f -> new Blake2f()), // EIP-152
          new Activation(EvmFork.CANCUN, 0x0a, f -> new KzgPointEvaluation()), // EIP-4844
          new Activation(EvmFork.PRAGUE, 0x0b, f -> Bls12Precompiles.g1Add()), // EIP-2537
          new Activation(EvmFork.PRAGUE, 0x0c, f -> Bls12Precompiles.g1Msm()),
          new Activation(EvmFork.PRAGUE, 0x0d, f -> Bls12Precompiles.g2Add()),
          new Activation(EvmFork.PRAGUE, 0x0e, f -> Bls12Precompiles.g2Msm()),
          new Activation(EvmFork.PRAGUE, 0x0f, f -> Bls12Precompiles.pairingCheck()),
          new Activation(EvmFork.PRAGUE, 0x10, f -> Bls12Precompiles.mapFpToG1()),
          new Activation(EvmFork.PRAGUE, 0x11, f -> Bls12Precompiles.mapFp2ToG2()),
          new Activation(EvmFork.OSAKA, 0x100, f -> new P256Verify(P256Verify.EIP_7951_GAS)));

  private static final List<OpActivation> OP_STACK =
      List.of(
          // RIP-7212 (specs/optimism/protocol/precompiles.md).
          new OpActivation(OpFork.FJORD, 0x100, f -> new P256Verify(P256Verify.RIP_7212_GAS)));

  /** Slots for 0x00..0x11 (0x00 itself stays empty), indexed by the address's last byte. */
  private static final int LOW_SLOTS = 0x12;

  private static final Map<EvmFork, Precompiles> ETHEREUM_CACHE = new ConcurrentHashMap<>();
  private static final Map<OpFork, Precompiles> OP_CACHE = new ConcurrentHashMap<>();

  private final PrecompiledContract[] low;
  private final PrecompiledContract p256Verify; // 0x100, or null
  private final List<Address> addresses;
  private final String rules;

  private Precompiles(Map<Integer, PrecompiledContract> byNumber, String rules) {
    this.low = new PrecompiledContract[LOW_SLOTS];
    PrecompiledContract at100 = null;
    List<Address> list = new ArrayList<>();
    for (Map.Entry<Integer, PrecompiledContract> e : byNumber.entrySet()) {
      int number = e.getKey();
      if (number < LOW_SLOTS) {
        low[number] = e.getValue();
      } else if (number == 0x100) {
        at100 = e.getValue();
      } else {
        throw new IllegalStateException(
            "no lookup slot for precompile 0x" + Integer.toHexString(number));
      }
      list.add(Address.ofLong(number));
    }
    this.p256Verify = at100;
    this.addresses = Collections.unmodifiableList(list);
    this.rules = rules;
  }

  /**
   * The precompiles of {@code fork}, with the OP Stack's additions and limits of {@code
   * opForkOrNull} (null for plain Ethereum rules). An OP fork must come with its own Ethereum rule
   * set ({@link OpFork#evmFork()}).
   */
  public static Precompiles forFork(EvmFork fork, OpFork opForkOrNull) {
    if (opForkOrNull == null) {
      return ETHEREUM_CACHE.computeIfAbsent(fork, Precompiles::buildEthereum);
    }
    if (opForkOrNull.evmFork() != fork) {
      throw new IllegalArgumentException(
          opForkOrNull + " follows " + opForkOrNull.evmFork() + " rules, not " + fork);
    }
    return OP_CACHE.computeIfAbsent(opForkOrNull, Precompiles::buildOp);
  }

  /** The precompiles of an OP Stack fork: {@code forFork(opFork.evmFork(), opFork)}. */
  public static Precompiles forOpFork(OpFork opFork) {
    return forFork(opFork.evmFork(), opFork);
  }

  private static Precompiles buildEthereum(EvmFork fork) {
    return new Precompiles(ethereumContracts(fork), fork.name());
  }

  private static Precompiles buildOp(OpFork op) {
    EvmFork fork = op.evmFork();
    Map<Integer, PrecompiledContract> contracts = ethereumContracts(fork);
    for (OpActivation a : OP_STACK) {
      if (op.isAtLeast(a.since())) {
        contracts.put(a.address(), a.make().apply(fork));
      }
    }
    for (Map.Entry<Integer, Integer> limit : OpInputLimits.at(op).entrySet()) {
      PrecompiledContract inner = contracts.get(limit.getKey());
      if (inner != null) {
        contracts.put(limit.getKey(), new InputSizeLimited(inner, limit.getValue()));
      }
    }
    return new Precompiles(contracts, op.name() + " (" + fork.name() + ")");
  }

  private static Map<Integer, PrecompiledContract> ethereumContracts(EvmFork fork) {
    Map<Integer, PrecompiledContract> contracts = new TreeMap<>();
    for (Activation a : ETHEREUM) {
      if (fork.isAtLeast(a.since())) {
        contracts.put(a.address(), a.make().apply(fork));
      }
    }
    return contracts;
  }

  /**
   * The contract at {@code address}, or null when there is none — the interpreter's hot path, so no
   * Optional here; see {@link #find}.
   */
  public PrecompiledContract get(Address address) {
    byte[] raw = address.toArray();
    for (int i = 0; i < Address.SIZE - 2; i++) {
      if (raw[i] != 0) {
        return null;
      }
    }
    int number = ((raw[Address.SIZE - 2] & 0xff) << 8) | (raw[Address.SIZE - 1] & 0xff);
    if (number < LOW_SLOTS) {
      return low[number];
    }
    return number == 0x100 ? p256Verify : null;
  }

  /** The contract at {@code address}, if there is one. */
  public Optional<PrecompiledContract> find(Address address) {
    return Optional.ofNullable(get(address));
  }

  public boolean contains(Address address) {
    return get(address) != null;
  }

  /** Every precompile address, ascending: warm from the start of each transaction (EIP-2929). */
  public List<Address> addresses() {
    return addresses;
  }

  @Override
  public String toString() {
    return "Precompiles[" + rules + ": " + addresses.size() + " contracts]";
  }
}
