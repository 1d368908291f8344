package io.opal.consensus.devnet.l1;

import io.opal.consensus.contracts.OpContracts;
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
  private final OpContracts artifacts;
  private final TaskScheduler scheduler;
  private final Duration pollInterval;
  private final Duration receiptTimeout;

  /**
   * @param pollInterval how often receipts are polled for
   * @param receiptTimeout how long one round may wait for its receipts
   */
  public OpContractsDeployer(
      L1Client client,
      OpContracts artifacts,
      TaskScheduler scheduler,
      Duration pollInterval,
      Duration receiptTimeout) {
    this.client = client;
    this.artifacts = artifacts;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
    this.receiptTimeout = receiptTimeout;
  }

  /** Where round 1 put everything. */
  private record Layout(
      Address proxyAdmin,
      L1Deployment.ProxiedContract superchainConfig,
      L1Deployment.ProxiedContract protocolVersions,
      L1Deployment.ProxiedContract systemConfig,
      L1Deployment.ProxiedContract portal,
      L1Deployment.ProxiedContract oracle) {}

  private static final String[] PROXIED = {
    "SuperchainConfig", "ProtocolVersions", "SystemConfig", "OptimismPortal", "L2OutputOracle"
  };

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
    LOG.info(
        "deploying the OP L1 contracts ({}) from {} on L1 chain {}",
        artifacts.source(),
        deployer,
        chainId);
    Layout layout = createContracts(sender);
    Address inbox = params.effectiveBatchInbox();
    initialiseConfigs(sender, layout, params, inbox);
    L1BlockRef startBlock = startBlock(layout.systemConfig().proxy());
    long genesisTime = params.l2GenesisTime().orElse(startBlock.timestamp());
    initialiseOracleAndPortal(sender, layout, params, genesisTime);
    L1Deployment deployment =
        new L1Deployment(
            chainId,
            deployer,
            layout.proxyAdmin(),
            layout.superchainConfig(),
            layout.protocolVersions(),
            layout.systemConfig(),
            layout.portal(),
            layout.oracle(),
            inbox,
            startBlock,
            genesisTime,
            artifacts.source());
    LOG.info(
        "OP L1 contracts deployed: portal {}, system config {}, start block {}",
        layout.portal().proxy(),
        layout.systemConfig().proxy(),
        startBlock);
    return deployment;
  }

  /** Round 1: ProxyAdmin, five proxies, five implementations, at predictable addresses. */
  private Layout createContracts(L1TransactionSender sender) {
    Address deployer = sender.address();
    long nonce = sender.nextNonce().join();
    Address proxyAdmin = ContractAddress.create(deployer, nonce);
    List<TxRequest> creations = new ArrayList<>();
    creations.add(TxRequest.create(artifacts.get("ProxyAdmin").creationData(deployer)));
    for (int i = 0; i < PROXIED.length; i++) {
      creations.add(TxRequest.create(artifacts.get("Proxy").creationData(proxyAdmin)));
    }
    for (String name : PROXIED) {
      creations.add(TxRequest.create(artifacts.get(name).creationData()));
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
    return new Layout(
        proxyAdmin,
        proxied(addresses, 0),
        proxied(addresses, 1),
        proxied(addresses, 2),
        proxied(addresses, 3),
        proxied(addresses, 4));
  }

  /** Round 2: the initialisations that need nothing but addresses. */
  private void initialiseConfigs(
      L1TransactionSender sender, Layout layout, DevnetL1Params params, Address inbox) {
    sendAll(
        sender,
        List.of(
            upgrade(
                layout,
                layout.superchainConfig(),
                initialize("SuperchainConfig", params.guardian(), false)),
            upgrade(
                layout,
                layout.protocolVersions(),
                initialize("ProtocolVersions", params.owner(), BigInteger.ZERO, BigInteger.ZERO)),
            upgrade(
                layout,
                layout.systemConfig(),
                systemConfigInit(params, layout.portal().proxy(), inbox))));
  }

  /**
   * Round 3: the output oracle (it needs the L2 genesis time, by default the start block's), the
   * portal, and the ProxyAdmin handed to the owner.
   */
  private void initialiseOracleAndPortal(
      L1TransactionSender sender, Layout layout, DevnetL1Params params, long genesisTime) {
    List<TxRequest> round = new ArrayList<>();
    round.add(
        upgrade(
            layout,
            layout.oracle(),
            initialize(
                "L2OutputOracle",
                BigInteger.valueOf(params.outputSubmissionInterval()),
                BigInteger.valueOf(params.l2BlockTime()),
                BigInteger.ZERO,
                BigInteger.valueOf(genesisTime),
                params.proposer(),
                params.challenger(),
                BigInteger.valueOf(params.finalizationPeriodSeconds()))));
    round.add(
        upgrade(
            layout,
            layout.portal(),
            initialize(
                "OptimismPortal",
                layout.oracle().proxy(),
                layout.systemConfig().proxy(),
                layout.superchainConfig().proxy())));
    if (!params.owner().equals(sender.address())) {
      round.add(
          TxRequest.call(
              layout.proxyAdmin(),
              artifacts
                  .get("ProxyAdmin")
                  .function("transferOwnership")
                  .encodeCall(params.owner())));
    }
    sendAll(sender, round);
  }

  private Bytes initialize(String contract, Object... args) {
    return artifacts.get(contract).function("initialize").encodeCall(args);
  }

  /** {@code ProxyAdmin.upgradeAndCall(proxy, implementation, init)}. */
  private TxRequest upgrade(Layout layout, L1Deployment.ProxiedContract c, Bytes init) {
    AbiFunction upgradeAndCall = artifacts.get("ProxyAdmin").function("upgradeAndCall");
    return TxRequest.call(
        layout.proxyAdmin(), upgradeAndCall.encodeCall(c.proxy(), c.implementation(), init));
  }

  private static L1Deployment.ProxiedContract proxied(List<Address> created, int index) {
    // created: [ProxyAdmin, proxy0..proxy4, impl0..impl4]
    return new L1Deployment.ProxiedContract(created.get(1 + index), created.get(6 + index));
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
