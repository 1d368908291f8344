package io.opal.execution.evm.precompile.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.Address;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gas per EIP-2537 as activated in Prague; expected values worked out from the formulas. */
class Bls12GasTest {

  @Test
  void fixedPrices() {
    assertEquals(375, Bls12Precompiles.g1Add().gas(new byte[256]));
    assertEquals(600, Bls12Precompiles.g2Add().gas(new byte[512]));
    assertEquals(5_500, Bls12Precompiles.mapFpToG1().gas(new byte[64]));
    assertEquals(23_800, Bls12Precompiles.mapFp2ToG2().gas(new byte[128]));
    // the price does not depend on the input being valid
    assertEquals(375, Bls12Precompiles.g1Add().gas(new byte[3]));
  }

  /**
   * k · 12000 · discount(k) / 1000 and k · 22500 · discount(k) / 1000; discount capped past 128.
   */
  @ParameterizedTest(name = "k = {0}")
  @CsvSource({
    "1,   12000,   22500",
    "2,   22776,   45000",
    "3,   30528,   62302",
    "128, 797184,  1509120",
    "129, 803412,  1520910",
    "200, 1245600, 2358000"
  })
  void msmPrices(int k, long g1, long g2) {
    assertEquals(g1, Bls12Precompiles.g1Msm().gas(new byte[160 * k]));
    assertEquals(g2, Bls12Precompiles.g2Msm().gas(new byte[288 * k]));
  }

  /** The price counts whole pairs; a ragged or empty input then fails when run. */
  @Test
  void msmPriceOfRaggedInputs() {
    assertEquals(0, Bls12Precompiles.g1Msm().gas(new byte[0]));
    assertEquals(0, Bls12Precompiles.g1Msm().gas(new byte[159]));
    assertEquals(12_000, Bls12Precompiles.g1Msm().gas(new byte[161]));
    assertEquals(0, Bls12Precompiles.g2Msm().gas(new byte[287]));
    assertEquals(22_500, Bls12Precompiles.g2Msm().gas(new byte[575]));
  }

  @ParameterizedTest(name = "k = {0}")
  @CsvSource({"0, 37700", "1, 70300", "2, 102900", "128, 4210500", "200, 6557700"})
  void pairingPrices(int k, long gas) {
    assertEquals(gas, Bls12Precompiles.pairingCheck().gas(new byte[384 * k]));
  }

  @Test
  void allSevenAtTheirAddresses() {
    Map<Address, PrecompiledContract> all = Bls12Precompiles.all();
    List<String> names =
        List.of(
            "bls12_g1add",
            "bls12_g1msm",
            "bls12_g2add",
            "bls12_g2msm",
            "bls12_pairing_check",
            "bls12_map_fp_to_g1",
            "bls12_map_fp2_to_g2");
    assertEquals(7, all.size());
    for (int i = 0; i < names.size(); i++) {
      assertEquals(names.get(i), all.get(Address.ofLong(0x0b + i)).name());
    }
  }

  /** The Isthmus limits are whole numbers of pairs (spec: isthmus/exec-engine.md). */
  @Test
  void isthmusLimitsAreWholePairs() {
    assertEquals(3_211 * 160, Bls12Precompiles.ISTHMUS_G1_MSM_MAX_INPUT_SIZE);
    assertEquals(1_696 * 288, Bls12Precompiles.ISTHMUS_G2_MSM_MAX_INPUT_SIZE);
    assertEquals(612 * 384, Bls12Precompiles.ISTHMUS_PAIRING_CHECK_MAX_INPUT_SIZE);
  }
}
