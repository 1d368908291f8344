package io.opal.execution.genesis;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.store.BlockState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.config.ConfigException;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.EvmFork;
import io.opal.primitives.fork.OpFork;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * Block 0 of an OP chain built from an op-geth genesis file and the chain's rollup config, exactly
 * as op-geth builds it: the allocation's state root, London's base fee (1 gwei unless given), and
 * the header fields of every fork active at the genesis timestamp — Canyon (Shanghai) an empty
 * withdrawals root and list, Ecotone (Cancun) zero blob gas fields and a zero parent beacon root,
 * Isthmus (Prague) the empty requests hash and, per the Isthmus spec, the L2ToL1MessagePasser's
 * storage root as withdrawals root.
 *
 * @param block the genesis block
 * @param state its state, ready to be written ({@code ChainDatabase.writeGenesis})
 */
public record GenesisBlock(Block block, BlockState state) {
  /** The L2ToL1MessagePasser predeploy, whose storage root Isthmus headers carry. */
  public static final Address L2_TO_L1_MESSAGE_PASSER =
      Address.fromHex("0x4200000000000000000000000000000000000016");

  /** sha256 of the empty string: the requestsHash of every OP block from Isthmus (EIP-7685). */
  public static final Hash EMPTY_REQUESTS_HASH = Hash.wrap(sha256(new byte[0]));

  /** geth's default for a genesis without a gas limit. */
  private static final long DEFAULT_GAS_LIMIT = 4_712_388;

  /** EIP-1559's initial base fee, used when the genesis names none. */
  private static final long INITIAL_BASE_FEE = 1_000_000_000;

  public Hash hash() {
    return block.hash();
  }

  /**
   * Builds the genesis block and checks it against the rollup config: chain id and fork times (when
   * the genesis file has a chain config), genesis number and time, and finally the genesis block
   * hash the rollup config names.
   *
   * @throws ConfigException naming the field that disagrees
   */
  public static GenesisBlock build(GenesisFile file, RollupConfig config, String source) {
    checkAgainstConfig(file, config, source);
    GenesisBlock genesis = assemble(file, config.forkAt(file.timestamp()));
    Block block = genesis.block();
    Hash expected = config.genesisL2().hash();
    if (!block.hash().equals(expected)) {
      throw new ConfigException(
          source
              + ": the genesis block it describes has hash "
              + block.hash()
              + " (state root "
              + block.header().stateRoot()
              + "), but the chain config names genesis.l2.hash "
              + expected
              + ": the genesis file and the chain config are not for the same chain");
    }
    return genesis;
  }

  /**
   * Block 0 of the allocation and header fields of {@code file} under the rules of {@code fork}
   * (the fork active at its timestamp), without any check against a chain config.
   */
  public static GenesisBlock assemble(GenesisFile file, OpFork fork) {
    BlockState state = allocate(file.alloc());
    Hash stateRoot = state.stateRoot();
    EvmFork evm = fork.evmFork();
    BlockHeader.Builder h =
        BlockHeader.builder()
            .parentHash(file.parentHash())
            .beneficiary(file.coinbase())
            .stateRoot(stateRoot)
            .difficulty(file.difficulty())
            .number(file.number())
            .gasLimit(file.gasLimit() == 0 ? DEFAULT_GAS_LIMIT : file.gasLimit())
            .gasUsed(file.gasUsed())
            .timestamp(file.timestamp())
            .extraData(file.extraData())
            .mixHash(file.mixHash())
            .nonce(Bytes.ofUnsignedLong(file.nonce()))
            // Bedrock is London: every OP block has a base fee.
            .baseFeePerGas(file.baseFeePerGas().orElse(INITIAL_BASE_FEE));
    Optional<List<io.opal.primitives.block.Withdrawal>> withdrawals = Optional.empty();
    if (evm.isAtLeast(EvmFork.SHANGHAI)) {
      h.withdrawalsRoot(Hash.EMPTY_TRIE);
      withdrawals = Optional.of(List.of());
    }
    if (evm.isAtLeast(EvmFork.CANCUN)) {
      h.blobGasUsed(file.blobGasUsed().orElse(0))
          .excessBlobGas(file.excessBlobGas().orElse(0))
          .parentBeaconBlockRoot(Hash.ZERO); // genesis has no parent beacon block
    }
    if (evm.isAtLeast(EvmFork.PRAGUE)) {
      h.requestsHash(EMPTY_REQUESTS_HASH);
    }
    if (fork.isAtLeast(OpFork.ISTHMUS)) {
      h.withdrawalsRoot(state.storageRoot(L2_TO_L1_MESSAGE_PASSER));
    }
    return new GenesisBlock(
        new Block(h.build(), new BlockBody(List.of(), List.of(), withdrawals)), state);
  }

  /** The allocation as a state: every account exists, even an empty one (as in geth). */
  static BlockState allocate(Map<Address, GenesisAccount> alloc) {
    BlockState state = BlockState.empty();
    List<io.opal.execution.state.AccountUpdate> updates = new ArrayList<>(alloc.size());
    for (Map.Entry<Address, GenesisAccount> e : alloc.entrySet()) {
      GenesisAccount a = e.getValue();
      Hash codeHash = a.code().length == 0 ? Hash.EMPTY : Hash.keccak(a.code());
      updates.add(
          new AccountUpdate.Updated(
              e.getKey(),
              new AccountState(a.nonce(), a.balance(), codeHash),
              a.code().length == 0 ? Optional.empty() : Optional.of(a.code()),
              false,
              a.storage()));
    }
    state.apply(updates);
    return state;
  }

  private static void checkAgainstConfig(GenesisFile file, RollupConfig config, String source) {
    file.configChainId()
        .filter(id -> id != config.l2ChainId())
        .ifPresent(
            id -> {
              throw new ConfigException(
                  source
                      + ": config.chainId "
                      + id
                      + " differs from the chain config's l2 chain id "
                      + config.l2ChainId());
            });
    for (Map.Entry<OpFork, Long> t : file.configForkTimes().entrySet()) {
      Optional<Long> configured = config.forks().activationTime(t.getKey());
      if (configured.isEmpty() || !configured.get().equals(t.getValue())) {
        throw new ConfigException(
            source
                + ": config."
                + t.getKey().name().toLowerCase(java.util.Locale.ROOT)
                + "Time "
                + t.getValue()
                + " differs from the chain config's "
                + configured.map(String::valueOf).orElse("(not scheduled)"));
      }
    }
    if (file.number() != config.genesisL2().number()) {
      throw new ConfigException(
          source
              + ": number "
              + file.number()
              + " differs from the chain config's genesis.l2.number "
              + config.genesisL2().number());
    }
    if (file.timestamp() != config.genesisTime()) {
      throw new ConfigException(
          source
              + ": timestamp "
              + file.timestamp()
              + " differs from the chain config's genesis l2_time "
              + config.genesisTime());
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
