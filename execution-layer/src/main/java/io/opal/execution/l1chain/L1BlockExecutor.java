package io.opal.execution.l1chain;

import io.opal.execution.evm.BlockHashLookup;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.op.BlockValidationException;
import io.opal.execution.op.BlockValidationException.Reason;
import io.opal.execution.op.ExecutedBlock;
import io.opal.execution.op.HeaderDiff;
import io.opal.execution.state.WorldState;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.Transaction;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Executes a received L1 block on its parent's state and checks that it reproduces every header
 * field: the header rules that need no execution first (number, parent, time, gas limit bounds,
 * post-merge constants, base fee, blob gas, extraData size), then execution and a comparison of the
 * rebuilt header. Thread-safe apart from the shared code cache.
 */
public final class L1BlockExecutor {
  /** EIP-1559's bound on the gas limit change from the parent: 1/1024 of it. */
  private static final long GAS_LIMIT_BOUND_DIVISOR = 1024;

  private static final long MIN_GAS_LIMIT = 5000;
  private static final int MAX_EXTRA_DATA = 32;

  private final L1Rules rules;
  private final CodeCache codeCache;

  public L1BlockExecutor(L1Rules rules, CodeCache codeCache) {
    this.rules = rules;
    this.codeCache = codeCache;
  }

  public L1Rules rules() {
    return rules;
  }

  /**
   * @throws BlockValidationException naming the broken rule or the differing header fields
   */
  public ExecutedBlock execute(
      BlockHeader parent, WorldState world, Block block, BlockHashLookup ancestors)
      throws BlockValidationException {
    BlockHeader h = block.header();
    Optional<String> problem = headerProblem(parent, h);
    if (problem.isPresent()) {
      throw new BlockValidationException(Reason.INVALID_HEADER, problem.get());
    }
    if (!block.body().ommers().isEmpty()) {
      throw new BlockValidationException(Reason.INVALID_BODY, "a block cannot have ommers");
    }
    if (block.body().withdrawals().isEmpty()) {
      throw new BlockValidationException(Reason.INVALID_BODY, "withdrawals are missing");
    }
    L1BlockAttributes attributes =
        new L1BlockAttributes(
            h.timestamp(),
            h.beneficiary(),
            h.mixHash(),
            h.gasLimit(),
            h.parentBeaconBlockRoot().orElseThrow(),
            h.extraData());
    L1BlockBuilder builder =
        new L1BlockBuilder(rules, codeCache, parent, world, attributes, ancestors);
    for (Transaction tx : block.body().transactions()) {
      builder.addForced(tx);
    }
    ExecutedBlock sealed = builder.seal(block.body().withdrawals().get());
    List<HeaderDiff.Field> diffs = HeaderDiff.between(h, sealed.block().header());
    if (!diffs.isEmpty()) {
      throw BlockValidationException.headerMismatch(diffs);
    }
    return sealed;
  }

  /** The rules a header must follow from its parent before anything is executed. */
  public Optional<String> headerProblem(BlockHeader parent, BlockHeader h) {
    String problem = null;
    long limitDelta = Math.abs(h.gasLimit() - parent.gasLimit());
    if (h.number() != parent.number() + 1) {
      problem = "number " + h.number() + " does not follow the parent's " + parent.number();
    } else if (!h.parentHash().equals(parent.hash())) {
      problem = "parentHash is not the parent's hash";
    } else if (Long.compareUnsigned(h.timestamp(), parent.timestamp()) <= 0) {
      problem = "timestamp is not after the parent's";
    } else if (h.gasLimit() < MIN_GAS_LIMIT
        || limitDelta >= parent.gasLimit() / GAS_LIMIT_BOUND_DIVISOR) {
      problem =
          "gasLimit " + h.gasLimit() + " is out of bounds of the parent's " + parent.gasLimit();
    } else if (Long.compareUnsigned(h.gasUsed(), h.gasLimit()) > 0) {
      problem = "gasUsed exceeds gasLimit";
    } else if (h.extraData().size() > MAX_EXTRA_DATA) {
      problem = "extraData is longer than 32 bytes";
    } else if (!h.difficulty().equals(UInt256.ZERO) || !h.nonce().equals(Bytes.wrap(new byte[8]))) {
      problem = "difficulty and nonce must be zero after the merge";
    } else if (!h.ommersHash().equals(Hash.EMPTY_LIST)) {
      problem = "sha3Uncles must be the empty list's hash";
    } else if (h.baseFeePerGas().isEmpty()
        || h.baseFeePerGas().getAsLong() != L1Rules.nextBaseFee(parent)) {
      problem = "baseFeePerGas is not " + L1Rules.nextBaseFee(parent);
    } else if (h.excessBlobGas().isEmpty()
        || h.blobGasUsed().isEmpty()
        || h.parentBeaconBlockRoot().isEmpty()) {
      problem = "blob gas fields and parentBeaconBlockRoot are required from Cancun";
    } else if (h.excessBlobGas().getAsLong() != rules.nextExcessBlobGas(parent)) {
      problem = "excessBlobGas is not " + rules.nextExcessBlobGas(parent);
    } else if (h.blobGasUsed().getAsLong() > rules.maxBlobGas()
        || h.blobGasUsed().getAsLong() % L1Rules.GAS_PER_BLOB != 0) {
      problem = "blobGasUsed " + h.blobGasUsed().getAsLong() + " is not a valid blob gas amount";
    } else if (h.requestsHash().isPresent() != rules.hasRequests()) {
      problem = "requestsHash must be present exactly from Prague";
    }
    return Optional.ofNullable(problem);
  }
}
