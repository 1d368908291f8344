package io.opal.rpc;

/**
 * One JSON-RPC method: reads its arguments, returns a result the {@link JsonOutput} conventions can
 * write (null is JSON null), or throws an {@link RpcException}. Methods run on virtual threads, off
 * the event loop, and may block (state reads, the pool's lock). Any other exception becomes an
 * internal error (-32603) whose details stay in the server log.
 */
@FunctionalInterface
public interface RpcMethod {
  Object invoke(RpcParams params) throws RpcException;
}
