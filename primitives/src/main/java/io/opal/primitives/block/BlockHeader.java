package io.opal.primitives.block;

import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A block header through Prague (and so OP Isthmus): the fifteen fields every header has, then the
 * fields forks appended, each present only if every field before it is — the RLP list simply ends
 * earlier: baseFeePerGas (London), withdrawalsRoot (Shanghai), blobGasUsed, excessBlobGas and
 * parentBeaconBlockRoot (Cancun), requestsHash (Prague).
 *
 * <p>number, gasLimit, gasUsed, timestamp, baseFeePerGas, blobGasUsed and excessBlobGas are
 * unsigned 64-bit values held in longs. {@link #hash()} encodes and hashes on every call: callers
 * that need it often keep it.
 */
public record BlockHeader(
    Hash parentHash,
    Hash ommersHash,
    Address beneficiary,
    Hash stateRoot,
    Hash transactionsRoot,
    Hash receiptsRoot,
    Bloom logsBloom,
    UInt256 difficulty,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    Hash mixHash,
    Bytes nonce,
    OptionalLong baseFeePerGas,
    Optional<Hash> withdrawalsRoot,
    OptionalLong blobGasUsed,
    OptionalLong excessBlobGas,
    Optional<Hash> parentBeaconBlockRoot,
    Optional<Hash> requestsHash) {

  /** Number of optional fields after the fifteen every header has. */
  private static final int OPTIONAL_FIELDS = 6;

  public BlockHeader {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(ommersHash, "ommersHash");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(transactionsRoot, "transactionsRoot");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Objects.requireNonNull(logsBloom, "logsBloom");
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(extraData, "extraData");
    Objects.requireNonNull(mixHash, "mixHash");
    if (nonce.size() != 8) {
      throw new IllegalArgumentException("a header nonce has 8 bytes, got " + nonce.size());
    }
    boolean[] present = {
      baseFeePerGas.isPresent(),
      withdrawalsRoot.isPresent(),
      blobGasUsed.isPresent(),
      excessBlobGas.isPresent(),
      parentBeaconBlockRoot.isPresent(),
      requestsHash.isPresent()
    };
    for (int i = 1; i < OPTIONAL_FIELDS; i++) {
      if (present[i] && !present[i - 1]) {
        throw new IllegalArgumentException(
            "header field " + (15 + i) + " is present but field " + (14 + i) + " is not");
      }
    }
  }

  /** The prevRandao of a post-merge header (EIP-4399), which reuses the mixHash field. */
  public Hash prevRandao() {
    return mixHash;
  }

  public Hash hash() {
    return Hash.keccak(encode());
  }

  public byte[] encode() {
    RlpWriter w = new RlpWriter(640);
    writeTo(w);
    return w.toByteArray();
  }

  public void writeTo(RlpWriter w) {
    w.startList()
        .writeHash(parentHash)
        .writeHash(ommersHash)
        .writeAddress(beneficiary)
        .writeHash(stateRoot)
        .writeHash(transactionsRoot)
        .writeHash(receiptsRoot)
        .writeBytes(logsBloom.bytes())
        .writeUInt256(difficulty)
        .writeLong(number)
        .writeLong(gasLimit)
        .writeLong(gasUsed)
        .writeLong(timestamp)
        .writeBytes(extraData)
        .writeHash(mixHash)
        .writeBytes(nonce);
    baseFeePerGas.ifPresent(w::writeLong);
    withdrawalsRoot.ifPresent(w::writeHash);
    blobGasUsed.ifPresent(w::writeLong);
    excessBlobGas.ifPresent(w::writeLong);
    parentBeaconBlockRoot.ifPresent(w::writeHash);
    requestsHash.ifPresent(w::writeHash);
    w.endList();
  }

  /** Decodes exactly one header; anything else (trailing bytes, extra fields) is rejected. */
  public static BlockHeader decode(byte[] rlp) {
    RlpReader r = RlpReader.of(rlp);
    BlockHeader header = readFrom(r);
    r.finish();
    return header;
  }

  public static BlockHeader readFrom(RlpReader r) {
    RlpReader f = r.enterList();
    Builder b =
        new Builder()
            .parentHash(f.readHash())
            .ommersHash(f.readHash())
            .beneficiary(f.readAddress())
            .stateRoot(f.readHash())
            .transactionsRoot(f.readHash())
            .receiptsRoot(f.readHash())
            .logsBloom(Bloom.wrap(f.readFixed(Bloom.SIZE, "logs bloom")))
            .difficulty(f.readUInt256("difficulty"))
            .number(f.readLong("block number"))
            .gasLimit(f.readLong("gas limit"))
            .gasUsed(f.readLong("gas used"))
            .timestamp(f.readLong("timestamp"))
            .extraData(f.readBytesValue())
            .mixHash(f.readHash())
            .nonce(Bytes.wrap(f.readFixed(8, "nonce")));
    if (f.hasNext()) {
      b.baseFeePerGas(f.readLong("base fee"));
    }
    if (f.hasNext()) {
      b.withdrawalsRoot(f.readHash());
    }
    if (f.hasNext()) {
      b.blobGasUsed(f.readLong("blob gas used"));
    }
    if (f.hasNext()) {
      b.excessBlobGas(f.readLong("excess blob gas"));
    }
    if (f.hasNext()) {
      b.parentBeaconBlockRoot(f.readHash());
    }
    if (f.hasNext()) {
      b.requestsHash(f.readHash());
    }
    if (f.hasNext()) {
      throw new DecodingException(f.position(), "a block header has at most 21 fields");
    }
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Assembles a header field by field (block building fills in roots as they are computed). Starts
   * from an empty pre-London header: zero hashes, the empty-ommers hash, zero numbers.
   */
  public static final class Builder {
    private Hash parentHash = Hash.ZERO;
    private Hash ommersHash = Hash.EMPTY_LIST;
    private Address beneficiary = Address.ZERO;
    private Hash stateRoot = Hash.EMPTY_TRIE;
    private Hash transactionsRoot = Hash.EMPTY_TRIE;
    private Hash receiptsRoot = Hash.EMPTY_TRIE;
    private Bloom logsBloom = Bloom.EMPTY;
    private UInt256 difficulty = UInt256.ZERO;
    private long number;
    private long gasLimit;
    private long gasUsed;
    private long timestamp;
    private Bytes extraData = Bytes.EMPTY;
    private Hash mixHash = Hash.ZERO;
    private Bytes nonce = Bytes.wrap(new byte[8]);
    private OptionalLong baseFeePerGas = OptionalLong.empty();
    private Optional<Hash> withdrawalsRoot = Optional.empty();
    private OptionalLong blobGasUsed = OptionalLong.empty();
    private OptionalLong excessBlobGas = OptionalLong.empty();
    private Optional<Hash> parentBeaconBlockRoot = Optional.empty();
    private Optional<Hash> requestsHash = Optional.empty();

    private Builder() {}

    private Builder(BlockHeader h) {
      parentHash = h.parentHash;
      ommersHash = h.ommersHash;
      beneficiary = h.beneficiary;
      stateRoot = h.stateRoot;
      transactionsRoot = h.transactionsRoot;
      receiptsRoot = h.receiptsRoot;
      logsBloom = h.logsBloom;
      difficulty = h.difficulty;
      number = h.number;
      gasLimit = h.gasLimit;
      gasUsed = h.gasUsed;
      timestamp = h.timestamp;
      extraData = h.extraData;
      mixHash = h.mixHash;
      nonce = h.nonce;
      baseFeePerGas = h.baseFeePerGas;
      withdrawalsRoot = h.withdrawalsRoot;
      blobGasUsed = h.blobGasUsed;
      excessBlobGas = h.excessBlobGas;
      parentBeaconBlockRoot = h.parentBeaconBlockRoot;
      requestsHash = h.requestsHash;
    }

    public Builder parentHash(Hash v) {
      parentHash = v;
      return this;
    }

    public Builder ommersHash(Hash v) {
      ommersHash = v;
      return this;
    }

    public Builder beneficiary(Address v) {
      beneficiary = v;
      return this;
    }

    public Builder stateRoot(Hash v) {
      stateRoot = v;
      return this;
    }

    public Builder transactionsRoot(Hash v) {
      transactionsRoot = v;
      return this;
    }

    public Builder receiptsRoot(Hash v) {
      receiptsRoot = v;
      return this;
    }

    public Builder logsBloom(Bloom v) {
      logsBloom = v;
      return this;
    }

    public Builder difficulty(UInt256 v) {
      difficulty = v;
      return this;
    }

    public Builder number(long v) {
      number = v;
      return this;
    }

    public Builder gasLimit(long v) {
      gasLimit = v;
      return this;
    }

    public Builder gasUsed(long v) {
      gasUsed = v;
      return this;
    }

    public Builder timestamp(long v) {
      timestamp = v;
      return this;
    }

    public Builder extraData(Bytes v) {
      extraData = v;
      return this;
    }

    public Builder mixHash(Hash v) {
      mixHash = v;
      return this;
    }

    public Builder nonce(Bytes v) {
      nonce = v;
      return this;
    }

    public Builder baseFeePerGas(long v) {
      baseFeePerGas = OptionalLong.of(v);
      return this;
    }

    public Builder withdrawalsRoot(Hash v) {
      withdrawalsRoot = Optional.of(v);
      return this;
    }

    public Builder blobGasUsed(long v) {
      blobGasUsed = OptionalLong.of(v);
      return this;
    }

    public Builder excessBlobGas(long v) {
      excessBlobGas = OptionalLong.of(v);
      return this;
    }

    public Builder parentBeaconBlockRoot(Hash v) {
      parentBeaconBlockRoot = Optional.of(v);
      return this;
    }

    public Builder requestsHash(Hash v) {
      requestsHash = Optional.of(v);
      return this;
    }

    /**
     * @throws IllegalArgumentException if an optional field is set but one before it is not
     */
    public BlockHeader build() {
      return new BlockHeader(
          parentHash,
          ommersHash,
          beneficiary,
          stateRoot,
          transactionsRoot,
          receiptsRoot,
          logsBloom,
          difficulty,
          number,
          gasLimit,
          gasUsed,
          timestamp,
          extraData,
          mixHash,
          nonce,
          baseFeePerGas,
          withdrawalsRoot,
          blobGasUsed,
          excessBlobGas,
          parentBeaconBlockRoot,
          requestsHash);
    }
  }
}
