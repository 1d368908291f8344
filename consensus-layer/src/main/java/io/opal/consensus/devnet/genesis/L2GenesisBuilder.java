package io.opal.consensus.devnet.genesis;

import static io.opal.consensus.devnet.genesis.Predeploys.*;

import io.opal.consensus.contracts.OpContracts;
import io.opal.consensus.contracts.StorageLayout;
import io.opal.consensus.l1.abi.AbiFunction;
import io.opal.execution.evm.BlockEnv;
import io.opal.execution.state.AccountState;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.state.Word256;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.block.BlockHeader;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Builds the devnet's L2 genesis as op-chain-ops' L2Genesis script lays it out: 1 wei at each of
 * the 256 precompile addresses, a Proxy at each of the 2048 predeploy addresses (admin: the
 * ProxyAdmin; implementation: the code-namespace address, for the predeploys built here), the
 * implementations (runtime code obtained by running their creation code through Opal's EVM, so
 * constructors fill immutables and initial storage), initializer calls through the proxies, WETH,
 * the EIP-4788 and EIP-2935 system contracts, and the prefunded accounts. Every fork through Jovian
 * is active at genesis, so L1Block, GasPriceOracle and OperatorFeeVault come from the
 * Isthmus/Jovian upgrade bytecode the specs publish (the npm contracts predate them) and the
 * GasPriceOracle is switched to its Jovian mode.
 */
public final class L2GenesisBuilder {
  /** EIP-7685's empty requests hash, sha256(""), which OP headers carry from Isthmus. */
  public static final Hash EMPTY_REQUESTS_HASH =
      Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  /** Jovian's extraData version (Holocene's was 0). */
  static final int EXTRA_DATA_VERSION_JOVIAN = 1;

  /** The precompile range op-chain-ops gives 1 wei so that EIP-161 never deletes it. */
  private static final int PRECOMPILE_DUST_COUNT = 256;

  private static final AbiFunction INITIALIZE = AbiFunction.parse("initialize(address)");

  private static final String EIP4788_CREATION_CODE =
      "0x60618060095f395ff33373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500";
  private static final String EIP2935_CREATION_CODE =
      "0x60538060095f395ff33373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500";

  /** The proxied predeploys this builder gives an implementation, in deployment order. */
  public static final List<Address> IMPLEMENTED =
      List.of(
          LEGACY_MESSAGE_PASSER,
          DEPLOYER_WHITELIST,
          L2_CROSS_DOMAIN_MESSENGER,
          GAS_PRICE_ORACLE,
          L2_STANDARD_BRIDGE,
          SEQUENCER_FEE_VAULT,
          OPTIMISM_MINTABLE_ERC20_FACTORY,
          L1_BLOCK_NUMBER,
          L2_ERC721_BRIDGE,
          L1_BLOCK,
          L2_TO_L1_MESSAGE_PASSER,
          OPTIMISM_MINTABLE_ERC721_FACTORY,
          PROXY_ADMIN,
          BASE_FEE_VAULT,
          L1_FEE_VAULT,
          OPERATOR_FEE_VAULT,
          SCHEMA_REGISTRY,
          EAS);

  private final OpContracts contracts;

  public L2GenesisBuilder(OpContracts contracts) {
    this.contracts = contracts;
  }

  /** Builds with the artifacts packed into the jar. */
  public static L2Genesis build(DevnetL2Params params) {
    return new L2GenesisBuilder(OpContracts.bundled()).buildGenesis(params);
  }

  public L2Genesis buildGenesis(DevnetL2Params p) {
    InMemoryWorldState world = new InMemoryWorldState();
    GenesisEvm evm = new GenesisEvm(world, blockEnv(p));
    for (int i = 0; i < PRECOMPILE_DUST_COUNT; i++) {
      world.put(Address.ofLong(i), 0, UInt256.ONE, new byte[0], Map.of());
    }
    proxies(evm);
    implementations(evm, p);
    initialize(evm, p);
    systemContracts(evm);
    prefund(world, p.prefunds());
    GenesisAlloc alloc = GenesisAlloc.of(world);
    return new L2Genesis(p, alloc, header(p, world));
  }

  /** The genesis block header for a state (every fork through Jovian active at genesis). */
  static BlockHeader header(DevnetL2Params p, InMemoryWorldState world) {
    return BlockHeader.builder()
        .beneficiary(SEQUENCER_FEE_VAULT)
        .stateRoot(world.stateRoot())
        .gasLimit(p.gasLimit())
        .timestamp(p.genesisTime())
        .extraData(jovianExtraData(p.fees()))
        .baseFeePerGas(p.fees().genesisBaseFee())
        // Isthmus: the withdrawals root is the L2ToL1MessagePasser's storage root.
        .withdrawalsRoot(world.storageRoot(L2_TO_L1_MESSAGE_PASSER))
        .blobGasUsed(0)
        .excessBlobGas(0)
        .parentBeaconBlockRoot(Hash.ZERO)
        .requestsHash(EMPTY_REQUESTS_HASH)
        .build();
  }

  /**
   * Jovian's header extraData: version 1, the EIP-1559 denominator (Canyon's, the one in force) and
   * elasticity as big-endian u32, and the minimum base fee as big-endian u64.
   */
  public static Bytes jovianExtraData(DevnetL2Params.Fees fees) {
    ByteBuffer b = ByteBuffer.allocate(17);
    b.put((byte) EXTRA_DATA_VERSION_JOVIAN);
    b.putInt((int) fees.eip1559().denominatorCanyon());
    b.putInt((int) fees.eip1559().elasticity());
    b.putLong(fees.minBaseFee());
    return Bytes.wrap(b.array());
  }

  private static BlockEnv blockEnv(DevnetL2Params p) {
    return new BlockEnv(
        0,
        SEQUENCER_FEE_VAULT,
        p.genesisTime(),
        p.gasLimit(),
        UInt256.valueOf(p.fees().genesisBaseFee()),
        UInt256.ZERO,
        Hash.ZERO,
        0,
        p.l2ChainId(),
        n -> Hash.ZERO);
  }

  private void proxies(GenesisEvm evm) {
    byte[] proxyCode = contracts.get("Proxy").runtimeCode().toArray();
    Word256 admin = addressWord(PROXY_ADMIN);
    for (int i = 0; i < PROXY_COUNT; i++) {
      Address a = predeploy(i);
      if (!isProxied(a)) {
        continue;
      }
      Map<Word256, Word256> storage = new HashMap<>();
      storage.put(ADMIN_SLOT, admin);
      if (IMPLEMENTED.contains(a)) {
        storage.put(IMPLEMENTATION_SLOT, addressWord(codeNamespace(a)));
      }
      evm.world().put(a, 0, UInt256.ZERO, proxyCode, storage);
    }
  }

  private void implementations(GenesisEvm evm, DevnetL2Params p) {
    Map<Address, byte[]> creation = new LinkedHashMap<>();
    creation.put(LEGACY_MESSAGE_PASSER, artifact("LegacyMessagePasser"));
    creation.put(DEPLOYER_WHITELIST, artifact("DeployerWhitelist"));
    creation.put(L2_CROSS_DOMAIN_MESSENGER, artifact("L2CrossDomainMessenger"));
    creation.put(GAS_PRICE_ORACLE, upgrade("jovian-gas-price-oracle-deployment"));
    creation.put(L2_STANDARD_BRIDGE, artifact("L2StandardBridge"));
    creation.put(SEQUENCER_FEE_VAULT, artifact("SequencerFeeVault", vaultArgs(p)));
    creation.put(OPTIMISM_MINTABLE_ERC20_FACTORY, artifact("OptimismMintableERC20Factory"));
    creation.put(L1_BLOCK_NUMBER, artifact("L1BlockNumber"));
    creation.put(L2_ERC721_BRIDGE, artifact("L2ERC721Bridge"));
    creation.put(L1_BLOCK, upgrade("jovian-l1-block-deployment"));
    creation.put(L2_TO_L1_MESSAGE_PASSER, artifact("L2ToL1MessagePasser"));
    creation.put(
        OPTIMISM_MINTABLE_ERC721_FACTORY,
        artifact("OptimismMintableERC721Factory", L2_ERC721_BRIDGE, p.l1ChainId()));
    creation.put(PROXY_ADMIN, artifact("ProxyAdmin", p.proxyAdminOwner()));
    creation.put(BASE_FEE_VAULT, artifact("BaseFeeVault", vaultArgs(p)));
    creation.put(L1_FEE_VAULT, artifact("L1FeeVault", vaultArgs(p)));
    creation.put(OPERATOR_FEE_VAULT, upgrade("isthmus-operator-fee-deployment"));
    creation.put(SCHEMA_REGISTRY, artifact("SchemaRegistry"));
    creation.put(EAS, artifact("EAS"));
    if (!creation.keySet().equals(new java.util.LinkedHashSet<>(IMPLEMENTED))) {
      throw new IllegalStateException("IMPLEMENTED and the deployments disagree");
    }
    creation.forEach((proxy, code) -> evm.deploy(Address.ZERO, codeNamespace(proxy), code, 0));
    // WETH is not proxied: its code sits at the predeploy address itself.
    evm.world().put(WETH, 0, UInt256.ZERO, contracts.get("WETH").runtimeCode().toArray(), Map.of());
  }

  private void initialize(GenesisEvm evm, DevnetL2Params p) {
    DevnetL2Params.L1Addresses l1 = p.l1();
    evm.call(Address.ZERO, L2_CROSS_DOMAIN_MESSENGER, initialize(l1.l1CrossDomainMessenger()));
    evm.call(Address.ZERO, L2_STANDARD_BRIDGE, initialize(l1.l1StandardBridge()));
    evm.call(Address.ZERO, L2_ERC721_BRIDGE, initialize(l1.l1Erc721Bridge()));
    evm.call(Address.ZERO, OPTIMISM_MINTABLE_ERC20_FACTORY, initialize(L2_STANDARD_BRIDGE));
    // The ProxyAdmin behind its own proxy: Ownable's _owner is set directly, as no initializer
    // exists for it.
    StorageLayout adminLayout = contracts.get("ProxyAdmin").layout();
    evm.store(PROXY_ADMIN, adminLayout.slot("_owner"), addressWord(p.proxyAdminOwner()));
    // Each fork's switch in turn, as the upgrade transactions would have flipped them; only the
    // depositor may call them.
    for (String fork : List.of("setEcotone()", "setFjord()", "setIsthmus()", "setJovian()")) {
      evm.call(DEPOSITOR_ACCOUNT, GAS_PRICE_ORACLE, AbiFunction.parse(fork).selector().toArray());
    }
  }

  /** EIP-4788 and EIP-2935 contracts, deployed as their keyless deployment transactions would. */
  private static void systemContracts(GenesisEvm evm) {
    evm.deploy(BEACON_ROOTS_DEPLOYER, BEACON_ROOTS, Hex.decode(EIP4788_CREATION_CODE), 1);
    evm.deploy(HISTORY_STORAGE_DEPLOYER, HISTORY_STORAGE, Hex.decode(EIP2935_CREATION_CODE), 1);
    for (Address deployer : List.of(BEACON_ROOTS_DEPLOYER, HISTORY_STORAGE_DEPLOYER)) {
      evm.world().put(deployer, 1, UInt256.ZERO, new byte[0], Map.of());
    }
  }

  private static void prefund(InMemoryWorldState world, Map<Address, UInt256> prefunds) {
    for (Map.Entry<Address, UInt256> e : prefunds.entrySet()) {
      AccountState s = world.account(e.getKey()).orElse(AccountState.EMPTY);
      world.put(
          e.getKey(),
          s.nonce(),
          s.balance().add(e.getValue()),
          world.code(s.codeHash()),
          new HashMap<>(world.storageOf(e.getKey())));
    }
  }

  /** The fee vaults' constructor arguments: recipient, minimum withdrawal, withdrawal network. */
  private static Object[] vaultArgs(DevnetL2Params p) {
    DevnetL2Params.FeeVaultConfig v = p.feeVaults();
    return new Object[] {v.recipient(), v.minWithdrawalAmount(), v.network().ordinal()};
  }

  /** Creation code followed by the constructor arguments, encoded as the artifact's ABI says. */
  private byte[] artifact(String name, Object... constructorArgs) {
    return contracts.get(name).creationData(constructorArgs).toArray();
  }

  /** Calldata of the predeploys' {@code initialize(address)}: each takes its counterpart. */
  private static byte[] initialize(Address counterpart) {
    return INITIALIZE.encodeCall(counterpart).toArray();
  }

  private static byte[] upgrade(String name) {
    return OpContracts.upgradeCreationCode(name).toArray();
  }

  static Word256 addressWord(Address a) {
    return Word256.fromBytesPadded(a.toArray());
  }
}
