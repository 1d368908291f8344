package io.opal.bench;

import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.trie.MerklePatriciaTrie;
import io.opal.primitives.trie.OrderedTrie;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
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

/**
 * The Merkle-Patricia trie as block processing uses it: a block's worth of account updates on a
 * 100,000-account state trie followed by the new root (only dirty paths re-hashed), reads, a
 * from-scratch root of 10,000 entries, a 500-transaction transactions root, and header decoding and
 * hashing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TrieBenchmark {
  private static final int ACCOUNTS = 100_000;
  private static final int UPDATES_PER_BLOCK = 1_000;

  private final Random random = new Random(1);
  private byte[][] keys;
  private byte[][] values;
  private MerklePatriciaTrie state;
  private List<byte[]> transactions;
  private byte[] header;

  @Setup
  public void setUp() {
    keys = new byte[ACCOUNTS][];
    values = new byte[ACCOUNTS][];
    state = new MerklePatriciaTrie();
    for (int i = 0; i < ACCOUNTS; i++) {
      keys[i] = Keccak256.hash(Bytes.ofUnsignedInt(i).toArrayUnsafe());
      values[i] = new byte[70]; // about an account's RLP
      random.nextBytes(values[i]);
      state.put(keys[i], values[i]);
    }
    state.rootHash();
    transactions = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      byte[] tx = new byte[110 + random.nextInt(100)];
      random.nextBytes(tx);
      tx[0] = 0x02;
      transactions.add(tx);
    }
    header =
        BlockHeader.builder()
            .number(26_207_960)
            .gasLimit(60_000_000)
            .gasUsed(2_136_422)
            .timestamp(1_744_300_380)
            .extraData(Bytes.fromHexString("0x00000000fa00000006"))
            .baseFeePerGas(270)
            .withdrawalsRoot(Hash.EMPTY_TRIE)
            .blobGasUsed(0)
            .excessBlobGas(0)
            .parentBeaconBlockRoot(Hash.keccak(new byte[] {1}))
            .build()
            .encode();
  }

  /** 1,000 account updates on a snapshot of the state trie, then its root. */
  @Benchmark
  public Hash blockOfUpdatesThenStateRoot() {
    MerklePatriciaTrie trie = state.snapshot();
    for (int i = 0; i < UPDATES_PER_BLOCK; i++) {
      trie.put(keys[random.nextInt(ACCOUNTS)], values[random.nextInt(ACCOUNTS)]);
    }
    return trie.rootHash();
  }

  @Benchmark
  public Object getAccount() {
    return state.get(keys[random.nextInt(ACCOUNTS)]);
  }

  @Benchmark
  public Hash rootOf10kFreshEntries() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < 10_000; i++) {
      trie.put(keys[i], values[i]);
    }
    return trie.rootHash();
  }

  @Benchmark
  public Hash transactionsRootOf500() {
    return OrderedTrie.root(transactions);
  }

  @Benchmark
  public Hash decodeAndHashHeader() {
    return BlockHeader.decode(header).hash();
  }
}
