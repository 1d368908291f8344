package io.opal.app.devnet;

import java.net.URI;
import java.nio.file.Path;

/** The devnet's L1: the embedded dev chain, or an external node reached by URL. */
interface DevnetL1 extends AutoCloseable {
  URI rpcUrl();

  /**
   * While on, blocks follow transactions at once instead of waiting for the next slot (the first
   * start's contract deployment). An external L1 ignores it.
   */
  void fastBlocks(boolean on);

  @Override
  void close();

  static DevnetL1 external(URI url) {
    return new DevnetL1() {
      @Override
      public URI rpcUrl() {
        return url;
      }

      @Override
      public void fastBlocks(boolean on) {}

      @Override
      public void close() {}
    };
  }

  static DevnetL1 embedded(Path datadir, String host, int port, long slotSeconds) {
    throw new UnsupportedOperationException("the embedded L1 arrives with io.opal.app.l1chain");
  }
}
