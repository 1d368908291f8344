package io.opal.consensus.devnet.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.contracts.ContractArtifact;
import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.l1.Anvil;
import io.opal.consensus.l1.BlockSelector;
import io.opal.consensus.l1.CallRequest;
import io.opal.consensus.l1.DepositLogDecoder;
import io.opal.consensus.l1.JsonRpcL1Client;
import io.opal.consensus.l1.L1ClientConfig;
import io.opal.consensus.l1.L1Exception;
import io.opal.consensus.l1.L1Log;
import io.opal.consensus.l1.L1Receipt;
import io.opal.consensus.l1.L1SystemConfig;
import io.opal.consensus.l1.L1TransactionSender;
import io.opal.consensus.l1.L1TransactionSender.TxRequest;
import io.opal.consensus.l1.LogFilter;
import io.opal.consensus.l1.SystemConfigLogDecoder;
import io.opal.consensus.l1.SystemConfigUpdate;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.tx.DepositTransaction;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OP contracts deployed on a real anvil, read back through their own getters; then deposits and
 * system-config updates made on them and decoded from the logs they emit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpContractsDeployerAnvilTest {
  static final Address BATCHER = Address.fromHex("0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc");
  static final Address SIGNER = Address.fromHex("0x976ea74026e726554db657fa54763abd0c3a0aa9");
  static final Address PROPOSER = Address.fromHex("0x14dc79964da2c08b23698b3d3cc7ca32193d9955");
  static final Address CHALLENGER = Address.fromHex("0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f");
  static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);

  OpContracts artifacts;
  Anvil anvil;
  Vertx vertx;
  JsonRpcL1Client client;
  DevnetL1Params params;
  L1Deployment d;

  @BeforeAll
  void deploy() {
    artifacts = OpContracts.load().orElse(null);
    Assumptions.assumeTrue(
        artifacts != null, "OP contract artifacts not in this build (npm missing), skipped");
    anvil = Anvil.start(Anvil.freePort());
    vertx = Vertx.vertx();
    client = JsonRpcL1Client.connect(vertx, anvil.http(), L1ClientConfig.DEFAULT);
    params =
        DevnetL1Params.defaults(Anvil.DEV_KEYS.get(0))
            .withRoles(BATCHER, SIGNER, PROPOSER, CHALLENGER);
    d =
        new OpContractsDeployer(
                client,
                artifacts,
                TaskScheduler.vertx(vertx),
                Duration.ofMillis(50),
                Duration.ofSeconds(60))
            .deploy(params);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  private Object get(Address at, String contract, String function, Object... args) {
    var f = artifacts.get(contract).function(function);
    Bytes out = client.call(CallRequest.to(at, f.encodeCall(args)), BlockSelector.latest()).join();
    List<Object> values = f.decodeOutput(out);
    return values.size() == 1 ? values.getFirst() : values;
  }

  private static Bytes word(Address a) {
    return Bytes32.leftPad(a.bytes());
  }

  private L1TransactionSender sender(int devKey) {
    return new L1TransactionSender(
        client,
        Anvil.DEV_KEYS.get(devKey),
        31337,
        TaskScheduler.vertx(vertx),
        Duration.ofMillis(50),
        Duration.ofSeconds(30));
  }

  @Test
  void contractsAreWiredAsConfigured() {
    Address deployer = Anvil.devAddress(0);
    assertEquals(deployer, d.deployer());
    assertEquals(deployer, get(d.proxyAdmin(), "ProxyAdmin", "owner"));
    for (var e :
        List.of(
            List.of("SuperchainConfig", d.superchainConfig()),
            List.of("ProtocolVersions", d.protocolVersions()),
            List.of("SystemConfig", d.systemConfig()),
            List.of("OptimismPortal", d.optimismPortal()),
            List.of("L2OutputOracle", d.l2OutputOracle()))) {
      String name = (String) e.get(0);
      L1Deployment.ProxiedContract c = (L1Deployment.ProxiedContract) e.get(1);
      assertEquals(
          c.implementation(),
          get(d.proxyAdmin(), "ProxyAdmin", "getProxyImplementation", c.proxy()),
          name);
      assertEquals(
          artifacts.get(name).runtimeCode(),
          client.code(c.implementation(), BlockSelector.latest()).join(),
          name);
    }

    Address sc = d.systemConfig().proxy();
    assertEquals(deployer, get(sc, "SystemConfig", "owner"));
    assertEquals(word(BATCHER), get(sc, "SystemConfig", "batcherHash"));
    assertEquals(BigInteger.valueOf(60_000_000), get(sc, "SystemConfig", "gasLimit"));
    assertEquals(SIGNER, get(sc, "SystemConfig", "unsafeBlockSigner"));
    assertEquals(BigInteger.valueOf(1368), get(sc, "SystemConfig", "basefeeScalar"));
    assertEquals(BigInteger.valueOf(810_949), get(sc, "SystemConfig", "blobbasefeeScalar"));
    assertEquals(d.batchInbox(), get(sc, "SystemConfig", "batchInbox"));
    assertEquals(Address.fromHex("0xff00000000000000000000000000000000000901"), d.batchInbox());
    assertEquals(d.optimismPortal().proxy(), get(sc, "SystemConfig", "optimismPortal"));
    assertEquals(
        BigInteger.valueOf(d.startBlock().number()), get(sc, "SystemConfig", "startBlock"));
    assertEquals(
        List.of(
            BigInteger.valueOf(20_000_000),
            BigInteger.TEN,
            BigInteger.valueOf(8),
            BigInteger.valueOf(1_000_000_000),
            BigInteger.valueOf(1_000_000),
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)),
        get(sc, "SystemConfig", "resourceConfig"));

    Address portal = d.optimismPortal().proxy();
    assertEquals(d.l2OutputOracle().proxy(), get(portal, "OptimismPortal", "l2Oracle"));
    assertEquals(sc, get(portal, "OptimismPortal", "systemConfig"));
    assertEquals(d.superchainConfig().proxy(), get(portal, "OptimismPortal", "superchainConfig"));
    assertEquals(false, get(portal, "OptimismPortal", "paused"));
    assertEquals(deployer, get(portal, "OptimismPortal", "guardian"));
    assertEquals(
        Address.fromHex("0x000000000000000000000000000000000000dead"),
        get(portal, "OptimismPortal", "l2Sender"));

    Address oracle = d.l2OutputOracle().proxy();
    assertEquals(
        BigInteger.valueOf(d.l2GenesisTime()), get(oracle, "L2OutputOracle", "startingTimestamp"));
    assertEquals(d.startBlock().timestamp(), d.l2GenesisTime());
    assertEquals(BigInteger.ZERO, get(oracle, "L2OutputOracle", "startingBlockNumber"));
    assertEquals(BigInteger.TWO, get(oracle, "L2OutputOracle", "l2BlockTime"));
    assertEquals(BigInteger.TEN, get(oracle, "L2OutputOracle", "submissionInterval"));
    assertEquals(
        BigInteger.valueOf(12), get(oracle, "L2OutputOracle", "finalizationPeriodSeconds"));
    assertEquals(PROPOSER, get(oracle, "L2OutputOracle", "proposer"));
    assertEquals(CHALLENGER, get(oracle, "L2OutputOracle", "challenger"));

    assertEquals(deployer, get(d.superchainConfig().proxy(), "SuperchainConfig", "guardian"));
    assertEquals(deployer, get(d.protocolVersions().proxy(), "ProtocolVersions", "owner"));
    assertEquals(31337, d.l1ChainId());
    assertEquals("@eth-optimism/contracts-bedrock@0.17.3", d.artifacts());
    assertEquals(12, d.addresses().size());
    assertEquals(d.depositContract(), d.l2GenesisAddresses().optimismPortal());
    assertEquals(sc, d.l2GenesisAddresses().systemConfig());
  }

  @Test
  void systemConfigInitialisationEmittedItsUpdates() {
    List<L1Receipt> receipts = client.receipts(d.startBlock().hash()).join();
    SystemConfigLogDecoder.BlockUpdates u =
        SystemConfigLogDecoder.updatesIn(receipts, d.systemConfig().proxy());
    Bytes32 scalar =
        Bytes32.fromHexString("0x01" + "0".repeat(46) + String.format("%08x%08x", 810_949, 1368));
    assertEquals(
        List.of(
            new SystemConfigUpdate.Batcher(BATCHER),
            new SystemConfigUpdate.FeeScalars(Bytes32.ZERO, scalar),
            new SystemConfigUpdate.GasLimit(60_000_000)),
        u.updates());
    assertTrue(u.skipped().isEmpty());
    assertEquals(
        Optional.of(new SystemConfigUpdate.EcotoneScalars(1368, 810_949)),
        ((SystemConfigUpdate.FeeScalars) u.updates().get(1)).ecotoneScalars());
  }

  /** keccak256(bytes32(0) ‖ keccak256(blockHash ‖ bytes32(logIndex))), written out here. */
  private static Hash sourceHash(Hash block, long logIndex) {
    byte[] inner = new byte[64];
    System.arraycopy(block.toArray(), 0, inner, 0, 32);
    System.arraycopy(Bytes32.leftPad(Bytes.ofUnsignedLong(logIndex)).toArray(), 0, inner, 32, 32);
    byte[] outer = new byte[64];
    System.arraycopy(Keccak256.hash(inner), 0, outer, 32, 32);
    return Hash.wrap(Keccak256.hash(outer));
  }

  /** The one deposit of the block holding {@code receipt}, with the index of its log. */
  private DepositTransaction depositOf(L1Receipt receipt) {
    List<L1Receipt> block = client.receipts(receipt.blockHash()).join();
    List<DepositTransaction> deposits = DepositLogDecoder.depositsIn(block, d.depositContract());
    assertEquals(1, deposits.size());
    L1Log log =
        receipt.logs().stream()
            .filter(l -> l.log().address().equals(d.depositContract()))
            .findFirst()
            .orElseThrow();
    assertEquals(sourceHash(receipt.blockHash(), log.logIndex()), deposits.getFirst().sourceHash());
    return deposits.getFirst();
  }

  @Test
  void depositsDecodeIntoDepositTransactions() {
    Address portal = d.depositContract();
    var depositTransaction = artifacts.get("OptimismPortal").function("depositTransaction");
    L1TransactionSender user = sender(1);
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000c0ffe");
    UInt256 portalBefore = client.balance(portal, BlockSelector.latest()).join();
    long fromBlock = anvil.blockNumber() + 1;

    // A call deposit minting 1 ETH and sending a quarter of it on.
    Bytes callData = Bytes.fromHexString("0xabcdef");
    L1Receipt r1 =
        user.sendAndWait(
                TxRequest.call(
                        portal,
                        depositTransaction.encodeCall(
                            recipient,
                            ETHER.divide(4).toUnsignedBigInteger(),
                            BigInteger.valueOf(100_000),
                            false,
                            callData))
                    .withValue(ETHER))
            .join();
    DepositTransaction call = depositOf(r1);
    assertEquals(user.address(), call.from());
    assertEquals(Optional.of(recipient), call.to());
    assertEquals(ETHER, call.mint());
    assertEquals(ETHER.divide(4), call.value());
    assertEquals(100_000, call.gasLimit());
    assertEquals(callData, call.data());

    // A contract-creation deposit: no recipient, the data is init code.
    Bytes initCode = Bytes.fromHexString("0x6c36600060003760aa366000a100600052600d6013f3");
    L1Receipt r2 =
        user.sendAndWait(
                TxRequest.call(
                    portal,
                    depositTransaction.encodeCall(
                        Address.ZERO,
                        BigInteger.ZERO,
                        BigInteger.valueOf(300_000),
                        true,
                        initCode)))
            .join();
    DepositTransaction creation = depositOf(r2);
    assertTrue(creation.to().isEmpty());
    assertEquals(UInt256.ZERO, creation.mint());
    assertEquals(initCode, creation.data());

    // ETH sent straight to the portal: a deposit to the sender, 100,000 gas, no data.
    UInt256 tenth = ETHER.divide(10);
    L1Receipt r3 =
        user.sendAndWait(
                new TxRequest(
                    Optional.of(portal), Bytes.EMPTY, tenth, java.util.OptionalLong.empty()))
            .join();
    DepositTransaction plain = depositOf(r3);
    assertEquals(Optional.of(user.address()), plain.to());
    assertEquals(tenth, plain.mint());
    assertEquals(tenth, plain.value());
    assertEquals(100_000, plain.gasLimit());
    assertEquals(Bytes.EMPTY, plain.data());

    assertEquals(
        portalBefore.add(ETHER).add(tenth), client.balance(portal, BlockSelector.latest()).join());

    // The same three through eth_getLogs.
    List<L1Log> logs =
        client
            .logs(
                LogFilter.range(
                    fromBlock,
                    anvil.blockNumber(),
                    List.of(portal),
                    List.of(List.of(DepositLogDecoder.TRANSACTION_DEPOSITED))))
            .join();
    assertEquals(
        List.of(call, creation, plain), logs.stream().map(DepositLogDecoder::decode).toList());

    // A deposit below the minimum gas limit reverts on L1 and deposits nothing.
    L1Exception e =
        L1Exception.of(
            assertThrows(
                CompletionException.class,
                () ->
                    user.sendAndWait(
                            TxRequest.call(
                                    portal,
                                    depositTransaction.encodeCall(
                                        recipient,
                                        BigInteger.ZERO,
                                        BigInteger.valueOf(20_000),
                                        false,
                                        Bytes.EMPTY))
                                .withGasLimit(300_000))
                        .join()));
    assertEquals(L1Exception.Kind.CRITICAL, e.kind());
    assertTrue(e.getMessage().contains("reverted"), e.getMessage());
  }

  @Test
  void systemConfigUpdatesFromTheOwner() {
    Address sc = d.systemConfig().proxy();
    ContractArtifact systemConfig = artifacts.get("SystemConfig");
    L1TransactionSender owner = sender(0);
    Address newBatcher = Address.fromHex("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
    List<SystemConfigUpdate> seen = new java.util.ArrayList<>();
    for (Bytes call :
        List.of(
            systemConfig.function("setGasLimit").encodeCall(BigInteger.valueOf(70_000_000)),
            systemConfig.function("setBatcherHash").encodeCall(word(newBatcher)),
            systemConfig
                .function("setGasConfigEcotone")
                .encodeCall(BigInteger.valueOf(1000), BigInteger.valueOf(2000)),
            systemConfig.function("setUnsafeBlockSigner").encodeCall(newBatcher))) {
      L1Receipt r = owner.sendAndWait(TxRequest.call(sc, call)).join();
      SystemConfigLogDecoder.BlockUpdates u =
          SystemConfigLogDecoder.updatesIn(client.receipts(r.blockHash()).join(), sc);
      assertEquals(1, u.updates().size());
      seen.addAll(u.updates());
    }
    assertEquals(new SystemConfigUpdate.GasLimit(70_000_000), seen.get(0));
    assertEquals(new SystemConfigUpdate.Batcher(newBatcher), seen.get(1));
    assertEquals(
        Optional.of(new SystemConfigUpdate.EcotoneScalars(1000, 2000)),
        ((SystemConfigUpdate.FeeScalars) seen.get(2)).ecotoneScalars());
    assertEquals(new SystemConfigUpdate.UnsafeBlockSigner(newBatcher), seen.get(3));

    L1SystemConfig config =
        L1SystemConfig.fromGenesis(
            new GenesisSystemConfig(BATCHER, Bytes32.ZERO, Bytes32.ZERO, 60_000_000));
    for (SystemConfigUpdate u : seen) {
      config = config.apply(u, true);
    }
    assertEquals(word(config.batcher()), get(sc, "SystemConfig", "batcherHash"));
    assertEquals(BigInteger.valueOf(config.gasLimit()), get(sc, "SystemConfig", "gasLimit"));
    assertEquals(config.scalar().toUnsignedBigInteger(), get(sc, "SystemConfig", "scalar"));

    // Anyone else is refused, with the contract's reason.
    L1Exception e =
        L1Exception.of(
            assertThrows(
                CompletionException.class,
                () ->
                    sender(1)
                        .sendAndWait(
                            TxRequest.call(
                                    sc,
                                    systemConfig
                                        .function("setGasLimit")
                                        .encodeCall(BigInteger.valueOf(80_000_000)))
                                .withGasLimit(100_000))
                        .join()));
    assertTrue(e.getMessage().contains("Ownable: caller is not the owner"), e.getMessage());
  }
}
