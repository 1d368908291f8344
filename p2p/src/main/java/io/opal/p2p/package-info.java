/** The libp2p wire stack on Netty and the OP block-gossip protocol. */
package io.opal.p2p;
