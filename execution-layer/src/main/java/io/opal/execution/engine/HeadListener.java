package io.opal.execution.engine;

/**
 * Told of every unsafe-head move, in order, on the engine's writer thread after the change is
 * committed. Must be quick (hand work to another thread); an exception it throws is logged and does
 * not undo the change or stop other listeners.
 */
@FunctionalInterface
public interface HeadListener {
  void onHeadChange(HeadChange change);
}
