package io.opal.consensus.l1;

import static io.opal.consensus.l1.JsonFields.address;
import static io.opal.consensus.l1.JsonFields.array;
import static io.opal.consensus.l1.JsonFields.data;
import static io.opal.consensus.l1.JsonFields.fixed;
import static io.opal.consensus.l1.JsonFields.hash;
import static io.opal.consensus.l1.JsonFields.intQuantity;
import static io.opal.consensus.l1.JsonFields.optionalAddress;
import static io.opal.consensus.l1.JsonFields.optionalHash;
import static io.opal.consensus.l1.JsonFields.optionalQuantity;
import static io.opal.consensus.l1.JsonFields.present;
import static io.opal.consensus.l1.JsonFields.quantity;
import static io.opal.consensus.l1.JsonFields.uint256;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Log;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.block.Withdrawal;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TxType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The JSON-RPC objects of headers, blocks, receipts and logs, read into verified {@code
 * io.opal.primitives} types. Everything that can be checked is: the header hash against the encoded
 * header, transaction hashes, the transactions and withdrawals roots. Any malformed value, or a
 * check that fails, raises a {@link DecodingException} and nothing else.
 */
public final class L1Json {
  private L1Json() {}

  /** A header object (a block object without its transactions is one too). */
  public static L1Header header(JsonNode n) {
    JsonFields.requireObject(n, "a block header");
    BlockHeader.Builder b =
        BlockHeader.builder()
            .parentHash(hash(n, "parentHash"))
            .ommersHash(hash(n, "sha3Uncles"))
            .beneficiary(address(n, "miner"))
            .stateRoot(hash(n, "stateRoot"))
            .transactionsRoot(hash(n, "transactionsRoot"))
            .receiptsRoot(hash(n, "receiptsRoot"))
            .logsBloom(Bloom.wrap(fixed(n, "logsBloom", Bloom.SIZE).toArrayUnsafe()))
            .difficulty(uint256(n, "difficulty"))
            .number(quantity(n, "number"))
            .gasLimit(quantity(n, "gasLimit"))
            .gasUsed(quantity(n, "gasUsed"))
            .timestamp(quantity(n, "timestamp"))
            .extraData(data(n, "extraData"))
            .mixHash(hash(n, "mixHash"))
            .nonce(fixed(n, "nonce", 8));
    optionalQuantity(n, "baseFeePerGas").ifPresent(b::baseFeePerGas);
    optionalHash(n, "withdrawalsRoot").ifPresent(b::withdrawalsRoot);
    optionalQuantity(n, "blobGasUsed").ifPresent(b::blobGasUsed);
    optionalQuantity(n, "excessBlobGas").ifPresent(b::excessBlobGas);
    optionalHash(n, "parentBeaconBlockRoot").ifPresent(b::parentBeaconBlockRoot);
    optionalHash(n, "requestsHash").ifPresent(b::requestsHash);
    BlockHeader header;
    try {
      header = b.build();
    } catch (IllegalArgumentException e) {
      throw new DecodingException(-1, "inconsistent header: " + e.getMessage());
    }
    Hash reported = hash(n, "hash");
    Hash computed = header.hash();
    if (!reported.equals(computed)) {
      throw new DecodingException(
          -1,
          "header hash mismatch at block "
              + Long.toUnsignedString(header.number())
              + ": the node says "
              + reported
              + ", the header hashes to "
              + computed
              + " (a header field Opal does not know?)");
    }
    return new L1Header(header, reported);
  }

  /** A block object with full transaction objects ({@code eth_getBlockBy*(…, true)}). */
  public static L1Block block(JsonNode n) {
    return block(n, true);
  }

  /**
   * As {@link #block(JsonNode)}; without {@code checkTransactionsRoot} the caller checks the
   * transactions root itself (see {@link JsonRpcL1Client} on nodes that commit to blob sidecars).
   */
  static L1Block block(JsonNode n, boolean checkTransactionsRoot) {
    L1Header header = header(n);
    List<Transaction> transactions = new ArrayList<>();
    for (JsonNode tx : array(n, "transactions")) {
      if (!tx.isObject()) {
        throw new DecodingException(-1, "block transactions must be objects, not hashes");
      }
      transactions.add(JsonTransactions.transaction(tx));
    }
    Optional<List<Withdrawal>> withdrawals = Optional.empty();
    if (present(n, "withdrawals")) {
      List<Withdrawal> list = new ArrayList<>();
      for (JsonNode w : array(n, "withdrawals")) {
        JsonFields.requireObject(w, "a withdrawal");
        list.add(
            new Withdrawal(
                quantity(w, "index"),
                quantity(w, "validatorIndex"),
                address(w, "address"),
                quantity(w, "amount")));
      }
      withdrawals = Optional.of(list);
    }
    BlockBody body = new BlockBody(transactions, List.of(), withdrawals);
    Hash txRoot =
        checkTransactionsRoot ? body.transactionsRoot() : header.header().transactionsRoot();
    if (!txRoot.equals(header.header().transactionsRoot())) {
      throw new DecodingException(
          -1,
          "block "
              + header.hash()
              + ": its transactions hash to root "
              + txRoot
              + ", the header says "
              + header.header().transactionsRoot());
    }
    if (withdrawals.isPresent()) {
      Hash root = Withdrawal.root(withdrawals.get());
      if (!Optional.of(root).equals(header.header().withdrawalsRoot())) {
        throw new DecodingException(-1, "block " + header.hash() + ": withdrawals root mismatch");
      }
    }
    return new L1Block(header, transactions, withdrawals);
  }

  public static L1Log log(JsonNode n) {
    JsonFields.requireObject(n, "a log");
    List<Hash> topics = JsonFields.hashes(n, "topics");
    if (topics.size() > 4) {
      throw new DecodingException(-1, "a log has at most 4 topics, got " + topics.size());
    }
    Log log = new Log(address(n, "address"), topics, data(n, "data"));
    return new L1Log(
        log,
        hash(n, "blockHash"),
        quantity(n, "blockNumber"),
        hash(n, "transactionHash"),
        intQuantity(n, "transactionIndex"),
        quantity(n, "logIndex"),
        present(n, "removed") && JsonFields.bool(n, "removed"));
  }

  public static L1Receipt receipt(JsonNode n) {
    JsonFields.requireObject(n, "a receipt");
    List<L1Log> logs = new ArrayList<>();
    List<Log> plainLogs = new ArrayList<>();
    for (JsonNode l : array(n, "logs")) {
      L1Log log = log(l);
      logs.add(log);
      plainLogs.add(log.log());
    }
    long typeByte = present(n, "type") ? quantity(n, "type") : 0;
    Bloom bloom = Bloom.wrap(fixed(n, "logsBloom", Bloom.SIZE).toArrayUnsafe());
    long cumulative = quantity(n, "cumulativeGasUsed");
    Receipt receipt;
    if (typeByte == 0x7e) {
      receipt =
          new DepositReceipt(
              status(n),
              cumulative,
              bloom,
              plainLogs,
              optionalQuantity(n, "depositNonce"),
              optionalQuantity(n, "depositReceiptVersion"));
    } else {
      TxType type =
          typeByte == 0
              ? TxType.LEGACY
              : TxType.fromTypeByte((int) Math.min(typeByte, 0x100))
                  .orElseThrow(
                      () ->
                          new DecodingException(
                              -1, "unknown receipt type 0x" + Long.toHexString(typeByte)));
      Receipt.Outcome outcome =
          present(n, "status")
              ? new Receipt.Status(status(n))
              : new Receipt.PostState(hash(n, "root"));
      receipt = new EthereumReceipt(type, outcome, cumulative, bloom, plainLogs);
    }
    OptionalLong blobGasUsed = optionalQuantity(n, "blobGasUsed");
    return new L1Receipt(
        receipt,
        hash(n, "transactionHash"),
        intQuantity(n, "transactionIndex"),
        hash(n, "blockHash"),
        quantity(n, "blockNumber"),
        address(n, "from"),
        optionalAddress(n, "to"),
        optionalAddress(n, "contractAddress"),
        quantity(n, "gasUsed"),
        present(n, "effectiveGasPrice") ? uint256(n, "effectiveGasPrice") : UInt256.ZERO,
        blobGasUsed,
        present(n, "blobGasPrice") ? Optional.of(uint256(n, "blobGasPrice")) : Optional.empty(),
        logs);
  }

  private static boolean status(JsonNode n) {
    long status = quantity(n, "status");
    if (status > 1 || status < 0) {
      throw new DecodingException(-1, "receipt status must be 0 or 1, got " + status);
    }
    return status == 1;
  }

  public static FeeHistory feeHistory(JsonNode n) {
    JsonFields.requireObject(n, "a fee history");
    List<UInt256> baseFees = uint256List(n, "baseFeePerGas");
    List<Double> ratios = doubles(n, "gasUsedRatio");
    List<List<UInt256>> rewards = new ArrayList<>();
    if (present(n, "reward")) {
      for (JsonNode row : array(n, "reward")) {
        List<UInt256> r = new ArrayList<>();
        if (!row.isArray()) {
          throw new DecodingException(-1, "fee history rewards must be arrays");
        }
        for (JsonNode v : row) {
          r.add(JsonFields.uint256Value(v, "reward"));
        }
        rewards.add(r);
      }
    }
    return new FeeHistory(
        quantity(n, "oldestBlock"),
        baseFees,
        ratios,
        rewards,
        present(n, "baseFeePerBlobGas") ? uint256List(n, "baseFeePerBlobGas") : List.of(),
        present(n, "blobGasUsedRatio") ? doubles(n, "blobGasUsedRatio") : List.of());
  }

  private static List<UInt256> uint256List(JsonNode n, String field) {
    List<UInt256> out = new ArrayList<>();
    for (JsonNode v : array(n, field)) {
      out.add(JsonFields.uint256Value(v, field));
    }
    return out;
  }

  private static List<Double> doubles(JsonNode n, String field) {
    List<Double> out = new ArrayList<>();
    for (JsonNode v : array(n, field)) {
      if (!v.isNumber()) {
        throw new DecodingException(-1, "field '" + field + "' must hold numbers");
      }
      out.add(v.asDouble());
    }
    return out;
  }

  /** Transaction data as bytes ({@code eth_call} results, code, storage). */
  static Bytes dataResult(JsonNode result, String what) {
    return JsonFields.dataValue(result, what);
  }
}
