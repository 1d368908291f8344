package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** Deterministic test keys: key {@code i} is keccak("opal-txpool-test-" + i). */
final class Keys {
  private static final ConcurrentHashMap<Integer, Address> ADDRESSES = new ConcurrentHashMap<>();

  private Keys() {}

  static byte[] key(int i) {
    return Keccak256.hash(("opal-txpool-test-" + i).getBytes(StandardCharsets.US_ASCII));
  }

  static Address address(int i) {
    return ADDRESSES.computeIfAbsent(i, k -> Secp256k1.get().address(key(k)));
  }
}
