package io.opal.bench;

import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
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

/** Decoding an EIP-1559 ETH transfer as received over RPC, with and without sender recovery. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TransactionBenchmark {
  static final byte[] DEV_KEY =
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  private byte[] encoded;
  private byte[] body100;

  /** A signed 1559 transfer like a wallet sends (chain id 10, 1 gwei tip). */
  static DynamicFeeTransaction transfer(long nonce) {
    DynamicFeeTransaction body =
        new DynamicFeeTransaction(
            10,
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(30_000_000_000L),
            21_000,
            Optional.of(Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
            UInt256.valueOf(1_000_000_000_000_000L),
            Bytes.EMPTY,
            List.of(),
            0,
            UInt256.ONE,
            UInt256.ONE);
    return TransactionSigner.sign(body, DEV_KEY);
  }

  @Setup
  public void setUp() {
    encoded = TransactionCodec.encode(transfer(7));
    List<Transaction> txs = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      txs.add(transfer(i));
    }
    body100 = new BlockBody(txs, List.of(), Optional.of(List.of())).encode();
  }

  /** RLP decode of a block body of 100 signed transfers (no sender recovery). */
  @Benchmark
  public BlockBody decodeBlockBodyOf100Transfers() {
    return BlockBody.decode(body100);
  }

  @Benchmark
  public Transaction decode1559Transfer() {
    return TransactionCodec.decode(encoded);
  }

  @Benchmark
  public Address decodeAndRecoverSender1559Transfer() {
    return TransactionCodec.decode(encoded).sender();
  }
}
