package io.opal.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A request's {@code id}, echoed exactly in its response: a number keeps its literal text ({@code
 * 1.50} stays {@code 1.50}), a string its value, and {@code null} stays null.
 */
sealed interface RequestId {
  RequestId NULL = new NullId();

  void writeTo(JsonGenerator g) throws IOException;

  record NumberId(String literal) implements RequestId {
    @Override
    public void writeTo(JsonGenerator g) throws IOException {
      g.writeNumber(literal);
    }
  }

  record StringId(String value) implements RequestId {
    @Override
    public void writeTo(JsonGenerator g) throws IOException {
      g.writeString(value);
    }
  }

  record NullId() implements RequestId {
    @Override
    public void writeTo(JsonGenerator g) throws IOException {
      g.writeNull();
    }
  }
}
