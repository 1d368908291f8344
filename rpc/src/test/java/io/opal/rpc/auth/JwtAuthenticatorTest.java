package io.opal.rpc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {
  static final long NOW = 1_700_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  static final JwtSecret SECRET =
      JwtSecret.fromHex("0x7365637265747365637265747365637265747365637265747365637265747365");
  static final JwtAuthenticator AUTH = new JwtAuthenticator(SECRET, CLOCK);

  /** HMAC-SHA256 by BouncyCastle: an implementation independent of the one under test. */
  static byte[] hmac(byte[] key, String input) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    byte[] in = input.getBytes(StandardCharsets.US_ASCII);
    mac.update(in, 0, in.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String token(byte[] key, String header, String claims) {
    String input = b64(header) + "." + b64(claims);
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, input));
  }

  static byte[] secretBytes() {
    return java.util.HexFormat.of().parseHex(SECRET.toHex().substring(2));
  }

  static Optional<String> check(String claims) {
    return AUTH.refusal(
        "Bearer " + token(secretBytes(), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims));
  }

  @Test
  void rfc7515HmacExampleMatchesTheIndependentHmac() {
    // RFC 7515 Appendix A.1: the signing input and key of the HS256 example and its signature.
    byte[] key =
        Base64.getUrlDecoder()
            .decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
    String input =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    assertEquals(
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, input)));
  }

  @Test
  void acceptsFreshTokensWithinTheSkew() {
    assertEquals(Optional.empty(), check("{\"iat\":" + NOW + "}"));
    assertEquals(Optional.empty(), check("{\"iat\":" + (NOW - 60) + "}"));
    assertEquals(
        Optional.empty(), check("{\"iat\":" + (NOW + 60) + ",\"exp\":" + (NOW + 10) + "}"));
    assertEquals(
        Optional.empty(), AUTH.refusal("Bearer " + JwtAuthenticator.token(SECRET, NOW - 5)));
    assertEquals(Optional.empty(), AUTH.refusal("bearer " + JwtAuthenticator.token(SECRET, NOW)));
  }

  @Test
  void refusesWithGethsReasons() {
    assertEquals(Optional.of("missing token"), AUTH.refusal(null));
    assertEquals(Optional.of("missing token"), AUTH.refusal(""));
    assertEquals(Optional.of("missing token"), AUTH.refusal("Basic dXNlcjpwYXNz"));
    assertEquals(Optional.of("missing token"), AUTH.refusal("Bearer "));
    assertEquals(Optional.of("stale token"), check("{\"iat\":" + (NOW - 61) + "}"));
    assertEquals(Optional.of("future token"), check("{\"iat\":" + (NOW + 61) + "}"));
    assertEquals(Optional.of("missing issued-at"), check("{\"sub\":\"x\"}"));
    assertEquals(
        Optional.of("token is expired"), check("{\"iat\":" + NOW + ",\"exp\":" + NOW + "}"));
    assertEquals(
        Optional.of("invalid token: iat is not a number"), check("{\"iat\":\"" + NOW + "\"}"));
  }

  @Test
  void refusesForgedAndMalformedTokens() {
    byte[] otherKey = new byte[32];
    String forged = token(otherKey, "{\"alg\":\"HS256\"}", "{\"iat\":" + NOW + "}");
    assertEquals(
        Optional.of("invalid token: signature is invalid"), AUTH.refusal("Bearer " + forged));

    String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"iat\":" + NOW + "}") + ".";
    assertEquals(
        Optional.of("invalid token: signing method must be HS256"), AUTH.refusal("Bearer " + none));
    String hs512 = token(secretBytes(), "{\"alg\":\"HS512\"}", "{\"iat\":" + NOW + "}");
    assertEquals(
        Optional.of("invalid token: signing method must be HS256"),
        AUTH.refusal("Bearer " + hs512));

    String valid = JwtAuthenticator.token(SECRET, NOW);
    String tampered =
        valid.substring(0, valid.indexOf('.') + 1)
            + b64("{\"iat\":" + (NOW + 1) + "}")
            + valid.substring(valid.lastIndexOf('.'));
    assertEquals(
        Optional.of("invalid token: signature is invalid"), AUTH.refusal("Bearer " + tampered));

    assertTrue(AUTH.refusal("Bearer a.b").get().startsWith("invalid token"));
    assertTrue(AUTH.refusal("Bearer !!!.???.###").get().startsWith("invalid token"));
    assertTrue(
        AUTH.refusal("Bearer " + b64("[]") + "." + b64("{}") + ".")
            .get()
            .startsWith("invalid token"));
    assertTrue(AUTH.refusal("Bearer " + "a".repeat(5000)).get().startsWith("invalid token"));
  }

  @Test
  void secretFileIsCreatedOnceAndReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/jwt.hex");
    JwtSecret created = JwtSecret.loadOrCreate(file, new Random(1));
    String text = Files.readString(file).strip();
    assertTrue(text.matches("0x[0-9a-f]{64}"), text);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(created, JwtSecret.loadOrCreate(file, new Random(2)));
    assertEquals(created, JwtSecret.load(file));
    assertFalse(created.toString().contains(text.substring(2, 10)));
  }

  @Test
  void secretsMustBe32BytesOfHex(@TempDir Path dir) throws Exception {
    assertEquals(
        SECRET,
        JwtSecret.fromHex("  7365637265747365637265747365637265747365637265747365637265747365\n"));
    assertThrows(IllegalArgumentException.class, () -> JwtSecret.fromHex("0x1234"));
    assertThrows(IllegalArgumentException.class, () -> JwtSecret.fromHex("zz" + "00".repeat(31)));
    Path bad = dir.resolve("bad.hex");
    Files.writeString(bad, "not a secret");
    assertThrows(java.io.IOException.class, () -> JwtSecret.load(bad));
  }
}
