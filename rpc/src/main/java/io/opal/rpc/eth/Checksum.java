package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import java.nio.charset.StandardCharsets;

/** EIP-55 mixed-case address checksums, as geth's {@code Address.Hex()} writes them. */
public final class Checksum {
  private Checksum() {}

  public static String of(Address address) {
    String hex = address.bytes().toUnprefixedHexString().toLowerCase(java.util.Locale.ROOT);
    byte[] hash = Keccak256.hash(hex.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
