package io.opal.execution.op;

import io.opal.execution.state.StateReader;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;

/**
 * The OP-specific fees of transactions in one block: the L1 data fee by the formula of the block's
 * fork (exec-engine.md, Bedrock and Ecotone; fjord/exec-engine.md, FastLZ), the operator fee
 * (isthmus/exec-engine.md; jovian/exec-engine.md) and the Jovian DA footprint. Deposits pay none of
 * them: callers do not ask for a deposit's.
 */
public final class RollupFees {
  /** Which L1 data fee formula a block uses. */
  public enum Formula {
    /** Before Regolith: a worst-case 68 non-zero bytes are added for the signature. */
    BEDROCK,
    /** (zeroes*4 + ones*16 + overhead) * l1BaseFee * scalar / 1e6. */
    REGOLITH,
    /** Calldata gas * (16*l1BaseFee*baseFeeScalar + l1BlobBaseFee*blobBaseFeeScalar) / 16e6. */
    ECOTONE,
    /** The Ecotone prices times a FastLZ-based size estimate, / 1e12. */
    FJORD
  }

  /** An L1 data fee and the L1 gas it stands for (the receipt's l1GasUsed). */
  public record L1Cost(BigInteger fee, BigInteger gasUsed) {}

  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
  private static final BigInteger ECOTONE_DIVISOR = BigInteger.valueOf(16_000_000);
  private static final BigInteger FJORD_DIVISOR = BigInteger.valueOf(1_000_000_000_000L);
  private static final BigInteger SIXTEEN = BigInteger.valueOf(16);

  /** Fjord's linear regression of batch bytes on FastLZ size, scaled by 1e6 (fjord specs). */
  static final long FJORD_INTERCEPT = -42_585_600;

  static final long FJORD_FASTLZ_COEF = 836_500;
  static final long MIN_TRANSACTION_SIZE = 100;

  private final OpFork fork;
  private final Formula formula;
  private final L1FeeParams params;

  private RollupFees(OpFork fork, Formula formula, L1FeeParams params) {
    this.fork = fork;
    this.formula = formula;
    this.params = params;
  }

  /**
   * The fees of a block of {@code fork} with these L1Block parameters. An Ecotone-or-later block
   * whose L1Block contract has no Ecotone parameter yet (the Ecotone activation block, where the
   * L1-info deposit still calls the old setter) uses the Regolith formula, as op-geth does.
   */
  public static RollupFees of(OpFork fork, L1FeeParams params) {
    Formula formula;
    if (fork.isAtLeast(OpFork.ECOTONE) && !params.ecotoneParamsUnset()) {
      formula = fork.isAtLeast(OpFork.FJORD) ? Formula.FJORD : Formula.ECOTONE;
    } else {
      formula = fork.isAtLeast(OpFork.REGOLITH) ? Formula.REGOLITH : Formula.BEDROCK;
    }
    return new RollupFees(fork, formula, params);
  }

  /**
   * The fees of the next block on a head state (for the txpool and RPC estimates): the L1Block
   * contract's parameters in {@code state}, priced by the rules of {@code fork}.
   */
  public static RollupFees read(StateReader state, OpFork fork) {
    return of(fork, L1FeeParams.readFrom(state, fork));
  }

  /**
   * What a sequenced transaction must pay beyond gas: its L1 data fee plus the worst-case operator
   * fee for its gas limit (the txpool's balance requirement, isthmus/exec-engine.md).
   *
   * @param envelope the transaction's canonical EIP-2718 envelope
   */
  public BigInteger upfrontCost(byte[] envelope, long gasLimit) {
    return l1Cost(RollupCostData.of(envelope)).fee().add(operatorFee(gasLimit));
  }

  public Formula formula() {
    return formula;
  }

  public L1FeeParams params() {
    return params;
  }

  /** The L1 data fee of a (non-deposit) transaction. */
  public L1Cost l1Cost(RollupCostData data) {
    return switch (formula) {
      case BEDROCK -> preEcotone(data.zeroes() * 4 + (data.ones() + 68) * 16);
      case REGOLITH -> preEcotone(data.calldataGas());
      case ECOTONE -> {
        BigInteger gas = BigInteger.valueOf(data.calldataGas());
        BigInteger fee = gas.multiply(scaledL1Fee()).divide(ECOTONE_DIVISOR);
        yield new L1Cost(fee, gas);
      }
      case FJORD -> {
        BigInteger size = BigInteger.valueOf(estimatedSizeScaled(data.fastLzSize()));
        BigInteger fee = size.multiply(scaledL1Fee()).divide(FJORD_DIVISOR);
        yield new L1Cost(fee, size.multiply(SIXTEEN).divide(MILLION));
      }
    };
  }

  private L1Cost preEcotone(long calldataGas) {
    BigInteger gas = BigInteger.valueOf(calldataGas).add(params.overhead());
    BigInteger fee = gas.multiply(params.l1BaseFee()).multiply(params.scalar()).divide(MILLION);
    return new L1Cost(fee, gas);
  }

  /** 16 * l1BaseFee * baseFeeScalar + l1BlobBaseFee * blobBaseFeeScalar. */
  private BigInteger scaledL1Fee() {
    return params
        .l1BaseFee()
        .multiply(SIXTEEN)
        .multiply(BigInteger.valueOf(params.baseFeeScalar()))
        .add(params.l1BlobBaseFee().multiply(BigInteger.valueOf(params.blobBaseFeeScalar())));
  }

  /**
   * Fjord's estimate of a transaction's size in a compressed batch, scaled by 1e6: {@code
   * max(minTransactionSize * 1e6, intercept + fastlzCoef * fastlzSize)}.
   */
  static long estimatedSizeScaled(long fastLzSize) {
    // fastLzSize is bounded by the block gas limit (tens of MB), so this cannot overflow a long.
    long estimate = FJORD_INTERCEPT + FJORD_FASTLZ_COEF * fastLzSize;
    return Math.max(MIN_TRANSACTION_SIZE * 1_000_000, estimate);
  }

  /** Whether blocks of this fork charge an operator fee (Isthmus on), even if it is zero. */
  public boolean chargesOperatorFee() {
    return fork.isAtLeast(OpFork.ISTHMUS);
  }

  /**
   * The operator fee for {@code gas} (unsigned): {@code gas * scalar / 1e6 + constant} from
   * Isthmus, {@code gas * scalar * 100 + constant} from Jovian, zero before Isthmus.
   */
  public BigInteger operatorFee(long gas) {
    if (fork.isBefore(OpFork.ISTHMUS)) {
      return BigInteger.ZERO;
    }
    BigInteger g = new BigInteger(Long.toUnsignedString(gas));
    BigInteger scalar = BigInteger.valueOf(params.operatorFeeScalar());
    BigInteger constant = new BigInteger(Long.toUnsignedString(params.operatorFeeConstant()));
    BigInteger perGas =
        fork.isAtLeast(OpFork.JOVIAN)
            ? g.multiply(scalar).multiply(BigInteger.valueOf(100))
            : g.multiply(scalar).divide(MILLION);
    return perGas.add(constant);
  }

  /**
   * A transaction's Jovian DA footprint: {@code max(minTransactionSize, (intercept + fastlzCoef *
   * fastlzSize) / 1e6) * daFootprintGasScalar}.
   */
  public static long daFootprint(RollupCostData data, int daFootprintGasScalar) {
    long estimate = (FJORD_INTERCEPT + FJORD_FASTLZ_COEF * data.fastLzSize()) / 1_000_000;
    return Math.max(MIN_TRANSACTION_SIZE, estimate) * daFootprintGasScalar;
  }
}
