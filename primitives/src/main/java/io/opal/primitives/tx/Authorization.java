package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import io.opal.primitives.rlp.RlpWriter;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One EIP-7702 authorization tuple: the authority (recovered from the signature) lets {@code
 * address}'s code run in its account. An invalid authorization does not make its transaction
 * invalid; the EVM skips it, which is why the checks are exposed one by one here.
 *
 * @param chainId 0 (any chain) or the chain it is valid on; any 256-bit value decodes
 * @param nonce the authority's nonce, unsigned 64-bit
 * @param yParity any value below 256 decodes; only 0 and 1 are valid
 */
public record Authorization(
    UInt256 chainId, Address address, long nonce, int yParity, UInt256 r, UInt256 s) {

  /** The domain byte EIP-7702 prefixes to the signed message. */
  public static final byte MAGIC = 0x05;

  public Authorization {
    if (yParity < 0 || yParity > 0xff) {
      throw new IllegalArgumentException("yParity must fit in one byte: " + yParity);
    }
  }

  /** keccak256(0x05 ‖ rlp([chain_id, address, nonce])): what the authority signed. */
  public Hash signingHash() {
    return Hash.wrap(signingHash(chainId, address, nonce));
  }

  static byte[] signingHash(UInt256 chainId, Address address, long nonce) {
    RlpWriter w = new RlpWriter(64);
    w.writeRaw(new byte[] {MAGIC});
    w.startList().writeUInt256(chainId).writeAddress(address).writeLong(nonce).endList();
    return Keccak256.hash(w.toByteArray());
  }

  /** Whether the chain id is 0 or {@code currentChainId}. */
  public boolean appliesToChain(long currentChainId) {
    return chainId.isZero() || chainId.equals(UInt256.valueOf(currentChainId));
  }

  /** The nonce is below 2^64-1, so the authority's nonce can still be incremented. */
  public boolean hasValidNonce() {
    return nonce != -1L;
  }

  /** yParity is 0 or 1, r and s are in [1, n-1] and s is at most n/2. */
  public boolean hasValidSignatureValues() {
    Signature sig = new Signature(r, s, yParity);
    return sig.isInRange() && sig.isLowS();
  }

  /** The signer, or empty when the signature values are invalid or recover no key. */
  public Optional<Address> recoverAuthority() {
    if (!hasValidSignatureValues()) {
      return Optional.empty();
    }
    return Secp256k1.get()
        .recoverAddress(signingHash(chainId, address, nonce), new Signature(r, s, yParity));
  }

  /**
   * The authority if every check that needs no state passes (chain id, nonce bound, signature);
   * empty means the EVM skips this authorization. The account checks (code empty or a delegation,
   * nonce equal) are the EVM's.
   */
  public Optional<Address> authority(long currentChainId) {
    if (!appliesToChain(currentChainId) || !hasValidNonce()) {
      return Optional.empty();
    }
    return recoverAuthority();
  }
}
