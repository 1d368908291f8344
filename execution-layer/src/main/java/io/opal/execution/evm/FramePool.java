package io.opal.execution.evm;

/**
 * Call frames by depth, kept between transactions so that their stacks (32 KiB each) and memory
 * buffers are allocated once per thread rather than once per call. Not thread-safe: one pool per
 * executing thread.
 */
public final class FramePool {
  private final Frame[] frames = new Frame[Interpreter.MAX_DEPTH + 1];

  Frame get(int depth) {
    Frame f = frames[depth];
    if (f == null) {
      f = new Frame(depth);
      frames[depth] = f;
    }
    return f;
  }
}
