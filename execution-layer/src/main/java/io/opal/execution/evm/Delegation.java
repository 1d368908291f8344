package io.opal.execution.evm;

import io.opal.primitives.Address;
import java.util.Arrays;

/** EIP-7702 delegation designators: the code {@code 0xef0100 ‖ address} of a delegated account. */
public final class Delegation {
  public static final int LENGTH = 23;

  private Delegation() {}

  /** The delegate named by {@code code}, or null when the code is not a designator. */
  public static Address target(byte[] code) {
    if (code.length != LENGTH || code[0] != (byte) 0xEF || code[1] != 0x01 || code[2] != 0x00) {
      return null;
    }
    return Address.wrap(Arrays.copyOfRange(code, 3, LENGTH));
  }

  public static boolean isDesignator(byte[] code) {
    return target(code) != null;
  }

  /** The code that delegates to {@code target}. */
  public static byte[] designator(Address target) {
    byte[] code = new byte[LENGTH];
    code[0] = (byte) 0xEF;
    code[1] = 0x01;
    System.arraycopy(target.toArray(), 0, code, 3, 20);
    return code;
  }
}
