package io.opal.consensus.devnet.l1;

import io.opal.consensus.l1.BlockSelector;
import io.opal.consensus.l1.CallRequest;
import io.opal.consensus.l1.L1BlockRef;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.L1Exception;
import io.opal.consensus.l1.L1Receipt;
import io.opal.consensus.l1.L1TransactionSender;
import io.opal.consensus.l1.L1TransactionSender.Sent;
import io.opal.consensus.l1.L1TransactionSender.TxRequest;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.consensus.l1.abi.AbiFunction;
import io.opal.execution.evm.ContractAddress;
import io.opal.primitives.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the OP L1 contracts a devnet needs, as op-deployer lays them out: a {@code ProxyAdmin}
 * owned by the deployer, one ERC-1967 {@code Proxy} per contract administered by it, the
 * implementations, then {@code ProxyAdmin.upgradeAndCall(proxy, implementation, initialize(...))}
 * for SuperchainConfig, ProtocolVersions, SystemConfig, L2OutputOracle and OptimismPortal (the
 * L2OutputOracle-based portal of {@code contracts-bedrock} 0.17.3).
 *
 * <p>Transactions are pipelined in three rounds (creations; the first initialisations; those that
 * need SystemConfig's start block), so on a chain with slots the deployment takes about three
 * blocks. Creation addresses are predicted from the deployer's nonces and checked against the
 * receipts.
 *
 * <p>{@link #deploy} blocks its thread: run it on a virtual or worker thread, never an event loop.
 */
public final class OpContractsDeployer {
  private static final Logger LOG = LoggerFactory.getLogger(OpContractsDeployer.class);

  private final L1Client client;
  private final ContractArtifacts artifacts;
  private final TaskScheduler scheduler;
  private final Duration pollInterval;
  private final Duration receiptTimeout;

  /**
   * @param pollInterval how often receipts are polled for
   * @param receiptTimeout how long one round may wait for its receipts
   */
  public OpContractsDeployer(
      L1Client client,
      ContractArtifacts artifacts,
      TaskScheduler scheduler,
      Duration pollInterval,
      Duration receiptTimeout) {
    this.client = client;
    this.artifacts = artifacts;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
    this.receiptTimeout = receiptTimeout;
  }

  /**
   * Deploys and initialises everything.
   *
   * @throws L1Exception when a transaction is rejected or reverts, or the node fails
   */
  public L1Deployment deploy(DevnetL1Params params) {
    long chainId = client.chainId().join();
    L1TransactionSender sender =
        new L1TransactionSender(
            client, params.deployerKey(), chainId, scheduler, pollInterval, receiptTimeout);
    Address deployer = sender.address();
    long nonce = sender.nextNonce().join();
    LOG.info(
        "deploying the OP L1 contracts ({}) from {} on L1 chain {}",
        artifacts.source(),
        deployer,
        chainId);

    // Round 1: ProxyAdmin, five proxies, five implementations, at predictable addresses.
    Address proxyAdmin = ContractAddress.create(deployer, nonce);
    String[] names = {
      "SuperchainConfig", "ProtocolVersions", "SystemConfig", "OptimismPortal", "L2OutputOracle"
    };
    List<TxRequest> creations = new ArrayList<>();
    creations.add(TxRequest.create(artifacts.get("ProxyAdmin").creationCode(deployer)));
    for (int i = 0; i < names.length; i++) {
      creations.add(TxRequest.create(artifacts.get("Proxy").creationCode(proxyAdmin)));
    }
    for (String name : names) {
      creations.add(TxRequest.create(artifacts.get(name).creationCode()));
    }
    List<L1Receipt> created = sendAll(sender, creations);
    List<Address> addresses = new ArrayList<>();
    for (int i = 0; i < created.size(); i++) {
      Address expected = ContractAddress.create(deployer, nonce + i);
      Address actual = created.get(i).contractAddress().orElse(Address.ZERO);
      if (!actual.equals(expected)) {
        throw new L1Exception(
            L1Exception.Kind.CRITICAL,
            "creation "
                + i
                + " made "
                + actual
                + ", expected "
                + expected
                + ": was the deployer's nonce used elsewhere?");
      }
      addresses.add(actual);
    }
    L1Deployment.ProxiedContract superchainConfig = proxied(addresses, 0);
    L1Deployment.ProxiedContract protocolVersions = proxied(addresses, 1);
    L1Deployment.ProxiedContract systemConfig = proxied(addresses, 2);
    L1Deployment.ProxiedContract portal = proxied(addresses, 3);
    L1Deployment.ProxiedContract oracle = proxied(addresses, 4);
    Address inbox = params.effectiveBatchInbox();

    // Round 2: initialisations that need nothing but addresses.
    AbiFunction upgradeAndCall = artifacts.get("ProxyAdmin").function("upgradeAndCall");
    List<TxRequest> round2 = new ArrayList<>();
    round2.add(
        upgrade(
            upgradeAndCall,
            proxyAdmin,
            superchainConfig,
            artifacts
                .get("SuperchainConfig")
                .function("initialize")
                .encodeCall(params.guardian(), false)));
    round2.add(
        upgrade(
            upgradeAndCall,
            proxyAdmin,
            protocolVersions,
            artifacts
                .get("ProtocolVersions")
                .function("initialize")
                .encodeCall(params.owner(), BigInteger.ZERO, BigInteger.ZERO)));
    round2.add(
        upgrade(
            upgradeAndCall,
            proxyAdmin,
            systemConfig,
            systemConfigInit(params, portal.proxy(), inbox)));
    sendAll(sender, round2);

    L1BlockRef startBlock = startBlock(systemConfig.proxy());
    long genesisTime = params.l2GenesisTime().orElse(startBlock.timestamp());

    // Round 3: the output oracle (needs the L2 genesis time) and the portal.
    List<TxRequest> round3 = new ArrayList<>();
    round3.add(
        upgrade(
            upgradeAndCall,
            proxyAdmin,
            oracle,
            artifacts
                .get("L2OutputOracle")
                .function("initialize")
                .encodeCall(
                    BigInteger.valueOf(params.outputSubmissionInterval()),
                    BigInteger.valueOf(params.l2BlockTime()),
                    BigInteger.ZERO,
                    BigInteger.valueOf(genesisTime),
                    params.proposer(),
                    params.challenger(),
                    BigInteger.valueOf(params.finalizationPeriodSeconds()))));
    round3.add(
        upgrade(
            upgradeAndCall,
            proxyAdmin,
            portal,
            artifacts
                .get("OptimismPortal")
                .function("initialize")
                .encodeCall(oracle.proxy(), systemConfig.proxy(), superchainConfig.proxy())));
    if (!params.owner().equals(deployer)) {
      round3.add(
          TxRequest.call(
              proxyAdmin,
              artifacts
                  .get("ProxyAdmin")
                  .function("transferOwnership")
                  .encodeCall(params.owner())));
    }
    sendAll(sender, round3);

    L1Deployment deployment =
        new L1Deployment(
            chainId,
            deployer,
            proxyAdmin,
            superchainConfig,
            protocolVersions,
            systemConfig,
            portal,
            oracle,
            inbox,
            startBlock,
            genesisTime,
            artifacts.source());
    LOG.info(
        "OP L1 contracts deployed: portal {}, system config {}, start block {}",
        portal.proxy(),
        systemConfig.proxy(),
        startBlock);
    return deployment;
  }

  private static L1Deployment.ProxiedContract proxied(List<Address> created, int index) {
    // created: [ProxyAdmin, proxy0..proxy4, impl0..impl4]
    return new L1Deployment.ProxiedContract(created.get(1 + index), created.get(6 + index));
  }

  private static TxRequest upgrade(
      AbiFunction upgradeAndCall, Address proxyAdmin, L1Deployment.ProxiedContract c, Bytes init) {
    return TxRequest.call(
        proxyAdmin, upgradeAndCall.encodeCall(c.proxy(), c.implementation(), init));
  }

  private Bytes systemConfigInit(DevnetL1Params p, Address portalProxy, Address inbox) {
    byte[] batcherHash = new byte[32];
    System.arraycopy(p.batcher().toArray(), 0, batcherHash, 12, 20);
    // SystemConfig.Addresses: messenger, ERC-721 bridge, standard bridge, dispute game factory,
    // portal, mintable ERC-20 factory, gas paying token (zero: ETH). A devnet without the bridges
    // leaves them unset; only the portal is read by derivation-relevant code.
    List<Object> addresses =
        List.of(
            Address.ZERO,
            Address.ZERO,
            Address.ZERO,
            Address.ZERO,
            portalProxy,
            Address.ZERO,
            Address.ZERO);
    return artifacts
        .get("SystemConfig")
        .function("initialize")
        .encodeCall(
            p.owner(),
            BigInteger.valueOf(p.baseFeeScalar()),
            BigInteger.valueOf(p.blobBaseFeeScalar()),
            Bytes32.wrap(batcherHash),
            BigInteger.valueOf(p.gasLimit()),
            p.unsafeBlockSigner(),
            p.resourceConfig().abiValue(),
            inbox,
            addresses);
  }

  private L1BlockRef startBlock(Address systemConfigProxy) {
    AbiFunction startBlock = artifacts.get("SystemConfig").function("startBlock");
    Bytes out =
        client
            .call(
                CallRequest.to(systemConfigProxy, startBlock.encodeCall()), BlockSelector.latest())
            .join();
    long number = ((BigInteger) startBlock.decodeOutput(out).getFirst()).longValueExact();
    return client.headerByNumber(number).join().ref();
  }

  /** Sends in order, then waits for every receipt; any revert fails the deployment. */
  private static List<L1Receipt> sendAll(L1TransactionSender sender, List<TxRequest> requests) {
    List<CompletableFuture<Sent>> sent = new ArrayList<>();
    for (TxRequest r : requests) {
      sent.add(sender.send(r));
    }
    List<CompletableFuture<L1Receipt>> receipts = new ArrayList<>();
    for (CompletableFuture<Sent> s : sent) {
      receipts.add(s.thenCompose(sender::waitForSuccess));
    }
    List<L1Receipt> out = new ArrayList<>();
    for (CompletableFuture<L1Receipt> r : receipts) {
      try {
        out.add(r.join());
      } catch (RuntimeException e) {
        throw L1Exception.of(e);
      }
    }
    return out;
  }
}
