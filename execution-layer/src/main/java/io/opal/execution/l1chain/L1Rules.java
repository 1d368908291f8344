package io.opal.execution.l1chain;

import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.fork.EvmFork;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * The Ethereum (L1) block rules of one fork, fixed for the whole chain: the embedded dev L1 runs
 * one fork from genesis (Prague), the BlockchainTests import runs Cancun.
 *
 * <ul>
 *   <li>EIP-1559 base fee with mainnet parameters (elasticity 2, change denominator 8);
 *   <li>EIP-4844 blob gas with the fork's target, maximum and update fraction (EIP-7691 raised them
 *       in Prague to 6 / 9 blobs and 5007716);
 *   <li>EIP-7685 requests hash from Prague. This dev chain has no deposit, withdrawal-request or
 *       consolidation contracts (EIP-6110/7002/7251), so every block's request list is empty and
 *       its hash is sha256 of nothing.
 * </ul>
 *
 * @param blobTarget target blobs per block
 * @param blobMax maximum blobs per block
 * @param blobUpdateFraction the blob base fee's update fraction
 */
public record L1Rules(
    long chainId, EvmFork fork, int blobTarget, int blobMax, long blobUpdateFraction) {
  public static final long GAS_PER_BLOB = 131_072;
  public static final long ELASTICITY_MULTIPLIER = 2;
  public static final long BASE_FEE_CHANGE_DENOMINATOR = 8;

  /** sha256(""): the EIP-7685 requests hash of a block with no requests of any type. */
  public static final Hash EMPTY_REQUESTS_HASH = Hash.wrap(sha256(new byte[0]));

  public L1Rules {
    Objects.requireNonNull(fork);
    if (!fork.isAtLeast(EvmFork.CANCUN)) {
      throw new IllegalArgumentException("the L1 block rules start at Cancun, not " + fork);
    }
  }

  /** Prague (EIP-7691 blob parameters). */
  public static L1Rules prague(long chainId) {
    return new L1Rules(chainId, EvmFork.PRAGUE, 6, 9, 5_007_716);
  }

  /** Cancun (EIP-4844 blob parameters). */
  public static L1Rules cancun(long chainId) {
    return new L1Rules(chainId, EvmFork.CANCUN, 3, 6, 3_338_477);
  }

  public boolean hasRequests() {
    return fork.isAtLeast(EvmFork.PRAGUE);
  }

  /** Prague added the EIP-2935 history system call at block start. */
  public boolean hasHistoryContract() {
    return fork.isAtLeast(EvmFork.PRAGUE);
  }

  public long targetBlobGas() {
    return blobTarget * GAS_PER_BLOB;
  }

  public long maxBlobGas() {
    return blobMax * GAS_PER_BLOB;
  }

  /** EIP-1559's base fee of the block after {@code parent} (which must have a base fee). */
  public static long nextBaseFee(BlockHeader parent) {
    long parentBaseFee = parent.baseFeePerGas().orElseThrow();
    long target = parent.gasLimit() / ELASTICITY_MULTIPLIER;
    long used = parent.gasUsed();
    if (used == target) {
      return parentBaseFee;
    }
    BigInteger fee = BigInteger.valueOf(parentBaseFee);
    BigInteger t = BigInteger.valueOf(target);
    if (used > target) {
      BigInteger delta =
          fee.multiply(BigInteger.valueOf(used - target))
              .divide(t)
              .divide(BigInteger.valueOf(BASE_FEE_CHANGE_DENOMINATOR))
              .max(BigInteger.ONE);
      return fee.add(delta).longValueExact();
    }
    BigInteger delta =
        fee.multiply(BigInteger.valueOf(target - used))
            .divide(t)
            .divide(BigInteger.valueOf(BASE_FEE_CHANGE_DENOMINATOR));
    return fee.subtract(delta).max(BigInteger.ZERO).longValueExact();
  }

  /** EIP-4844's calc_excess_blob_gas with this fork's target. */
  public long nextExcessBlobGas(BlockHeader parent) {
    long sum = parent.excessBlobGas().orElse(0) + parent.blobGasUsed().orElse(0);
    return sum < targetBlobGas() ? 0 : sum - targetBlobGas();
  }

  /** The blob base fee for a block with {@code excessBlobGas}: fake_exponential(1, excess, F). */
  public BigInteger blobBaseFee(long excessBlobGas) {
    BigInteger denominator = BigInteger.valueOf(blobUpdateFraction);
    BigInteger numerator = BigInteger.valueOf(excessBlobGas);
    BigInteger output = BigInteger.ZERO;
    BigInteger accum = denominator; // factor 1 · denominator
    for (int i = 1; accum.signum() > 0; i++) {
      output = output.add(accum);
      accum = accum.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denominator);
  }

  /**
   * EIP-7685: sha256 over sha256(request) of every non-empty typed request list (type byte followed
   * by its data), in type order.
   */
  public static Hash requestsHash(List<Bytes> requests) {
    MessageDigest outer = sha256Digest();
    for (Bytes r : requests) {
      if (r.size() > 1) {
        outer.update(sha256(r.toArrayUnsafe()));
      }
    }
    return Hash.wrap(outer.digest());
  }

  private static byte[] sha256(byte[] data) {
    return sha256Digest().digest(data);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
