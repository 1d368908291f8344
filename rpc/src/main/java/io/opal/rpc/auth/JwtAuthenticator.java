package io.opal.rpc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.rpc.RpcAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Engine-API style authentication: {@code Authorization: Bearer <JWT>} signed with HS256 under the
 * shared {@link JwtSecret}, whose {@code iat} (issued-at, seconds) must be within 60 s of the
 * server's clock and whose {@code exp}, if present, must not have passed. Only HS256 is accepted
 * ({@code alg: none} and every other algorithm are refused); the signature is compared in constant
 * time. Refusal reasons use geth's words ("missing token", "stale token", "future token"...).
 *
 * <p>Written on {@code javax.crypto.Mac} rather than a JWT library: the Engine API profile needs
 * one algorithm and two claims, and a small verifier has no algorithm-confusion surface.
 */
public final class JwtAuthenticator implements RpcAuthenticator {
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
  private static final int MAX_TOKEN_LENGTH = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();
  private static final Base64.Encoder B64_OUT = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final Clock clock;

  public JwtAuthenticator(JwtSecret secret, Clock clock) {
    this.key = new SecretKeySpec(secret.key(), "HmacSHA256");
    this.clock = clock;
  }

  @Override
  public Optional<String> refusal(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of("missing token");
    }
    String token = authorization.substring(7).strip();
    if (token.isEmpty()) {
      return Optional.of("missing token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Optional.of("invalid token: too long");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.of("invalid token: not a JWS compact serialization");
    }
    JsonNode header;
    JsonNode claims;
    byte[] signature;
    try {
      header = JSON.readTree(B64.decode(parts[0]));
      claims = JSON.readTree(B64.decode(parts[1]));
      signature = B64.decode(parts[2]);
    } catch (Exception e) {
      return Optional.of("invalid token: malformed");
    }
    if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
      return Optional.of("invalid token: malformed");
    }
    if (!"HS256".equals(header.path("alg").asText(null))) {
      return Optional.of("invalid token: signing method must be HS256");
    }
    byte[] expected = sign(key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!MessageDigest.isEqual(expected, signature)) {
      return Optional.of("invalid token: signature is invalid");
    }
    return checkTimes(claims);
  }

  private Optional<String> checkTimes(JsonNode claims) {
    long now = clock.instant().getEpochSecond();
    JsonNode exp = claims.get("exp");
    if (exp != null && !exp.isNull()) {
      if (!exp.isNumber()) {
        return Optional.of("invalid token: exp is not a number");
      }
      if (exp.asDouble() <= now) {
        return Optional.of("token is expired");
      }
    }
    JsonNode iat = claims.get("iat");
    if (iat == null || iat.isNull()) {
      return Optional.of("missing issued-at");
    }
    if (!iat.isNumber()) {
      return Optional.of("invalid token: iat is not a number");
    }
    double issued = iat.asDouble();
    if (now - issued > MAX_CLOCK_SKEW.toSeconds()) {
      return Optional.of("stale token");
    }
    if (issued - now > MAX_CLOCK_SKEW.toSeconds()) {
      return Optional.of("future token");
    }
    return Optional.empty();
  }

  /**
   * A token for {@code secret} issued at {@code iatSeconds}: what clients of the admin endpoint
   * send (and the tests).
   */
  public static String token(JwtSecret secret, long iatSeconds) {
    String header =
        B64_OUT.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));
    String claims =
        B64_OUT.encodeToString(
            ("{\"iat\":" + iatSeconds + "}").getBytes(StandardCharsets.US_ASCII));
    String signingInput = header + "." + claims;
    byte[] sig =
        sign(
            new SecretKeySpec(secret.key(), "HmacSHA256"),
            signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64_OUT.encodeToString(sig);
  }

  private static byte[] sign(SecretKeySpec key, byte[] input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(input);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
