package io.opal.rpc.auth;

import io.opal.rpc.RpcAuthenticator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JwtAuthenticator} whose secret is the current content of a file: replacing the file's
 * secret revokes every token signed with the old one, from the next request on, without a restart.
 * The file is read on each request (it is 67 bytes and admin calls are rare), so no
 * modification-time granularity can let an old secret linger. When the file becomes unreadable or
 * invalid every request is refused ("fail closed") until it is fixed.
 */
public final class JwtSecretFileAuthenticator implements RpcAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(JwtSecretFileAuthenticator.class);

  private final Path file;
  private final Clock clock;
  private JwtSecret current;
  private JwtAuthenticator delegate;
  private String lastProblem;

  /**
   * @throws IOException when the file does not hold a valid secret now: a server must not start
   *     with an admin endpoint nobody can reach
   */
  public JwtSecretFileAuthenticator(Path file, Clock clock) throws IOException {
    this.file = Objects.requireNonNull(file);
    this.clock = Objects.requireNonNull(clock);
    this.current = JwtSecret.load(file);
    this.delegate = new JwtAuthenticator(current, clock);
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<String> refusal(String authorizationHeader) {
    JwtAuthenticator auth = currentAuthenticator();
    if (auth == null) {
      return Optional.of("jwt secret unavailable");
    }
    return auth.refusal(authorizationHeader);
  }

  /** The authenticator for the file's secret now; null when the file holds none. */
  private synchronized JwtAuthenticator currentAuthenticator() {
    JwtSecret secret;
    try {
      secret = JwtSecret.load(file);
    } catch (IOException e) {
      String problem = e.getMessage();
      if (!problem.equals(lastProblem)) {
        LOG.warn("Refusing all admin RPC requests: cannot read the JWT secret: {}", problem);
        lastProblem = problem;
      }
      return null;
    }
    lastProblem = null;
    if (!secret.equals(current)) {
      LOG.info(
          "The admin JWT secret in {} changed: tokens signed with the old one are refused", file);
      current = secret;
      delegate = new JwtAuthenticator(secret, clock);
    }
    return delegate;
  }
}
