/**
 * The eth_ and txpool_ methods ({@link io.opal.rpc.eth.EthApi}), their JSON in op-geth's shapes
 * ({@link io.opal.rpc.eth.RpcBlock}, {@link io.opal.rpc.eth.RpcTransaction}, {@link
 * io.opal.rpc.eth.RpcReceipt}, {@link io.opal.rpc.eth.RpcLog}), the standard subscriptions ({@link
 * io.opal.rpc.eth.EthSubscriptions}) and the adapter of the transaction pool ({@link
 * io.opal.rpc.eth.TxPoolBackend}). Handlers only translate between parameters, the node's
 * interfaces and JSON; the chain, state, EVM and pool live elsewhere.
 */
package io.opal.rpc.eth;
