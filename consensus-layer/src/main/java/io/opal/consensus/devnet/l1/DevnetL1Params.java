package io.opal.consensus.devnet.l1;

import io.opal.consensus.devnet.genesis.DevnetRollupConfig;
import io.opal.primitives.Address;
import io.opal.primitives.crypto.Secp256k1;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What the devnet's L1 deployment is configured with.
 *
 * @param deployerKey signs every deployment transaction (a funded L1 account)
 * @param l2ChainId the L2 chain id (batch inbox default and documentation)
 * @param owner owns SystemConfig, ProtocolVersions and, at the end, the ProxyAdmin
 * @param guardian SuperchainConfig's guardian (may pause withdrawals)
 * @param batcher the batcher whose transactions to the batch inbox derivation accepts
 * @param unsafeBlockSigner the sequencer's gossip signing key's address
 * @param proposer may propose L2 outputs to the L2OutputOracle
 * @param challenger may delete L2 outputs
 * @param batchInbox where batches go; empty for {@link #defaultBatchInbox}
 * @param gasLimit the L2 block gas limit (at least the resource config's minimum)
 * @param baseFeeScalar Ecotone L1-fee base fee scalar (uint32)
 * @param blobBaseFeeScalar Ecotone L1-fee blob base fee scalar (uint32)
 * @param l2BlockTime seconds between L2 blocks (L2OutputOracle)
 * @param outputSubmissionInterval L2 blocks between output proposals (L2OutputOracle)
 * @param finalizationPeriodSeconds withdrawal challenge period (L2OutputOracle)
 * @param l2GenesisTime the L2 genesis timestamp for the L2OutputOracle; empty for the timestamp of
 *     the L1 block that initialised SystemConfig (the deployment's start block)
 */
public record DevnetL1Params(
    Bytes32 deployerKey,
    long l2ChainId,
    Address owner,
    Address guardian,
    Address batcher,
    Address unsafeBlockSigner,
    Address proposer,
    Address challenger,
    Optional<Address> batchInbox,
    long gasLimit,
    long baseFeeScalar,
    long blobBaseFeeScalar,
    ResourceConfig resourceConfig,
    long l2BlockTime,
    long outputSubmissionInterval,
    long finalizationPeriodSeconds,
    OptionalLong l2GenesisTime) {

  public static final long DEFAULT_L2_CHAIN_ID = 901;

  public DevnetL1Params {
    if (gasLimit < resourceConfig.minimumGasLimit() || gasLimit > 200_000_000) {
      throw new IllegalArgumentException(
          "SystemConfig accepts gas limits from "
              + resourceConfig.minimumGasLimit()
              + " to 200000000, got "
              + gasLimit);
    }
    if (l2BlockTime <= 0 || outputSubmissionInterval <= 0) {
      throw new IllegalArgumentException("L2 block time and submission interval must be positive");
    }
    if ((baseFeeScalar >>> 32) != 0 || (blobBaseFeeScalar >>> 32) != 0) {
      throw new IllegalArgumentException("fee scalars are uint32");
    }
  }

  /**
   * Devnet defaults: L2 chain 901, every role the deployer's account, 60M gas, OP mainnet's fee
   * scalars (1368, 810949), 2 s blocks, outputs every 10 blocks, a 12 s finalization period.
   */
  public static DevnetL1Params defaults(Bytes32 deployerKey) {
    Address deployer = Secp256k1.get().address(deployerKey.toArray());
    return new DevnetL1Params(
        deployerKey,
        DEFAULT_L2_CHAIN_ID,
        deployer,
        deployer,
        deployer,
        deployer,
        deployer,
        deployer,
        Optional.empty(),
        60_000_000,
        1368,
        810_949,
        ResourceConfig.DEFAULT,
        2,
        10,
        12,
        OptionalLong.empty());
  }

  public Address deployer() {
    return Secp256k1.get().address(deployerKey.toArray());
  }

  /**
   * The conventional batch inbox (0xff00…00 followed by the chain id's decimal digits read as hex,
   * as OP Sepolia's), the same the devnet's rollup config names.
   */
  public static Address defaultBatchInbox(long l2ChainId) {
    return DevnetRollupConfig.batchInbox(l2ChainId);
  }

  public Address effectiveBatchInbox() {
    return batchInbox.orElseGet(() -> defaultBatchInbox(l2ChainId));
  }

  public DevnetL1Params withL2ChainId(long chainId) {
    return new DevnetL1Params(
        deployerKey,
        chainId,
        owner,
        guardian,
        batcher,
        unsafeBlockSigner,
        proposer,
        challenger,
        batchInbox,
        gasLimit,
        baseFeeScalar,
        blobBaseFeeScalar,
        resourceConfig,
        l2BlockTime,
        outputSubmissionInterval,
        finalizationPeriodSeconds,
        l2GenesisTime);
  }

  /** The operational roles: batcher, sequencer (unsafe block signer), proposer and challenger. */
  public DevnetL1Params withRoles(
      Address newBatcher, Address signer, Address newProposer, Address newChallenger) {
    return new DevnetL1Params(
        deployerKey,
        l2ChainId,
        owner,
        guardian,
        newBatcher,
        signer,
        newProposer,
        newChallenger,
        batchInbox,
        gasLimit,
        baseFeeScalar,
        blobBaseFeeScalar,
        resourceConfig,
        l2BlockTime,
        outputSubmissionInterval,
        finalizationPeriodSeconds,
        l2GenesisTime);
  }

  public DevnetL1Params withOwner(Address newOwner) {
    return new DevnetL1Params(
        deployerKey,
        l2ChainId,
        newOwner,
        guardian,
        batcher,
        unsafeBlockSigner,
        proposer,
        challenger,
        batchInbox,
        gasLimit,
        baseFeeScalar,
        blobBaseFeeScalar,
        resourceConfig,
        l2BlockTime,
        outputSubmissionInterval,
        finalizationPeriodSeconds,
        l2GenesisTime);
  }

  public DevnetL1Params withGasLimit(long newGasLimit) {
    return new DevnetL1Params(
        deployerKey,
        l2ChainId,
        owner,
        guardian,
        batcher,
        unsafeBlockSigner,
        proposer,
        challenger,
        batchInbox,
        newGasLimit,
        baseFeeScalar,
        blobBaseFeeScalar,
        resourceConfig,
        l2BlockTime,
        outputSubmissionInterval,
        finalizationPeriodSeconds,
        l2GenesisTime);
  }

  public DevnetL1Params withL2Timing(long blockTime, OptionalLong genesisTime) {
    return new DevnetL1Params(
        deployerKey,
        l2ChainId,
        owner,
        guardian,
        batcher,
        unsafeBlockSigner,
        proposer,
        challenger,
        batchInbox,
        gasLimit,
        baseFeeScalar,
        blobBaseFeeScalar,
        resourceConfig,
        blockTime,
        outputSubmissionInterval,
        finalizationPeriodSeconds,
        genesisTime);
  }
}
