package io.opal.execution.statetest;

import io.opal.primitives.Hash;
import java.util.Optional;

/**
 * The result of one (test, fork, index) case; {@code error} explains a failure (or a skip) and
 * {@code stateRoot} is what we computed.
 */
public record CaseResult(
    String name,
    String fork,
    int index,
    Outcome outcome,
    Optional<Hash> stateRoot,
    Optional<String> error) {

  public enum Outcome {
    PASS,
    FAIL,
    SKIP
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }
}
