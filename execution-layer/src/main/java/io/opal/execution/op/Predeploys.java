package io.opal.execution.op;

import io.opal.primitives.Address;

/**
 * The fixed L2 addresses OP block processing needs (specs/protocol/predeploys.md, deposits.md,
 * exec-engine.md and the fork specs' upgrade transactions).
 */
public final class Predeploys {
  private Predeploys() {}

  /** Holds the L1 attributes the L1-info deposit sets; L1 fee parameters are read from it. */
  public static final Address L1_BLOCK =
      Address.fromHex("0x4200000000000000000000000000000000000015");

  public static final Address GAS_PRICE_ORACLE =
      Address.fromHex("0x420000000000000000000000000000000000000f");

  /** Its storage root is the Isthmus header's withdrawalsRoot (and part of output roots). */
  public static final Address L2_TO_L1_MESSAGE_PASSER =
      Address.fromHex("0x4200000000000000000000000000000000000016");

  /** Receives priority fees as the usual block fee recipient. */
  public static final Address SEQUENCER_FEE_VAULT =
      Address.fromHex("0x4200000000000000000000000000000000000011");

  /** Receives the base fee, which OP chains do not burn. */
  public static final Address BASE_FEE_VAULT =
      Address.fromHex("0x4200000000000000000000000000000000000019");

  /** Receives the L1 data fee. */
  public static final Address L1_FEE_VAULT =
      Address.fromHex("0x420000000000000000000000000000000000001a");

  /** Receives the operator fee (Isthmus). */
  public static final Address OPERATOR_FEE_VAULT =
      Address.fromHex("0x420000000000000000000000000000000000001b");

  /** The sender of the L1-info deposit and of the upgrade transactions' enabling calls. */
  public static final Address L1_INFO_DEPOSITOR =
      Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");

  /** EIP-4788's beacon roots contract, called at the start of every block from Ecotone. */
  public static final Address BEACON_ROOTS =
      Address.fromHex("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");

  /** EIP-2935's block hash history contract, called at the start of every block from Isthmus. */
  public static final Address HISTORY_STORAGE =
      Address.fromHex("0x0000f90827f1c53a10cb7a02335b175320002935");

  /** The create2Deployer preinstall, given its code in the Canyon activation block. */
  public static final Address CREATE2_DEPLOYER =
      Address.fromHex("0x13b0d85ccb8bf860b6b79af3029fca081ae9bef2");
}
