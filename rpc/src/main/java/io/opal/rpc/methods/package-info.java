/** Namespaces that need nothing from the node beyond a few values: web3_ and net_. */
package io.opal.rpc.methods;
