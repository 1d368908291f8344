package io.opal.execution.evm;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.rlp.RlpWriter;
import java.util.Arrays;

/** The addresses CREATE and CREATE2 give new contracts. */
public final class ContractAddress {
  private ContractAddress() {}

  /** keccak256(rlp([sender, nonce]))[12:]. */
  public static Address create(Address sender, long nonce) {
    byte[] rlp =
        new RlpWriter().startList().writeAddress(sender).writeLong(nonce).endList().toByteArray();
    return last20(Keccak256.hash(rlp));
  }

  /** keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initCode))[12:] (EIP-1014). */
  public static Address create2(Address sender, byte[] salt32, byte[] initCodeHash) {
    byte[] buf = new byte[1 + 20 + 32 + 32];
    buf[0] = (byte) 0xff;
    System.arraycopy(sender.toArray(), 0, buf, 1, 20);
    System.arraycopy(salt32, 0, buf, 21, 32);
    System.arraycopy(initCodeHash, 0, buf, 53, 32);
    return last20(Keccak256.hash(buf));
  }

  private static Address last20(byte[] hash) {
    return Address.wrap(Arrays.copyOfRange(hash, 12, 32));
  }
}
