/**
 * The devnet's L2 side at genesis: {@link io.opal.consensus.devnet.genesis.DevnetL2Params} in,
 * {@link io.opal.consensus.devnet.genesis.L2GenesisBuilder} builds the op-geth style genesis (the
 * standard predeploys behind proxies, the system contracts, the prefunded dev accounts), {@link
 * io.opal.consensus.devnet.genesis.DevnetRollupConfig} the matching rollup config, and {@link
 * io.opal.consensus.devnet.genesis.DevnetFiles} writes {@code genesis.json}, {@code rollup.json}
 * and {@code devnet.json} into the data dir.
 *
 * <pre>
 *   DevnetL2Params ──► L2GenesisBuilder ──► L2Genesis (alloc + header, hash)
 *                                              │
 *                      DevnetRollupConfig ◄────┘──► RollupConfig ──► RollupJson
 *                                              └──► GenesisJson (genesis.json)
 * </pre>
 */
package io.opal.consensus.devnet.genesis;
