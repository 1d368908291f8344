package io.opal.execution.transaction;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.rlp.RlpWriter;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An EIP-7702 authorization tuple: the authority (recovered from the signature) lets its account
 * run the code of {@code address}. {@code nonce} is an unsigned 64-bit value.
 */
public record SetCodeAuthorization(
    UInt256 chainId, Address address, long nonce, int yParity, UInt256 r, UInt256 s) {

  private static final byte MAGIC = 0x05;

  /** keccak256(0x05 ‖ rlp([chain_id, address, nonce])). */
  public byte[] signingHash() {
    byte[] rlp =
        new RlpWriter()
            .startList()
            .writeUInt256(chainId)
            .writeAddress(address)
            .writeLong(nonce)
            .endList()
            .toByteArray();
    byte[] buf = new byte[rlp.length + 1];
    buf[0] = MAGIC;
    System.arraycopy(rlp, 0, buf, 1, rlp.length);
    return Keccak256.hash(buf);
  }

  /**
   * The authority, or empty when the signature is malformed (y parity not 0/1, r or s out of range,
   * s above n/2) or does not recover.
   */
  public Optional<Address> authority() {
    if (yParity != 0 && yParity != 1) {
      return Optional.empty();
    }
    Signature sig = new Signature(r, s, yParity);
    if (!sig.isInRange() || !sig.isLowS()) {
      return Optional.empty();
    }
    return Secp256k1.get().recoverAddress(signingHash(), sig);
  }
}
