package io.opal.rpc.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * The 32-byte HS256 key shared with the admin endpoint's clients, kept in a file as hex (with or
 * without {@code 0x}), as the Engine API's {@code jwt.hex}. {@link #toString()} never shows it.
 */
public final class JwtSecret {
  public static final int SIZE = 32;

  private final byte[] key;

  private JwtSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Parses 64 hex digits, optionally prefixed by {@code 0x}, surrounding whitespace ignored.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static JwtSecret fromHex(String text) {
    String hex = text.strip();
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException(
          "a JWT secret is 32 bytes of hex (64 digits), got " + hex.length() + " characters");
    }
    try {
      return new JwtSecret(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a JWT secret is 32 bytes of hex: not hex", e);
    }
  }

  public static JwtSecret generate(Random random) {
    byte[] key = new byte[SIZE];
    random.nextBytes(key);
    return new JwtSecret(key);
  }

  /** Reads the secret from {@code file}. */
  public static JwtSecret load(Path file) throws IOException {
    try {
      return fromHex(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid JWT secret in " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the secret from {@code file}, or generates one and writes it there (owner-only
   * permissions where the file system has them) when the file does not exist.
   */
  public static JwtSecret loadOrCreate(Path file, Random random) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    JwtSecret secret = generate(random);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      return load(file); // another process wrote it first: use theirs
    }
    Files.writeString(file, secret.toHex() + "\n", StandardCharsets.US_ASCII);
    return secret;
  }

  /** {@code 0x} and 64 lower-case hex digits, as written to the file. */
  public String toHex() {
    return "0x" + HexFormat.of().formatHex(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwtSecret other && java.security.MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "JwtSecret[hidden]";
  }
}
