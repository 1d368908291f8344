package io.opal.bench;

import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Keccak-256 of 32 B and 1 KiB; ecrecover through the native binding and through BouncyCastle. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CryptoBenchmark {
  private byte[] input32;
  private byte[] input1k;
  private byte[] hash;
  private Signature signature;
  private Secp256k1 nativeImpl;
  private Secp256k1 bouncyCastle;

  @Setup
  public void setUp() {
    Random random = new Random(1);
    input32 = new byte[32];
    input1k = new byte[1024];
    random.nextBytes(input32);
    random.nextBytes(input1k);
    nativeImpl = Secp256k1.nativeLibrary().orElseThrow();
    bouncyCastle = Secp256k1.bouncyCastle();
    byte[] key = new byte[32];
    random.nextBytes(key);
    key[0] &= 0x7f;
    hash = Keccak256.hash(input32);
    signature = nativeImpl.sign(hash, key);
  }

  @Benchmark
  public byte[] keccak256Of32Bytes() {
    return Keccak256.hash(input32);
  }

  @Benchmark
  public byte[] keccak256Of1KiB() {
    return Keccak256.hash(input1k);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object ecrecoverNative() {
    return nativeImpl.recoverPublicKey(hash, signature);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object ecrecoverBouncyCastle() {
    return bouncyCastle.recoverPublicKey(hash, signature);
  }
}
