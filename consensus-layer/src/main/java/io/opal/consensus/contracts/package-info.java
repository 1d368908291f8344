/**
 * The OP contracts Opal deploys: the artifacts of the pinned {@code
 * @eth-optimism/contracts-bedrock} package ({@link io.opal.consensus.contracts.OpContracts}, one
 * {@link io.opal.consensus.contracts.ContractArtifact} a contract, with its ABI, bytecode,
 * immutables and {@link io.opal.consensus.contracts.StorageLayout}), shared by the devnet's L1
 * deployer and its L2 genesis builder. ABI encoding is {@link io.opal.consensus.l1.abi}'s.
 */
package io.opal.consensus.contracts;
