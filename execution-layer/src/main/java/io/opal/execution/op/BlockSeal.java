package io.opal.execution.op;

import io.opal.execution.state.WorldState;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles the header and body of an executed OP block, with the fields each fork adds: the London
 * base fee (Bedrock), the empty withdrawals list and root (Canyon), blob gas fields and the parent
 * beacon block root (Ecotone; Jovian puts the DA footprint in blobGasUsed), the L2ToL1MessagePasser
 * storage root as withdrawals root and the empty requests hash (Isthmus).
 */
final class BlockSeal {
  private BlockSeal() {}

  /** sha256 of nothing: EIP-7685's requests hash of a block without requests. */
  static final Hash EMPTY_REQUESTS_HASH =
      Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  /** The header's transactions root, receipts root and logs bloom, computed by the builder. */
  record Roots(Hash transactionsRoot, Hash receiptsRoot, Bloom logsBloom) {}

  static ExecutedBlock seal(
      RollupConfig config,
      OpFork fork,
      BlockTemplate t,
      WorldState world,
      List<ExecutedTransaction> txs,
      Roots roots,
      long gasUsed,
      long daFootprint,
      Optional<EncodedItems> encoded) {
    List<Transaction> transactions = new ArrayList<>(txs.size());
    for (ExecutedTransaction tx : txs) {
      transactions.add(tx.transaction());
    }
    BlockHeader.Builder h =
        BlockHeader.builder()
            .parentHash(t.parentHash())
            .ommersHash(Hash.EMPTY_LIST)
            .beneficiary(t.beneficiary())
            .stateRoot(world.stateRoot())
            .transactionsRoot(roots.transactionsRoot())
            .receiptsRoot(roots.receiptsRoot())
            .logsBloom(roots.logsBloom())
            .number(t.number())
            .gasLimit(t.gasLimit())
            .gasUsed(gasUsed)
            .timestamp(t.timestamp())
            .extraData(t.extraData())
            .mixHash(t.prevRandao())
            .baseFeePerGas(t.baseFee());
    boolean canyon = fork.isAtLeast(OpFork.CANYON);
    if (canyon) {
      h.withdrawalsRoot(
          fork.isAtLeast(OpFork.ISTHMUS)
              ? world.storageRoot(Predeploys.L2_TO_L1_MESSAGE_PASSER)
              : Hash.EMPTY_TRIE);
    }
    if (fork.isAtLeast(OpFork.ECOTONE)) {
      h.blobGasUsed(fork.isAtLeast(OpFork.JOVIAN) ? daFootprint : 0);
      h.excessBlobGas(0);
      h.parentBeaconBlockRoot(t.parentBeaconBlockRoot().orElse(Hash.ZERO));
    }
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      h.requestsHash(EMPTY_REQUESTS_HASH);
    }
    BlockHeader header = h.build();
    BlockBody body =
        new BlockBody(transactions, List.of(), canyon ? Optional.of(List.of()) : Optional.empty());
    Block block = new Block(header, body);
    return new ExecutedBlock(block, header.hash(), txs, encoded);
  }
}
