package io.opal.rpc;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * geth's {@code --http.vhosts} check, which defends against DNS rebinding: a request is served only
 * if its Host header names an allowed host. A missing Host, an IP literal and the wildcard {@code
 * *} are always let through, as geth does; names compare case-insensitively and ports are ignored.
 */
final class HostAllowList {
  private static final Pattern IPV4 =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+(%[0-9A-Za-z._-]+)?$");

  private final Set<String> hosts;
  private final boolean any;

  HostAllowList(List<String> hosts) {
    this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.any = this.hosts.contains("*");
  }

  boolean allows(String hostHeader) {
    if (hostHeader == null || hostHeader.isEmpty() || any) {
      return true;
    }
    String host = stripPort(hostHeader.trim());
    if (isIpLiteral(host)) {
      return true;
    }
    return hosts.contains(host.toLowerCase(Locale.ROOT));
  }

  /** The host part of {@code host[:port]} or {@code [v6]:port}. */
  static String stripPort(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int close = hostHeader.indexOf(']');
      return close > 0 ? hostHeader.substring(1, close) : hostHeader;
    }
    int colon = hostHeader.indexOf(':');
    if (colon >= 0 && hostHeader.indexOf(':', colon + 1) < 0) {
      return hostHeader.substring(0, colon);
    }
    return hostHeader; // no port, or an unbracketed IPv6 literal
  }

  static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || (host.indexOf(':') >= 0 && IPV6.matcher(host).matches());
  }
}
