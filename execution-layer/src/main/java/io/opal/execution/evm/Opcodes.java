package io.opal.execution.evm;

/** EVM opcode numbers, names and stack shapes (items popped and pushed). */
final class Opcodes {
  static final int STOP = 0x00;
  static final int ADD = 0x01;
  static final int MUL = 0x02;
  static final int SUB = 0x03;
  static final int DIV = 0x04;
  static final int SDIV = 0x05;
  static final int MOD = 0x06;
  static final int SMOD = 0x07;
  static final int ADDMOD = 0x08;
  static final int MULMOD = 0x09;
  static final int EXP = 0x0a;
  static final int SIGNEXTEND = 0x0b;
  static final int LT = 0x10;
  static final int GT = 0x11;
  static final int SLT = 0x12;
  static final int SGT = 0x13;
  static final int EQ = 0x14;
  static final int ISZERO = 0x15;
  static final int AND = 0x16;
  static final int OR = 0x17;
  static final int XOR = 0x18;
  static final int NOT = 0x19;
  static final int BYTE = 0x1a;
  static final int SHL = 0x1b;
  static final int SHR = 0x1c;
  static final int SAR = 0x1d;
  static final int KECCAK256 = 0x20;
  static final int ADDRESS = 0x30;
  static final int BALANCE = 0x31;
  static final int ORIGIN = 0x32;
  static final int CALLER = 0x33;
  static final int CALLVALUE = 0x34;
  static final int CALLDATALOAD = 0x35;
  static final int CALLDATASIZE = 0x36;
  static final int CALLDATACOPY = 0x37;
  static final int CODESIZE = 0x38;
  static final int CODECOPY = 0x39;
  static final int GASPRICE = 0x3a;
  static final int EXTCODESIZE = 0x3b;
  static final int EXTCODECOPY = 0x3c;
  static final int RETURNDATASIZE = 0x3d;
  static final int RETURNDATACOPY = 0x3e;
  static final int EXTCODEHASH = 0x3f;
  static final int BLOCKHASH = 0x40;
  static final int COINBASE = 0x41;
  static final int TIMESTAMP = 0x42;
  static final int NUMBER = 0x43;
  static final int PREVRANDAO = 0x44;
  static final int GASLIMIT = 0x45;
  static final int CHAINID = 0x46;
  static final int SELFBALANCE = 0x47;
  static final int BASEFEE = 0x48;
  static final int BLOBHASH = 0x49;
  static final int BLOBBASEFEE = 0x4a;
  static final int POP = 0x50;
  static final int MLOAD = 0x51;
  static final int MSTORE = 0x52;
  static final int MSTORE8 = 0x53;
  static final int SLOAD = 0x54;
  static final int SSTORE = 0x55;
  static final int JUMP = 0x56;
  static final int JUMPI = 0x57;
  static final int PC = 0x58;
  static final int MSIZE = 0x59;
  static final int GAS = 0x5a;
  static final int JUMPDEST = 0x5b;
  static final int TLOAD = 0x5c;
  static final int TSTORE = 0x5d;
  static final int MCOPY = 0x5e;
  static final int PUSH0 = 0x5f;
  static final int PUSH1 = 0x60;
  static final int PUSH32 = 0x7f;
  static final int DUP1 = 0x80;
  static final int DUP16 = 0x8f;
  static final int SWAP1 = 0x90;
  static final int SWAP16 = 0x9f;
  static final int LOG0 = 0xa0;
  static final int LOG4 = 0xa4;
  static final int CREATE = 0xf0;
  static final int CALL = 0xf1;
  static final int CALLCODE = 0xf2;
  static final int RETURN = 0xf3;
  static final int DELEGATECALL = 0xf4;
  static final int CREATE2 = 0xf5;
  static final int STATICCALL = 0xfa;
  static final int REVERT = 0xfd;
  static final int INVALID = 0xfe;
  static final int SELFDESTRUCT = 0xff;

  private static final String[] NAMES = new String[256];

  /** Items each opcode pops and pushes; -1 for opcodes that never existed. */
  static final int[] POPS = new int[256];

  static final int[] PUSHES = new int[256];

  static {
    java.util.Arrays.fill(POPS, -1);
    def(STOP, "STOP", 0, 0);
    def(ADD, "ADD", 2, 1);
    def(MUL, "MUL", 2, 1);
    def(SUB, "SUB", 2, 1);
    def(DIV, "DIV", 2, 1);
    def(SDIV, "SDIV", 2, 1);
    def(MOD, "MOD", 2, 1);
    def(SMOD, "SMOD", 2, 1);
    def(ADDMOD, "ADDMOD", 3, 1);
    def(MULMOD, "MULMOD", 3, 1);
    def(EXP, "EXP", 2, 1);
    def(SIGNEXTEND, "SIGNEXTEND", 2, 1);
    def(LT, "LT", 2, 1);
    def(GT, "GT", 2, 1);
    def(SLT, "SLT", 2, 1);
    def(SGT, "SGT", 2, 1);
    def(EQ, "EQ", 2, 1);
    def(ISZERO, "ISZERO", 1, 1);
    def(AND, "AND", 2, 1);
    def(OR, "OR", 2, 1);
    def(XOR, "XOR", 2, 1);
    def(NOT, "NOT", 1, 1);
    def(BYTE, "BYTE", 2, 1);
    def(SHL, "SHL", 2, 1);
    def(SHR, "SHR", 2, 1);
    def(SAR, "SAR", 2, 1);
    def(KECCAK256, "KECCAK256", 2, 1);
    def(ADDRESS, "ADDRESS", 0, 1);
    def(BALANCE, "BALANCE", 1, 1);
    def(ORIGIN, "ORIGIN", 0, 1);
    def(CALLER, "CALLER", 0, 1);
    def(CALLVALUE, "CALLVALUE", 0, 1);
    def(CALLDATALOAD, "CALLDATALOAD", 1, 1);
    def(CALLDATASIZE, "CALLDATASIZE", 0, 1);
    def(CALLDATACOPY, "CALLDATACOPY", 3, 0);
    def(CODESIZE, "CODESIZE", 0, 1);
    def(CODECOPY, "CODECOPY", 3, 0);
    def(GASPRICE, "GASPRICE", 0, 1);
    def(EXTCODESIZE, "EXTCODESIZE", 1, 1);
    def(EXTCODECOPY, "EXTCODECOPY", 4, 0);
    def(RETURNDATASIZE, "RETURNDATASIZE", 0, 1);
    def(RETURNDATACOPY, "RETURNDATACOPY", 3, 0);
    def(EXTCODEHASH, "EXTCODEHASH", 1, 1);
    def(BLOCKHASH, "BLOCKHASH", 1, 1);
    def(COINBASE, "COINBASE", 0, 1);
    def(TIMESTAMP, "TIMESTAMP", 0, 1);
    def(NUMBER, "NUMBER", 0, 1);
    def(PREVRANDAO, "PREVRANDAO", 0, 1);
    def(GASLIMIT, "GASLIMIT", 0, 1);
    def(CHAINID, "CHAINID", 0, 1);
    def(SELFBALANCE, "SELFBALANCE", 0, 1);
    def(BASEFEE, "BASEFEE", 0, 1);
    def(BLOBHASH, "BLOBHASH", 1, 1);
    def(BLOBBASEFEE, "BLOBBASEFEE", 0, 1);
    def(POP, "POP", 1, 0);
    def(MLOAD, "MLOAD", 1, 1);
    def(MSTORE, "MSTORE", 2, 0);
    def(MSTORE8, "MSTORE8", 2, 0);
    def(SLOAD, "SLOAD", 1, 1);
    def(SSTORE, "SSTORE", 2, 0);
    def(JUMP, "JUMP", 1, 0);
    def(JUMPI, "JUMPI", 2, 0);
    def(PC, "PC", 0, 1);
    def(MSIZE, "MSIZE", 0, 1);
    def(GAS, "GAS", 0, 1);
    def(JUMPDEST, "JUMPDEST", 0, 0);
    def(TLOAD, "TLOAD", 1, 1);
    def(TSTORE, "TSTORE", 2, 0);
    def(MCOPY, "MCOPY", 3, 0);
    def(PUSH0, "PUSH0", 0, 1);
    for (int i = 0; i < 32; i++) {
      def(PUSH1 + i, "PUSH" + (i + 1), 0, 1);
    }
    for (int i = 0; i < 16; i++) {
      def(DUP1 + i, "DUP" + (i + 1), i + 1, i + 2);
      def(SWAP1 + i, "SWAP" + (i + 1), i + 2, i + 2);
    }
    for (int i = 0; i <= 4; i++) {
      def(LOG0 + i, "LOG" + i, 2 + i, 0);
    }
    def(CREATE, "CREATE", 3, 1);
    def(CALL, "CALL", 7, 1);
    def(CALLCODE, "CALLCODE", 7, 1);
    def(RETURN, "RETURN", 2, 0);
    def(DELEGATECALL, "DELEGATECALL", 6, 1);
    def(CREATE2, "CREATE2", 4, 1);
    def(STATICCALL, "STATICCALL", 6, 1);
    def(REVERT, "REVERT", 2, 0);
    def(INVALID, "INVALID", 0, 0);
    def(SELFDESTRUCT, "SELFDESTRUCT", 1, 0);
  }

  private Opcodes() {}

  private static void def(int op, String name, int pops, int pushes) {
    NAMES[op] = name;
    POPS[op] = pops;
    PUSHES[op] = pushes;
  }

  static String name(int op) {
    String n = NAMES[op & 0xFF];
    return n != null ? n : String.format("0x%02x", op & 0xFF);
  }
}
