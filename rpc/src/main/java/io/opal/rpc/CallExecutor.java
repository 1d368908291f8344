package io.opal.rpc;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.tx.AccessListEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Runs a transaction against the state after a block without committing it: eth_call,
 * eth_estimateGas, eth_createAccessList. Implemented by the execution layer. A request that cannot
 * run at all (insufficient funds, nonce too low, gas above the cap, a timeout) is an {@link
 * RpcException} with geth's message; what happened inside the EVM is the result.
 */
public interface CallExecutor {
  CallResult call(CallRequest request, BlockHeader at, CallOptions options) throws RpcException;

  EstimateResult estimateGas(CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException;

  AccessListResult createAccessList(CallRequest request, BlockHeader at, CallOptions options)
      throws RpcException;

  /**
   * @param gasCap the most gas a call may use ({@code --rpc.gascap}); 0 for none
   * @param timeout how long the EVM may run ({@code --rpc.evmtimeout}); zero for no limit
   * @param stateOverrides accounts to change before running (eth_call's third argument)
   * @param blockOverrides block context to change (eth_call's fourth argument)
   */
  record CallOptions(
      long gasCap,
      Duration timeout,
      Map<Address, AccountOverride> stateOverrides,
      Optional<BlockOverrides> blockOverrides) {
    public CallOptions {
      stateOverrides = Map.copyOf(stateOverrides);
    }
  }

  /** How a call ended. */
  sealed interface CallResult {
    long gasUsed();

    record Success(Bytes output, long gasUsed) implements CallResult {}

    /** REVERT, with its data (an ABI-encoded Error(string) or custom error, or nothing). */
    record Reverted(Bytes data, long gasUsed) implements CallResult {}

    /** Stopped by the EVM: "out of gas", "invalid opcode: INVALID", "stack underflow"... */
    record Halted(String error, long gasUsed) implements CallResult {}
  }

  sealed interface EstimateResult {
    record Estimated(long gas) implements EstimateResult {}

    /** The transaction reverts at every gas limit up to the cap. */
    record Reverted(Bytes data) implements EstimateResult {}

    /** "gas required exceeds allowance (N)" and other failures, in geth's words. */
    record Failed(String error) implements EstimateResult {}
  }

  /** The access list that makes the call cheapest, the gas it then uses, and the EVM's error. */
  record AccessListResult(List<AccessListEntry> accessList, long gasUsed, Optional<String> error) {
    public AccessListResult {
      accessList = List.copyOf(accessList);
    }
  }

  /**
   * One account of a state override; {@code state} replaces all storage, {@code stateDiff} patches.
   */
  record AccountOverride(
      Optional<UInt256> balance,
      OptionalLong nonce,
      Optional<Bytes> code,
      Optional<Map<Bytes32, Bytes32>> state,
      Optional<Map<Bytes32, Bytes32>> stateDiff,
      Optional<Address> movePrecompileToAddress) {}

  /** Block context overrides (geth's {@code BlockOverrides}). */
  record BlockOverrides(
      Optional<UInt256> number,
      Optional<UInt256> difficulty,
      OptionalLong time,
      OptionalLong gasLimit,
      Optional<Address> feeRecipient,
      Optional<Hash> prevRandao,
      Optional<UInt256> baseFeePerGas,
      Optional<UInt256> blobBaseFee) {}
}
