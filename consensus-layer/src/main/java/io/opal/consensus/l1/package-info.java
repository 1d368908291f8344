/**
 * The L1 client: what the rollup node reads from and sends to the L1 chain.
 *
 * <pre>
 *  L1 node ──HTTP/WS──▶ RpcTransport ──▶ JsonRpcL1Client (retries, caches) ──▶ L1Json (typed, verified)
 *                        (Http/WebSocket)        │                                   │
 *                                                ▼                                   ▼
 *                                          L1HeadTracker                  L1Header, L1Block, L1Receipt,
 *                                        (reorgs by parent hash)          L1Log, FeeHistory ...
 *                                                                                    │
 *        DepositLogDecoder ◀── TransactionDeposited logs ─────────────────────────────┤
 *        SystemConfigLogDecoder ◀── ConfigUpdate logs ────────────────────────────────┘
 * </pre>
 *
 * <p><b>Concurrency: asynchronous.</b> {@link io.opal.consensus.l1.L1Client} returns {@link
 * java.util.concurrent.CompletableFuture}s at once; the Vert.x event loop only moves bytes, and
 * responses are parsed, verified and completed on the client's executor (virtual threads), so
 * dependent stages never run on an event loop. The driver thread may compose futures without
 * blocking; set-up code and tests may {@code join()} on their own threads.
 *
 * <p><b>Errors</b> are {@link io.opal.consensus.l1.L1Exception}s whose kind tells the caller what
 * to do: TEMPORARY (already retried with backoff; try later), NOT_FOUND (not there yet), REORG (the
 * followed chain changed deeper than remembered: reset) and CRITICAL (the node refused, or answered
 * data that does not verify). Malformed deposit and config-update logs are {@link
 * io.opal.consensus.l1.MalformedLogException}s naming their block and log index.
 *
 * <p><b>Verification.</b> Header hashes, transaction hashes, transactions, withdrawals and receipts
 * roots and log indexes are checked against what the node claims; a node cannot feed the rollup
 * node data its block hash does not commit to.
 */
package io.opal.consensus.l1;
