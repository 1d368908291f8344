/**
 * The chain on disk: blocks, receipts, heads and the persistent world state, over the storage
 * schema ({@code io.opal.storage}).
 *
 * <pre>
 *  ChainDatabase ── one WriteBatch per block: block + receipts + state diff + canonical index + head
 *   ├─ HeadLayers        the newest head blocks' flat-state changes and tx lookups, in memory until
 *   │                    applyHeadLayers() writes them (a build job does while it idles; open
 *   │                    replays them after a crash): the seal's write stays a dozen keys
 *   ├─ ChainStore        headers/bodies/receipts by BlockKey, hash→number, canonical number→hash,
 *   │                    tx lookups (layers first), head pointers, metadata
 *   └─ WorldStateStore   TRIE_NODES (every block's nodes, by hash), flat ACCOUNTS/STORAGE (the
 *       │                indexed head's state), CODE, STATE_HISTORY (StateDiff per recent block)
 *       ├─ FlatStateReader   head state: the layers, then the flat tables  ┐ StateView
 *       ├─ TrieStateReader   any stored root, or a witness (stateless)     ┘ (a StateReader)
 *       └─ BlockState        a block being executed: a StateView + the transactions' changes;
 *                            incremental state root; new trie nodes; its StateDiff
 * </pre>
 *
 * <p>Executing a block: {@link io.opal.execution.store.ChainDatabase#newBlockState} (on the flat
 * head when the parent is the unsafe head), {@code TransactionProcessor.apply(state, ...)} per
 * transaction, {@link io.opal.execution.store.BlockState#stateRoot()} into the header, then {@link
 * io.opal.execution.store.ChainDatabase#commitBlock}. Moving the head back (an unsafe reorg) or
 * onto another stored branch uses the kept diffs: {@link
 * io.opal.execution.store.ChainDatabase#setHead}. Stateless execution from a witness: {@link
 * io.opal.execution.store.BlockState#stateless}.
 */
package io.opal.execution.store;
