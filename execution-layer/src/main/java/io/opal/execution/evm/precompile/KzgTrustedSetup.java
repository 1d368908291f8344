package io.opal.execution.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;

/**
 * The Ethereum mainnet KZG trusted setup (the EIP-4844 ceremony output), loaded into c-kzg once per
 * JVM, on first use. c-kzg holds a single global setup, so every component that verifies KZG proofs
 * must come through {@link #ensureLoaded()} rather than loading one itself.
 *
 * <p>jc-kzg-4844 ships no setup; the file is read from the classpath resource {@code
 * trusted_setup.txt} (web3j's crypto jar carries it) and accepted only if its SHA-256 is the pinned
 * one below, so a different file of the same name can never be loaded by accident. The EIP-4844
 * conformance vectors (ethereum/tests point-evaluation cases) verify only under the mainnet setup.
 */
public final class KzgTrustedSetup {
  static final String RESOURCE = "trusted_setup.txt";
  static final String SHA256 = "e695ba9905a832de98dc3567febe326b760382bfd77a9a6880ca51b602a7d7ff";
  private static final int G1_POINTS = 4096;
  private static final int G2_POINTS = 65;
  private static final int G1_BYTES = 48;
  private static final int G2_BYTES = 96;

  private static volatile boolean loaded;

  private KzgTrustedSetup() {}

  /**
   * Loads the setup unless it is loaded already; safe to call from any thread, cheap after the
   * first call.
   *
   * @throws IllegalStateException if the native library or the setup cannot be loaded (an
   *     installation problem, not bad input: the node cannot validate blobs without it)
   */
  public static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (KzgTrustedSetup.class) {
      if (!loaded) {
        load();
        loaded = true;
      }
    }
  }

  private static void load() {
    byte[] file = readPinnedResource();
    byte[] g1Lagrange = new byte[G1_POINTS * G1_BYTES];
    byte[] g2Monomial = new byte[G2_POINTS * G2_BYTES];
    byte[] g1Monomial = new byte[G1_POINTS * G1_BYTES];
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.US_ASCII))) {
      expectLine(in, Integer.toString(G1_POINTS));
      expectLine(in, Integer.toString(G2_POINTS));
      readPoints(in, g1Lagrange, G1_POINTS, G1_BYTES);
      readPoints(in, g2Monomial, G2_POINTS, G2_BYTES);
      readPoints(in, g1Monomial, G1_POINTS, G1_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      CKZG4844JNI.loadNativeLibrary();
      CKZG4844JNI.loadTrustedSetup(g1Monomial, g1Lagrange, g2Monomial, 0);
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("already loaded")) {
        // Loaded by code that bypassed this class (a test harness, say): c-kzg keeps one global
        // setup and refuses a second, so use it. Inside Opal every caller comes through here.
        return;
      }
      throw new IllegalStateException("cannot load the KZG trusted setup into c-kzg", e);
    }
  }

  private static byte[] readPinnedResource() {
    try {
      ClassLoader loader = KzgTrustedSetup.class.getClassLoader();
      for (URL url : Collections.list(loader.getResources(RESOURCE))) {
        byte[] content;
        try (InputStream in = url.openStream()) {
          content = in.readAllBytes();
        }
        if (HexFormat.of().formatHex(sha256(content)).equals(SHA256)) {
          return content;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the KZG trusted setup resource", e);
    }
    throw new IllegalStateException(
        "no classpath resource "
            + RESOURCE
            + " with SHA-256 "
            + SHA256
            + " (the mainnet KZG setup); is org.web3j:crypto on the runtime classpath?");
  }

  private static void expectLine(BufferedReader in, String expected) throws IOException {
    String line = in.readLine();
    if (!expected.equals(line == null ? null : line.trim())) {
      throw new IllegalStateException("malformed KZG trusted setup: expected " + expected);
    }
  }

  private static void readPoints(BufferedReader in, byte[] out, int count, int size)
      throws IOException {
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < count; i++) {
      String line = in.readLine();
      if (line == null || line.trim().length() != 2 * size) {
        throw new IllegalStateException("malformed KZG trusted setup at point " + i);
      }
      System.arraycopy(hex.parseHex(line.trim()), 0, out, i * size, size);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
