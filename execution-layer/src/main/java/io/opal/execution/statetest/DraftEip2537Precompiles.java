package io.opal.execution.statetest;

import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.execution.evm.precompile.bls.Bls12Precompiles;
import io.opal.primitives.Address;
import io.opal.primitives.fork.EvmFork;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The precompile layout stEIP2537 was filled against (April 2024): the draft of EIP-2537 with nine
 * contracts at 0x0b-0x13 and the draft's prices, built from the final contracts' arithmetic (a
 * draft G1MUL/G2MUL is the final MSM with exactly one pair).
 *
 * <p>Only for running those fixtures ({@code opal evm statetest --eip2537-draft}, and the
 * conformance test): it exists so the 1,403 stEIP2537 cases exercise the EVM at all. No chain uses
 * it; Prague as activated uses {@link Precompiles}.
 */
public final class DraftEip2537Precompiles {
  /** The draft's MSM discount table (per mille, by number of pairs, 128 entries). */
  private static final int[] DISCOUNT = {
    1200, 888, 764, 641, 594, 547, 500, 453, 438, 423, 408, 394, 379, 364, 349, 334, 330, 326, 322,
    318, 314, 310, 306, 302, 298, 294, 289, 285, 281, 277, 273, 269, 268, 266, 265, 263, 262, 260,
    259, 257, 256, 254, 253, 251, 250, 248, 247, 245, 244, 242, 241, 239, 238, 236, 235, 233, 232,
    231, 229, 228, 226, 225, 223, 222, 221, 220, 219, 219, 218, 217, 216, 216, 215, 214, 213, 213,
    212, 211, 211, 210, 209, 208, 208, 207, 206, 205, 205, 204, 203, 202, 202, 201, 200, 199, 199,
    198, 197, 196, 196, 195, 194, 193, 193, 192, 191, 191, 190, 189, 188, 188, 187, 186, 185, 185,
    184, 183, 182, 182, 181, 180, 179, 179, 178, 177, 176, 176, 175, 174
  };

  private DraftEip2537Precompiles() {}

  public static PrecompileSet forFork(EvmFork fork) {
    Precompiles registry = Precompiles.forFork(fork, null);
    Map<Address, PrecompiledContract> m = new HashMap<>();
    for (Address a : registry.addresses()) {
      m.put(a, registry.get(a));
    }
    if (fork.isAtLeast(EvmFork.PRAGUE)) {
      for (int i = 0x0b; i <= 0x11; i++) {
        m.remove(Address.ofLong(i));
      }
      PrecompiledContract g1Msm = Bls12Precompiles.g1Msm();
      PrecompiledContract g2Msm = Bls12Precompiles.g2Msm();
      m.put(Address.ofLong(0x0b), priced(Bls12Precompiles.g1Add(), in -> 500));
      m.put(Address.ofLong(0x0c), exactly(160, priced(g1Msm, in -> 12_000)));
      m.put(Address.ofLong(0x0d), priced(g1Msm, in -> msm(in.length / 160, 12_000)));
      m.put(Address.ofLong(0x0e), priced(Bls12Precompiles.g2Add(), in -> 800));
      m.put(Address.ofLong(0x0f), exactly(288, priced(g2Msm, in -> 45_000)));
      m.put(Address.ofLong(0x10), priced(g2Msm, in -> msm(in.length / 288, 45_000)));
      m.put(
          Address.ofLong(0x11),
          priced(Bls12Precompiles.pairingCheck(), in -> 65_000 + 43_000L * (in.length / 384)));
      m.put(Address.ofLong(0x12), priced(Bls12Precompiles.mapFpToG1(), in -> 5_500));
      m.put(Address.ofLong(0x13), priced(Bls12Precompiles.mapFp2ToG2(), in -> 75_000));
    }
    return PrecompileSet.of(m);
  }

  private static long msm(int k, long mulGas) {
    if (k == 0) {
      return 0;
    }
    int discount = DISCOUNT[Math.min(k, DISCOUNT.length) - 1];
    return k * mulGas * discount / 1000;
  }

  private static PrecompiledContract priced(PrecompiledContract c, ToLongFunction<byte[]> gas) {
    return new PrecompiledContract() {
      @Override
      public long gas(byte[] input) {
        return gas.applyAsLong(input);
      }

      @Override
      public PrecompileResult run(byte[] input) {
        return c.run(input);
      }

      @Override
      public String name() {
        return "draft " + c.name();
      }
    };
  }

  /** The draft's single multiplications took exactly one (point, scalar) pair. */
  private static PrecompiledContract exactly(int length, PrecompiledContract c) {
    return new PrecompiledContract() {
      @Override
      public long gas(byte[] input) {
        return c.gas(input);
      }

      @Override
      public PrecompileResult run(byte[] input) {
        return input.length == length ? c.run(input) : PrecompileResult.failure();
      }

      @Override
      public String name() {
        return c.name();
      }
    };
  }
}
