package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The L1 data fee, operator fee and DA footprint formulas, against values worked out by hand from
 * exec-engine.md, fjord/exec-engine.md, isthmus/exec-engine.md and jovian/exec-engine.md (the
 * arithmetic is in each comment).
 */
class RollupFeesTest {
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000);

  /** A transaction of 10 zero and 90 non-zero bytes, FastLZ-compressed to 200. */
  private static final RollupCostData TX = new RollupCostData(10, 90, 200);

  private static L1FeeParams bedrockParams() {
    // L1 base fee 1 gwei, overhead 188, scalar 684000 (0.684).
    return new L1FeeParams(
        GWEI, BigInteger.valueOf(188), BigInteger.valueOf(684_000), BigInteger.ZERO, 0, 0, 0, 0);
  }

  private static L1FeeParams ecotoneParams(long operatorScalar, long operatorConstant) {
    // L1 base fee 1 gwei, blob base fee 1, base fee scalar 1368, blob base fee scalar 810949.
    return new L1FeeParams(
        GWEI,
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.ONE,
        1368,
        810_949,
        operatorScalar,
        operatorConstant);
  }

  @Test
  void bedrockAddsSixtyEightNonZeroBytesForTheSignature() {
    RollupFees f = RollupFees.of(OpFork.BEDROCK, bedrockParams());
    assertEquals(RollupFees.Formula.BEDROCK, f.formula());
    // gas = 10*4 + (90+68)*16 + 188 = 2756; fee = 2756 * 1e9 * 684000 / 1e6
    RollupFees.L1Cost c = f.l1Cost(TX);
    assertEquals(BigInteger.valueOf(2756), c.gasUsed());
    assertEquals(new BigInteger("1885104000000"), c.fee());
  }

  @Test
  void regolithCountsTheEnvelopeOnly() {
    RollupFees f = RollupFees.of(OpFork.CANYON, bedrockParams());
    assertEquals(RollupFees.Formula.REGOLITH, f.formula());
    // gas = 10*4 + 90*16 + 188 = 1668; fee = 1668 * 1e9 * 684000 / 1e6
    RollupFees.L1Cost c = f.l1Cost(TX);
    assertEquals(BigInteger.valueOf(1668), c.gasUsed());
    assertEquals(new BigInteger("1140912000000"), c.fee());
  }

  @Test
  void ecotoneWeighsBaseFeeAndBlobBaseFee() {
    RollupFees f = RollupFees.of(OpFork.ECOTONE, ecotoneParams(0, 0));
    assertEquals(RollupFees.Formula.ECOTONE, f.formula());
    // gas = 1480; fee = 1480 * (16*1e9*1368 + 1*810949) / 16e6 = 2024640075.01
    RollupFees.L1Cost c = f.l1Cost(TX);
    assertEquals(BigInteger.valueOf(1480), c.gasUsed());
    assertEquals(BigInteger.valueOf(2_024_640_075L), c.fee());
  }

  @Test
  void theEcotoneActivationBlockStillUsesTheRegolithFormula() {
    // Its L1-info deposit called the old setter: no Ecotone parameter is set yet.
    assertEquals(
        RollupFees.Formula.REGOLITH, RollupFees.of(OpFork.ECOTONE, bedrockParams()).formula());
    assertEquals(
        RollupFees.Formula.REGOLITH, RollupFees.of(OpFork.FJORD, bedrockParams()).formula());
  }

  @Test
  void fjordPricesTheFastLzEstimate() {
    RollupFees f = RollupFees.of(OpFork.HOLOCENE, ecotoneParams(0, 0));
    assertEquals(RollupFees.Formula.FJORD, f.formula());
    // size = -42585600 + 836500*200 = 124714400; fee = size * 21888000810949 / 1e12
    RollupFees.L1Cost c = f.l1Cost(TX);
    assertEquals(BigInteger.valueOf(2_729_748_888L), c.fee());
    assertEquals(BigInteger.valueOf(1995), c.gasUsed()); // 124714400 * 16 / 1e6
    // A small transaction is priced at the 100-byte minimum: 1e8 * 21888000810949 / 1e12.
    RollupFees.L1Cost small = f.l1Cost(new RollupCostData(0, 60, 50));
    assertEquals(BigInteger.valueOf(2_188_800_081L), small.fee());
    assertEquals(BigInteger.valueOf(1600), small.gasUsed());
  }

  @Test
  void operatorFeeFromIsthmusAndItsJovianScaling() {
    L1FeeParams p = ecotoneParams(1500, 77);
    assertEquals(BigInteger.ZERO, RollupFees.of(OpFork.HOLOCENE, p).operatorFee(100_000));
    // Isthmus: 100000 * 1500 / 1e6 + 77 = 227
    assertEquals(BigInteger.valueOf(227), RollupFees.of(OpFork.ISTHMUS, p).operatorFee(100_000));
    // Jovian: 100000 * 1500 * 100 + 77
    assertEquals(
        BigInteger.valueOf(15_000_000_077L), RollupFees.of(OpFork.JOVIAN, p).operatorFee(100_000));
    // The largest inputs fit comfortably (jovian/exec-engine.md: 103 bits).
    L1FeeParams max = ecotoneParams(0xffffffffL, -1L);
    BigInteger u64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    assertEquals(
        u64.multiply(BigInteger.valueOf(0xffffffffL)).multiply(BigInteger.valueOf(100)).add(u64),
        RollupFees.of(OpFork.JOVIAN, max).operatorFee(-1L));
  }

  @Test
  void daFootprintIsTheEstimatedSizeTimesTheScalar() {
    // max(100, (-42585600 + 836500*200) / 1e6) * 400 = 124 * 400
    assertEquals(49_600, RollupFees.daFootprint(TX, 400));
    // a negative estimate is clamped to the 100-byte minimum
    assertEquals(40_000, RollupFees.daFootprint(new RollupCostData(0, 10, 50), 400));
    assertEquals(0, RollupFees.daFootprint(TX, 0));
  }

  @Test
  void upfrontCostIsTheL1FeeAndTheWorstCaseOperatorFee() {
    RollupFees f = RollupFees.of(OpFork.ISTHMUS, ecotoneParams(1_000_000, 5));
    byte[] envelope = new byte[120];
    java.util.Arrays.fill(envelope, 20, 120, (byte) 1);
    // The data fee of the envelope's own cost data, plus 21000 * 1e6 / 1e6 + 5 of operator fee.
    BigInteger l1 = f.l1Cost(RollupCostData.of(envelope)).fee();
    assertEquals(l1.add(BigInteger.valueOf(21_005)), f.upfrontCost(envelope, 21_000));
  }
}
