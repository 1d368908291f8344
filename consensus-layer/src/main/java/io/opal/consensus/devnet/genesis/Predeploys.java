package io.opal.consensus.devnet.genesis;

import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hex;

/**
 * Addresses of the OP L2 predeploys and system contracts (specs: {@code protocol/predeploys.md}),
 * the code namespace their implementations live in, and the EIP-1967 proxy slots.
 */
public final class Predeploys {
  private Predeploys() {}

  /** Proxies fill the first 2048 addresses of the 0x4200…0000 namespace. */
  public static final int PROXY_COUNT = 2048;

  public static final Address LEGACY_MESSAGE_PASSER = predeploy(0x00);
  public static final Address DEPLOYER_WHITELIST = predeploy(0x02);
  public static final Address WETH = predeploy(0x06);
  public static final Address L2_CROSS_DOMAIN_MESSENGER = predeploy(0x07);
  public static final Address GAS_PRICE_ORACLE = predeploy(0x0F);
  public static final Address L2_STANDARD_BRIDGE = predeploy(0x10);
  public static final Address SEQUENCER_FEE_VAULT = predeploy(0x11);
  public static final Address OPTIMISM_MINTABLE_ERC20_FACTORY = predeploy(0x12);
  public static final Address L1_BLOCK_NUMBER = predeploy(0x13);
  public static final Address L2_ERC721_BRIDGE = predeploy(0x14);
  public static final Address L1_BLOCK = predeploy(0x15);
  public static final Address L2_TO_L1_MESSAGE_PASSER = predeploy(0x16);
  public static final Address OPTIMISM_MINTABLE_ERC721_FACTORY = predeploy(0x17);
  public static final Address PROXY_ADMIN = predeploy(0x18);
  public static final Address BASE_FEE_VAULT = predeploy(0x19);
  public static final Address L1_FEE_VAULT = predeploy(0x1A);
  public static final Address OPERATOR_FEE_VAULT = predeploy(0x1B);
  public static final Address SCHEMA_REGISTRY = predeploy(0x20);
  public static final Address EAS = predeploy(0x21);
  public static final Address GOVERNANCE_TOKEN = predeploy(0x42);

  /** The account L1-attributes deposits come from (L1Block only accepts its calls). */
  public static final Address DEPOSITOR_ACCOUNT =
      Address.fromHex("0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001");

  /** EIP-4788's beacon roots contract and the keyless account its deployment comes from. */
  public static final Address BEACON_ROOTS =
      Address.fromHex("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02");

  public static final Address BEACON_ROOTS_DEPLOYER =
      Address.fromHex("0x0B799C86a49DEeb90402691F1041aa3AF2d3C875");

  /** EIP-2935's block-hash history contract and its deployer. */
  public static final Address HISTORY_STORAGE =
      Address.fromHex("0x0000F90827F1C53a10cb7A02335B175320002935");

  public static final Address HISTORY_STORAGE_DEPLOYER =
      Address.fromHex("0x3462413Af4609098e1E27A490f554f260213D685");

  /** EIP-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
  public static final Word256 IMPLEMENTATION_SLOT =
      Word256.fromBytes(
          Hex.decode("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"));

  /** EIP-1967: bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1). */
  public static final Word256 ADMIN_SLOT =
      Word256.fromBytes(
          Hex.decode("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"));

  /** 0x4200…0000 plus {@code index} (below {@link #PROXY_COUNT}). */
  public static Address predeploy(int index) {
    if (index < 0 || index >= PROXY_COUNT) {
      throw new IllegalArgumentException("predeploy index out of range: " + index);
    }
    byte[] b = new byte[20];
    b[0] = 0x42;
    b[18] = (byte) (index >>> 8);
    b[19] = (byte) index;
    return Address.wrap(b);
  }

  /**
   * Where the implementation behind the proxy at {@code proxy} lives: the same low two bytes under
   * the prefix 0xc0D3C0d3C0d3C0D3c0d3C0d3c0D3C0d3c0d3.
   */
  public static Address codeNamespace(Address proxy) {
    byte[] out = Hex.decode("0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d30000");
    byte[] p = proxy.toArray();
    out[18] = p[18];
    out[19] = p[19];
    return Address.wrap(out);
  }

  /** WETH and the governance token sit in the namespace without a proxy. */
  public static boolean isProxied(Address a) {
    return !a.equals(WETH) && !a.equals(GOVERNANCE_TOKEN);
  }
}
