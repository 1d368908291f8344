package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.precompile.bls.Bls12Precompiles;
import io.opal.primitives.Address;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.fork.OpFork;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrecompilesTest {
  private static List<Address> range(int fromInclusive, int toInclusive) {
    return IntStream.rangeClosed(fromInclusive, toInclusive).mapToObj(Address::ofLong).toList();
  }

  private static List<Address> concat(List<Address> a, List<Address> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void ethereumAvailabilityByFork() {
    assertEquals(range(1, 4), Precompiles.forFork(EvmFork.FRONTIER, null).addresses());
    assertEquals(range(1, 4), Precompiles.forFork(EvmFork.SPURIOUS_DRAGON, null).addresses());
    assertEquals(range(1, 8), Precompiles.forFork(EvmFork.BYZANTIUM, null).addresses());
    assertEquals(range(1, 8), Precompiles.forFork(EvmFork.PETERSBURG, null).addresses());
    assertEquals(range(1, 9), Precompiles.forFork(EvmFork.ISTANBUL, null).addresses());
    assertEquals(range(1, 9), Precompiles.forFork(EvmFork.SHANGHAI, null).addresses());
    assertEquals(range(1, 0x0a), Precompiles.forFork(EvmFork.CANCUN, null).addresses());
    assertEquals(range(1, 0x11), Precompiles.forFork(EvmFork.PRAGUE, null).addresses());
    assertEquals(
        concat(range(1, 0x11), List.of(Address.ofLong(0x100))),
        Precompiles.forFork(EvmFork.OSAKA, null).addresses());
  }

  @Test
  void opStackAddsP256VerifyFromFjord() {
    assertEquals(range(1, 9), Precompiles.forOpFork(OpFork.BEDROCK).addresses());
    assertEquals(range(1, 9), Precompiles.forOpFork(OpFork.DELTA).addresses());
    assertEquals(range(1, 0x0a), Precompiles.forOpFork(OpFork.ECOTONE).addresses());
    List<Address> fjord = concat(range(1, 0x0a), List.of(Address.ofLong(0x100)));
    assertEquals(fjord, Precompiles.forOpFork(OpFork.FJORD).addresses());
    assertEquals(fjord, Precompiles.forOpFork(OpFork.HOLOCENE).addresses());
    List<Address> isthmus = concat(range(1, 0x11), List.of(Address.ofLong(0x100)));
    assertEquals(isthmus, Precompiles.forOpFork(OpFork.ISTHMUS).addresses());
    assertEquals(isthmus, Precompiles.forOpFork(OpFork.JOVIAN).addresses());
    PrecompiledContract p256 = Precompiles.forOpFork(OpFork.FJORD).get(Precompiles.P256VERIFY);
    assertEquals(3450, p256.gas(new byte[160]), "RIP-7212 price on OP");
    assertEquals(
        6900,
        Precompiles.forFork(EvmFork.OSAKA, null).get(Precompiles.P256VERIFY).gas(new byte[160]),
        "EIP-7951 price on Ethereum");
  }

  @Test
  void forkDependentImplementations() {
    assertEquals(
        ModExp.Pricing.EIP_198,
        ((ModExp) Precompiles.forFork(EvmFork.ISTANBUL, null).get(Precompiles.MODEXP)).pricing());
    assertEquals(
        ModExp.Pricing.EIP_2565,
        ((ModExp) Precompiles.forFork(EvmFork.BERLIN, null).get(Precompiles.MODEXP)).pricing());
    assertEquals(
        ModExp.Pricing.EIP_2565,
        ((ModExp) Precompiles.forOpFork(OpFork.ISTHMUS).get(Precompiles.MODEXP)).pricing());
    assertInstanceOf(
        Ecrecover.class, Precompiles.forFork(EvmFork.FRONTIER, null).get(Precompiles.ECRECOVER));
    assertInstanceOf(Blake2f.class, Precompiles.forOpFork(OpFork.BEDROCK).get(Precompiles.BLAKE2F));
    assertInstanceOf(
        KzgPointEvaluation.class,
        Precompiles.forOpFork(OpFork.ECOTONE).get(Precompiles.POINT_EVALUATION));
  }

  @Test
  void lookupOfOtherAddressesFindsNothing() {
    Precompiles all = Precompiles.forFork(EvmFork.OSAKA, null);
    for (long n : new long[] {0x00, 0x12, 0x13, 0xff, 0x101, 0x1_0000, 0x01_0000_0000_0001L}) {
      assertNull(all.get(Address.ofLong(n)), Long.toHexString(n));
      assertFalse(all.contains(Address.ofLong(n)));
      assertTrue(all.find(Address.ofLong(n)).isEmpty());
    }
    byte[] highByte = new byte[20];
    highByte[0] = 1;
    highByte[19] = 1;
    assertNull(all.get(Address.wrap(highByte)));
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      byte[] raw = new byte[20];
      random.nextBytes(raw);
      assertNull(all.get(Address.wrap(raw)));
    }
    assertTrue(all.contains(Address.ofLong(1)));
    assertTrue(all.find(Precompiles.P256VERIFY).isPresent());
    assertFalse(Precompiles.forOpFork(OpFork.ECOTONE).contains(Precompiles.P256VERIFY));
  }

  @Test
  void instancesAreSharedAndImmutable() {
    assertSame(
        Precompiles.forFork(EvmFork.CANCUN, null), Precompiles.forFork(EvmFork.CANCUN, null));
    assertSame(
        Precompiles.forOpFork(OpFork.GRANITE), Precompiles.forFork(EvmFork.CANCUN, OpFork.GRANITE));
    assertThrows(
        UnsupportedOperationException.class,
        () -> Precompiles.forOpFork(OpFork.FJORD).addresses().add(Address.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> Precompiles.forFork(EvmFork.PRAGUE, OpFork.GRANITE));
  }

  @Test
  void opInputLimitsWrapTheirContracts() {
    // Granite (bn256 pairing 112,687) and Isthmus (BLS MSM and pairing) and Jovian (all lowered).
    assertNoLimit(OpFork.FJORD, 0x08);
    assertLimit(OpFork.GRANITE, 0x08, 112_687);
    assertLimit(OpFork.HOLOCENE, 0x08, 112_687);
    assertLimit(OpFork.ISTHMUS, 0x08, 112_687);
    assertLimit(OpFork.ISTHMUS, 0x0c, 513_760);
    assertLimit(OpFork.ISTHMUS, 0x0e, 488_448);
    assertLimit(OpFork.ISTHMUS, 0x0f, 235_008);
    assertLimit(OpFork.JOVIAN, 0x08, 81_984);
    assertLimit(OpFork.JOVIAN, 0x0c, 288_960);
    assertLimit(OpFork.JOVIAN, 0x0e, 278_784);
    assertLimit(OpFork.JOVIAN, 0x0f, 156_672);
    // Fixed-size BLS operations and everything else have no OP limit.
    for (int n : new int[] {0x01, 0x05, 0x06, 0x07, 0x0a, 0x0b, 0x0d, 0x10, 0x11, 0x100}) {
      assertNoLimit(OpFork.JOVIAN, n);
    }
    // Plain Ethereum rules never limit.
    assertNoLimit(null, 0x08);
  }

  private static void assertLimit(OpFork fork, int address, int max) {
    PrecompiledContract c = Precompiles.forOpFork(fork).get(Address.ofLong(address));
    InputSizeLimited limited = assertInstanceOf(InputSizeLimited.class, c, fork + " " + address);
    assertEquals(max, limited.maxInputBytes());
  }

  private static void assertNoLimit(OpFork fork, int address) {
    Precompiles p =
        fork == null ? Precompiles.forFork(EvmFork.PRAGUE, null) : Precompiles.forOpFork(fork);
    assertFalse(p.get(Address.ofLong(address)) instanceof InputSizeLimited, fork + " " + address);
  }

  @Test
  void bn254ContractsAreWiredWithEip1108Repricing() {
    Precompiles byzantium = Precompiles.forFork(EvmFork.BYZANTIUM, null);
    Precompiles istanbul = Precompiles.forFork(EvmFork.ISTANBUL, null);
    byte[] onePair = new byte[192];
    assertEquals(500, byzantium.get(Precompiles.BN254_ADD).gas(new byte[128]));
    assertEquals(150, istanbul.get(Precompiles.BN254_ADD).gas(new byte[128]));
    assertEquals(40_000, byzantium.get(Precompiles.BN254_MUL).gas(new byte[96]));
    assertEquals(6_000, istanbul.get(Precompiles.BN254_MUL).gas(new byte[96]));
    assertEquals(180_000, byzantium.get(Precompiles.BN254_PAIRING).gas(onePair));
    assertEquals(79_000, istanbul.get(Precompiles.BN254_PAIRING).gas(onePair));
    assertEquals(
        34_000 + 45_000,
        Precompiles.forOpFork(OpFork.BEDROCK).get(Precompiles.BN254_PAIRING).gas(onePair));
    // (0,0) + (0,0) is the point at infinity, encoded as 64 zero bytes.
    PrecompileResult sum = istanbul.get(Precompiles.BN254_ADD).run(new byte[0]);
    assertTrue(sum.success());
    assertEquals(64, sum.output().length);
  }

  @Test
  void granitePairingLimitAppliesToTheRealContract() {
    // Pairs of points at infinity: a valid input whose product of pairings is 1.
    byte[] underLimit = new byte[192 * 586]; // 112,512 bytes <= 112,687
    byte[] overLimit = new byte[192 * 587]; // 112,704 bytes
    PrecompiledContract fjord = Precompiles.forOpFork(OpFork.FJORD).get(Precompiles.BN254_PAIRING);
    PrecompiledContract granite =
        Precompiles.forOpFork(OpFork.GRANITE).get(Precompiles.BN254_PAIRING);
    PrecompileResult before = fjord.run(overLimit);
    assertTrue(before.success());
    assertEquals(1, before.output()[31]);
    assertFalse(granite.run(overLimit).success());
    assertEquals(fjord.gas(overLimit), granite.gas(overLimit), "still charged, then fails");
    assertTrue(granite.run(underLimit).success());
    PrecompiledContract jovian =
        Precompiles.forOpFork(OpFork.JOVIAN).get(Precompiles.BN254_PAIRING);
    assertFalse(jovian.run(new byte[192 * 428]).success(), "Jovian: 427 pairs at most");
    assertTrue(jovian.run(new byte[192 * 427]).success());
  }

  @Test
  void blsContractsAreWiredFromPrague() {
    Precompiles prague = Precompiles.forFork(EvmFork.PRAGUE, null);
    // G1ADD of two points at infinity (all zeros) is the point at infinity, for 375 gas.
    PrecompiledContract g1Add = prague.get(Bls12Precompiles.G1_ADD);
    assertEquals("bls12_g1add", g1Add.name());
    assertEquals(375, g1Add.gas(new byte[256]));
    PrecompileResult sum = g1Add.run(new byte[256]);
    assertTrue(sum.success());
    assertEquals(128, sum.output().length);
    assertFalse(g1Add.run(new byte[255]).success());
    assertEquals("bls12_map_fp2_to_g2", prague.get(Bls12Precompiles.MAP_FP2_TO_G2).name());
  }

  @Test
  void isthmusBlsLimitsMatchTheBlsPackagesConstants() {
    assertLimit(OpFork.ISTHMUS, 0x0c, Bls12Precompiles.ISTHMUS_G1_MSM_MAX_INPUT_SIZE);
    assertLimit(OpFork.ISTHMUS, 0x0e, Bls12Precompiles.ISTHMUS_G2_MSM_MAX_INPUT_SIZE);
    assertLimit(OpFork.ISTHMUS, 0x0f, Bls12Precompiles.ISTHMUS_PAIRING_CHECK_MAX_INPUT_SIZE);
  }

  @Test
  void overLimitBlsMsmFailsOnOpButIsPricedAsOnEthereum() {
    // One G1MSM pair is 160 bytes; 1,807 pairs is one over Jovian's limit (288,960 bytes).
    byte[] overJovian = new byte[160 * 1807];
    PrecompiledContract jovian = Precompiles.forOpFork(OpFork.JOVIAN).get(Bls12Precompiles.G1_MSM);
    PrecompiledContract prague =
        Precompiles.forFork(EvmFork.PRAGUE, null).get(Bls12Precompiles.G1_MSM);
    assertEquals(prague.gas(overJovian), jovian.gas(overJovian));
    assertFalse(jovian.run(overJovian).success());
    // At the limit the input reaches the contract: 1,806 points at infinity with zero scalars.
    assertTrue(jovian.run(new byte[160 * 1806]).success());
  }

  @Test
  void overLimitInputFailsAfterPayingTheInnerPrice() {
    // A stand-in contract makes the wrapper's own behaviour visible, whatever 0x08 is.
    PrecompiledContract echo = new Identity();
    InputSizeLimited limited = new InputSizeLimited(echo, 100);
    byte[] atLimit = new byte[100];
    byte[] overLimit = new byte[101];
    assertEquals(echo.gas(overLimit), limited.gas(overLimit), "the price is the inner contract's");
    assertTrue(limited.run(atLimit).success());
    assertEquals(100, limited.run(atLimit).output().length);
    assertFalse(limited.run(overLimit).success());
    assertEquals("identity", limited.name());
  }

  @Test
  void everyContractSurvivesRandomInput() {
    Random random = new Random(99);
    for (OpFork fork : OpFork.values()) {
      Precompiles p = Precompiles.forOpFork(fork);
      for (Address a : p.addresses()) {
        PrecompiledContract c = p.get(a);
        for (int i = 0; i < 20; i++) {
          byte[] in = new byte[random.nextInt(300)];
          random.nextBytes(in);
          if (c instanceof ModExp && in.length >= 96) {
            in[0] = in[32] = in[64] = 0; // still huge lengths: priced out, refused by run
          }
          if (c instanceof Blake2f && in.length == 213) {
            in[0] = 0; // fewer than 2^24 rounds
          }
          assertTrue(c.gas(in) >= 0);
          c.run(in); // must not throw
        }
      }
    }
  }
}
