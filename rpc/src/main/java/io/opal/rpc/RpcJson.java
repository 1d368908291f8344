package io.opal.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one Jackson configuration of the JSON-RPC server: requests are parsed with tight structural
 * limits (nesting depth, number length) so that a hostile body costs memory in proportion to its
 * size and never a deep recursion.
 */
final class RpcJson {
  /** Parameters of real methods nest a few levels (state overrides: 4); 64 leaves ample room. */
  static final int MAX_NESTING = 64;

  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxNumberLength(128)
                  .maxNameLength(4096)
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private RpcJson() {}

  static JsonNode readTree(byte[] source, int offset, int length) throws IOException {
    return MAPPER.readTree(FACTORY.createParser(source, offset, length));
  }
}
