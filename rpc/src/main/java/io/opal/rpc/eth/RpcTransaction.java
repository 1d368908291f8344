package io.opal.rpc.eth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.AccessListTransaction;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.SetCodeTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.rpc.JsonWritable;
import io.opal.rpc.RpcHex;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * A transaction as eth_getTransactionByHash and full blocks return it, in op-geth's field shape:
 * the common fields, then those of its type (fee caps, access list, chain id, blob hashes,
 * authorizations, yParity), and for an OP deposit its {@code sourceHash}, {@code mint}, {@code
 * isSystemTx} (only when true) and {@code depositReceiptVersion}, with the receipt's deposit nonce
 * as {@code nonce}. A pending transaction has null block fields and its fee cap as {@code
 * gasPrice}.
 *
 * @param inclusion where it was included; empty while pending
 * @param depositNonce a deposit's nonce from its receipt (Regolith on)
 * @param depositReceiptVersion a deposit receipt's version (Canyon on)
 */
public record RpcTransaction(
    Transaction tx,
    Hash hash,
    Address from,
    Optional<Inclusion> inclusion,
    OptionalLong depositNonce,
    OptionalLong depositReceiptVersion)
    implements JsonWritable {

  /**
   * The block a transaction is in: its hash, number, timestamp, the transaction's index and the
   * block's base fee (for the effective gas price; empty before London).
   */
  public record Inclusion(
      Hash blockHash,
      long blockNumber,
      long blockTimestamp,
      int index,
      Optional<UInt256> baseFee) {}

  /** A pool transaction. */
  public static RpcTransaction pending(Transaction tx, Address from) {
    return new RpcTransaction(
        tx, tx.hash(), from, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  /** What geth reports as gasPrice: the price paid once included, the cap while pending. */
  UInt256 gasPrice() {
    return switch (tx) {
      case DynamicFeeTransaction t -> effectivePrice();
      case BlobTransaction t -> effectivePrice();
      case SetCodeTransaction t -> effectivePrice();
      default -> tx.effectiveGasPrice(UInt256.ZERO);
    };
  }

  private UInt256 effectivePrice() {
    Optional<UInt256> baseFee = inclusion.flatMap(Inclusion::baseFee);
    return baseFee.isPresent() ? tx.effectiveGasPrice(baseFee.get()) : tx.maxFeePerGas();
  }

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    if (inclusion.isPresent()) {
      Inclusion in = inclusion.get();
      g.writeStringField("blockHash", RpcHex.data(in.blockHash().toArray()));
      g.writeStringField("blockNumber", RpcHex.quantity(in.blockNumber()));
      g.writeStringField("blockTimestamp", RpcHex.quantity(in.blockTimestamp()));
    } else {
      g.writeNullField("blockHash");
      g.writeNullField("blockNumber");
      g.writeNullField("blockTimestamp");
    }
    g.writeStringField("from", RpcHex.data(from.toArray()));
    g.writeStringField("gas", RpcHex.quantity(tx.gasLimit()));
    g.writeStringField("gasPrice", RpcHex.quantity(gasPrice()));
    if (hasFeeCaps()) {
      g.writeStringField("maxFeePerGas", RpcHex.quantity(tx.maxFeePerGas()));
      g.writeStringField("maxPriorityFeePerGas", RpcHex.quantity(tx.maxPriorityFeePerGas()));
    }
    if (tx instanceof BlobTransaction b) {
      g.writeStringField("maxFeePerBlobGas", RpcHex.quantity(b.maxFeePerBlobGas()));
    }
    g.writeStringField("hash", RpcHex.data(hash.toArray()));
    g.writeStringField("input", RpcHex.data(tx.data()));
    long nonce = tx instanceof DepositTransaction ? depositNonce.orElse(0) : tx.nonce();
    g.writeStringField("nonce", RpcHex.quantity(nonce));
    if (tx.to().isPresent()) {
      g.writeStringField("to", RpcHex.data(tx.to().get().toArray()));
    } else {
      g.writeNullField("to");
    }
    if (inclusion.isPresent()) {
      g.writeStringField("transactionIndex", RpcHex.quantity(inclusion.get().index()));
    } else {
      g.writeNullField("transactionIndex");
    }
    g.writeStringField("value", RpcHex.quantity(tx.value()));
    g.writeStringField(
        "type",
        RpcHex.quantity(
            tx.type() == io.opal.primitives.tx.TxType.LEGACY ? 0 : tx.type().typeByte()));
    writeTypedFields(g);
    writeSignature(g);
    if (tx instanceof DepositTransaction d) {
      g.writeStringField("sourceHash", RpcHex.data(d.sourceHash().toArray()));
      g.writeStringField("mint", RpcHex.quantity(d.mint()));
      if (d.isSystemTx()) {
        g.writeBooleanField("isSystemTx", true);
      }
      if (depositReceiptVersion.isPresent()) {
        g.writeStringField(
            "depositReceiptVersion", RpcHex.quantity(depositReceiptVersion.getAsLong()));
      }
    }
    g.writeEndObject();
  }

  private boolean hasFeeCaps() {
    return tx instanceof DynamicFeeTransaction
        || tx instanceof BlobTransaction
        || tx instanceof SetCodeTransaction;
  }

  private void writeTypedFields(JsonGenerator g) throws IOException {
    switch (tx) {
      case LegacyTransaction l -> {
        if (l.signedChainId().isPresent()) {
          g.writeStringField("chainId", RpcHex.quantity(l.signedChainId().getAsLong()));
        }
      }
      case DepositTransaction d -> {}
      default -> {
        writeAccessList(g, tx.accessList());
        g.writeStringField("chainId", RpcHex.quantity(tx.signedChainId().orElse(0)));
        if (tx instanceof BlobTransaction b) {
          g.writeArrayFieldStart("blobVersionedHashes");
          for (Hash h : b.blobVersionedHashes()) {
            g.writeString(RpcHex.data(h.toArray()));
          }
          g.writeEndArray();
        }
        if (tx instanceof SetCodeTransaction s) {
          writeAuthorizations(g, s.authorizationList());
        }
      }
    }
  }

  private void writeSignature(JsonGenerator g) throws IOException {
    switch (tx) {
      case LegacyTransaction l -> {
        g.writeStringField("v", RpcHex.quantity(l.v()));
        g.writeStringField("r", RpcHex.quantity(l.r()));
        g.writeStringField("s", RpcHex.quantity(l.s()));
      }
      case SignedTransaction s -> {
        int parity = yParity(s);
        g.writeStringField("v", RpcHex.quantity(parity));
        g.writeStringField("r", RpcHex.quantity(s.r()));
        g.writeStringField("s", RpcHex.quantity(s.s()));
        g.writeStringField("yParity", RpcHex.quantity(parity));
      }
      case DepositTransaction d -> {
        g.writeStringField("v", "0x0");
        g.writeStringField("r", "0x0");
        g.writeStringField("s", "0x0");
      }
    }
  }

  private static int yParity(SignedTransaction s) {
    return switch (s) {
      case AccessListTransaction t -> t.yParity();
      case DynamicFeeTransaction t -> t.yParity();
      case BlobTransaction t -> t.yParity();
      case SetCodeTransaction t -> t.yParity();
      case LegacyTransaction t -> 0; // not reached: legacy has v instead
    };
  }

  static void writeAccessList(JsonGenerator g, List<AccessListEntry> list) throws IOException {
    g.writeArrayFieldStart("accessList");
    for (AccessListEntry e : list) {
      g.writeStartObject();
      g.writeStringField("address", RpcHex.data(e.address().toArray()));
      g.writeArrayFieldStart("storageKeys");
      for (Hash k : e.storageKeys()) {
        g.writeString(RpcHex.data(k.toArray()));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeAuthorizations(JsonGenerator g, List<Authorization> list)
      throws IOException {
    g.writeArrayFieldStart("authorizationList");
    for (Authorization a : list) {
      g.writeStartObject();
      g.writeStringField("chainId", RpcHex.quantity(a.chainId()));
      g.writeStringField("address", RpcHex.data(a.address().toArray()));
      g.writeStringField("nonce", RpcHex.quantity(a.nonce()));
      g.writeStringField("yParity", RpcHex.quantity(a.yParity()));
      g.writeStringField("r", RpcHex.quantity(a.r()));
      g.writeStringField("s", RpcHex.quantity(a.s()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
