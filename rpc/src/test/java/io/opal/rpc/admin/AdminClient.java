package io.opal.rpc.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A JSON-RPC client of the admin endpoint over a real socket, with JWTs made the way clients make
 * them: HS256 by BouncyCastle under the key read from the secret file as hex, independently of
 * Opal's own token code.
 */
final class AdminClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    JsonNode result() {
      JsonNode j = json();
      if (!j.has("result")) {
        throw new AssertionError("no result: " + body);
      }
      return j.get("result");
    }

    JsonNode error() {
      JsonNode j = json();
      if (!j.has("error")) {
        throw new AssertionError("no error: " + body);
      }
      return j.get("error");
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  AdminClient(int port) {
    this.port = port;
  }

  Reply call(String authorization, String method, String paramsJson) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
            + method
            + "\",\"params\":"
            + paramsJson
            + "}";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  static String bearer(byte[] key, long iat) {
    return "Bearer " + jwt(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"iat\":" + iat + "}");
  }

  static String jwt(byte[] key, String header, String claims) {
    String input = b64(header) + "." + b64(claims);
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, input));
  }

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, String input) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    byte[] in = input.getBytes(StandardCharsets.US_ASCII);
    mac.update(in, 0, in.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  /** The key in a secret file: 64 hex digits after an optional 0x. */
  static byte[] keyOf(String fileContent) {
    String hex = fileContent.strip();
    return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
