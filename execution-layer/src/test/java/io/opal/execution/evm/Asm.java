package io.opal.execution.evm;

import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** A tiny bytecode builder for tests: pushes use the shortest PUSHn for the value. */
final class Asm {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Asm op(int opcode) {
    out.write(opcode);
    return this;
  }

  Asm push(long value) {
    return push(BigInteger.valueOf(value));
  }

  Asm push(BigInteger value) {
    byte[] b = value.toByteArray();
    int start = b.length > 1 && b[0] == 0 ? 1 : 0;
    int n = b.length - start;
    if (value.signum() == 0) {
      out.write(Opcodes.PUSH1);
      out.write(0);
      return this;
    }
    out.write(Opcodes.PUSH1 + n - 1);
    out.write(b, start, n);
    return this;
  }

  Asm push(Address a) {
    out.write(Opcodes.PUSH1 + 19);
    out.writeBytes(a.toArray());
    return this;
  }

  Asm raw(String hex) {
    out.writeBytes(Hex.decode(hex));
    return this;
  }

  /** SSTORE(slot, value on top of the stack). */
  Asm storeTop(long slot) {
    return push(slot).op(Opcodes.SSTORE);
  }

  /** CALL(gas, to, value, 0, 0, 0, 0) leaving the success flag on the stack. */
  Asm call(long gas, Address to, long value) {
    return push(0).push(0).push(0).push(0).push(value).push(to).push(gas).op(Opcodes.CALL);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
