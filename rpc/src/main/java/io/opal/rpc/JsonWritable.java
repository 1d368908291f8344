package io.opal.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A result that writes itself as one JSON value, straight into the response stream: encoders of
 * large results (blocks with their transactions, logs, traces) implement it so that no intermediate
 * tree is built.
 */
@FunctionalInterface
public interface JsonWritable {
  void writeJson(JsonGenerator out) throws IOException;
}
