package io.opal.execution.op.replay;

import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.OpBlockExecutor;
import io.opal.execution.op.TransactionSource;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Re-executes an {@link OpExecutionFixture} with no database: the block is built from its payload
 * attributes on a {@link WitnessWorldState} of the parent's state root, and its hash compared with
 * the real block's.
 *
 * <p>BLOCKHASH can only be answered for the parent and the grandparent (the parent header names its
 * own parent); a request for an older block is answered with zero and reported in {@link
 * Result#unknownBlockHashes()}, so a mismatch it causes can be told apart.
 */
public final class BlockReplay {
  private BlockReplay() {}

  /** The outcome of a replay. */
  public record Result(
      OpExecutionFixture fixture, ExecutedBlock block, List<Long> unknownBlockHashes) {

    public Hash computedHash() {
      return block.hash();
    }

    public boolean matches() {
      return block.hash().equals(fixture.expectedBlockHash());
    }
  }

  /** Builds the fixture's block from its attributes. */
  public static Result build(OpExecutionFixture f) throws BlockValidationException {
    Ancestors ancestors = new Ancestors(f.parent());
    ExecutedBlock block =
        executor(f)
            .build(
                f.parent(),
                new WitnessWorldState(f.parent().stateRoot(), f.witness()),
                f.attributes(),
                TransactionSource.EMPTY,
                ancestors);
    return new Result(f, block, List.copyOf(ancestors.unknown));
  }

  /**
   * Executes the real block (its header known from elsewhere, e.g. the next fixture's parent) and
   * validates every header field against its execution.
   */
  public static ExecutedBlock validate(OpExecutionFixture f, Block block)
      throws BlockValidationException {
    return executor(f)
        .execute(
            f.parent(),
            new WitnessWorldState(f.parent().stateRoot(), f.witness()),
            block,
            new Ancestors(f.parent()));
  }

  /** The block whose header is {@code header} and whose body is the fixture's transactions. */
  public static Block realBlock(OpExecutionFixture f, BlockHeader header)
      throws BlockValidationException {
    return new Block(header, build(f).block().block().body());
  }

  private static OpBlockExecutor executor(OpExecutionFixture f) {
    return new OpBlockExecutor(f.config(), new CodeCache(1024));
  }

  /** Hashes of blocks before the parent that the fixture can name: only the grandparent. */
  private static final class Ancestors implements BlockHashLookup {
    private final BlockHeader parent;
    final SortedSet<Long> unknown = new TreeSet<>();

    Ancestors(BlockHeader parent) {
      this.parent = parent;
    }

    @Override
    public Hash hash(long number) {
      if (number == parent.number() - 1) {
        return parent.parentHash();
      }
      unknown.add(number);
      return Hash.ZERO;
    }
  }
}
