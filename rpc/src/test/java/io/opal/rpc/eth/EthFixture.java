package io.opal.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Log;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.AccessListTransaction;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.SetCodeTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.primitives.tx.TxType;
import io.opal.rpc.ChainReader.ChainReceipt;
import io.opal.rpc.ChainReader.L1Fees;
import io.opal.rpc.JsonRpcServer;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcServerConfig;
import io.opal.rpc.SubscriptionHub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A small chain in a {@link FakeNode} and a server with the eth_ and txpool_ methods on it. Block 1
 * holds an L1-info-style deposit, the EIP-155 example transaction, a 1559 contract creation with
 * two logs and a 2930 transaction with one log; block 2 a 7702 transaction.
 */
class EthFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** EIP-155's example: key 0x4646…46, nonce 9, 20 gwei, 21000 gas, 1 ether to 0x3535…35. */
  static final String EIP155_RAW =
      "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

  static final String EIP155_SENDER = "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f";

  static final byte[] KEY_B = Bytes.fromHexString("0x" + "11".repeat(32)).toArrayUnsafe();
  static final Address B = Secp256k1.get().address(KEY_B);
  static final Address TOKEN = Address.fromHex("0x" + "77".repeat(20));
  static final Hash TRANSFER_TOPIC =
      Hash.keccak("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII));

  final FakeNode node = new FakeNode();
  final SubscriptionHub hub = new SubscriptionHub();
  final EthSubscriptions subscriptions = new EthSubscriptions(hub);
  final RpcMethodRegistry registry = new RpcMethodRegistry();
  final JsonRpcServer server;
  final Block genesis;
  final Block block1;
  final Block block2;
  final DepositTransaction deposit;
  final Transaction legacy;
  final DynamicFeeTransaction creation;
  final AccessListTransaction withAccessList;
  final SetCodeTransaction setCode;
  final L1Fees fees =
      new L1Fees(
          UInt256.valueOf(7),
          UInt256.valueOf(1600),
          UInt256.valueOf(11_200),
          Optional.empty(),
          Optional.of(UInt256.ONE),
          OptionalLong.of(1368),
          OptionalLong.of(810_949),
          OptionalLong.of(0),
          OptionalLong.of(5),
          OptionalLong.empty(),
          OptionalLong.empty());

  EthFixture() {
    this(EthConfig.defaults());
  }

  EthFixture(EthConfig config) {
    genesis = node.add(node.nextHeader(List.of()).stateRoot(root(0)).build(), List.of(), List.of());

    deposit =
        new DepositTransaction(
            Hash.keccak(new byte[] {1}),
            Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001"),
            Optional.of(Address.fromHex("0x4200000000000000000000000000000000000015")),
            UInt256.ZERO,
            UInt256.ZERO,
            1_000_000,
            false,
            Bytes.fromHexString("0x440a5e20"));
    legacy = TransactionCodec.decode(Bytes.fromHexString(EIP155_RAW));
    creation =
        TransactionSigner.sign(
            new DynamicFeeTransaction(
                10,
                0,
                UInt256.valueOf(500),
                UInt256.valueOf(3000),
                200_000,
                Optional.empty(),
                UInt256.ZERO,
                Bytes.fromHexString("0x6080"),
                List.of(),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            KEY_B);
    withAccessList =
        TransactionSigner.sign(
            new AccessListTransaction(
                10,
                1,
                UInt256.valueOf(2000),
                50_000,
                Optional.of(TOKEN),
                UInt256.valueOf(5),
                Bytes.EMPTY,
                List.of(new AccessListEntry(TOKEN, List.of(Hash.ZERO))),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            KEY_B);
    Log mint = new Log(TOKEN, List.of(TRANSFER_TOPIC, Hash.ZERO), Bytes.fromHexString("0x01"));
    Log other = new Log(B, List.of(Hash.keccak(new byte[] {2})), Bytes.EMPTY);
    Log transfer =
        new Log(
            TOKEN,
            List.of(TRANSFER_TOPIC, Hash.keccak(new byte[] {3})),
            Bytes.fromHexString("0x02"));
    List<ChainReceipt> r1 =
        List.of(
            ChainReceipt.of(DepositReceipt.canyon(true, 46_000, List.of(), 7)),
            new ChainReceipt(
                EthereumReceipt.of(TxType.LEGACY, true, 67_000, List.of()), Optional.of(fees)),
            new ChainReceipt(
                EthereumReceipt.of(TxType.DYNAMIC_FEE, true, 167_000, List.of(mint, other)),
                Optional.of(fees)),
            new ChainReceipt(
                EthereumReceipt.of(TxType.ACCESS_LIST, false, 197_000, List.of(transfer)),
                Optional.of(fees)));
    block1 =
        node.add(
            node.nextHeader(r1)
                .stateRoot(root(1))
                .withdrawalsRoot(Hash.EMPTY_TRIE)
                .blobGasUsed(0)
                .excessBlobGas(0)
                .parentBeaconBlockRoot(Hash.keccak(new byte[] {9}))
                .build(),
            List.of(deposit, legacy, creation, withAccessList),
            r1);

    Authorization auth = TransactionSigner.signAuthorization(UInt256.valueOf(10), TOKEN, 4, KEY_B);
    setCode =
        TransactionSigner.sign(
            new SetCodeTransaction(
                10,
                2,
                UInt256.valueOf(1),
                UInt256.valueOf(1_200),
                80_000,
                Optional.of(B),
                UInt256.ZERO,
                Bytes.EMPTY,
                List.of(),
                List.of(auth),
                0,
                UInt256.ZERO,
                UInt256.ZERO),
            KEY_B);
    List<ChainReceipt> r2 =
        List.of(
            new ChainReceipt(
                EthereumReceipt.of(TxType.SET_CODE, true, 60_000, List.of()), Optional.of(fees)));
    block2 =
        node.add(
            node.nextHeader(r2)
                .stateRoot(root(2))
                .withdrawalsRoot(Hash.EMPTY_TRIE)
                .blobGasUsed(0)
                .excessBlobGas(0)
                .parentBeaconBlockRoot(Hash.keccak(new byte[] {10}))
                .build(),
            List.of(setCode),
            r2);

    EthApi.register(registry, new EthBackend(node, node, node, node, node, node), config);
    hub.registerMethods(registry);
    server =
        JsonRpcServer.builder(registry)
            .config(
                RpcServerConfig.defaults().builder().port(0).apis(Set.of("eth", "txpool")).build())
            .subscriptions(hub)
            .build();
  }

  static Hash root(int n) {
    return Hash.keccak(new byte[] {(byte) 0xaa, (byte) n});
  }

  /** The whole response object of one call. */
  JsonNode call(String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    byte[] out = server.handle(body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    try {
      return JSON.readTree(out);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The result of a call that must succeed. */
  JsonNode result(String method, String params) {
    JsonNode r = call(method, params);
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r);
    }
    return r.get("result");
  }

  static String q(String s) {
    return "\"" + s + "\"";
  }

  @Override
  public void close() {
    server.close();
  }
}
