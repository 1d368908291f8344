/**
 * JSON-RPC 2.0 over HTTP and WebSocket on Vert.x, with geth's conventions and limits.
 *
 * <p>Data flow: a transport ({@code HttpRequestHandler}, {@code WebSocketSession}) collects a
 * request body on the event loop and hands it to a virtual thread; {@code RpcDispatcher} parses it
 * ({@code RequestParser}: the whole body must be JSON, messages are classified as geth does), looks
 * each call up in the {@link io.opal.rpc.RpcMethodRegistry} (restricted to the server's enabled
 * namespaces), runs it inline under the call timeout ({@code CallWatchdog}) with its arguments in
 * {@link io.opal.rpc.RpcParams}, and encodes answers with Jackson's streaming generator ({@link
 * io.opal.rpc.JsonOutput}); the transport writes the bytes back on the event loop. Subscriptions:
 * the node publishes to a {@link io.opal.rpc.SubscriptionHub}, which queues notifications on each
 * subscriber's bounded WebSocket outbox.
 *
 * <p>What the rest of the node implements for the eth_ namespace: {@link io.opal.rpc.ChainReader},
 * {@link io.opal.rpc.StateReader}, {@link io.opal.rpc.CallExecutor}, {@link
 * io.opal.rpc.TransactionSubmitter}, {@link io.opal.rpc.PoolReader}, {@link io.opal.rpc.FeeMarket}
 * (handlers in {@link io.opal.rpc.eth}).
 */
package io.opal.rpc;
