package io.opal.execution.statetest;

import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * One test of the ethereum/tests GeneralStateTests format: an environment, a pre-state, a
 * transaction template whose data/gas/value arrays are indexed by each post entry, and the expected
 * post-state root and logs hash per fork.
 */
public record StateTest(
    String name,
    Env env,
    Map<Address, PreAccount> pre,
    Transaction transaction,
    Map<String, List<PostState>> post) {

  /** The block environment ({@code current*} fields); absent optional fields are empty. */
  public record Env(
      Address coinbase,
      long number,
      long timestamp,
      long gasLimit,
      UInt256 difficulty,
      Optional<UInt256> baseFee,
      Optional<Hash> random,
      Optional<Long> excessBlobGas) {}

  public record PreAccount(
      long nonce, UInt256 balance, byte[] code, Map<Word256, Word256> storage) {}

  /**
   * The transaction template. Numbers that may exceed their protocol range in deliberately invalid
   * tests are kept as BigInteger; the runner rejects them.
   */
  public record Transaction(
      List<byte[]> data,
      List<BigInteger> gasLimit,
      List<BigInteger> value,
      BigInteger nonce,
      Optional<BigInteger> gasPrice,
      Optional<BigInteger> maxFeePerGas,
      Optional<BigInteger> maxPriorityFeePerGas,
      Optional<List<Optional<List<AccessListEntry>>>> accessLists,
      Optional<List<Hash>> blobVersionedHashes,
      Optional<BigInteger> maxFeePerBlobGas,
      Optional<List<Authorization>> authorizationList,
      Optional<Address> to,
      Address sender) {}

  /** One expected outcome: the indexes into the template and the resulting root and logs. */
  public record PostState(
      Hash hash,
      Hash logs,
      int dataIndex,
      int gasIndex,
      int valueIndex,
      Optional<String> expectException,
      byte[] txBytes) {}
}
