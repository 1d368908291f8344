package io.opal.consensus.devnet.l1;

import io.opal.consensus.devnet.genesis.DevnetL2Params;
import io.opal.consensus.l1.L1BlockRef;
import io.opal.primitives.Address;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the devnet's OP contracts live on L1, for the rollup config ({@code depositContractAddress}
 * = {@link #optimismPortal()}'s proxy, {@code l1SystemConfigAddress}, {@code batchInboxAddress},
 * genesis L1 = {@link #startBlock()}) and for {@code devnet.json}.
 *
 * @param l1ChainId the chain they were deployed on
 * @param deployer the account that deployed them
 * @param batchInbox the batch inbox SystemConfig names
 * @param startBlock the L1 block that initialised SystemConfig ({@code SystemConfig.startBlock()}):
 *     derivation need not look at L1 before it
 * @param l2GenesisTime the L2 genesis timestamp the L2OutputOracle was initialised with
 * @param artifacts the contracts package the code came from
 */
public record L1Deployment(
    long l1ChainId,
    Address deployer,
    Address proxyAdmin,
    ProxiedContract superchainConfig,
    ProxiedContract protocolVersions,
    ProxiedContract systemConfig,
    ProxiedContract optimismPortal,
    ProxiedContract l2OutputOracle,
    Address batchInbox,
    L1BlockRef startBlock,
    long l2GenesisTime,
    String artifacts) {

  /** A contract behind an ERC-1967 {@code Proxy} administered by the {@code ProxyAdmin}. */
  public record ProxiedContract(Address proxy, Address implementation) {}

  /** The OptimismPortal proxy: the deposit contract of the rollup config. */
  public Address depositContract() {
    return optimismPortal.proxy();
  }

  /**
   * Every address by the names op-deployer's state uses ({@code OptimismPortalProxy}, {@code
   * SystemConfigImpl}...), in deployment order: for {@code devnet.json}.
   */
  public Map<String, Address> addresses() {
    Map<String, Address> m = new LinkedHashMap<>();
    m.put("ProxyAdmin", proxyAdmin);
    put(m, "SuperchainConfig", superchainConfig);
    put(m, "ProtocolVersions", protocolVersions);
    put(m, "SystemConfig", systemConfig);
    put(m, "OptimismPortal", optimismPortal);
    put(m, "L2OutputOracle", l2OutputOracle);
    m.put("BatchInbox", batchInbox);
    return m;
  }

  /**
   * The addresses the L2 genesis takes. The bridges and messenger are not deployed on the devnet's
   * L1 (nothing in derivation needs them), so they are zero.
   */
  public DevnetL2Params.L1Addresses l2GenesisAddresses() {
    return new DevnetL2Params.L1Addresses(
        optimismPortal.proxy(),
        systemConfig.proxy(),
        Address.ZERO,
        Address.ZERO,
        Address.ZERO,
        l2OutputOracle.proxy(),
        superchainConfig.proxy(),
        protocolVersions.proxy());
  }

  private static void put(Map<String, Address> m, String name, ProxiedContract c) {
    m.put(name + "Proxy", c.proxy());
    m.put(name + "Impl", c.implementation());
  }
}
