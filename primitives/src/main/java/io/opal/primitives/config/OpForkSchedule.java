package io.opal.primitives.config;

import io.opal.primitives.fork.OpFork;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each OP upgrade activates (by L2 block timestamp). The one place that answers "which fork is
 * active at time t": everything else asks it.
 */
public final class OpForkSchedule {
  private final EnumMap<OpFork, Long> times;

  private OpForkSchedule(EnumMap<OpFork, Long> times) {
    this.times = times;
  }

  /**
   * Builds a schedule from the activation times a config names. Bedrock is always active. A fork
   * the config does not name is active at genesis when a later fork is named (the registry omits
   * e.g. Regolith for chains that had it from the start), and never active otherwise. Times must
   * not decrease along the fork order.
   */
  public static OpForkSchedule of(Map<OpFork, Long> named) {
    EnumMap<OpFork, Long> times = new EnumMap<>(OpFork.class);
    times.put(OpFork.BEDROCK, 0L);
    OpFork[] forks = OpFork.values();
    int lastNamed = -1;
    for (int i = 0; i < forks.length; i++) {
      if (named.containsKey(forks[i])) {
        lastNamed = i;
      }
    }
    long previous = 0;
    for (int i = 1; i <= lastNamed; i++) {
      Long t = named.get(forks[i]);
      long time = t == null ? previous : t;
      if (time < previous) {
        throw new ConfigException(
            forks[i].name().toLowerCase() + "_time " + time + " is before an earlier fork's time");
      }
      times.put(forks[i], time);
      previous = time;
    }
    return new OpForkSchedule(times);
  }

  /** The activation time of a fork, if it is scheduled at all. */
  public Optional<Long> activationTime(OpFork fork) {
    return Optional.ofNullable(times.get(fork));
  }

  public boolean isActive(OpFork fork, long timestamp) {
    Long t = times.get(fork);
    return t != null && timestamp >= t;
  }

  /** The latest fork active at {@code timestamp}. */
  public OpFork forkAt(long timestamp) {
    OpFork active = OpFork.BEDROCK;
    for (Map.Entry<OpFork, Long> e : times.entrySet()) {
      if (timestamp >= e.getValue()) {
        active = e.getKey();
      }
    }
    return active;
  }

  /**
   * Whether the block at {@code timestamp} is the first one of {@code fork}: the fork is active
   * there and was not at the previous block, {@code blockTime} seconds earlier. Upgrade
   * transactions go into exactly this block.
   */
  public boolean isActivationBlock(OpFork fork, long timestamp, long blockTime) {
    return isActive(fork, timestamp) && !isActive(fork, timestamp - blockTime);
  }

  @Override
  public String toString() {
    return "OpForkSchedule" + times;
  }
}
