package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.Hash;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * Opal's L1 data fee, FastLZ and operator fee against the GasPriceOracle contracts the upgrade
 * transactions deploy, run on Opal's EVM: the oracle computes the same fees in Solidity (its FastLZ
 * is Solady's LibZip), for an unsigned transaction, adding 68 bytes for the signature.
 */
class GasPriceOracleCrossCheckTest {

  private static L1BlockInfo info(
      L1BlockInfo.Format f, long operatorScalar, long operatorConstant) {
    boolean bedrock = f == L1BlockInfo.Format.BEDROCK;
    return new L1BlockInfo(
        f,
        7_000_000,
        1_700_000_000,
        BigInteger.valueOf(31_000_000_123L), // 31 gwei L1 base fee
        Hash.keccak(new byte[] {5}),
        1,
        Bytes32.ZERO,
        bedrock ? BigInteger.valueOf(188) : BigInteger.ZERO,
        bedrock ? BigInteger.valueOf(684_000) : BigInteger.ZERO,
        bedrock ? BigInteger.ZERO : BigInteger.valueOf(2_345_678),
        bedrock ? 0 : 5227,
        bedrock ? 0 : 1_014_213,
        operatorScalar,
        operatorConstant,
        f == L1BlockInfo.Format.JOVIAN ? 400 : 0);
  }

  /** Data shaped to exercise FastLZ: random, zero-heavy, periodic, long runs, far repeats. */
  private static List<byte[]> samples() {
    Random rnd = new Random(20240529);
    List<byte[]> out = new ArrayList<>();
    for (int len : new int[] {0, 1, 12, 13, 16, 17, 31, 100, 257, 1000}) {
      byte[] b = new byte[len];
      rnd.nextBytes(b);
      out.add(b);
    }
    for (int i = 0; i < 12; i++) {
      byte[] b = new byte[rnd.nextInt(3000)];
      for (int j = 0; j < b.length; j++) {
        int kind = i % 4;
        b[j] =
            switch (kind) {
              case 0 -> rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : 0;
              case 1 -> (byte) (j % (3 + i));
              case 2 -> (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(4) : 7);
              default -> (byte) rnd.nextInt(256);
            };
      }
      out.add(b);
    }
    out.add(new byte[700]); // one match longer than 262
    byte[] far = new byte[12_000]; // repeats 9000 bytes apart: beyond FastLZ's 8191 window
    rnd.nextBytes(far);
    System.arraycopy(far, 0, far, 9000, 2000);
    out.add(far);
    return out;
  }

  private static RollupCostData unsignedPlusSignature(byte[] data) {
    RollupCostData d = RollupCostData.of(data);
    return new RollupCostData(d.zeroes(), d.ones() + 68, d.fastLzSize() + 68);
  }

  private static BigInteger oracleFee(UpgradeContracts c, byte[] data) {
    return c.view(
        Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.callWithBytes("getL1Fee(bytes)", data));
  }

  @Test
  void l1FeeFormulasAndFastLzMatchTheOracleThroughEveryFork() {
    UpgradeContracts c = new UpgradeContracts();
    List<DepositTransaction> ecotone = UpgradeTransactions.forFork(OpFork.ECOTONE);
    c.install(c.deploy(ecotone.get(0)), Predeploys.L1_BLOCK);
    c.install(c.deploy(ecotone.get(1)), Predeploys.GAS_PRICE_ORACLE);
    List<byte[]> samples = samples();

    // Before setEcotone the oracle prices with the Bedrock/Regolith formula.
    c.asDepositor(Predeploys.L1_BLOCK, info(L1BlockInfo.Format.BEDROCK, 0, 0).encode());
    RollupFees regolith =
        RollupFees.of(OpFork.REGOLITH, L1FeeParams.readFrom(c.world, OpFork.REGOLITH));
    for (byte[] d : samples) {
      assertEquals(oracleFee(c, d), regolith.l1Cost(unsignedPlusSignature(d)).fee(), "Regolith");
    }

    c.asDepositor(Predeploys.L1_BLOCK, info(L1BlockInfo.Format.ECOTONE, 0, 0).encode());
    c.asDepositor(Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.selector("setEcotone()"));
    RollupFees eco = RollupFees.of(OpFork.ECOTONE, L1FeeParams.readFrom(c.world, OpFork.ECOTONE));
    assertEquals(RollupFees.Formula.ECOTONE, eco.formula());
    for (byte[] d : samples) {
      assertEquals(oracleFee(c, d), eco.l1Cost(unsignedPlusSignature(d)).fee(), "Ecotone");
    }

    c.install(
        c.deploy(UpgradeTransactions.forFork(OpFork.FJORD).get(0)), Predeploys.GAS_PRICE_ORACLE);
    c.asDepositor(Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.selector("setFjord()"));
    RollupFees fjord = RollupFees.of(OpFork.FJORD, L1FeeParams.readFrom(c.world, OpFork.FJORD));
    for (byte[] d : samples) {
      RollupFees.L1Cost cost = fjord.l1Cost(unsignedPlusSignature(d));
      assertEquals(oracleFee(c, d), cost.fee(), "Fjord fee, " + d.length + " bytes");
      BigInteger gasUsed =
          c.view(
              Predeploys.GAS_PRICE_ORACLE,
              UpgradeContracts.callWithBytes("getL1GasUsed(bytes)", d));
      assertEquals(gasUsed, cost.gasUsed(), "Fjord L1 gas used, " + d.length + " bytes");
    }
  }

  @Test
  void operatorFeeMatchesTheOracleFromIsthmusAndJovian() {
    UpgradeContracts c = new UpgradeContracts();
    List<DepositTransaction> ecotone = UpgradeTransactions.forFork(OpFork.ECOTONE);
    // The oracle asks the L1Block contract who the depositor is.
    c.install(c.deploy(ecotone.get(0)), Predeploys.L1_BLOCK);
    c.install(c.deploy(ecotone.get(1)), Predeploys.GAS_PRICE_ORACLE);
    c.asDepositor(Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.selector("setEcotone()"));
    c.install(
        c.deploy(UpgradeTransactions.forFork(OpFork.FJORD).get(0)), Predeploys.GAS_PRICE_ORACLE);
    c.asDepositor(Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.selector("setFjord()"));
    List<DepositTransaction> isthmus = UpgradeTransactions.forFork(OpFork.ISTHMUS);
    c.install(c.deploy(isthmus.get(0)), Predeploys.L1_BLOCK);
    c.install(c.deploy(isthmus.get(1)), Predeploys.GAS_PRICE_ORACLE);
    c.asDepositor(Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.selector("setIsthmus()"));
    long[] gases = {0, 1, 21_000, 999_999, 30_000_000, 4_000_000_000L};

    c.asDepositor(
        Predeploys.L1_BLOCK, info(L1BlockInfo.Format.ISTHMUS, 3_141_592, 271_828).encode());
    RollupFees isthmusFees =
        RollupFees.of(OpFork.ISTHMUS, L1FeeParams.readFrom(c.world, OpFork.ISTHMUS));
    assertEquals(3_141_592, isthmusFees.params().operatorFeeScalar());
    for (long g : gases) {
      assertEquals(
          c.view(
              Predeploys.GAS_PRICE_ORACLE,
              UpgradeContracts.callWithUint("getOperatorFee(uint256)", g)),
          isthmusFees.operatorFee(g),
          "Isthmus operator fee for " + g + " gas");
    }

    List<DepositTransaction> jovian = UpgradeTransactions.forFork(OpFork.JOVIAN);
    c.install(c.deploy(jovian.get(0)), Predeploys.L1_BLOCK);
    c.install(c.deploy(jovian.get(2)), Predeploys.GAS_PRICE_ORACLE);
    c.asDepositor(Predeploys.GAS_PRICE_ORACLE, UpgradeContracts.selector("setJovian()"));
    c.asDepositor(
        Predeploys.L1_BLOCK, info(L1BlockInfo.Format.JOVIAN, 3_141_592, 271_828).encode());
    RollupFees jovianFees =
        RollupFees.of(OpFork.JOVIAN, L1FeeParams.readFrom(c.world, OpFork.JOVIAN));
    for (long g : gases) {
      assertEquals(
          c.view(
              Predeploys.GAS_PRICE_ORACLE,
              UpgradeContracts.callWithUint("getOperatorFee(uint256)", g)),
          jovianFees.operatorFee(g),
          "Jovian operator fee for " + g + " gas");
    }
    // The Jovian L1Block keeps the DA footprint gas scalar at slot 8, bytes [18, 20).
    byte[] slot8 =
        c.world.storage(Predeploys.L1_BLOCK, io.opal.execution.state.Word256.of(8)).toBytes();
    assertEquals(400, ((slot8[18] & 0xff) << 8) | (slot8[19] & 0xff));
  }
}
