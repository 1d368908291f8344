package io.opal.primitives.tx;

import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/** EIP-1559 price arithmetic, written so that no intermediate sum can wrap past 2^256. */
final class Fees {
  private Fees() {}

  static UInt256 effectiveGasPrice(UInt256 maxFee, UInt256 tip, UInt256 baseFee) {
    if (maxFee.compareTo(baseFee) <= 0) {
      return maxFee;
    }
    // baseFee + tip <= maxFee  <=>  tip <= maxFee - baseFee, which cannot overflow
    return tip.compareTo(maxFee.subtract(baseFee)) <= 0 ? baseFee.add(tip) : maxFee;
  }

  static Optional<UInt256> effectiveTip(UInt256 maxFee, UInt256 tip, UInt256 baseFee) {
    if (maxFee.compareTo(baseFee) < 0) {
      return Optional.empty();
    }
    UInt256 headroom = maxFee.subtract(baseFee);
    return Optional.of(tip.compareTo(headroom) <= 0 ? tip : headroom);
  }
}
