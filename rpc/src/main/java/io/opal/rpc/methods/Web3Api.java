package io.opal.rpc.methods;

import io.opal.primitives.Hash;
import io.opal.rpc.RpcMethodRegistry;
import java.util.Locale;

/** The {@code web3_} namespace: client version and Keccak-256. */
public final class Web3Api {
  private Web3Api() {}

  public static void register(RpcMethodRegistry registry, String clientVersion) {
    registry.register("web3_clientVersion", 0, p -> clientVersion);
    registry.register("web3_sha3", 1, p -> Hash.keccak(p.data(0)));
  }

  /**
   * The version string in geth's shape, {@code Name/vVersion/os-arch/runtime}: for example {@code
   * Opal/v0.1.0/linux-amd64/java25}.
   */
  public static String clientVersion(String version) {
    return clientVersion(
        version,
        System.getProperty("os.name", "unknown"),
        System.getProperty("os.arch", "unknown"),
        Runtime.version().feature());
  }

  static String clientVersion(String version, String osName, String osArch, int javaFeature) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) {
      os = "darwin";
    } else if (os.startsWith("windows")) {
      os = "windows";
    } else {
      os = os.replace(' ', '_');
    }
    String arch =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          default -> osArch.toLowerCase(Locale.ROOT);
        };
    String v = version.startsWith("v") ? version : "v" + version;
    return "Opal/" + v + "/" + os + "-" + arch + "/java" + javaFeature;
  }
}
