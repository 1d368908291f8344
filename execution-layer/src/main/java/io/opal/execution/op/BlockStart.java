package io.opal.execution.op;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.state.Account;
import io.opal.execution.state.JournaledState;
import io.opal.execution.state.WorldState;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What happens at the start of an OP block, before its first transaction (op-geth's state
 * processor): the create2Deployer gets its code in the Canyon activation block; from Ecotone the
 * EIP-4788 beacon roots contract stores the parent beacon block root; from Isthmus the EIP-2935
 * history contract stores the parent hash. A system call to a contract not yet deployed (in the
 * block whose upgrade transactions deploy it) does nothing.
 */
final class BlockStart {
  private BlockStart() {}

  /** keccak256 of the create2Deployer's runtime code (canyon/overview.md, preinstalls.md). */
  static final Hash CREATE2_DEPLOYER_CODE_HASH =
      Hash.fromHex("0xb0550b5b431e30d38000efb7107aaa0ade03d48a7198a140edda9d27134468b2");

  private static volatile byte[] create2DeployerCode;

  static void run(
      RollupConfig config,
      OpFork fork,
      BlockTemplate template,
      WorldState world,
      TransactionProcessor processor,
      BlockEnv env) {
    if (config.forks().activationTime(OpFork.CANYON).orElse(-1L) == template.timestamp()) {
      installCreate2Deployer(world, processor.spec().clearsEmptyAccounts());
    }
    template
        .parentBeaconBlockRoot()
        .ifPresent(
            root -> processor.systemCall(world, env, Predeploys.BEACON_ROOTS, root.toArray()));
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      processor.systemCall(world, env, Predeploys.HISTORY_STORAGE, template.parentHash().toArray());
    }
  }

  /** op-geth's EnsureCreate2Deployer: the preinstall's code, set without a transaction. */
  private static void installCreate2Deployer(WorldState world, boolean clearEmpty) {
    JournaledState state = new JournaledState(world);
    Account a = state.account(Predeploys.CREATE2_DEPLOYER);
    state.setCode(a, create2DeployerCode());
    world.apply(state.changes(clearEmpty));
  }

  /**
   * The create2Deployer runtime code, as the OP specs publish it in {@code preinstalls.md} (packed
   * into the jar at build time, never committed): the hex literal after "When Canyon activates, the
   * contract code at ... is set to". Checked against the known code hash.
   */
  static byte[] create2DeployerCode() {
    byte[] code = create2DeployerCode;
    if (code == null) {
      String name = "/io/opal/execution/op/spec/preinstalls.md";
      String text;
      try (InputStream in = BlockStart.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(
              name + " is not on the classpath (built from ../shared/specs/optimism/protocol)");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "When Canyon activates, the contract code at `0x[0-9a-fA-F]{40}` is set to\\s*`(0x[0-9a-fA-F]+)`")
              .matcher(text);
      if (!m.find()) {
        throw new IllegalStateException(name + " does not state the create2Deployer code");
      }
      code = Hex.decode(m.group(1));
      if (!Hash.keccak(code).equals(CREATE2_DEPLOYER_CODE_HASH)) {
        throw new IllegalStateException(name + " does not hash to " + CREATE2_DEPLOYER_CODE_HASH);
      }
      create2DeployerCode = code;
    }
    return code;
  }
}
