package io.opal.app.devnet;

import io.opal.app.l1chain.EmbeddedL1;
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

  /**
   * The embedded L1 dev chain in {@code datadir/l1}, started in automine mode so that a first
   * start's deployment needs no slot waits; {@link #fastBlocks fastBlocks(false)} starts the slots.
   */
  static DevnetL1 embedded(Path datadir, String host, int port, long slotSeconds) {
    EmbeddedL1 l1 =
        EmbeddedL1.start(
            EmbeddedL1.Config.defaults(datadir)
                .withHost(host)
                .withPort(port)
                .withSlotSeconds(slotSeconds)
                .withAutomine(true));
    return new DevnetL1() {
      @Override
      public URI rpcUrl() {
        return URI.create(l1.rpcUrl());
      }

      @Override
      public void fastBlocks(boolean on) {
        l1.automine(on);
      }

      @Override
      public void close() {
        l1.close();
      }
    };
  }
}
