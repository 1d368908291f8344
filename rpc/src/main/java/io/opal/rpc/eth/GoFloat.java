package io.opal.rpc.eth;

import java.math.BigDecimal;

/**
 * Formats a double as Go's encoding/json does (shortest round-trip digits; plain notation for
 * magnitudes in [1e-6, 1e21), exponent notation like {@code 1e-7} outside), so that ratios in
 * eth_feeHistory read as geth's do.
 */
final class GoFloat {
  private GoFloat() {}

  static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("JSON has no " + v);
    }
    if (v == 0) {
      return "0";
    }
    double abs = Math.abs(v);
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    if (abs >= 1e-6 && abs < 1e21) {
      return d.toPlainString();
    }
    // Go: mantissa digits, 'e', sign only when negative, at least one exponent digit.
    String s = String.format("%s", d.unscaledValue());
    boolean negative = s.startsWith("-");
    String digits = negative ? s.substring(1) : s;
    int exponent = digits.length() - 1 - d.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (negative ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
  }
}
