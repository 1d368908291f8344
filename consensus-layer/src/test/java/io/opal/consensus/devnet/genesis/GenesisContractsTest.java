package io.opal.consensus.devnet.genesis;

import static io.opal.consensus.devnet.genesis.Predeploys.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.consensus.l1.abi.AbiCodec;
import io.opal.consensus.l1.abi.AbiFunction;
import io.opal.consensus.l1.abi.AbiType;
import io.opal.execution.evm.BlockEnv;
import io.opal.execution.evm.CodeCache;
import io.opal.execution.evm.EvmSpec;
import io.opal.execution.evm.MessageResult;
import io.opal.execution.evm.PrecompileSet;
import io.opal.execution.evm.precompile.Precompiles;
import io.opal.execution.state.InMemoryWorldState;
import io.opal.execution.transaction.FeeHandler;
import io.opal.execution.transaction.TransactionProcessor;
import io.opal.execution.transaction.TxEnv;
import io.opal.execution.transaction.TxOutcome;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.fork.OpFork;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated predeploys with Opal's EVM: every contract a user or the sequencer needs at
 * block 1 must answer as its source says it would.
 */
class GenesisContractsTest {

  @BeforeAll
  static void artifacts() {
    DevnetGenesisFixture.requireArtifacts();
  }

  private static final long L1_NUMBER = 1234;
  private static final long L1_TIME = 1_749_999_000L;
  private static final BigInteger L1_BASE_FEE = BigInteger.valueOf(7_000_000_000L);
  private static final BigInteger L1_BLOB_BASE_FEE = BigInteger.valueOf(3);
  private static final Hash L1_HASH = Hash.fromHex("0x" + "5a".repeat(32));
  private static final long OPERATOR_FEE_SCALAR = 7;
  private static final long OPERATOR_FEE_CONSTANT = 1000;
  private static final int DA_FOOTPRINT_SCALAR = 400;

  private final L2Genesis genesis = DevnetGenesisFixture.genesis();
  private final DevnetL2Params params = genesis.params();
  private InMemoryWorldState world;
  private TransactionProcessor processor;
  private BlockEnv block;

  @BeforeEach
  void setUp() {
    world = genesis.alloc().toWorldState();
    processor =
        new TransactionProcessor(
            EvmSpec.of(OpFork.JOVIAN.evmFork()),
            PrecompileSet.of(Precompiles.forOpFork(OpFork.JOVIAN)),
            new CodeCache(64),
            FeeHandler.ETHEREUM);
    block =
        new BlockEnv(
            1,
            SEQUENCER_FEE_VAULT,
            params.genesisTime() + params.blockTime(),
            params.gasLimit(),
            UInt256.valueOf(params.fees().genesisBaseFee()),
            UInt256.ZERO,
            Hash.ZERO,
            0,
            params.l2ChainId(),
            n -> genesis.hash());
  }

  private byte[] call(Address from, Address to, byte[] data) {
    MessageResult r = processor.call(world, block, from, to, UInt256.ZERO, data, 10_000_000);
    assertTrue(r.isSuccess(), "call to " + to + " failed: " + r.status());
    return r.output();
  }

  /** A read by an ordinary account (dev account 0). */
  private byte[] call(Address to, String signature, Object... args) {
    return call(DevAccounts.standard(1).get(0).address(), to, calldata(signature, args));
  }

  private BigInteger uint(Address to, String signature, Object... args) {
    return (BigInteger) first("uint256", call(to, signature, args));
  }

  private Address address(Address to, String signature, Object... args) {
    return (Address) first("address", call(to, signature, args));
  }

  private static byte[] calldata(String signature, Object... args) {
    return AbiFunction.parse(signature).encodeCall(args).toArray();
  }

  private static byte[] selector(String signature) {
    return AbiFunction.parse(signature).selector().toArray();
  }

  /** The first value of return data, decoded as {@code type}. */
  private static Object first(String type, byte[] returnData) {
    return AbiCodec.decode(List.of(AbiType.parse(type)), Bytes.wrap(returnData)).getFirst();
  }

  /** One ABI word: a static value encoded as {@code type}. */
  private static byte[] word(String type, Object value) {
    return AbiCodec.encode(List.of(AbiType.parse(type)), List.of(value)).toArray();
  }

  /** Jovian's L1-info calldata, packed as the L1-attributes spec lays it out. */
  private static byte[] jovianL1Info() {
    ByteBuffer b = ByteBuffer.allocate(178);
    b.put(selector("setL1BlockValuesJovian()"));
    b.putInt(1368).putInt(810_949); // baseFeeScalar, blobBaseFeeScalar
    b.putLong(3).putLong(L1_TIME).putLong(L1_NUMBER); // sequence number, L1 time, L1 number
    b.put(word("uint256", L1_BASE_FEE)).put(word("uint256", L1_BLOB_BASE_FEE));
    b.put(L1_HASH.toArray()).put(word("address", params().batcher()));
    b.putInt((int) OPERATOR_FEE_SCALAR).putLong(OPERATOR_FEE_CONSTANT);
    b.putShort((short) DA_FOOTPRINT_SCALAR);
    return b.array();
  }

  private static DevnetL2Params params() {
    return DevnetGenesisFixture.params();
  }

  private void setL1BlockValues() {
    GenesisEvm evm = new GenesisEvm(world, block);
    evm.call(DEPOSITOR_ACCOUNT, L1_BLOCK, jovianL1Info());
  }

  @Test
  void jovianSelectorIsTheOneTheSpecNames() {
    assertArrayEquals(
        new byte[] {0x3d, (byte) 0xb6, (byte) 0xbe, 0x2b}, selector("setL1BlockValuesJovian()"));
  }

  @Test
  void l1BlockTakesL1InfoFromTheDepositorOnly() {
    MessageResult refused =
        processor.call(
            world,
            block,
            DevAccounts.standard(1).get(0).address(),
            L1_BLOCK,
            UInt256.ZERO,
            jovianL1Info(),
            1_000_000);
    assertFalse(refused.isSuccess(), "only the depositor may set L1 values");
    setL1BlockValues();
    assertEquals(BigInteger.valueOf(L1_NUMBER), uint(L1_BLOCK, "number()"));
    assertEquals(BigInteger.valueOf(L1_TIME), uint(L1_BLOCK, "timestamp()"));
    assertEquals(L1_BASE_FEE, uint(L1_BLOCK, "basefee()"));
    assertEquals(L1_BLOB_BASE_FEE, uint(L1_BLOCK, "blobBaseFee()"));
    assertEquals(new BigInteger(1, L1_HASH.toArray()), uint(L1_BLOCK, "hash()"));
    assertEquals(BigInteger.valueOf(3), uint(L1_BLOCK, "sequenceNumber()"));
    assertEquals(BigInteger.valueOf(1368), uint(L1_BLOCK, "baseFeeScalar()"));
    assertEquals(BigInteger.valueOf(810_949), uint(L1_BLOCK, "blobBaseFeeScalar()"));
    assertEquals(params.batcher(), address(L1_BLOCK, "batcherHash()"));
    assertEquals(BigInteger.valueOf(OPERATOR_FEE_SCALAR), uint(L1_BLOCK, "operatorFeeScalar()"));
    assertEquals(
        BigInteger.valueOf(OPERATOR_FEE_CONSTANT), uint(L1_BLOCK, "operatorFeeConstant()"));
    assertEquals(BigInteger.valueOf(DA_FOOTPRINT_SCALAR), uint(L1_BLOCK, "daFootprintGasScalar()"));
    // The legacy L1BlockNumber predeploy reads through to L1Block.
    assertEquals(BigInteger.valueOf(L1_NUMBER), uint(L1_BLOCK_NUMBER, "getL1BlockNumber()"));
    assertEquals(DEPOSITOR_ACCOUNT, address(L1_BLOCK, "DEPOSITOR_ACCOUNT()"));
  }

  @Test
  void gasPriceOracleIsInItsJovianModeAndPricesL1Data() {
    for (String flag : List.of("isEcotone()", "isFjord()", "isIsthmus()", "isJovian()")) {
      assertTrue((Boolean) first("bool", call(GAS_PRICE_ORACLE, flag)), flag);
    }
    setL1BlockValues();
    BigInteger feeScaled =
        BigInteger.valueOf(1368)
            .multiply(BigInteger.valueOf(16))
            .multiply(L1_BASE_FEE)
            .add(BigInteger.valueOf(810_949).multiply(L1_BLOB_BASE_FEE));
    // A short transaction is charged Fjord's minimum size, 100 bytes (scaled by 1e6).
    BigInteger small = uint(GAS_PRICE_ORACLE, "getL1Fee(bytes)", (Object) new byte[10]);
    assertEquals(
        BigInteger.valueOf(100_000_000L).multiply(feeScaled).divide(BigInteger.TEN.pow(12)), small);
    assertTrue(small.signum() > 0);
    // Incompressible data: FastLZ emits it as literal runs, between n and n + n/32 + 1 bytes.
    byte[] random = new byte[2000];
    new Random(42).nextBytes(random);
    BigInteger large = uint(GAS_PRICE_ORACLE, "getL1Fee(bytes)", (Object) random);
    assertTrue(large.compareTo(fjordFee(feeScaled, random.length + 68)) >= 0, "lower bound");
    assertTrue(
        large.compareTo(fjordFee(feeScaled, random.length + random.length / 32 + 1 + 68)) <= 0,
        "upper bound");
    // Jovian's operator fee: gas * scalar * 100 + constant.
    assertEquals(
        BigInteger.valueOf(21_000L * OPERATOR_FEE_SCALAR * 100 + OPERATOR_FEE_CONSTANT),
        uint(GAS_PRICE_ORACLE, "getOperatorFee(uint256)", 21_000L));
    assertEquals(BigInteger.valueOf(1368), uint(GAS_PRICE_ORACLE, "baseFeeScalar()"));
    assertEquals(L1_BASE_FEE, uint(GAS_PRICE_ORACLE, "l1BaseFee()"));
  }

  private static BigInteger fjordFee(BigInteger feeScaled, long fastLzSize) {
    BigInteger size =
        BigInteger.valueOf(-42_585_600L + 836_500L * fastLzSize)
            .max(BigInteger.valueOf(100_000_000L));
    return size.multiply(feeScaled).divide(BigInteger.TEN.pow(12));
  }

  @Test
  void withdrawalsThroughTheMessagePasser() {
    DevAccounts.DevAccount user = DevAccounts.standard(1).get(0);
    Hash rootBefore = world.storageRoot(L2_TO_L1_MESSAGE_PASSER);
    UInt256 value = UInt256.valueOf(BigInteger.TEN.pow(18));
    Address target = Address.ofLong(0xbeef);
    byte[] data =
        calldata(
            "initiateWithdrawal(address,uint256,bytes)",
            target,
            100_000L,
            "hello".getBytes(StandardCharsets.US_ASCII));
    TxOutcome outcome =
        processor.apply(
            world,
            block,
            TxEnv.legacy(
                user.address(),
                Optional.of(L2_TO_L1_MESSAGE_PASSER),
                value,
                data,
                500_000,
                0,
                UInt256.valueOf(2_000_000_000L)));
    TxOutcome.Executed executed = assertInstanceOf(outcome);
    assertTrue(executed.result().isSuccess(), "initiateWithdrawal reverted");
    List<Log> logs = executed.result().logs();
    Hash messagePassed =
        Hash.keccak(
            "MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)"
                .getBytes(StandardCharsets.US_ASCII));
    Log log =
        logs.stream()
            .filter(l -> l.topics().get(0).equals(messagePassed))
            .findFirst()
            .orElseThrow();
    assertEquals(L2_TO_L1_MESSAGE_PASSER, log.address());
    byte[] withdrawalHash = Arrays.copyOfRange(log.data().toArray(), 96, 128);
    assertTrue(
        (Boolean)
            first(
                "bool",
                call(
                    L2_TO_L1_MESSAGE_PASSER,
                    "sentMessages(bytes32)",
                    Bytes32.wrap(withdrawalHash))));
    // Versioned nonce: version 1 in the top two bytes, one message sent.
    assertEquals(
        BigInteger.ONE.shiftLeft(240).add(BigInteger.ONE),
        uint(L2_TO_L1_MESSAGE_PASSER, "messageNonce()"));
    assertEquals(value, world.account(L2_TO_L1_MESSAGE_PASSER).orElseThrow().balance());
    assertNotEquals(rootBefore, world.storageRoot(L2_TO_L1_MESSAGE_PASSER));
  }

  private static TxOutcome.Executed assertInstanceOf(TxOutcome outcome) {
    if (outcome instanceof TxOutcome.Executed e) {
      return e;
    }
    throw new AssertionError("transaction rejected: " + outcome);
  }

  @Test
  void feeVaultsPayTheConfiguredRecipient() {
    DevnetL2Params.FeeVaultConfig cfg = params.feeVaults();
    for (Address vault : List.of(SEQUENCER_FEE_VAULT, BASE_FEE_VAULT, L1_FEE_VAULT)) {
      assertEquals(cfg.recipient(), address(vault, "RECIPIENT()"), "RECIPIENT of " + vault);
      assertEquals(
          cfg.minWithdrawalAmount().toBigInteger(), uint(vault, "MIN_WITHDRAWAL_AMOUNT()"));
      assertEquals(
          BigInteger.valueOf(cfg.network().ordinal()), uint(vault, "WITHDRAWAL_NETWORK()"));
    }
    assertEquals(cfg.recipient(), address(SEQUENCER_FEE_VAULT, "l1FeeWallet()"));
    // The Isthmus operator fee vault is fixed by the upgrade: the base fee vault, on L2, no
    // minimum.
    assertEquals(BASE_FEE_VAULT, address(OPERATOR_FEE_VAULT, "recipient()"));
    assertEquals(BASE_FEE_VAULT, address(OPERATOR_FEE_VAULT, "RECIPIENT()"));
    assertEquals(BigInteger.ZERO, uint(OPERATOR_FEE_VAULT, "minWithdrawalAmount()"));
    assertEquals(BigInteger.ONE, uint(OPERATOR_FEE_VAULT, "withdrawalNetwork()"));
  }

  @Test
  void proxiesAnswerTheirAdmin() {
    for (Address proxy : L2GenesisBuilder.IMPLEMENTED) {
      // Only the admin (or address zero) reaches the proxy's own functions.
      assertEquals(
          codeNamespace(proxy),
          first("address", call(PROXY_ADMIN, proxy, calldata("implementation()"))),
          "implementation of " + proxy);
      assertEquals(PROXY_ADMIN, first("address", call(PROXY_ADMIN, proxy, calldata("admin()"))));
      assertEquals(
          codeNamespace(proxy), address(PROXY_ADMIN, "getProxyImplementation(address)", proxy));
      assertEquals(PROXY_ADMIN, address(PROXY_ADMIN, "getProxyAdmin(address)", proxy));
    }
    assertEquals(params.proxyAdminOwner(), address(PROXY_ADMIN, "owner()"));
  }

  @Test
  void bridgesAndMessengerPointAtTheirL1Counterparts() {
    DevnetL2Params.L1Addresses l1 = params.l1();
    assertEquals(
        l1.l1CrossDomainMessenger(), address(L2_CROSS_DOMAIN_MESSENGER, "OTHER_MESSENGER()"));
    assertEquals(
        l1.l1CrossDomainMessenger(),
        address(L2_CROSS_DOMAIN_MESSENGER, "l1CrossDomainMessenger()"));
    assertEquals(l1.l1StandardBridge(), address(L2_STANDARD_BRIDGE, "OTHER_BRIDGE()"));
    assertEquals(L2_CROSS_DOMAIN_MESSENGER, address(L2_STANDARD_BRIDGE, "MESSENGER()"));
    assertEquals(l1.l1Erc721Bridge(), address(L2_ERC721_BRIDGE, "OTHER_BRIDGE()"));
    assertEquals(L2_STANDARD_BRIDGE, address(OPTIMISM_MINTABLE_ERC20_FACTORY, "BRIDGE()"));
    assertEquals(L2_ERC721_BRIDGE, address(OPTIMISM_MINTABLE_ERC721_FACTORY, "BRIDGE()"));
    assertEquals(
        BigInteger.valueOf(params.l1ChainId()),
        uint(OPTIMISM_MINTABLE_ERC721_FACTORY, "REMOTE_CHAIN_ID()"));
    // Initialized once: a second initialize reverts.
    MessageResult again =
        processor.call(
            world,
            block,
            Address.ZERO,
            L2_CROSS_DOMAIN_MESSENGER,
            UInt256.ZERO,
            calldata("initialize(address)", Address.ofLong(1)),
            1_000_000);
    assertFalse(again.isSuccess());
  }

  @Test
  void wethWrapsEther() {
    DevAccounts.DevAccount user = DevAccounts.standard(2).get(1);
    UInt256 value = UInt256.valueOf(12345);
    TxOutcome outcome =
        processor.apply(
            world,
            block,
            TxEnv.legacy(
                user.address(),
                Optional.of(WETH),
                value,
                selector("deposit()"),
                200_000,
                0,
                UInt256.valueOf(2_000_000_000L)));
    assertTrue(assertInstanceOf(outcome).result().isSuccess());
    assertEquals(value.toBigInteger(), uint(WETH, "balanceOf(address)", user.address()));
    assertEquals(BigInteger.valueOf(18), uint(WETH, "decimals()"));
  }

  /** EIP-4788: a system call stores a root by timestamp; anyone reads it back by timestamp. */
  @Test
  void beaconRootsContractWorks() {
    Hash root = Hash.fromHex("0x" + "77".repeat(32));
    processor.systemCall(world, block, BEACON_ROOTS, root.toArray());
    byte[] out =
        call(
            DevAccounts.standard(1).get(0).address(),
            BEACON_ROOTS,
            word("uint256", block.timestamp()));
    assertArrayEquals(root.toArray(), out);
  }
}
