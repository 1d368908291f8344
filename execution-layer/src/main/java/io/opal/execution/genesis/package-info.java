/**
 * Genesis: op-geth {@code genesis.json} ({@link io.opal.execution.genesis.GenesisFile}), the chain
 * config as the user has it ({@link io.opal.execution.genesis.ChainConfigFile}: op-node {@code
 * rollup.json} or a superchain-registry {@code .toml}), block 0 with the header fields of the forks
 * active at its timestamp ({@link io.opal.execution.genesis.GenesisBlock}), and {@code opal init}'s
 * work ({@link io.opal.execution.genesis.ChainInitializer}).
 */
package io.opal.execution.genesis;
