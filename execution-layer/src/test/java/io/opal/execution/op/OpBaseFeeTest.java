package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * OP EIP-1559 (exec-engine.md, holocene/ and jovian/exec-engine.md) with a 30M gas limit, the
 * chain's elasticity 6 (target 5M) and denominators 50 / 250 (Canyon); values worked out by hand.
 */
class OpBaseFeeTest {
  private static final long T = OpTestChain.GENESIS_TIME;

  /** Canyon at T+100, Holocene at T+200, Jovian at T+300. */
  private static final RollupConfig CONFIG =
      OpTestChain.config(
          Map.of(
              OpFork.REGOLITH,
              0L,
              OpFork.CANYON,
              T + 100,
              OpFork.HOLOCENE,
              T + 200,
              OpFork.JOVIAN,
              T + 300));

  private static BlockHeader parent(long time, long gasUsed, long baseFee, Bytes extra) {
    BlockHeader.Builder b =
        BlockHeader.builder()
            .number(1)
            .timestamp(time)
            .gasLimit(30_000_000)
            .gasUsed(gasUsed)
            .baseFeePerGas(baseFee)
            .extraData(extra);
    return b.build();
  }

  @Test
  void canyonChangesTheDenominator() {
    BlockHeader p = parent(T + 50, 10_000_000, 1000, Bytes.EMPTY);
    // Pre-Canyon: 1000 + 1000 * 5M / 5M / 50 = 1020.
    assertEquals(1020, OpBaseFee.nextBaseFee(CONFIG, p, T + 52));
    // The first Canyon block already uses 250: 1000 + 1000 * 5M / 5M / 250 = 1004.
    assertEquals(1004, OpBaseFee.nextBaseFee(CONFIG, p, T + 100));
    // Empty parent: 1000 - 1000 * 5M / 5M / 250 = 996.
    assertEquals(996, OpBaseFee.nextBaseFee(CONFIG, parent(T + 98, 0, 1000, Bytes.EMPTY), T + 100));
    // An increase is at least 1: 10 * 5M / 5M / 250 = 0 -> 11.
    assertEquals(
        11, OpBaseFee.nextBaseFee(CONFIG, parent(T + 98, 10_000_000, 10, Bytes.EMPTY), T + 100));
    // At the target nothing changes.
    assertEquals(
        1000, OpBaseFee.nextBaseFee(CONFIG, parent(T + 98, 5_000_000, 1000, Bytes.EMPTY), T + 100));
  }

  @Test
  void holoceneTakesTheParametersFromTheParentsExtraData() {
    // denominator 100, elasticity 2: target 15M; 1000 + 1000 * 15M / 15M / 100 = 1010.
    Bytes extra = Bytes.fromHexString("0x000000006400000002");
    assertEquals(
        1010, OpBaseFee.nextBaseFee(CONFIG, parent(T + 202, 30_000_000, 1000, extra), T + 204));
    // The first Holocene block's parent is pre-Holocene: the chain's constants still apply.
    assertEquals(
        1004,
        OpBaseFee.nextBaseFee(CONFIG, parent(T + 198, 10_000_000, 1000, Bytes.EMPTY), T + 200));
  }

  @Test
  void jovianClampsToTheMinimumAndMetersTheDaFootprint() {
    // version 1, denominator 250, elasticity 6, minimum 5000; parent at the target -> 1000 -> 5000.
    Bytes extra = Bytes.fromHexString("0x01000000fa000000060000000000001388");
    assertEquals(
        5000, OpBaseFee.nextBaseFee(CONFIG, parent(T + 302, 5_000_000, 1000, extra), T + 304));
    // blobGasUsed (the DA footprint) above gasUsed is what is metered: 20M used of a 5M target:
    // 1000 + 1000 * 15M / 5M / 250 = 1012.
    Bytes noMin = Bytes.fromHexString("0x01000000fa000000060000000000000000");
    BlockHeader p =
        parent(T + 302, 1_000_000, 1000, noMin).toBuilder()
            .withdrawalsRoot(io.opal.primitives.Hash.EMPTY_TRIE)
            .blobGasUsed(20_000_000)
            .build();
    assertEquals(1012, OpBaseFee.nextBaseFee(CONFIG, p, T + 304));
  }

  @Test
  void extraDataOfEachFork() {
    assertEquals(
        Bytes.EMPTY, OpBaseFee.extraData(CONFIG, T + 100, Optional.empty(), OptionalLong.empty()));
    // Holocene, attributes (0, 0): the chain's Canyon constants 250 and 6 (as OP Sepolia's blocks).
    Bytes holocene =
        OpBaseFee.extraData(
            CONFIG, T + 200, Optional.of(new Eip1559Params(0, 0)), OptionalLong.empty());
    assertEquals(Bytes.fromHexString("0x00000000fa00000006"), holocene);
    Bytes chosen =
        OpBaseFee.extraData(
            CONFIG, T + 200, Optional.of(new Eip1559Params(100, 2)), OptionalLong.empty());
    assertEquals(Bytes.fromHexString("0x000000006400000002"), chosen);
    Bytes jovian =
        OpBaseFee.extraData(
            CONFIG, T + 300, Optional.of(new Eip1559Params(100, 2)), OptionalLong.of(7));
    assertEquals(Bytes.fromHexString("0x01000000640000000200000000000000" + "07"), jovian);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OpBaseFee.extraData(
                CONFIG, T + 300, Optional.of(new Eip1559Params(1, 1)), OptionalLong.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () -> OpBaseFee.extraData(CONFIG, T + 200, Optional.empty(), OptionalLong.empty()));
  }

  @Test
  void extraDataValidation() {
    assertTrue(OpBaseFee.checkExtraData(CONFIG, T + 100, Bytes.EMPTY).isEmpty());
    assertTrue(OpBaseFee.checkExtraData(CONFIG, T + 100, Bytes.of(1)).isPresent());
    assertTrue(
        OpBaseFee.checkExtraData(CONFIG, T + 200, Bytes.fromHexString("0x00000000fa00000006"))
            .isEmpty());
    assertTrue(OpBaseFee.checkExtraData(CONFIG, T + 200, Bytes.EMPTY).isPresent());
    assertTrue(
        OpBaseFee.checkExtraData(CONFIG, T + 200, Bytes.fromHexString("0x01000000fa00000006"))
            .isPresent());
    assertTrue(
        OpBaseFee.checkExtraData(CONFIG, T + 200, Bytes.fromHexString("0x000000000000000006"))
            .isPresent());
    assertTrue(
        OpBaseFee.checkExtraData(
                CONFIG, T + 300, Bytes.fromHexString("0x01000000fa000000060000000000000001"))
            .isEmpty());
    assertTrue(
        OpBaseFee.checkExtraData(CONFIG, T + 300, Bytes.fromHexString("0x00000000fa00000006"))
            .isPresent());
  }

  @Test
  void eip1559ParamsAttributeEncoding() {
    Eip1559Params p = Eip1559Params.decode(Hex.decode("0x000000fa00000006"));
    assertEquals(new Eip1559Params(250, 6), p);
    assertEquals("0x000000fa00000006", Hex.encode(p.encode()));
    assertThrows(
        io.opal.primitives.DecodingException.class,
        () -> Eip1559Params.decode(Hex.decode("0x0000000000000006")));
    assertThrows(
        io.opal.primitives.DecodingException.class, () -> Eip1559Params.decode(new byte[7]));
  }
}
