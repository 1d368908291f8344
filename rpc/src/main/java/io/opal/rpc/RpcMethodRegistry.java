package io.opal.rpc;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The methods a server can call, by full name ({@code namespace_method}). Methods may be added
 * while servers run (the admin namespace is registered once the sequencer exists); each server
 * answers only for the namespaces it enables.
 */
public final class RpcMethodRegistry {
  /** geth's limit; longer names are rejected before lookup. */
  static final int MAX_METHOD_NAME_LENGTH = 2048;

  /** A registered method and how many positional arguments it accepts at most. */
  public record Registered(String name, String namespace, int maxParams, RpcMethod method) {}

  private final ConcurrentMap<String, Registered> methods = new ConcurrentHashMap<>();

  /**
   * Adds a method.
   *
   * @param name {@code namespace_method}
   * @param maxParams the most arguments it takes; more are rejected with geth's "too many
   *     arguments" before the method runs
   * @throws IllegalArgumentException for a name without a namespace or already registered
   */
  public RpcMethodRegistry register(String name, int maxParams, RpcMethod method) {
    int sep = name.indexOf('_');
    if (sep <= 0 || sep == name.length() - 1) {
      throw new IllegalArgumentException("a method name is namespace_method: " + name);
    }
    if (maxParams < 0) {
      throw new IllegalArgumentException("maxParams must be >= 0: " + maxParams);
    }
    Registered r = new Registered(name, name.substring(0, sep), maxParams, method);
    if (methods.putIfAbsent(name, r) != null) {
      throw new IllegalArgumentException("method already registered: " + name);
    }
    return this;
  }

  public Optional<Registered> lookup(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** The namespaces that have at least one method. */
  public Set<String> namespaces() {
    Set<String> out = new TreeSet<>();
    for (Registered r : methods.values()) {
      out.add(r.namespace());
    }
    return Collections.unmodifiableSet(out);
  }

  /** The method names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(methods.keySet()));
  }
}
