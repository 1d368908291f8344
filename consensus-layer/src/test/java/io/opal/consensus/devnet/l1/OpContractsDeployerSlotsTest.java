package io.opal.consensus.devnet.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.l1.Anvil;
import io.opal.consensus.l1.BlockSelector;
import io.opal.consensus.l1.CallRequest;
import io.opal.consensus.l1.JsonRpcL1Client;
import io.opal.consensus.l1.L1ClientConfig;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.primitives.Address;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The deployment on a chain with block slots (anvil --block-time 1, no automine), as on the
 * embedded devnet L1: the pipelined rounds must land in a handful of blocks.
 */
class OpContractsDeployerSlotsTest {

  @Test
  void deploysInAFewSlotsWithAChosenGenesisTimeAndOwner() {
    OpContracts artifacts = OpContracts.load().orElse(null);
    Assumptions.assumeTrue(
        artifacts != null, "OP contract artifacts not in this build (npm missing), skipped");
    Vertx vertx = Vertx.vertx();
    try (Anvil anvil = Anvil.start(Anvil.freePort(), "--block-time", "1");
        JsonRpcL1Client client =
            JsonRpcL1Client.connect(vertx, anvil.http(), L1ClientConfig.DEFAULT)) {
      long before = anvil.blockNumber();
      long genesisTime = client.headerByNumber(before).join().timestamp();
      Address owner = Anvil.devAddress(3);
      DevnetL1Params params =
          DevnetL1Params.defaults(Anvil.DEV_KEYS.get(2))
              .withL2ChainId(4242)
              .withOwner(owner)
              .withL2Timing(1, OptionalLong.of(genesisTime));
      L1Deployment d =
          new OpContractsDeployer(
                  client,
                  artifacts,
                  TaskScheduler.vertx(vertx),
                  Duration.ofMillis(200),
                  Duration.ofSeconds(60))
              .deploy(params);
      long used = anvil.blockNumber() - before;
      assertTrue(used <= 8, "three pipelined rounds took " + used + " blocks");
      assertEquals(Address.fromHex("0xff00000000000000000000000000000000004242"), d.batchInbox());
      assertEquals(genesisTime, d.l2GenesisTime());
      assertEquals(owner, call(client, artifacts, d.proxyAdmin(), "ProxyAdmin", "owner"));
      assertEquals(
          owner, call(client, artifacts, d.systemConfig().proxy(), "SystemConfig", "owner"));
      assertEquals(
          BigInteger.valueOf(genesisTime),
          call(
              client,
              artifacts,
              d.l2OutputOracle().proxy(),
              "L2OutputOracle",
              "startingTimestamp"));
      assertEquals(
          BigInteger.ONE,
          call(client, artifacts, d.l2OutputOracle().proxy(), "L2OutputOracle", "l2BlockTime"));
    } finally {
      vertx.close().await();
    }
  }

  private static Object call(
      JsonRpcL1Client client, OpContracts artifacts, Address at, String contract, String fn) {
    var f = artifacts.get(contract).function(fn);
    Bytes out = client.call(CallRequest.to(at, f.encodeCall()), BlockSelector.latest()).join();
    return f.decodeOutput(out).getFirst();
  }
}
