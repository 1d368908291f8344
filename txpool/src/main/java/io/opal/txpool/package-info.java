/**
 * The transaction pool: validation, pending and queued sets, replacement, eviction and ordering for
 * block building.
 */
package io.opal.txpool;
