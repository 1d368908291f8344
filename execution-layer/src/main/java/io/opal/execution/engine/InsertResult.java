package io.opal.execution.engine;

import io.opal.execution.op.BlockValidationException;
import io.opal.primitives.Hash;
import io.opal.storage.BlockKey;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** What {@link ExecutionEngine#insert} made of a block. */
public sealed interface InsertResult {

  /**
   * The block is valid and stored.
   *
   * @param becameHead whether it extended the unsafe head and is now the head (otherwise it waits
   *     beside the canonical chain for a forkchoice update)
   * @param alreadyKnown whether it was stored before this call (nothing was executed)
   */
  record Valid(BlockKey block, boolean becameHead, boolean alreadyKnown) implements InsertResult {}

  /**
   * The block is invalid; nothing was stored.
   *
   * @param reason the broken rule
   * @param transactionIndex the transaction at fault, when one is
   * @param fields for a header that does not match its execution: the names of the differing fields
   * @param message what exactly was wrong
   */
  record Invalid(
      Hash block,
      BlockValidationException.Reason reason,
      OptionalInt transactionIndex,
      List<String> fields,
      String message)
      implements InsertResult {
    public Invalid {
      Objects.requireNonNull(reason);
      fields = List.copyOf(fields);
    }

    static Invalid of(Hash block, BlockValidationException e) {
      return new Invalid(
          block,
          e.reason(),
          e.transactionIndex(),
          e.mismatches().stream().map(f -> f.name()).toList(),
          e.getMessage());
    }
  }

  /** The parent is not stored: sync must fetch it first. */
  record MissingParent(Hash block, Hash parentHash) implements InsertResult {}
}
