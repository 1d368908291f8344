package io.opal.consensus.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.devnet.genesis.DevnetL2Params;
import io.opal.consensus.devnet.l1.L1Deployment;
import io.opal.consensus.l1.Anvil;
import io.opal.consensus.l1.DepositSource;
import io.opal.consensus.l1.JsonRpcL1Client;
import io.opal.consensus.l1.L1Header;
import io.opal.consensus.l1.L1Log;
import io.opal.consensus.l1.L1Receipt;
import io.opal.consensus.l1.L1TransactionSender;
import io.opal.consensus.l1.L1TransactionSender.TxRequest;
import io.opal.consensus.l1.TaskScheduler;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.Predeploys;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.Transaction;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, 5b: anvil as L1 with the OP contracts deployed on it, an L2 genesis and rollup config
 * naming that deployment, and the sequencer with a real engine in-process. A deposit made on L1
 * appears on L2; the GasPriceOracle reports the L1 fee inputs the sequencer put in the L1-info
 * deposits.
 */
class SequencerAnvilTest {
  static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);

  @Test
  void depositOnL1AppearsOnL2AndGasPriceOracleMatches() throws Exception {
    try (AnvilRollup r0 = new AnvilRollup()) {
      OpContracts artifacts = r0.artifacts;
      JsonRpcL1Client l1 = r0.l1;
      Vertx vertx = r0.vertx;
      L1Deployment d = r0.deployment;
      RollupConfig rollup = r0.rollup;
      ExecutionEngine engine = r0.engine;
      Sequencer sequencer = r0.sequencer;
      sequencer.start(r0.driver);

      // A deposit minting 1 ETH and sending a quarter of it to a fresh address.
      L1TransactionSender user =
          new L1TransactionSender(
              l1,
              Anvil.DEV_KEYS.get(1),
              d.l1ChainId(),
              TaskScheduler.vertx(vertx),
              Duration.ofMillis(50),
              Duration.ofSeconds(30));
      Address recipient = Address.fromHex("0x00000000000000000000000000000000000c0ffe");
      var depositTransaction = artifacts.get("OptimismPortal").function("depositTransaction");
      L1Receipt r =
          user.sendAndWait(
                  TxRequest.call(
                          d.depositContract(),
                          depositTransaction.encodeCall(
                              recipient,
                              ETHER.divide(4).toUnsignedBigInteger(),
                              BigInteger.valueOf(100_000),
                              false,
                              org.apache.tuweni.bytes.Bytes.EMPTY))
                      .withValue(ETHER))
              .join();
      L1Log log = r.logs().getLast();
      Hash sourceHash = DepositSource.userDeposit(r.blockHash(), log.logIndex());

      // Wait for the L2 block whose epoch is the deposit's L1 block.
      long deadline = System.nanoTime() + 60_000_000_000L;
      Optional<Block> found = Optional.empty();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        found = findDeposit(engine, sourceHash);
        assertTrue(sequencer.active(), "sequencer halted: " + sequencer.lastFailure());
      }
      Block block = found.orElseThrow(() -> new AssertionError("the deposit never reached L2"));
      sequencer.stop();

      List<Transaction> txs = block.body().transactions();
      int index = indexOf(txs, sourceHash);
      DepositTransaction dep = (DepositTransaction) txs.get(index);
      assertEquals(user.address(), dep.from());
      assertEquals(ETHER, dep.mint());
      assertEquals(r.blockHash(), L2Blocks.l1Info(block).blockHash(), "first block of the epoch");
      assertEquals(0, L2Blocks.l1Info(block).sequenceNumber());
      Receipt receipt = engine.receipts(block.hash()).orElseThrow().get(index);
      assertTrue(receipt instanceof DepositReceipt, "a deposit receipt: " + receipt);
      assertTrue(receipt.outcome() instanceof Receipt.Status s && s.success());
      var state = engine.stateAt(block.hash()).orElseThrow();
      assertEquals(ETHER.divide(4), state.account(recipient).orElseThrow().balance());
      assertEquals(
          DevnetL2Params.DEV_BALANCE.add(ETHER).subtract(ETHER.divide(4)),
          state.account(user.address()).orElseThrow().balance(),
          "the minted ether less the value sent on");

      // The GasPriceOracle (reading L1Block) reports what the L1-info deposit set.
      L1BlockInfo info = L2Blocks.l1Info(block);
      L1Header origin = l1.headerByHash(info.blockHash()).join();
      assertEquals(BigInteger.valueOf(origin.header().baseFeePerGas().getAsLong()), info.baseFee());
      assertEquals(info.baseFee(), gpo(rollup, block, state, "l1BaseFee()"));
      assertEquals(info.blobBaseFee(), gpo(rollup, block, state, "blobBaseFee()"));
      assertEquals(
          BigInteger.valueOf(info.baseFeeScalar()), gpo(rollup, block, state, "baseFeeScalar()"));
      assertEquals(
          BigInteger.valueOf(info.blobBaseFeeScalar()),
          gpo(rollup, block, state, "blobBaseFeeScalar()"));
      assertEquals(BigInteger.valueOf(1368), BigInteger.valueOf(info.baseFeeScalar()));
    }
  }

  private static Optional<Block> findDeposit(ExecutionEngine engine, Hash sourceHash) {
    long head = engine.heads().unsafe().number();
    for (long n = head; n >= 1; n--) {
      Block b = engine.block(n).orElseThrow();
      if (indexOf(b.body().transactions(), sourceHash) >= 0) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static int indexOf(List<Transaction> txs, Hash sourceHash) {
    for (int i = 0; i < txs.size(); i++) {
      if (txs.get(i) instanceof DepositTransaction d && d.sourceHash().equals(sourceHash)) {
        return i;
      }
    }
    return -1;
  }

  /** eth_call of a no-argument uint256 getter of the GasPriceOracle at {@code block}. */
  private static BigInteger gpo(
      RollupConfig rollup, Block block, io.opal.execution.state.StateReader state, String sig) {
    OpFork fork = rollup.forkAt(block.header().timestamp());
    TransactionProcessor p =
        new TransactionProcessor(
            EvmSpec.of(fork.evmFork()),
            PrecompileSet.of(Precompiles.forOpFork(fork)),
            new CodeCache(64),
            FeeHandler.ETHEREUM);
    var h = block.header();
    BlockEnv env =
        new BlockEnv(
            h.number(),
            h.beneficiary(),
            h.timestamp(),
            h.gasLimit(),
            UInt256.ZERO,
            UInt256.ZERO,
            h.mixHash(),
            0,
            rollup.l2ChainId(),
            n -> Hash.ZERO);
    byte[] selector = java.util.Arrays.copyOf(Hash.keccak(sig.getBytes()).toArray(), 4);
    MessageResult result =
        p.call(
            state,
            env,
            Address.ZERO,
            Predeploys.GAS_PRICE_ORACLE,
            UInt256.ZERO,
            selector,
            1_000_000);
    assertTrue(result.isSuccess(), sig + " failed: " + result);
    return new BigInteger(1, result.output());
  }
}
