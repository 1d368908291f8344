package io.opal.rpc.eth;

import io.opal.primitives.Address;
import io.opal.primitives.block.BlockHeader;
import io.opal.rpc.BlockParameter;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.PoolReader;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import io.opal.rpc.StateReader;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/** eth_getBalance, eth_getCode, eth_getStorageAt and eth_getTransactionCount. */
final class EthStateMethods {
  private final StateReader state;
  private final PoolReader pool;
  private final BlockResolver blocks;

  EthStateMethods(ChainReader chain, StateReader state, PoolReader pool) {
    this.state = state;
    this.pool = pool;
    this.blocks = new BlockResolver(chain);
  }

  void register(RpcMethodRegistry r) {
    // Arguments are all read before the block is resolved, so errors name the first bad one.
    r.register(
        "eth_getBalance",
        2,
        p -> {
          Address a = p.address(0);
          return at(p, 1).balance(a);
        });
    r.register(
        "eth_getCode",
        2,
        p -> {
          Address a = p.address(0);
          return at(p, 1).code(a);
        });
    r.register(
        "eth_getStorageAt",
        3,
        p -> {
          Address a = p.address(0);
          Bytes32 slot = p.read(1, EthStateMethods::storageKey);
          return at(p, 2).storage(a, slot);
        });
    r.register("eth_getTransactionCount", 2, this::transactionCount);
  }

  /** The state the block argument names; it is required, as in geth. */
  private StateReader.StateView at(RpcParams p, int blockArg) throws RpcException {
    BlockHeader header = blocks.require(p.blockNumberOrHash(blockArg));
    return state
        .at(header)
        .orElseThrow(
            () ->
                RpcException.serverError(
                    "historical state " + header.stateRoot() + " is not available"));
  }

  private Object transactionCount(RpcParams p) throws RpcException {
    Address address = p.address(0);
    BlockParameter block = p.blockNumberOrHash(1);
    if (block instanceof BlockParameter.Tagged t && t.tag() == BlockTag.PENDING) {
      OptionalLong pending = pool.pendingNonce(address);
      if (pending.isPresent()) {
        return pending.getAsLong();
      }
      return at(p, 1).nonce(address);
    }
    return at(p, 1).nonce(address);
  }

  /**
   * A storage slot as geth reads it: hex with or without {@code 0x}, any length up to 32 bytes (an
   * odd digit count is read with a leading zero), left-padded to 32 bytes.
   */
  static Bytes32 storageKey(com.fasterxml.jackson.databind.JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("cannot unmarshal non-string into storage key");
    }
    String s = node.textValue();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if ((s.length() & 1) == 1) {
      s = "0" + s;
    }
    if (s.length() > 64) {
      throw new IllegalArgumentException(
          "unable to decode storage key: hex string too long, want at most 32 bytes");
    }
    try {
      return Bytes32.leftPad(Bytes.fromHexString(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unable to decode storage key: hex string invalid");
    }
  }
}
