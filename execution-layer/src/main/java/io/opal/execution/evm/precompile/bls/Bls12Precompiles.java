package io.opal.execution.evm.precompile.bls;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.Address;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BLS12-381 precompiles of EIP-2537 (active from Prague; OP Isthmus), backed by blst through
 * jblst.
 *
 * <p>Inputs are validated as the EIP requires: exact lengths (positive multiples for MSM and
 * pairing), each field element 64 bytes with the top 16 zero and below p, points on their curve,
 * subgroup membership for MSM and pairing inputs but not for addition; any violation is a failure,
 * which burns the call's gas.
 */
public final class Bls12Precompiles {
  public static final Address G1_ADD = Address.ofLong(0x0b);
  public static final Address G1_MSM = Address.ofLong(0x0c);
  public static final Address G2_ADD = Address.ofLong(0x0d);
  public static final Address G2_MSM = Address.ofLong(0x0e);
  public static final Address PAIRING_CHECK = Address.ofLong(0x0f);
  public static final Address MAP_FP_TO_G1 = Address.ofLong(0x10);
  public static final Address MAP_FP2_TO_G2 = Address.ofLong(0x11);

  /*
   * OP Isthmus input-size limits (specs/optimism/protocol/isthmus/exec-engine.md, "BLS
   * Precompiles"): a call whose input is longer fails (burning its gas) before any work, as
   * op-revm's Isthmus variants do; gas is still the EIP-2537 price. The other four precompiles
   * take fixed-size inputs and have no limit. Applied by the precompile registry, not here.
   */
  /** G1MSM input limit from Isthmus on: 3,211 pairs of 160 bytes. */
  public static final int ISTHMUS_G1_MSM_MAX_INPUT_SIZE = 513_760;

  /** G2MSM input limit from Isthmus on: 1,696 pairs of 288 bytes. */
  public static final int ISTHMUS_G2_MSM_MAX_INPUT_SIZE = 488_448;

  /** PAIRING_CHECK input limit from Isthmus on: 612 pairs of 384 bytes. */
  public static final int ISTHMUS_PAIRING_CHECK_MAX_INPUT_SIZE = 235_008;

  private Bls12Precompiles() {}

  /**
   * All seven, by address, in address order.
   *
   * @throws IllegalStateException if the blst functions jblst does not wrap (map-to-curve,
   *     Pippenger) cannot be linked (needs JDK 22+); raised here, at construction, so that a node
   *     never starts without them
   */
  public static Map<Address, PrecompiledContract> all() {
    Map<Address, PrecompiledContract> all = new LinkedHashMap<>();
    all.put(G1_ADD, g1Add());
    all.put(G1_MSM, g1Msm());
    all.put(G2_ADD, g2Add());
    all.put(G2_MSM, g2Msm());
    all.put(PAIRING_CHECK, pairingCheck());
    all.put(MAP_FP_TO_G1, mapFpToG1());
    all.put(MAP_FP2_TO_G2, mapFp2ToG2());
    return Collections.unmodifiableMap(all);
  }

  /** 0x0b BLS12_G1ADD, 375 gas. */
  public static PrecompiledContract g1Add() {
    return new Bls12Precompile("bls12_g1add", input -> Bls12Gas.G1_ADD, Bls12Operations::g1Add);
  }

  /** 0x0c BLS12_G1MSM, k · 12000 · discount(k) / 1000 gas. */
  public static PrecompiledContract g1Msm() {
    BlstPippenger.get(); // link now: a runtime without it fails at startup, not mid-block
    return new Bls12Precompile("bls12_g1msm", Bls12Gas::g1Msm, Bls12Operations::g1Msm);
  }

  /** 0x0d BLS12_G2ADD, 600 gas. */
  public static PrecompiledContract g2Add() {
    return new Bls12Precompile("bls12_g2add", input -> Bls12Gas.G2_ADD, Bls12Operations::g2Add);
  }

  /** 0x0e BLS12_G2MSM, k · 22500 · discount(k) / 1000 gas. */
  public static PrecompiledContract g2Msm() {
    BlstPippenger.get(); // link now: a runtime without it fails at startup, not mid-block
    return new Bls12Precompile("bls12_g2msm", Bls12Gas::g2Msm, Bls12Operations::g2Msm);
  }

  /** 0x0f BLS12_PAIRING_CHECK, 32600 · k + 37700 gas. */
  public static PrecompiledContract pairingCheck() {
    return new Bls12Precompile(
        "bls12_pairing_check", Bls12Gas::pairing, Bls12Operations::pairingCheck);
  }

  /** 0x10 BLS12_MAP_FP_TO_G1, 5500 gas. */
  public static PrecompiledContract mapFpToG1() {
    BlstMapToCurve.get(); // link now: a runtime without it fails at startup, not mid-block
    return new Bls12Precompile(
        "bls12_map_fp_to_g1", input -> Bls12Gas.MAP_FP_TO_G1, Bls12Operations::mapFpToG1);
  }

  /** 0x11 BLS12_MAP_FP2_TO_G2, 23800 gas. */
  public static PrecompiledContract mapFp2ToG2() {
    BlstMapToCurve.get(); // link now: a runtime without it fails at startup, not mid-block
    return new Bls12Precompile(
        "bls12_map_fp2_to_g2", input -> Bls12Gas.MAP_FP2_TO_G2, Bls12Operations::mapFp2ToG2);
  }
}
