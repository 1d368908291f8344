package io.opal.rpc;

import java.util.Optional;

/**
 * The named blocks of the JSON-RPC API. On an OP chain {@code latest} is the unsafe head, {@code
 * safe} the head derived from L1 data, {@code finalized} the head derived from finalized L1 data;
 * {@code pending} is answered as {@code latest} (op-geth builds no pending block).
 */
public enum BlockTag {
  EARLIEST("earliest"),
  LATEST("latest"),
  PENDING("pending"),
  SAFE("safe"),
  FINALIZED("finalized");

  private final String jsonName;

  BlockTag(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public static Optional<BlockTag> fromJsonName(String name) {
    for (BlockTag t : values()) {
      if (t.jsonName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
