package io.opal.rpc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which browser origins may use the server. Two rule sets, as geth has two flags:
 *
 * <ul>
 *   <li>CORS ({@code --http.corsdomain}): an origin is allowed if the list holds {@code *}, the
 *       origin itself, or a pattern with one {@code *} that matches it ({@code
 *       https://*.example.org}); comparison ignores case.
 *   <li>WebSocket ({@code --ws.origins}): each rule may give a scheme, a host and a port; an origin
 *       matches if the host is equal and the scheme and port are equal where the rule gives them.
 *       An empty list allows {@code localhost} only; {@code *} allows all.
 * </ul>
 */
final class OriginPolicy {
  private final List<String> rules;
  private final boolean webSocketRules;

  private OriginPolicy(List<String> rules, boolean webSocketRules) {
    this.rules = rules.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
    this.webSocketRules = webSocketRules;
  }

  static OriginPolicy cors(List<String> origins) {
    return new OriginPolicy(origins, false);
  }

  static OriginPolicy webSocket(List<String> origins) {
    return new OriginPolicy(origins.isEmpty() ? List.of("http://localhost") : origins, true);
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * The value for Access-Control-Allow-Origin when {@code origin} is allowed: {@code *} under the
   * wildcard rule, the origin itself otherwise.
   */
  Optional<String> allowOriginHeader(String origin) {
    if (rules.contains("*")) {
      return Optional.of("*");
    }
    return allows(origin) ? Optional.of(origin) : Optional.empty();
  }

  boolean allows(String origin) {
    if (origin == null) {
      return false;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    for (String rule : rules) {
      if (rule.equals("*")
          || (webSocketRules ? webSocketRuleAllows(rule, o) : corsMatch(rule, o))) {
        return true;
      }
    }
    return false;
  }

  private static boolean corsMatch(String rule, String origin) {
    int star = rule.indexOf('*');
    if (star < 0) {
      return rule.equals(origin);
    }
    String prefix = rule.substring(0, star);
    String suffix = rule.substring(star + 1);
    return origin.length() >= prefix.length() + suffix.length()
        && origin.startsWith(prefix)
        && origin.endsWith(suffix);
  }

  private static boolean webSocketRuleAllows(String rule, String origin) {
    Parts allowed = Parts.of(rule);
    Parts actual = Parts.of(origin);
    if (allowed == null || actual == null) {
      return false;
    }
    return allowed.host.equals(actual.host)
        && (allowed.scheme.isEmpty() || allowed.scheme.equals(actual.scheme))
        && (allowed.port < 0 || allowed.port == actual.port);
  }

  /** scheme://host:port with each part optional in a rule. */
  private record Parts(String scheme, String host, int port) {
    static Parts of(String s) {
      try {
        URI uri = new URI(s.contains("://") ? s : "//" + s);
        if (uri.getHost() == null) {
          return null;
        }
        return new Parts(
            uri.getScheme() == null ? "" : uri.getScheme(), uri.getHost(), uri.getPort());
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }
}
