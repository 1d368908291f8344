package io.opal.primitives.crypto;

import io.opal.primitives.Address;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The well-known development accounts of a mnemonic, as anvil, Hardhat and Foundry derive them:
 * BIP-39 seed (empty passphrase), then BIP-32 path {@code m/44'/60'/0'/0/i}.
 */
public final class DevAccounts {
  /** The mnemonic anvil and Hardhat use by default. */
  public static final String TEST_MNEMONIC =
      "test test test test test test test test test test test junk";

  /** Ethereum's BIP-44 account branch; account {@code i} is its child {@code i}. */
  public static final String ETHEREUM_PATH = "m/44'/60'/0'/0";

  private DevAccounts() {}

  /** One derived account: its index on the path, address and private key. */
  public record DevAccount(int index, Address address, Bytes32 privateKey) {
    @Override
    public String toString() {
      return "DevAccount[" + index + " " + address + "]"; // keep keys out of logs
    }
  }

  /** The first {@code count} accounts of {@code mnemonic} (empty passphrase). */
  public static List<DevAccount> fromMnemonic(String mnemonic, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    ExtendedPrivateKey branch = Bip32.master(Bip39.seed(mnemonic, "")).derive(ETHEREUM_PATH);
    List<DevAccount> out = new ArrayList<>(count);
    Secp256k1 curve = Secp256k1.get();
    for (int i = 0; i < count; i++) {
      Bytes32 key = branch.child(i).key();
      out.add(new DevAccount(i, curve.address(key.toArrayUnsafe()), key));
    }
    return List.copyOf(out);
  }

  /** The first {@code count} accounts of {@link #TEST_MNEMONIC}. */
  public static List<DevAccount> standard(int count) {
    return fromMnemonic(TEST_MNEMONIC, count);
  }
}
