/**
 * OP Stack block processing and building (specs/protocol/exec-engine.md, deposits.md and the fork
 * folders Regolith → Jovian).
 *
 * <p>{@link io.opal.execution.op.OpBlockExecutor} is the entry point: {@code build(parent, world,
 * attributes, pool, ancestors)} builds a block from {@link
 * io.opal.execution.op.OpPayloadAttributes} (forced transactions first, then a {@link
 * io.opal.execution.op.TransactionSource} unless {@code noTxPool}); {@code start(...)} gives an
 * {@link io.opal.execution.op.OpBlockBuilder} to fill incrementally ({@code addForced}, {@code
 * tryAdd}, {@code seal}); {@code execute(parent, world, block, ancestors)} validates a received
 * block field by field. The result is an {@link io.opal.execution.op.ExecutedBlock}: block,
 * receipts and per-transaction RPC details ({@link io.opal.execution.op.RollupFeeDetails}).
 * Failures are {@link io.opal.execution.op.BlockValidationException}s with a reason, the
 * transaction index, and the differing header fields.
 *
 * <p>Per block: the block-start steps ({@code BlockStart}: create2Deployer at Canyon, EIP-4788 from
 * Ecotone, EIP-2935 from Isthmus), deposits through {@code TransactionProcessor.executeDeposit},
 * sequenced transactions through the processor with an {@code OpFeeHandler} (L1 data fee and
 * operator fee bought up front; base fee, priority fee, L1 fee and operator fee routed to their
 * vaults), fees priced by {@link io.opal.execution.op.RollupFees} from the L1Block contract's
 * storage ({@link io.opal.execution.op.L1FeeParams}), then {@code BlockSeal} (roots and the fork's
 * header fields). {@link io.opal.execution.op.OpBaseFee} has the OP EIP-1559 rules and extraData,
 * {@link io.opal.execution.op.L1BlockInfo} the L1-info calldata formats, {@link
 * io.opal.execution.op.UpgradeTransactions} the network upgrade deposits that payload attributes
 * carry at fork activation.
 */
package io.opal.execution.op;
