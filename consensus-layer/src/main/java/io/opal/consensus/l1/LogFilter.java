package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;
import java.util.Optional;

/**
 * An {@code eth_getLogs} filter: a block range (or one block by hash), the emitting addresses (any
 * if empty) and, per topic position, the accepted values (any if the position's list is empty).
 */
public record LogFilter(
    Optional<BlockSelector> fromBlock,
    Optional<BlockSelector> toBlock,
    Optional<Hash> blockHash,
    List<Address> addresses,
    List<List<Hash>> topics) {

  public LogFilter {
    addresses = List.copyOf(addresses);
    topics = topics.stream().map(List::copyOf).toList();
    if (blockHash.isPresent() && (fromBlock.isPresent() || toBlock.isPresent())) {
      throw new IllegalArgumentException("a log filter takes a block hash or a range, not both");
    }
    if (topics.size() > 4) {
      throw new IllegalArgumentException("a log has at most 4 topics");
    }
  }

  /** Logs of blocks {@code from..to} (inclusive) emitted by one of {@code addresses}. */
  public static LogFilter range(
      long from, long to, List<Address> addresses, List<List<Hash>> topics) {
    return new LogFilter(
        Optional.of(BlockSelector.number(from)),
        Optional.of(BlockSelector.number(to)),
        Optional.empty(),
        addresses,
        topics);
  }

  /** Logs of one block emitted by one of {@code addresses}. */
  public static LogFilter block(Hash blockHash, List<Address> addresses, List<List<Hash>> topics) {
    return new LogFilter(
        Optional.empty(), Optional.empty(), Optional.of(blockHash), addresses, topics);
  }
}
