package io.opal.consensus.devnet.genesis;

import io.opal.primitives.Address;
import io.opal.primitives.config.BlockId;
import io.opal.primitives.config.Eip1559Config;
import io.opal.primitives.crypto.DevAccounts;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Everything the devnet's L2 genesis and rollup config are made from. Start from {@link
 * #builder(BlockId, long, L1Addresses)}: it fills in the devnet defaults (chain 901 on L1 900, 2 s
 * blocks, 60M gas, OP mainnet's fee parameters, the first ten test-mnemonic accounts prefunded with
 * 10,000 ETH, and roles assigned as OP's devnet did: account 9 owns the ProxyAdmin and receives the
 * vaults' fees, account 2 is the batcher).
 *
 * @param l1Genesis the L1 block the rollup starts from (where the L1 contracts were deployed)
 * @param genesisTime the L2 genesis timestamp (every fork through Jovian is active from it)
 * @param gasLimit the L2 block gas limit (also the system config's)
 * @param batcher the account whose transactions to the batch inbox are read
 * @param proxyAdminOwner owner of the L2 ProxyAdmin (may upgrade every predeploy)
 * @param prefunds L2 balances at genesis
 */
public record DevnetL2Params(
    long l2ChainId,
    long l1ChainId,
    BlockId l1Genesis,
    long genesisTime,
    long blockTime,
    long gasLimit,
    Fees fees,
    Address batcher,
    Address proxyAdminOwner,
    FeeVaultConfig feeVaults,
    L1Addresses l1,
    Map<Address, UInt256> prefunds,
    long maxSequencerDrift,
    long seqWindowSize,
    long channelTimeout) {

  public static final UInt256 DEV_BALANCE =
      UInt256.valueOf(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(10_000)));

  public DevnetL2Params {
    if (l2ChainId <= 0 || l1ChainId <= 0) {
      throw new IllegalArgumentException("chain ids must be positive");
    }
    if (blockTime <= 0) {
      throw new IllegalArgumentException("block time must be positive, got " + blockTime);
    }
    if (gasLimit <= 0 || genesisTime < 0) {
      throw new IllegalArgumentException(
          "gas limit must be positive and genesis time not negative");
    }
    prefunds = Map.copyOf(prefunds);
  }

  /**
   * Fee parameters at genesis.
   *
   * @param genesisBaseFee the genesis block's base fee (wei)
   * @param eip1559 elasticity and denominators (the Canyon denominator is the one in force)
   * @param minBaseFee Jovian's base-fee floor (wei), also written into the genesis extraData
   * @param baseFeeScalar Ecotone L1-fee scalar for the L1 base fee (uint32)
   * @param blobBaseFeeScalar Ecotone L1-fee scalar for the L1 blob base fee (uint32)
   * @param operatorFeeScalar Isthmus operator fee scalar (uint32)
   * @param operatorFeeConstant Isthmus operator fee constant (uint64)
   * @param daFootprintGasScalar Jovian DA footprint scalar (uint16; 0 means the default 400)
   */
  public record Fees(
      long genesisBaseFee,
      Eip1559Config eip1559,
      long minBaseFee,
      long baseFeeScalar,
      long blobBaseFeeScalar,
      long operatorFeeScalar,
      long operatorFeeConstant,
      int daFootprintGasScalar) {
    public Fees {
      checkUint32("baseFeeScalar", baseFeeScalar);
      checkUint32("blobBaseFeeScalar", blobBaseFeeScalar);
      checkUint32("operatorFeeScalar", operatorFeeScalar);
      checkUint32("eip1559 elasticity", eip1559.elasticity());
      checkUint32("eip1559 denominatorCanyon", eip1559.denominatorCanyon());
      if (genesisBaseFee < 0 || minBaseFee < 0 || operatorFeeConstant < 0) {
        throw new IllegalArgumentException("fees must not be negative");
      }
      if (daFootprintGasScalar < 0 || daFootprintGasScalar > 0xFFFF) {
        throw new IllegalArgumentException("daFootprintGasScalar must fit uint16");
      }
    }

    /** OP mainnet's values; 1 gwei genesis base fee; no operator fee; no minimum base fee. */
    public static Fees defaults() {
      return new Fees(1_000_000_000L, new Eip1559Config(6, 50, 250), 0, 1368, 810_949, 0, 0, 400);
    }

    private static void checkUint32(String name, long v) {
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(name + " must fit uint32, got " + v);
      }
    }
  }

  /** Where a fee vault sends what it collects. */
  public enum WithdrawalNetwork {
    /** Withdrawn to the recipient on L1 through the bridge. */
    L1,
    /** Sent to the recipient on L2. */
    L2
  }

  /**
   * The Sequencer, Base and L1 fee vaults' immutables (the Operator fee vault's are fixed by the
   * Isthmus upgrade: the base fee vault on L2, no minimum).
   */
  public record FeeVaultConfig(
      Address recipient, UInt256 minWithdrawalAmount, WithdrawalNetwork network) {}

  /**
   * The L1 contracts of the rollup, as the L1 deployment recorded them ({@link Address#ZERO} for
   * one that was not deployed).
   */
  public record L1Addresses(
      Address optimismPortal,
      Address systemConfig,
      Address l1CrossDomainMessenger,
      Address l1StandardBridge,
      Address l1Erc721Bridge,
      Address l2OutputOracle,
      Address superchainConfig,
      Address protocolVersions) {

    /** Every address by its contract name, for devnet.json. */
    public Map<String, Address> byName() {
      Map<String, Address> m = new LinkedHashMap<>();
      m.put("OptimismPortalProxy", optimismPortal);
      m.put("SystemConfigProxy", systemConfig);
      m.put("L1CrossDomainMessengerProxy", l1CrossDomainMessenger);
      m.put("L1StandardBridgeProxy", l1StandardBridge);
      m.put("L1ERC721BridgeProxy", l1Erc721Bridge);
      m.put("L2OutputOracleProxy", l2OutputOracle);
      m.put("SuperchainConfigProxy", superchainConfig);
      m.put("ProtocolVersionsProxy", protocolVersions);
      return m;
    }
  }

  public static Builder builder(BlockId l1Genesis, long genesisTime, L1Addresses l1) {
    return new Builder(l1Genesis, genesisTime, l1);
  }

  public Builder toBuilder() {
    Builder b = new Builder(l1Genesis, genesisTime, l1);
    b.l2ChainId = l2ChainId;
    b.l1ChainId = l1ChainId;
    b.blockTime = blockTime;
    b.gasLimit = gasLimit;
    b.fees = fees;
    b.batcher = batcher;
    b.proxyAdminOwner = proxyAdminOwner;
    b.feeVaults = feeVaults;
    b.prefunds = new LinkedHashMap<>(prefunds);
    b.maxSequencerDrift = maxSequencerDrift;
    b.seqWindowSize = seqWindowSize;
    b.channelTimeout = channelTimeout;
    return b;
  }

  /** Fills in the devnet defaults; every field can be replaced. */
  public static final class Builder {
    private final BlockId l1Genesis;
    private final long genesisTime;
    private final L1Addresses l1;
    private long l2ChainId = 901;
    private long l1ChainId = 900;
    private long blockTime = 2;
    private long gasLimit = 60_000_000L;
    private Fees fees = Fees.defaults();
    private Address batcher;
    private Address proxyAdminOwner;
    private FeeVaultConfig feeVaults;
    private Map<Address, UInt256> prefunds = new LinkedHashMap<>();
    private long maxSequencerDrift = 600;
    private long seqWindowSize = 3600;
    private long channelTimeout = 300;

    private Builder(BlockId l1Genesis, long genesisTime, L1Addresses l1) {
      this.l1Genesis = l1Genesis;
      this.genesisTime = genesisTime;
      this.l1 = l1;
      List<DevAccounts.DevAccount> dev = DevAccounts.standard(10);
      batcher = dev.get(2).address();
      proxyAdminOwner = dev.get(9).address();
      feeVaults =
          new FeeVaultConfig(
              dev.get(9).address(), UInt256.valueOf(BigInteger.TEN.pow(19)), WithdrawalNetwork.L2);
      for (DevAccounts.DevAccount a : dev) {
        prefunds.put(a.address(), DEV_BALANCE);
      }
    }

    public Builder l2ChainId(long v) {
      l2ChainId = v;
      return this;
    }

    public Builder l1ChainId(long v) {
      l1ChainId = v;
      return this;
    }

    public Builder blockTime(long v) {
      blockTime = v;
      return this;
    }

    public Builder gasLimit(long v) {
      gasLimit = v;
      return this;
    }

    public Builder fees(Fees v) {
      fees = v;
      return this;
    }

    public Builder batcher(Address v) {
      batcher = v;
      return this;
    }

    public Builder proxyAdminOwner(Address v) {
      proxyAdminOwner = v;
      return this;
    }

    public Builder feeVaults(FeeVaultConfig v) {
      feeVaults = v;
      return this;
    }

    /** Replaces the prefunded balances. */
    public Builder prefunds(Map<Address, UInt256> v) {
      prefunds = new LinkedHashMap<>(v);
      return this;
    }

    public Builder prefund(Address a, UInt256 balance) {
      prefunds.put(a, balance);
      return this;
    }

    public Builder maxSequencerDrift(long v) {
      maxSequencerDrift = v;
      return this;
    }

    public Builder seqWindowSize(long v) {
      seqWindowSize = v;
      return this;
    }

    public Builder channelTimeout(long v) {
      channelTimeout = v;
      return this;
    }

    public DevnetL2Params build() {
      return new DevnetL2Params(
          l2ChainId,
          l1ChainId,
          l1Genesis,
          genesisTime,
          blockTime,
          gasLimit,
          fees,
          batcher,
          proxyAdminOwner,
          feeVaults,
          l1,
          prefunds,
          maxSequencerDrift,
          seqWindowSize,
          channelTimeout);
    }
  }
}
