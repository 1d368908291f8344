package io.opal.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.block.Log;
import io.opal.rpc.BlockParameter;
import io.opal.rpc.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A log filter (geth's {@code FilterCriteria}): a block hash or a block range, addresses (any of),
 * and topics by position, each position a set of alternatives or a wildcard. A log matches when its
 * address is listed (or none are), it has at least as many topics as the filter has positions, and
 * each position's topic is among that position's alternatives.
 *
 * @param topics one list per position; an empty list is a wildcard
 */
public record LogFilter(
    Optional<Hash> blockHash,
    Optional<BlockParameter> fromBlock,
    Optional<BlockParameter> toBlock,
    List<Address> addresses,
    List<List<Hash>> topics) {

  /** geth's limits on one filter. */
  static final int MAX_TOPICS = 4;

  static final int MAX_ADDRESSES = 1000;
  static final int MAX_ALTERNATIVES = 1000;

  public LogFilter {
    addresses = List.copyOf(addresses);
    topics = topics.stream().map(List::copyOf).toList();
  }

  /** Parses the filter object of eth_getLogs or a {@code logs} subscription. */
  public static LogFilter parse(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("cannot unmarshal non-object into filter criteria");
    }
    Optional<Hash> blockHash = member(n, "blockHash").map(JsonValues::hash);
    Optional<BlockParameter> from = member(n, "fromBlock").map(JsonValues::blockNumber);
    Optional<BlockParameter> to = member(n, "toBlock").map(JsonValues::blockNumber);
    if (blockHash.isPresent() && (from.isPresent() || to.isPresent())) {
      throw new IllegalArgumentException(
          "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    }
    List<Address> addresses = member(n, "address").map(LogFilter::addresses).orElse(List.of());
    List<List<Hash>> topics = member(n, "topics").map(LogFilter::topics).orElse(List.of());
    return new LogFilter(blockHash, from, to, addresses, topics);
  }

  private static Optional<JsonNode> member(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  private static List<Address> addresses(JsonNode n) {
    if (n.isTextual()) {
      return List.of(address(n, -1));
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException("invalid addresses in query");
    }
    if (n.size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException("exceed max addresses");
    }
    List<Address> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(address(n.get(i), i));
    }
    return out;
  }

  private static Address address(JsonNode n, int index) {
    try {
      return JsonValues.address(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (index < 0 ? "invalid address: " : "invalid address at index " + index + ": ")
              + e.getMessage());
    }
  }

  private static List<List<Hash>> topics(JsonNode n) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("invalid topics in query");
    }
    if (n.size() > MAX_TOPICS) {
      throw new IllegalArgumentException("exceed max topics");
    }
    List<List<Hash>> out = new ArrayList<>(n.size());
    for (JsonNode position : n) {
      out.add(alternatives(position));
    }
    return out;
  }

  /** One position: null (any), a topic, or a list of topics where a null also means any. */
  private static List<Hash> alternatives(JsonNode position) {
    if (position.isNull()) {
      return List.of();
    }
    if (position.isTextual()) {
      return List.of(JsonValues.hash(position));
    }
    if (!position.isArray()) {
      throw new IllegalArgumentException("invalid topic(s)");
    }
    if (position.size() > MAX_ALTERNATIVES) {
      throw new IllegalArgumentException("exceed max topics");
    }
    List<Hash> out = new ArrayList<>(position.size());
    for (JsonNode t : position) {
      if (t.isNull()) {
        return List.of();
      }
      out.add(JsonValues.hash(t));
    }
    return out;
  }

  public boolean matches(Log log) {
    if (!addresses.isEmpty() && !addresses.contains(log.address())) {
      return false;
    }
    if (topics.size() > log.topics().size()) {
      return false;
    }
    for (int i = 0; i < topics.size(); i++) {
      List<Hash> any = topics.get(i);
      if (!any.isEmpty() && !any.contains(log.topics().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a block with this bloom may hold a matching log (false: it surely holds none). */
  public boolean mightMatch(Bloom bloom) {
    if (!addresses.isEmpty() && addresses.stream().noneMatch(bloom::mightContain)) {
      return false;
    }
    for (List<Hash> any : topics) {
      if (!any.isEmpty() && any.stream().noneMatch(bloom::mightContain)) {
        return false;
      }
    }
    return true;
  }
}
