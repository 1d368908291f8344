package io.opal.rpc.backend;

import io.opal.execution.transaction.InvalidTransaction;
import io.opal.execution.transaction.TransactionResult;
import io.opal.execution.transaction.TxOutcome;
import io.opal.rpc.CallExecutor.CallOptions;
import io.opal.rpc.CallExecutor.EstimateResult;
import io.opal.rpc.CallRequest;
import io.opal.rpc.RpcException;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * geth's {@code gasestimator.Estimate}: the upper bound is the request's gas (else the block's gas
 * limit), capped by the RPC gas cap and by what the sender's balance can pay at the fee cap; a run
 * at the upper bound decides whether the call can succeed at all (a revert is reported with its
 * data); then an optimistic guess from the gas used plus refund, and a binary search between the
 * intrinsic gas and the upper bound that stops within 1.5%. The L1 data fee is not part of the
 * estimate, as in op-geth.
 */
final class GasEstimator {
  private static final double ERROR_RATIO = 0.015;
  private static final long CALL_STIPEND = 2300;

  private final ExecutionCallExecutor.Run run;
  private final CallRequest request;
  private final CallOptions options;

  GasEstimator(ExecutionCallExecutor.Run run, CallRequest request, CallOptions options) {
    this.run = run;
    this.request = request;
    this.options = options;
  }

  EstimateResult estimate() throws RpcException {
    long intrinsic = run.intrinsicGas(request);
    if (isPlainTransfer()) {
      // geth answers a value transfer to an account without code at once: it costs exactly the
      // intrinsic gas, if the transfer can run at all.
      TxOutcome plain = run.tryExecute(intrinsic, request);
      if (plain instanceof TxOutcome.Executed e && e.result().isSuccess()) {
        return new EstimateResult.Estimated(intrinsic);
      }
    }
    long hi = run.block().gasLimit();
    if (request.gas().isPresent()
        && Long.compareUnsigned(request.gas().getAsLong(), intrinsic) >= 0) {
      hi = request.gas().getAsLong();
    }
    UInt256 feeCap = request.gasPrice().orElse(request.maxFeePerGas().orElse(UInt256.ZERO));
    if (!feeCap.isZero()) {
      BigInteger available = run.sender(request).balance().toBigInteger();
      BigInteger value = request.value().orElse(UInt256.ZERO).toBigInteger();
      if (value.compareTo(available) > 0) {
        return new EstimateResult.Failed("insufficient funds for transfer");
      }
      BigInteger allowance = available.subtract(value).divide(feeCap.toBigInteger());
      if (allowance.compareTo(BigInteger.valueOf(hi)) < 0) {
        hi = allowance.longValue();
      }
    }
    if (options.gasCap() != 0 && Long.compareUnsigned(hi, options.gasCap()) > 0) {
      hi = options.gasCap();
    }
    TxOutcome top = run.tryExecute(hi, request);
    if (top instanceof TxOutcome.Rejected rej) {
      if (rej.reason() == InvalidTransaction.INTRINSIC_GAS_TOO_LOW) {
        return new EstimateResult.Failed("gas required exceeds allowance (" + hi + ")");
      }
      run.execute(hi, request); // throws the rejection in geth's words
    }
    TransactionResult result = ((TxOutcome.Executed) top).result();
    if (!result.isSuccess()) {
      if (result.status() == io.opal.execution.evm.MessageResult.Status.REVERT) {
        return new EstimateResult.Reverted(Bytes.wrap(result.output()));
      }
      return new EstimateResult.Failed("gas required exceeds allowance (" + hi + ")");
    }
    long lo = Math.max(intrinsic, result.gasUsed()) - 1;
    // Most calls succeed with what they used plus the refund and the 63/64 reserve.
    long optimistic = (result.gasUsed() + result.gasRefunded() + CALL_STIPEND) * 64 / 63;
    if (optimistic < hi) {
      if (succeeds(optimistic)) {
        hi = optimistic;
      } else {
        lo = optimistic;
      }
    }
    while (lo + 1 < hi) {
      if ((double) (hi - lo) / hi < ERROR_RATIO) {
        break;
      }
      long mid = lo + (hi - lo) / 2;
      if (mid > lo * 2) {
        // The answer is usually close to the gas used: search near it first.
        mid = lo * 2;
      }
      if (succeeds(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return new EstimateResult.Estimated(hi);
  }

  private boolean isPlainTransfer() {
    return request.to().isPresent()
        && request.input().map(Bytes::isEmpty).orElse(true)
        && request.authorizationList().isEmpty()
        && run.state()
            .account(request.to().get())
            .map(a -> a.codeHash().equals(io.opal.primitives.Hash.EMPTY))
            .orElse(true);
  }

  private boolean succeeds(long gas) throws RpcException {
    TxOutcome outcome = run.tryExecute(gas, request);
    if (outcome instanceof TxOutcome.Executed e) {
      return e.result().isSuccess();
    }
    if (outcome instanceof TxOutcome.Rejected rej
        && rej.reason() == InvalidTransaction.INTRINSIC_GAS_TOO_LOW) {
      return false;
    }
    run.execute(gas, request); // any other rejection is the request's fault: report it
    return false;
  }
}
