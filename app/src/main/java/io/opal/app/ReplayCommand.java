package io.opal.app;

import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.HeaderDiff;
import io.opal.execution.op.replay.BlockReplay;
import io.opal.execution.op.replay.MissingWitnessException;
import io.opal.execution.op.replay.OpExecutionFixture;
import io.opal.primitives.block.BlockHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code opal replay FIXTURE.json...}: rebuilds the block of each op-execution fixture statelessly
 * (from its witness, on its parent header, from its payload attributes) and compares the block hash
 * with the real one.
 */
@Command(
    name = "replay",
    description =
        "Rebuild an OP block from an op-execution fixture (rollup config, parent header, payload"
            + " attributes, witness) without a database and compare its hash with the real block's."
            + " Prints the computed and expected hashes and 'match' or 'MISMATCH'; on a mismatch,"
            + " the header fields that differ when the real header is known (another fixture in"
            + " the same folder whose parent is this block). Exit code 1 unless every block"
            + " matches.")
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FIXTURE", description = "op-execution fixture files.")
  List<Path> fixtures;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allMatch = true;
    for (Path file : fixtures) {
      allMatch &= replay(file, out, err);
    }
    out.flush();
    return allMatch ? 0 : 1;
  }

  private boolean replay(Path file, PrintWriter out, PrintWriter err) {
    OpExecutionFixture f;
    try {
      f = OpExecutionFixture.load(file);
    } catch (IOException | IllegalArgumentException e) {
      err.println(file + ": cannot load the fixture: " + e.getMessage());
      return false;
    }
    long number = f.parent().number() + 1;
    out.println("block " + number + " (" + file.getFileName() + ")");
    BlockReplay.Result r;
    try {
      r = BlockReplay.build(f);
    } catch (BlockValidationException e) {
      out.println("  invalid block (" + e.reason() + "): " + e.getMessage());
      out.println("  MISMATCH");
      return false;
    } catch (MissingWitnessException e) {
      out.println("  " + e.getMessage() + ": the fixture's witness is incomplete");
      out.println("  MISMATCH");
      return false;
    }
    out.println("  computed " + r.computedHash());
    out.println("  expected " + f.expectedBlockHash());
    if (r.matches()) {
      out.println("  match");
      return true;
    }
    out.println("  MISMATCH");
    Optional<BlockHeader> real = realHeader(file, number);
    if (real.isPresent()) {
      for (HeaderDiff.Field d : HeaderDiff.between(real.get(), r.block().block().header())) {
        out.println("    " + d);
      }
    } else {
      out.println(
          "    the real header is unknown (no fixture in the folder has this block as parent):"
              + " cannot tell which fields differ");
    }
    if (!r.unknownBlockHashes().isEmpty()) {
      out.println(
          "    BLOCKHASH asked for blocks the fixture cannot name (answered with zero): "
              + r.unknownBlockHashes());
    }
    return false;
  }

  /** The real header of block {@code number}: the parent header of a sibling fixture, if any. */
  private static Optional<BlockHeader> realHeader(Path file, long number) {
    Path dir = file.toAbsolutePath().getParent();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path sibling : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        if (sibling.equals(file.toAbsolutePath())) {
          continue;
        }
        try {
          OpExecutionFixture other = OpExecutionFixture.load(sibling);
          if (other.parent().number() == number) {
            return Optional.of(other.parent());
          }
        } catch (IOException | IllegalArgumentException e) {
          // not a fixture of this kind: ignore it
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
