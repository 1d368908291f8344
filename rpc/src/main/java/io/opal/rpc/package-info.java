/**
 * JSON-RPC 2.0 over HTTP and WebSocket: eth, net, web3, txpool, debug, optimism and admin
 * namespaces.
 */
package io.opal.rpc;
