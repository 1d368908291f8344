/**
 * The devnet's L1 side: the OP contracts of the pinned {@code @eth-optimism/contracts-bedrock}
 * package ({@link io.opal.consensus.contracts.OpContracts}) deployed behind proxies by {@link
 * io.opal.consensus.devnet.l1.OpContractsDeployer} from {@link
 * io.opal.consensus.devnet.l1.DevnetL1Params}, giving an {@link
 * io.opal.consensus.devnet.l1.L1Deployment} with every address (for the rollup config and {@code
 * devnet.json}).
 */
package io.opal.consensus.devnet.l1;
