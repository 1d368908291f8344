package io.opal.primitives.crypto;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BIP-39's mnemonic-to-seed step: PBKDF2-HMAC-SHA512 over the NFKD-normalised sentence, salted with
 * "mnemonic" followed by the (normalised) passphrase, 2048 iterations, 64 bytes out.
 *
 * <p>The words are not checked against a word list or checksum: the seed of any sentence is well
 * defined, and the dev mnemonic is a fixed, known-valid one.
 */
public final class Bip39 {
  private static final int ITERATIONS = 2048;
  private static final int SEED_BITS = 512;

  private Bip39() {}

  /** The 64-byte seed of {@code mnemonic} with {@code passphrase} ("" for none). */
  public static byte[] seed(String mnemonic, String passphrase) {
    if (mnemonic == null || passphrase == null) {
      throw new IllegalArgumentException("mnemonic and passphrase must not be null");
    }
    byte[] password = nfkd(mnemonic);
    byte[] salt = nfkd("mnemonic" + passphrase);
    PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
    pbkdf2.init(password, salt, ITERATIONS);
    return ((KeyParameter) pbkdf2.generateDerivedParameters(SEED_BITS)).getKey();
  }

  private static byte[] nfkd(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
  }
}
