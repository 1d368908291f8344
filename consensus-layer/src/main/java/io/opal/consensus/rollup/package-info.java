/**
 * Types the rollup node's parts share with each other and with the admin RPC: references to L2
 * blocks with their L1 origin, the sync status, and the sequencer's control surface.
 */
package io.opal.consensus.rollup;
