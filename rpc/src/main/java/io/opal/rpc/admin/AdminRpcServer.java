package io.opal.rpc.admin;

import io.opal.consensus.rollup.SequencerControl;
import io.opal.execution.engine.ExecutionEngine;
import io.opal.primitives.config.RollupConfig;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.auth.JwtSecret;
import io.opal.rpc.auth.JwtSecretFileAuthenticator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The admin endpoint: a {@link JsonRpcServer} on its own port serving the {@code admin_} ({@link
 * AdminApi}) and {@code optimism_} ({@link RollupApi}) namespaces, every HTTP request and WebSocket
 * upgrade authenticated with an HS256 JWT under the secret in a file (created with a fresh random
 * secret when missing, as {@code jwt.hex} is by op-geth; see {@link JwtSecretFileAuthenticator} for
 * rotation).
 *
 * <pre>{@code
 * AdminRpcServer admin =
 *     AdminRpcServer.builder(sequencer, rollupConfig)
 *         .port(9545).jwtSecretFile(dataDir.resolve("admin-jwt.hex"))
 *         .version("v0.1.0").engine(engine)
 *         .start();
 * }</pre>
 */
public final class AdminRpcServer implements AutoCloseable {
  /** The namespaces the endpoint serves. */
  public static final Set<String> NAMESPACES = Set.of("admin", "optimism");

  private final JsonRpcServer server;
  private final Path secretFile;

  private AdminRpcServer(JsonRpcServer server, Path secretFile) {
    this.server = server;
    this.secretFile = secretFile;
  }

  public static Builder builder(SequencerControl sequencer, RollupConfig config) {
    return new Builder(sequencer, config);
  }

  /** The bound port (the chosen one when configured with port 0). */
  public int port() {
    return server.port();
  }

  /** {@code http://host:port}, for {@code devnet.json} and clients. */
  public String url() {
    return "http://" + server.config().host() + ":" + port();
  }

  public Path secretFile() {
    return secretFile;
  }

  /** The underlying server (for in-process calls in tests and tools). */
  public JsonRpcServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }

  /** Assembles the endpoint; the JWT secret file is required. */
  public static final class Builder {
    private final SequencerControl sequencer;
    private final RollupConfig config;
    private RpcServerConfig rpc = RpcServerConfig.defaults().builder().port(9545).build();
    private Path secretFile;
    private String version = "v0.0.0";
    private Optional<ExecutionEngine> engine = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Random random;
    private Vertx vertx;

    private Builder(SequencerControl sequencer, RollupConfig config) {
      this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder host(String v) {
      rpc = rpc.withHost(v);
      return this;
    }

    /** 0 picks a free port. Default 9545 (op-node's RPC port). */
    public Builder port(int v) {
      rpc = rpc.withPort(v);
      return this;
    }

    /**
     * Server limits and options other than the namespaces, which are always {@link #NAMESPACES}.
     */
    public Builder rpcConfig(RpcServerConfig v) {
      rpc = Objects.requireNonNull(v);
      return this;
    }

    public Builder jwtSecretFile(Path v) {
      secretFile = Objects.requireNonNull(v);
      return this;
    }

    /** What {@code optimism_version} answers. */
    public Builder version(String v) {
      version = Objects.requireNonNull(v);
      return this;
    }

    /** Enables {@code optimism_outputAtBlock} over this engine's chain. */
    public Builder engine(ExecutionEngine v) {
      engine = Optional.of(v);
      return this;
    }

    /** The clock tokens' {@code iat} is checked against. */
    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v);
      return this;
    }

    /** The randomness of a newly created secret; a {@link SecureRandom} by default. */
    public Builder random(Random v) {
      random = v;
      return this;
    }

    /** A Vert.x instance to share; the server leaves it open on close. */
    public Builder vertx(Vertx v) {
      vertx = v;
      return this;
    }

    /**
     * Creates the secret file if missing, registers the methods and binds the port.
     *
     * @throws UncheckedIOException when the secret file cannot be read or created, or holds no
     *     valid secret
     */
    public AdminRpcServer start() {
      if (secretFile == null) {
        throw new IllegalStateException("the admin endpoint needs a JWT secret file");
      }
      JwtSecretFileAuthenticator auth;
      try {
        JwtSecret.loadOrCreate(secretFile, random != null ? random : new SecureRandom());
        auth = new JwtSecretFileAuthenticator(secretFile, clock);
      } catch (IOException e) {
        throw new UncheckedIOException("admin RPC: " + e.getMessage(), e);
      }
      RpcMethodRegistry registry = new RpcMethodRegistry();
      AdminApi.register(registry, sequencer);
      RollupApi.register(registry, sequencer, config, version, engine);
      JsonRpcServer server =
          JsonRpcServer.builder(registry)
              .name("admin")
              .config(rpc.withApis(NAMESPACES))
              .authenticator(auth)
              .vertx(vertx)
              .build()
              .start();
      return new AdminRpcServer(server, secretFile);
    }
  }
}
