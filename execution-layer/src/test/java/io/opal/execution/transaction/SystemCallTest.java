package io.opal.execution.transaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.EvmFork;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** System calls, checked with EIP-2935's history contract (address and code from the EIP). */
class SystemCallTest {
  private static final Address HISTORY =
      Address.fromHex("0x0000f90827f1c53a10cb7a02335b175320002935");
  private static final byte[] HISTORY_CODE =
      Hex.decode(
          "0x3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111"
              + "604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500");

  private static BlockEnv block(long number) {
    return new BlockEnv(
        number,
        Address.ZERO,
        number * 12,
        30_000_000,
        UInt256.ZERO,
        UInt256.ZERO,
        Hash.ZERO,
        0,
        1,
        n -> Hash.ZERO);
  }

  @Test
  void historyContractStoresAndServesTheParentHash() {
    TransactionProcessor p =
        new TransactionProcessor(
            EvmSpec.of(EvmFork.PRAGUE),
            PrecompileSet.ethereum(EvmFork.PRAGUE),
            new CodeCache(8),
            FeeHandler.ETHEREUM);
    InMemoryWorldState world = new InMemoryWorldState();
    world.put(HISTORY, 1, UInt256.ZERO, HISTORY_CODE, Map.of());
    byte[] parentHash = Hash.keccak(new byte[] {1, 2, 3}).toArray();
    MessageResult set = p.systemCall(world, block(10_000), HISTORY, parentHash);
    assertTrue(set.isSuccess());
    // The ring buffer slot is (number - 1) mod 8191.
    assertEquals(Word256.fromBytes(parentHash), world.storage(HISTORY, Word256.of(9_999 % 8191)));
    assertEquals(
        0,
        world.account(TransactionProcessor.SYSTEM_ADDRESS).map(a -> 1).orElse(0),
        "the system address is not created");
    // Any other caller reads: get(9999) in a later block returns the hash.
    byte[] query = Word256.of(9_999).toBytes();
    MessageResult get =
        p.call(world, block(10_001), Address.ofLong(0xca11), HISTORY, UInt256.ZERO, query, 100_000);
    assertTrue(get.isSuccess());
    assertArrayEquals(parentHash, get.output());
    // Out of the window (the current block) reverts.
    MessageResult bad =
        p.call(
            world,
            block(10_001),
            Address.ofLong(0xca11),
            HISTORY,
            UInt256.ZERO,
            Word256.of(10_001).toBytes(),
            100_000);
    assertEquals(MessageResult.Status.REVERT, bad.status());
  }

  @Test
  void aTargetWithoutCodeIsANoOp() {
    TransactionProcessor p =
        new TransactionProcessor(
            EvmSpec.of(EvmFork.PRAGUE), PrecompileSet.NONE, new CodeCache(8), FeeHandler.ETHEREUM);
    InMemoryWorldState world = new InMemoryWorldState();
    Hash before = world.stateRoot();
    assertTrue(p.systemCall(world, block(1), HISTORY, new byte[32]).isSuccess());
    assertEquals(before, world.stateRoot());
    assertEquals(List.of(), List.copyOf(toList(world.addresses())));
  }

  private static List<Address> toList(Iterable<Address> it) {
    List<Address> out = new java.util.ArrayList<>();
    it.forEach(out::add);
    return out;
  }
}
