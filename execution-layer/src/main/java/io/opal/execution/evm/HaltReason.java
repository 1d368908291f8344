package io.opal.execution.evm;

/** Why a frame stopped exceptionally (consuming all its gas and reverting its changes). */
public enum HaltReason {
  OUT_OF_GAS,
  STACK_UNDERFLOW,
  STACK_OVERFLOW,
  INVALID_OPCODE,
  INVALID_JUMP,
  STATIC_STATE_CHANGE,
  RETURN_DATA_OUT_OF_BOUNDS,
  CREATE_COLLISION,
  CODE_SIZE_LIMIT,
  INITCODE_SIZE_LIMIT,
  INVALID_CODE_PREFIX,
  PRECOMPILE_FAILURE,
  NONCE_OVERFLOW;

  private static final HaltReason[] VALUES = values();

  /** Gas-or-halt encoding used by the interpreter's helpers: a negative number names a halt. */
  long encode() {
    return -1L - ordinal();
  }

  static HaltReason decode(long negative) {
    return VALUES[(int) (-1L - negative)];
  }
}
