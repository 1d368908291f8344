package io.opal.execution.evm.precompile;

import io.opal.primitives.fork.OpFork;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input-size limits OP Stack forks put on variable-length precompiles, as data: each row says
 * "from this fork on, the precompile at this address accepts at most this many bytes"; a later row
 * for the same address replaces an earlier one. {@link Precompiles} wraps the contracts in {@link
 * InputSizeLimited} accordingly.
 */
final class OpInputLimits {
  /** One fork's limit for one precompile. */
  record Limit(OpFork since, int address, int maxInputBytes, String spec) {}

  static final int BN256_PAIRING = 0x08;
  static final int BLS12_G1_MSM = 0x0c;
  static final int BLS12_G2_MSM = 0x0e;
  static final int BLS12_PAIRING = 0x0f;

  /**
   * In fork order. Not yet here: Karst (specs/optimism/protocol/karst/exec-engine.md, still
   * "experimental") lowers the bn256 pairing limit to 57,600 bytes (300 pairs); it needs a KARST
   * entry in {@link OpFork} first.
   */
  static final List<Limit> TABLE =
      List.of(
          new Limit(OpFork.GRANITE, BN256_PAIRING, 112_687, "granite/exec-engine.md"),
          new Limit(OpFork.ISTHMUS, BLS12_G1_MSM, 513_760, "isthmus/exec-engine.md"),
          new Limit(OpFork.ISTHMUS, BLS12_G2_MSM, 488_448, "isthmus/exec-engine.md"),
          new Limit(OpFork.ISTHMUS, BLS12_PAIRING, 235_008, "isthmus/exec-engine.md"),
          new Limit(OpFork.JOVIAN, BN256_PAIRING, 81_984, "jovian/exec-engine.md (427 pairs)"),
          new Limit(OpFork.JOVIAN, BLS12_G1_MSM, 288_960, "jovian/exec-engine.md (1,806 pairs)"),
          new Limit(OpFork.JOVIAN, BLS12_G2_MSM, 278_784, "jovian/exec-engine.md (968 pairs)"),
          new Limit(OpFork.JOVIAN, BLS12_PAIRING, 156_672, "jovian/exec-engine.md (408 pairs)"));

  private OpInputLimits() {}

  /** Address (as a number) → the limit in force at {@code fork}. */
  static Map<Integer, Integer> at(OpFork fork) {
    Map<Integer, Integer> limits = new TreeMap<>();
    for (Limit limit : TABLE) {
      if (fork.isAtLeast(limit.since())) {
        limits.put(limit.address(), limit.maxInputBytes());
      }
    }
    return limits;
  }
}
