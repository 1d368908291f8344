package io.opal.execution.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.opal.execution.op.L1BlockInfo;
import io.opal.execution.op.replay.OpExecutionFixture;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.testing.Fixtures;
import io.opal.primitives.tx.DepositTransaction;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The L1-info deposit the dev producer makes, against real OP Sepolia blocks' first deposits. */
class L1InfoDepositTest {

  @TestFactory
  Stream<DynamicTest> rebuildsTheRealL1InfoDeposits() {
    return Fixtures.jsonFiles("op-execution").stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws Exception {
    OpExecutionFixture f = OpExecutionFixture.load(file);
    DepositTransaction real =
        assertInstanceOf(DepositTransaction.class, f.attributes().transactions().get(0));
    L1BlockInfo info = L1BlockInfo.decode(real.data().toArrayUnsafe());
    assertEquals(L1InfoDeposit.format(f.config(), f.attributes().timestamp()), info.format());
    assertEquals(real, L1InfoDeposit.of(info, true));
  }

  @Test
  void activationBlocksKeepThePreviousFormat() {
    Map<OpFork, Long> times = new java.util.EnumMap<>(OpFork.class);
    times.put(OpFork.HOLOCENE, 0L);
    times.put(OpFork.ISTHMUS, 100L);
    times.put(OpFork.JOVIAN, 200L);
    RollupConfig c = EngineTestChain.config(OpFork.HOLOCENE);
    c =
        new RollupConfig(
            c.genesisL1(),
            c.genesisL2(),
            0,
            c.systemConfig(),
            2,
            c.maxSequencerDrift(),
            c.seqWindowSize(),
            c.channelTimeout(),
            c.graniteChannelTimeout(),
            c.l1ChainId(),
            c.l2ChainId(),
            io.opal.primitives.config.OpForkSchedule.of(times),
            c.pectraBlobScheduleTime(),
            c.batchInboxAddress(),
            c.depositContractAddress(),
            c.l1SystemConfigAddress(),
            c.protocolVersionsAddress(),
            c.eip1559());
    assertEquals(L1BlockInfo.Format.ECOTONE, L1InfoDeposit.format(c, 98));
    assertEquals(L1BlockInfo.Format.ECOTONE, L1InfoDeposit.format(c, 100));
    assertEquals(L1BlockInfo.Format.ISTHMUS, L1InfoDeposit.format(c, 102));
    assertEquals(L1BlockInfo.Format.ISTHMUS, L1InfoDeposit.format(c, 200));
    assertEquals(L1BlockInfo.Format.JOVIAN, L1InfoDeposit.format(c, 202));
  }
}
