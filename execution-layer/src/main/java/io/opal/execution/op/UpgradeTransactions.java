package io.opal.execution.op;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.config.RollupConfig;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.tx.DepositTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The network upgrade transactions the derivation pipeline adds to a fork's activation block, after
 * the L1-info deposit and user deposits (ecotone/derivation.md, fjord/derivation.md,
 * isthmus/derivation.md, jovian/derivation.md): deposits that deploy new L1Block, GasPriceOracle
 * and OperatorFeeVault implementations, point the predeploy proxies at them, switch the oracle's
 * formula, and deploy the EIP-4788 and EIP-2935 system contracts.
 *
 * <p>The execution engine runs them as it runs any forced transaction; whoever builds payload
 * attributes (the sequencer, derivation) puts them in with {@link #atBlock}. The contracts'
 * creation code is the bytecode the specs publish, packed into the jar at build time.
 */
public final class UpgradeTransactions {
  private UpgradeTransactions() {}

  private static final Address PROXY_ADMIN_CALLER = Address.ZERO;
  private static final String BYTECODE_DIR = "/io/opal/execution/op/upgrade-bytecode/";

  /** The upgrade transactions of every fork that activates at the block with {@code timestamp}. */
  public static List<DepositTransaction> atBlock(RollupConfig config, long timestamp) {
    List<DepositTransaction> txs = new ArrayList<>();
    for (OpFork fork : OpFork.values()) {
      if (config.forks().isActivationBlock(fork, timestamp, config.blockTime())) {
        txs.addAll(forFork(fork));
      }
    }
    return txs;
  }

  /**
   * The upgrade transactions of {@code fork}'s activation block, in order (none for most forks).
   */
  public static List<DepositTransaction> forFork(OpFork fork) {
    return switch (fork) {
      case ECOTONE -> ecotone();
      case FJORD -> fjord();
      case ISTHMUS -> isthmus();
      case JOVIAN -> jovian();
      default -> List.of();
    };
  }

  /** An upgrade deposit's source hash: keccak256(bytes32(2) ‖ keccak256(intent)) (deposits.md). */
  public static Hash sourceHash(String intent) {
    byte[] pre = new byte[64];
    pre[31] = 2;
    System.arraycopy(
        Hash.keccak(intent.getBytes(StandardCharsets.UTF_8)).toArray(), 0, pre, 32, 32);
    return Hash.keccak(pre);
  }

  private static List<DepositTransaction> ecotone() {
    return List.of(
        deploy(
            "Ecotone: L1 Block Deployment",
            "0x4210000000000000000000000000000000000000",
            375_000,
            bytecode("ecotone-l1-block-deployment.txt")),
        deploy(
            "Ecotone: Gas Price Oracle Deployment",
            "0x4210000000000000000000000000000000000001",
            1_000_000,
            bytecode("ecotone-gas-price-oracle-deployment.txt")),
        upgradeProxy(
            "Ecotone: L1 Block Proxy Update",
            Predeploys.L1_BLOCK,
            "0x07dbe8500fc591d1852b76fee44d5a05e13097ff"),
        upgradeProxy(
            "Ecotone: Gas Price Oracle Proxy Update",
            Predeploys.GAS_PRICE_ORACLE,
            "0xb528d11cc114e026f138fe568744c6d45ce6da7a"),
        enable("Ecotone: Gas Price Oracle Set Ecotone", 80_000, "0x22b90ab3"), // setEcotone()
        deploy(
            "Ecotone: beacon block roots contract deployment",
            "0x0b799c86a49deeb90402691f1041aa3af2d3c875",
            0x3d090,
            Hex.decode(
                "0x60618060095f395ff33373fffffffffffffffffffffffffffffffffffffffe14604d5760203614"
                    + "6024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff0154"
                    + "5f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500")));
  }

  private static List<DepositTransaction> fjord() {
    return List.of(
        deploy(
            "Fjord: Gas Price Oracle Deployment",
            "0x4210000000000000000000000000000000000002",
            1_450_000,
            bytecode("fjord-gas-price-oracle-deployment.txt")),
        upgradeProxy(
            "Fjord: Gas Price Oracle Proxy Update",
            Predeploys.GAS_PRICE_ORACLE,
            "0xa919894851548179a0750865e7974da599c0fac7"),
        enable("Fjord: Gas Price Oracle Set Fjord", 90_000, "0x8e98b106")); // setFjord()
  }

  private static List<DepositTransaction> isthmus() {
    return List.of(
        deploy(
            "Isthmus: L1 Block Deployment",
            "0x4210000000000000000000000000000000000003",
            425_000,
            bytecode("isthmus-l1-block-deployment.txt")),
        deploy(
            "Isthmus: Gas Price Oracle Deployment",
            "0x4210000000000000000000000000000000000004",
            1_625_000,
            bytecode("isthmus-gas-price-oracle-deployment.txt")),
        deploy(
            "Isthmus: Operator Fee Vault Deployment",
            "0x4210000000000000000000000000000000000005",
            500_000,
            bytecode("isthmus-operator-fee-deployment.txt")),
        upgradeProxy(
            "Isthmus: L1 Block Proxy Update",
            Predeploys.L1_BLOCK,
            "0xff256497d61dcd71a9e9ff43967c13fde1f72d12"),
        upgradeProxy(
            "Isthmus: Gas Price Oracle Proxy Update",
            Predeploys.GAS_PRICE_ORACLE,
            "0x93e57a196454cb919193fa9946f14943cf733845"),
        upgradeProxy(
            "Isthmus: Operator Fee Vault Proxy Update",
            Predeploys.OPERATOR_FEE_VAULT,
            "0x4fa2be8cd41504037f1838bce3bcc93bc68ff537"),
        enable("Isthmus: Gas Price Oracle Set Isthmus", 90_000, "0x291b0383"), // setIsthmus()
        deploy(
            "Isthmus: EIP-2935 Contract Deployment",
            "0x3462413af4609098e1e27a490f554f260213d685",
            250_000,
            Hex.decode(
                "0x60538060095f395ff33373fffffffffffffffffffffffffffffffffffffffe14604657602036"
                    + "036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b"
                    + "5f5ffd5b5f35611fff60014303065500")));
  }

  private static List<DepositTransaction> jovian() {
    return List.of(
        deploy(
            "Jovian: L1Block Deployment",
            "0x4210000000000000000000000000000000000006",
            447_315,
            bytecode("jovian-l1-block-deployment.txt")),
        upgradeProxy(
            "Jovian: L1Block Proxy Update",
            Predeploys.L1_BLOCK,
            "0x3ba4007f5c922fbb33c454b41ea7a1f11e83df2c"),
        deploy(
            "Jovian: GasPriceOracle Deployment",
            "0x4210000000000000000000000000000000000007",
            1_750_714,
            bytecode("jovian-gas-price-oracle-deployment.txt")),
        upgradeProxy(
            "Jovian: GasPriceOracle Proxy Update",
            Predeploys.GAS_PRICE_ORACLE,
            "0x4f1db3c6abd250ba86e0928471a8f7db3afd88f1"),
        enable("Jovian: Gas Price Oracle Set Jovian", 90_000, "0xb3d72079")); // setJovian()
  }

  private static DepositTransaction deploy(String intent, String from, long gas, byte[] code) {
    return deposit(intent, Address.fromHex(from), Optional.empty(), gas, code);
  }

  /** {@code upgradeTo(implementation)} on a predeploy proxy, sent as its admin (address zero). */
  private static DepositTransaction upgradeProxy(String intent, Address proxy, String impl) {
    byte[] data = new byte[36];
    System.arraycopy(Hex.decode("0x3659cfe6"), 0, data, 0, 4);
    System.arraycopy(Address.fromHex(impl).toArray(), 0, data, 16, 20);
    return deposit(intent, PROXY_ADMIN_CALLER, Optional.of(proxy), 50_000, data);
  }

  /** A call from the depositor account that switches the GasPriceOracle to the fork's formula. */
  private static DepositTransaction enable(String intent, long gas, String selector) {
    return deposit(
        intent,
        Predeploys.L1_INFO_DEPOSITOR,
        Optional.of(Predeploys.GAS_PRICE_ORACLE),
        gas,
        Hex.decode(selector));
  }

  private static DepositTransaction deposit(
      String intent, Address from, Optional<Address> to, long gas, byte[] data) {
    return new DepositTransaction(
        sourceHash(intent), from, to, UInt256.ZERO, UInt256.ZERO, gas, false, Bytes.wrap(data));
  }

  /** The creation code the specs publish for an upgrade (a hex text file). */
  static byte[] bytecode(String file) {
    try (InputStream in = UpgradeTransactions.class.getResourceAsStream(BYTECODE_DIR + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "upgrade bytecode "
                + file
                + " is not on the classpath (the build packs it from"
                + " ../shared/specs/optimism/static/bytecode)");
      }
      return Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read upgrade bytecode " + file, e);
    }
  }
}
