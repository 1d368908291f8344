/**
 * The rollup node's operator endpoint: op-node's {@code admin_} sequencer controls and {@code
 * optimism_} status methods ({@link io.opal.rpc.admin.AdminApi}, {@link
 * io.opal.rpc.admin.RollupApi}) in op-node's JSON shapes ({@link io.opal.rpc.admin.OpNodeJson}),
 * served JWT-authenticated on their own port by {@link io.opal.rpc.admin.AdminRpcServer}.
 */
package io.opal.rpc.admin;
