package io.opal.primitives.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.opal.primitives.DecodingException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Feeds random and mutated bytes to a decoder and fails on anything but a {@link
 * DecodingException}: no ArrayIndexOutOfBounds, no NullPointer, no OutOfMemory, and no allocation
 * out of proportion to the input (a forged length must not make the decoder reserve memory for it).
 *
 * <p>Mutations start from valid encodings (seeds) so the inputs reach deep into the decoder: bit
 * flips, byte overwrites with interesting values, insertions, deletions, truncations, splices of
 * two seeds, and rewrites of RLP length prefixes.
 */
public final class DecoderFuzzer {
  private static final byte[] INTERESTING = {
    0x00,
    0x01,
    0x7f,
    (byte) 0x80,
    (byte) 0x81,
    (byte) 0xb7,
    (byte) 0xb8,
    (byte) 0xbf,
    (byte) 0xc0,
    (byte) 0xf7,
    (byte) 0xf8,
    (byte) 0xff
  };

  private static final int WARM_UP = 5_000;

  private final Random random;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  public DecoderFuzzer(long seed) {
    this.random = new Random(seed);
  }

  /** The outcome of a run, for the test's own assertions and messages. */
  public record Stats(String decoder, int inputs, int accepted, int rejected) {}

  /**
   * Runs {@code iterations} inputs (a quarter purely random, the rest mutated seeds) through the
   * decoder. Fails the test on the first input that makes it throw anything but a decoding error or
   * allocate more than {@code 64 × input + 1 MiB}.
   */
  public Stats run(String name, Function<byte[], ?> decoder, List<byte[]> seeds, int iterations) {
    int accepted = 0;
    int rejected = 0;
    boolean measureAllocation = threads.isThreadAllocatedMemorySupported();
    for (int i = 0; i < iterations; i++) {
      byte[] input = (seeds.isEmpty() || (i & 3) == 0) ? randomBytes() : mutate(seeds, random);
      long before = measureAllocation ? threads.getCurrentThreadAllocatedBytes() : 0;
      try {
        decoder.apply(input);
        accepted++;
      } catch (DecodingException expected) {
        rejected++;
      } catch (Throwable t) {
        fail(name + " threw " + t + " on input 0x" + io.opal.primitives.Hex.encodePlain(input), t);
      }
      // The first inputs load classes and fill caches; allocation is judged after them.
      if (measureAllocation && i >= WARM_UP) {
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        if (allocated > 64L * input.length + (1 << 20)) {
          fail(name + " allocated " + allocated + " bytes for a " + input.length + "-byte input");
        }
      }
    }
    return new Stats(name, iterations, accepted, rejected);
  }

  private byte[] randomBytes() {
    int len = random.nextInt(8) == 0 ? random.nextInt(2048) : random.nextInt(64);
    byte[] b = new byte[len];
    random.nextBytes(b);
    if (len > 0 && random.nextBoolean()) {
      b[0] = INTERESTING[random.nextInt(INTERESTING.length)];
    }
    return b;
  }

  private static byte[] mutate(List<byte[]> seeds, Random random) {
    byte[] seed = seeds.get(random.nextInt(seeds.size()));
    List<Byte> b = new ArrayList<>(seed.length + 8);
    for (byte x : seed) {
      b.add(x);
    }
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      int size = b.size();
      switch (random.nextInt(7)) {
        case 0 -> { // flip a bit
          if (size > 0) {
            int at = random.nextInt(size);
            b.set(at, (byte) (b.get(at) ^ (1 << random.nextInt(8))));
          }
        }
        case 1 -> { // overwrite with an interesting value (often an RLP prefix)
          if (size > 0) {
            b.set(random.nextInt(size), INTERESTING[random.nextInt(INTERESTING.length)]);
          }
        }
        case 2 -> b.add(random.nextInt(size + 1), (byte) random.nextInt(256));
        case 3 -> {
          if (size > 0) {
            b.remove(random.nextInt(size));
          }
        }
        case 4 -> { // truncate
          if (size > 0) {
            int keep = random.nextInt(size);
            b.subList(keep, size).clear();
          }
        }
        case 5 -> { // splice in a piece of another seed
          byte[] other = seeds.get(random.nextInt(seeds.size()));
          if (other.length > 0) {
            int from = random.nextInt(other.length);
            int len = Math.min(other.length - from, 1 + random.nextInt(32));
            int at = random.nextInt(size + 1);
            for (int k = 0; k < len; k++) {
              b.add(at + k, other[from + k]);
            }
          }
        }
        default -> { // forge a huge long-form length right after a prefix byte
          if (size > 1) {
            int at = random.nextInt(size - 1);
            b.set(at, (byte) (random.nextBoolean() ? 0xbb : 0xfb));
            b.set(at + 1, (byte) 0x7f);
          }
        }
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }
}
