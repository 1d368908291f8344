package io.opal.execution.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opal.primitives.Address;
import java.util.HashMap;
import java.util.Random;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** Slot lookup by limbs (the interpreter's path) against lookup by key, across its cache. */
class JournaledStateSlotLookupTest {
  private static final Address A = Address.fromHex("0x00000000000000000000000000000000000000aa");
  private static final Address B = Address.fromHex("0x00000000000000000000000000000000000000bb");

  @Test
  void limbLookupFindsTheSameSlotsAsKeyLookup() {
    InMemoryWorldState world = new InMemoryWorldState();
    Random r = new Random(7);
    Word256[] keys = new Word256[500];
    HashMap<Word256, Word256> storage = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      // Few distinct limbs make many keys share a cache line.
      keys[i] = new Word256(r.nextInt(40), r.nextInt(3), 0, i % 2 == 0 ? 0 : r.nextLong());
      storage.put(keys[i], Word256.of(i + 1));
    }
    world.put(A, 1, UInt256.ZERO, new byte[] {0}, storage);
    world.put(B, 1, UInt256.ZERO, new byte[] {0}, storage);
    JournaledState state = new JournaledState(world);
    Account a = state.account(A);
    Account b = state.account(B);
    for (int round = 0; round < 3; round++) {
      for (Word256 k : keys) {
        StorageSlot viaLimbs = state.slot(a, k.w0(), k.w1(), k.w2(), k.w3());
        assertSame(state.slot(a, k), viaLimbs);
        assertEquals(world.storage(A, k), viaLimbs.original());
        // The same key in another account is another slot, though it maps to the same cache line.
        StorageSlot other = state.slot(b, k.w0(), k.w1(), k.w2(), k.w3());
        assertNotSame(viaLimbs, other);
        assertSame(state.slot(b, k), other);
      }
    }
  }
}
