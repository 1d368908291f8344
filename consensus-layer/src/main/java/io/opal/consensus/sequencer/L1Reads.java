package io.opal.consensus.sequencer;

import io.opal.consensus.l1.BlockTag;
import io.opal.consensus.l1.L1Client;
import io.opal.consensus.l1.L1Exception;
import io.opal.consensus.l1.L1Header;
import io.opal.consensus.l1.L1Receipt;
import io.opal.primitives.Hash;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The L1 reads of the sequencer, made blocking (the driver has a thread of its own) with a
 * deadline, and their failures turned into {@link SequencerException}s: any failure to get an
 * answer is temporary (the client has already retried); a block that does not exist is reported as
 * empty where the caller can act on it.
 */
final class L1Reads {
  private final L1Client l1;
  private final Duration timeout;

  L1Reads(L1Client l1, Duration timeout) {
    this.l1 = l1;
    this.timeout = timeout;
  }

  L1Header head() {
    return await(l1.header(BlockTag.LATEST), "the L1 head").orElseThrow(() -> missing("head"));
  }

  /** {@code safe} or {@code finalized}; empty if the node does not know it (or fails). */
  Optional<L1Header> tagged(BlockTag tag) {
    try {
      return await(l1.header(tag), "L1 " + tag.rpcName());
    } catch (SequencerException e) {
      return Optional.empty();
    }
  }

  Optional<L1Header> byNumber(long number) {
    return await(l1.headerByNumber(number), "L1 block #" + Long.toUnsignedString(number));
  }

  List<L1Receipt> receipts(Hash block) {
    return await(l1.receipts(block), "receipts of L1 block " + block)
        .orElseThrow(() -> missing("receipts of " + block));
  }

  private <T> Optional<T> await(CompletableFuture<T> f, String what) {
    try {
      return Optional.of(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      f.cancel(true);
      throw SequencerException.temporary(
          "L1 did not answer for " + what + " within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SequencerException.temporary("interrupted while reading " + what, e);
    } catch (ExecutionException | RuntimeException e) {
      L1Exception l1e = L1Exception.of(e);
      if (l1e.kind() == L1Exception.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw SequencerException.temporary(
          "reading " + what + " from " + l1.endpoint() + " failed: " + l1e.getMessage(), l1e);
    }
  }

  private static SequencerException missing(String what) {
    return SequencerException.temporary("L1 has no " + what + " yet", null);
  }
}
