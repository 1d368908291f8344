package io.opal.execution.op.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Real OP Sepolia blocks (Holocene) rebuilt statelessly from their witnesses and attributes. */
class BlockReplayTest {

  @TestFactory
  Stream<DynamicTest> everyFixtureBlockReproducesItsRealHash() {
    List<Path> files = Fixtures.jsonFiles("op-execution");
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      OpExecutionFixture f = OpExecutionFixture.load(file);
                      BlockReplay.Result r;
                      r = BlockReplay.build(f);
                      assertEquals(
                          f.expectedBlockHash(),
                          r.computedHash(),
                          () ->
                              "block "
                                  + r.block().block().number()
                                  + " "
                                  + r.block().block().header());
                      assertTrue(r.matches());
                    }));
  }
}
