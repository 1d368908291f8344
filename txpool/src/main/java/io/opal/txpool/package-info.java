/**
 * The transaction pool: what users' transactions go through between {@code eth_sendRawTransaction}
 * and a block.
 *
 * <pre>
 *  RPC threads ── addRaw/add ──► Admission (decode, static checks, sender recovery: no lock)
 *                                   │
 *                                   ▼  pool lock: StateChecks (nonce, funds incl. L1 fee,
 *                                      EIP-7702 limits), replacement bump, room (eviction)
 *                                 AccountQueues: per sender pending (executable run) + queued
 *                                   │            PricedIndex (eviction order of remotes)
 *          ┌────────────────────────┼──────────────────────────┐
 *  newPendingTransactions     bestTransactions(baseFee)    JournalKeeper (locals to disk)
 *  (PoolEvents, bounded)      (sequencer, nonce+tip order)
 *  driver ── onNewHead(head, state, removed, added) ──► demote / promote / re-inject / re-price
 *  scheduler ── maintain() ──► queue expiry, journal rotation
 * </pre>
 *
 * <p>The public API: {@link io.opal.txpool.TransactionPool} with its {@link
 * io.opal.txpool.PoolConfig}; what it reads from the chain, {@link io.opal.txpool.HeadContext},
 * {@link io.opal.txpool.PoolStateView} and {@link io.opal.txpool.L1CostFunction} (implemented by
 * the execution and OP layers); results {@link io.opal.txpool.AddResult} / {@link
 * io.opal.txpool.PoolError} (geth's messages); {@link io.opal.txpool.BestTransactions} for block
 * building; {@link io.opal.txpool.PoolContent} and {@link io.opal.txpool.PoolStatus} for the {@code
 * txpool_} namespace; {@link io.opal.txpool.PoolJournal} with {@link
 * io.opal.txpool.FilePoolJournal}.
 *
 * <p>This package reads state only through {@link io.opal.txpool.PoolStateView}; it does not depend
 * on the execution layer's classes.
 */
package io.opal.txpool;
