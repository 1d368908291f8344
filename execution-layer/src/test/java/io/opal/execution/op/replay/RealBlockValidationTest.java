package io.opal.execution.op.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.HeaderDiff;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The validating path on real OP Sepolia blocks: each fixture's block, with its real header (the
 * next fixture's parent header), executed as a received block.
 */
class RealBlockValidationTest {

  /** Fixtures paired with the real header of their block, where the next fixture names it. */
  private static List<Object[]> pairs() throws Exception {
    List<Path> files = Fixtures.jsonFiles("op-execution");
    List<OpExecutionFixture> fixtures = new ArrayList<>();
    for (Path f : files) {
      fixtures.add(OpExecutionFixture.load(f));
    }
    List<Object[]> out = new ArrayList<>();
    for (OpExecutionFixture f : fixtures) {
      for (OpExecutionFixture next : fixtures) {
        if (next.parent().number() == f.parent().number() + 1) {
          out.add(new Object[] {f, next.parent()});
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> realBlocksValidate() throws Exception {
    return pairs().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    ((OpExecutionFixture) p[0]).name(),
                    () -> {
                      OpExecutionFixture f = (OpExecutionFixture) p[0];
                      BlockHeader real = (BlockHeader) p[1];
                      assertEquals(f.expectedBlockHash(), real.hash());
                      ExecutedBlock b = BlockReplay.validate(f, BlockReplay.realBlock(f, real));
                      assertEquals(f.expectedBlockHash(), b.hash());
                    }));
  }

  @Test
  void aForgedHeaderIsRejectedNamingTheFields() throws Exception {
    Object[] p = pairs().get(0);
    OpExecutionFixture f = (OpExecutionFixture) p[0];
    BlockHeader real = (BlockHeader) p[1];
    Block block = BlockReplay.realBlock(f, real);
    Block forged =
        new Block(
            real.toBuilder()
                .stateRoot(real.receiptsRoot())
                .logsBloom(io.opal.primitives.block.Bloom.EMPTY)
                .build(),
            block.body());
    BlockValidationException e =
        assertThrows(BlockValidationException.class, () -> BlockReplay.validate(f, forged));
    assertEquals(BlockValidationException.Reason.HEADER_MISMATCH, e.reason());
    assertEquals(
        List.of("stateRoot", "logsBloom"),
        e.mismatches().stream().map(HeaderDiff.Field::name).toList());
    Block badExtra =
        new Block(real.toBuilder().extraData(Bytes.fromHexString("0x01")).build(), block.body());
    e = assertThrows(BlockValidationException.class, () -> BlockReplay.validate(f, badExtra));
    assertEquals(BlockValidationException.Reason.INVALID_HEADER, e.reason());
  }
}
