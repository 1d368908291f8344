package io.opal.rpc.eth;

import io.opal.rpc.BlockParameter;
import io.opal.rpc.CallExecutor;
import io.opal.rpc.CallExecutor.AccessListResult;
import io.opal.rpc.CallExecutor.CallOptions;
import io.opal.rpc.CallExecutor.CallResult;
import io.opal.rpc.CallExecutor.EstimateResult;
import io.opal.rpc.CallRequest;
import io.opal.rpc.ChainReader;
import io.opal.rpc.JsonWritable;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcHex;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * eth_call, eth_estimateGas and eth_createAccessList: parse the call, resolve the block (latest by
 * default), run it under the gas cap and EVM timeout, and report reverts as geth does: code 3,
 * "execution reverted" plus the decoded reason, and the revert data as {@code data}.
 */
final class EthCallMethods {
  private final CallExecutor calls;
  private final BlockResolver blocks;
  private final EthConfig config;

  EthCallMethods(ChainReader chain, CallExecutor calls, EthConfig config) {
    this.calls = calls;
    this.blocks = new BlockResolver(chain);
    this.config = config;
  }

  void register(RpcMethodRegistry r) {
    r.register("eth_call", 4, this::call);
    r.register("eth_estimateGas", 3, this::estimateGas);
    r.register("eth_createAccessList", 3, this::createAccessList);
  }

  private CallOptions options(RpcParams p, int overridesArg, boolean blockOverrides)
      throws RpcException {
    return new CallOptions(
        config.gasCap(),
        config.evmTimeout(),
        p.readOptional(overridesArg, CallRequestParser::stateOverrides).orElse(Map.of()),
        blockOverrides
            ? p.readOptional(overridesArg + 1, CallRequestParser::blockOverrides)
            : Optional.empty());
  }

  private Object call(RpcParams p) throws RpcException {
    CallRequest request = p.read(0, CallRequestParser::callRequest);
    BlockParameter block = p.blockNumberOrHashOrLatest(1);
    CallOptions options = options(p, 2, true);
    CallResult result = calls.call(request, blocks.require(block), options);
    return switch (result) {
      case CallResult.Success s -> s.output();
      case CallResult.Reverted rev -> throw reverted(rev.data());
      case CallResult.Halted h -> throw RpcException.serverError(h.error());
    };
  }

  private Object estimateGas(RpcParams p) throws RpcException {
    CallRequest request = p.read(0, CallRequestParser::callRequest);
    BlockParameter block = p.blockNumberOrHashOrLatest(1);
    CallOptions options = options(p, 2, false);
    EstimateResult result = calls.estimateGas(request, blocks.require(block), options);
    return switch (result) {
      case EstimateResult.Estimated e -> e.gas();
      case EstimateResult.Reverted rev -> throw reverted(rev.data());
      case EstimateResult.Failed f -> throw RpcException.serverError(f.error());
    };
  }

  private Object createAccessList(RpcParams p) throws RpcException {
    CallRequest request = p.read(0, CallRequestParser::callRequest);
    BlockParameter block = p.blockNumberOrHashOrLatest(1);
    CallOptions options = options(p, 2, false);
    AccessListResult result = calls.createAccessList(request, blocks.require(block), options);
    return (JsonWritable)
        g -> {
          g.writeStartObject();
          RpcTransaction.writeAccessList(g, result.accessList());
          if (result.error().isPresent()) {
            g.writeStringField("error", result.error().get());
          }
          g.writeStringField("gasUsed", RpcHex.quantity(result.gasUsed()));
          g.writeEndObject();
        };
  }

  /**
   * geth's revert error: code 3, the reason when the data decodes to one, the data itself; a revert
   * without data is a plain -32000 "execution reverted", as in geth.
   */
  static RpcException reverted(Bytes data) {
    if (data.isEmpty()) {
      return RpcException.serverError("execution reverted");
    }
    String message =
        RevertReason.decode(data).map(r -> "execution reverted: " + r).orElse("execution reverted");
    return new RpcException(RpcException.EXECUTION_REVERTED, message, RpcHex.data(data));
  }
}
