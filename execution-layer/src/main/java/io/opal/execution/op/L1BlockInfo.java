package io.opal.execution.op;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The L1 attributes an L1-info deposit (the first transaction of every OP block) hands to the
 * L1Block predeploy, in each of its calldata formats: Bedrock's ABI-encoded {@code
 * setL1BlockValues} (deposits.md), and the packed {@code setL1BlockValuesEcotone} (ecotone/
 * l1-attributes.md), {@code setL1BlockValuesIsthmus} (+ operator fee parameters) and {@code
 * setL1BlockValuesJovian} (+ DA footprint gas scalar).
 *
 * <p>Fields a format lacks are zero: Bedrock has no blob base fee or Ecotone scalars (its {@code
 * scalar} plays their part), later formats no overhead or scalar.
 *
 * @param number L1 block number
 * @param sequenceNumber L2 blocks since the start of the epoch
 * @param batcherHash the versioned batcher commitment
 * @param baseFeeScalar a uint32
 * @param blobBaseFeeScalar a uint32
 * @param operatorFeeScalar a uint32 (Isthmus)
 * @param operatorFeeConstant an unsigned 64-bit value (Isthmus)
 * @param daFootprintGasScalar a uint16 (Jovian)
 */
public record L1BlockInfo(
    Format format,
    long number,
    long timestamp,
    BigInteger baseFee,
    Hash blockHash,
    long sequenceNumber,
    Bytes32 batcherHash,
    BigInteger overhead,
    BigInteger scalar,
    BigInteger blobBaseFee,
    long baseFeeScalar,
    long blobBaseFeeScalar,
    long operatorFeeScalar,
    long operatorFeeConstant,
    int daFootprintGasScalar) {

  /** The calldata layouts, by function selector and exact length. */
  public enum Format {
    BEDROCK("015d8eb9", 4 + 8 * 32),
    ECOTONE("440a5e20", 164),
    ISTHMUS("098999be", 176),
    JOVIAN("3db6be2b", 178);

    private final byte[] selector;
    private final int length;

    Format(String selector, int length) {
      this.selector = Hex.decode(selector);
      this.length = length;
    }

    public byte[] selector() {
      return selector.clone();
    }

    /** The exact calldata length of this format. */
    public int length() {
      return length;
    }
  }

  /** Decodes L1-info calldata of any format; anything else is a {@link DecodingException}. */
  public static L1BlockInfo decode(byte[] data) {
    if (data.length < 4) {
      throw new DecodingException(0, "L1-info calldata has no function selector");
    }
    byte[] selector = Arrays.copyOf(data, 4);
    for (Format f : Format.values()) {
      if (Arrays.equals(selector, f.selector)) {
        if (data.length != f.length) {
          throw new DecodingException(
              0, f + " L1-info calldata must be " + f.length + " bytes, got " + data.length);
        }
        return f == Format.BEDROCK ? decodeBedrock(data) : decodePacked(f, data);
      }
    }
    throw new DecodingException(
        0, "unknown L1-info function selector 0x" + Hex.encodePlain(selector));
  }

  private static L1BlockInfo decodeBedrock(byte[] data) {
    return new L1BlockInfo(
        Format.BEDROCK,
        word64(data, 0),
        word64(data, 1),
        word(data, 2),
        Hash.wrap(Arrays.copyOfRange(data, 4 + 3 * 32, 4 + 4 * 32)),
        word64(data, 4),
        Bytes32.wrap(Arrays.copyOfRange(data, 4 + 5 * 32, 4 + 6 * 32)),
        word(data, 6),
        word(data, 7),
        BigInteger.ZERO,
        0,
        0,
        0,
        0,
        0);
  }

  private static L1BlockInfo decodePacked(Format f, byte[] data) {
    boolean isthmus = f != Format.ECOTONE;
    return new L1BlockInfo(
        f,
        L1FeeParams.bigEndian(data, 28, 8),
        L1FeeParams.bigEndian(data, 20, 8),
        new BigInteger(1, Arrays.copyOfRange(data, 36, 68)),
        Hash.wrap(Arrays.copyOfRange(data, 100, 132)),
        L1FeeParams.bigEndian(data, 12, 8),
        Bytes32.wrap(Arrays.copyOfRange(data, 132, 164)),
        BigInteger.ZERO,
        BigInteger.ZERO,
        new BigInteger(1, Arrays.copyOfRange(data, 68, 100)),
        L1FeeParams.bigEndian(data, 4, 4),
        L1FeeParams.bigEndian(data, 8, 4),
        isthmus ? L1FeeParams.bigEndian(data, 164, 4) : 0,
        isthmus ? L1FeeParams.bigEndian(data, 168, 8) : 0,
        f == Format.JOVIAN ? (int) L1FeeParams.bigEndian(data, 176, 2) : 0);
  }

  /** The ABI word {@code index} after the selector, as an unsigned number. */
  private static BigInteger word(byte[] data, int index) {
    int at = 4 + index * 32;
    return new BigInteger(1, Arrays.copyOfRange(data, at, at + 32));
  }

  /** An ABI word that must hold a uint64. */
  private static long word64(byte[] data, int index) {
    int at = 4 + index * 32;
    for (int i = 0; i < 24; i++) {
      if (data[at + i] != 0) {
        throw new DecodingException(at, "L1-info argument " + index + " exceeds 64 bits");
      }
    }
    return L1FeeParams.bigEndian(data, at + 24, 8);
  }

  /** The calldata of this info in its {@link #format}. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(format.length);
    b.put(format.selector);
    if (format == Format.BEDROCK) {
      b.put(uint256(BigInteger.valueOf(number).and(U64)));
      b.put(uint256(BigInteger.valueOf(timestamp).and(U64)));
      b.put(uint256(baseFee));
      b.put(blockHash.toArray());
      b.put(uint256(BigInteger.valueOf(sequenceNumber).and(U64)));
      b.put(batcherHash.toArrayUnsafe());
      b.put(uint256(overhead));
      b.put(uint256(scalar));
      return b.array();
    }
    b.putInt((int) baseFeeScalar).putInt((int) blobBaseFeeScalar);
    b.putLong(sequenceNumber).putLong(timestamp).putLong(number);
    b.put(uint256(baseFee)).put(uint256(blobBaseFee));
    b.put(blockHash.toArray()).put(batcherHash.toArrayUnsafe());
    if (format != Format.ECOTONE) {
      b.putInt((int) operatorFeeScalar).putLong(operatorFeeConstant);
    }
    if (format == Format.JOVIAN) {
      b.putShort((short) daFootprintGasScalar);
    }
    return b.array();
  }

  private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static byte[] uint256(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  /** The fee parameters this info sets in the L1Block contract. */
  public L1FeeParams feeParams() {
    return new L1FeeParams(
        baseFee,
        overhead,
        scalar,
        blobBaseFee,
        baseFeeScalar,
        blobBaseFeeScalar,
        operatorFeeScalar,
        operatorFeeConstant);
  }
}
