package io.opal.rpc.eth;

import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockHeader;
import io.opal.rpc.BlockParameter;
import io.opal.rpc.BlockTag;
import io.opal.rpc.ChainReader;
import io.opal.rpc.RpcException;
import java.util.Optional;

/** Turns block parameters into headers, with geth's errors and its null-for-unknown rules. */
final class BlockResolver {
  private final ChainReader chain;

  BlockResolver(ChainReader chain) {
    this.chain = chain;
  }

  /**
   * The header a state-reading method works on; an unknown block is an error, as in geth's {@code
   * HeaderByNumberOrHash}.
   */
  BlockHeader require(BlockParameter p) throws RpcException {
    return switch (p) {
      case BlockParameter.Tagged t -> tagged(t.tag());
      case BlockParameter.Number n ->
          chain
              .headerByNumber(n.number())
              .orElseThrow(() -> RpcException.serverError("header not found"));
      case BlockParameter.ByHash h -> byHash(h);
    };
  }

  /**
   * The header a block getter returns; an unknown number or hash is empty (JSON null), but a tag
   * the chain cannot answer yet ("safe block not found") is an error, as in geth.
   */
  Optional<BlockHeader> find(BlockParameter p) throws RpcException {
    return switch (p) {
      case BlockParameter.Tagged t -> Optional.of(tagged(t.tag()));
      case BlockParameter.Number n -> chain.headerByNumber(n.number());
      case BlockParameter.ByHash h -> {
        Optional<BlockHeader> header = chain.headerByHash(h.hash());
        if (header.isPresent() && h.requireCanonical()) {
          checkCanonical(header.get(), h.hash());
        }
        yield header;
      }
    };
  }

  BlockHeader tagged(BlockTag tag) throws RpcException {
    BlockTag asked = tag == BlockTag.PENDING ? BlockTag.LATEST : tag;
    return chain
        .header(asked)
        .orElseThrow(
            () ->
                RpcException.serverError(
                    switch (asked) {
                      case SAFE -> "safe block not found";
                      case FINALIZED -> "finalized block not found";
                      default -> "header not found";
                    }));
  }

  /** The number a tag or number names (eth_getLogs, eth_feeHistory ranges). */
  long number(BlockParameter p) throws RpcException {
    return switch (p) {
      case BlockParameter.Number n -> n.number();
      case BlockParameter.Tagged t -> tagged(t.tag()).number();
      case BlockParameter.ByHash h -> byHash(h).number();
    };
  }

  private BlockHeader byHash(BlockParameter.ByHash h) throws RpcException {
    BlockHeader header =
        chain
            .headerByHash(h.hash())
            .orElseThrow(() -> RpcException.serverError("header for hash not found"));
    if (h.requireCanonical()) {
      checkCanonical(header, h.hash());
    }
    return header;
  }

  private void checkCanonical(BlockHeader header, Hash hash) throws RpcException {
    Optional<BlockHeader> canonical = chain.headerByNumber(header.number());
    if (canonical.isEmpty() || !canonical.get().hash().equals(hash)) {
      throw RpcException.serverError("hash " + hash + " is not currently canonical");
    }
  }
}
