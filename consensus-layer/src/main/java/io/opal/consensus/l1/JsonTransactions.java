package io.opal.consensus.l1;

import static io.opal.consensus.l1.JsonFields.address;
import static io.opal.consensus.l1.JsonFields.addressValue;
import static io.opal.consensus.l1.JsonFields.array;
import static io.opal.consensus.l1.JsonFields.bool;
import static io.opal.consensus.l1.JsonFields.data;
import static io.opal.consensus.l1.JsonFields.hash;
import static io.opal.consensus.l1.JsonFields.hashValue;
import static io.opal.consensus.l1.JsonFields.hashes;
import static io.opal.consensus.l1.JsonFields.optionalAddress;
import static io.opal.consensus.l1.JsonFields.present;
import static io.opal.consensus.l1.JsonFields.quantity;
import static io.opal.consensus.l1.JsonFields.uint256;

import com.fasterxml.jackson.databind.JsonNode;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.AccessListTransaction;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.BlobTransaction;
import io.opal.primitives.tx.DepositTransaction;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.SetCodeTransaction;
import io.opal.primitives.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * Transactions from their JSON-RPC objects. The object's {@code hash}, when present, must equal the
 * hash of the transaction rebuilt from the other fields: a node that reports a field we do not read
 * (or reports one wrongly) is caught here rather than trusted.
 */
final class JsonTransactions {
  private JsonTransactions() {}

  static Transaction transaction(JsonNode tx) {
    JsonFields.requireObject(tx, "a transaction");
    long type = present(tx, "type") ? quantity(tx, "type") : 0;
    Transaction decoded;
    try {
      decoded =
          switch ((int) Math.min(type, 0x100)) {
            case 0x00 -> legacy(tx);
            case 0x01 -> accessList(tx);
            case 0x02 -> dynamicFee(tx);
            case 0x03 -> blob(tx);
            case 0x04 -> setCode(tx);
            case 0x7e -> deposit(tx);
            default ->
                throw new DecodingException(
                    -1, "unknown transaction type 0x" + Long.toHexString(type));
          };
    } catch (IllegalArgumentException e) {
      // Record invariants (a blob or set-code transaction without a recipient, a bad parity).
      throw new DecodingException(-1, "invalid transaction: " + e.getMessage());
    }
    if (present(tx, "hash")) {
      Hash reported = hash(tx, "hash");
      Hash computed = decoded.hash();
      if (!reported.equals(computed)) {
        throw new DecodingException(
            -1,
            "transaction hash mismatch: the node says "
                + reported
                + ", its fields hash to "
                + computed);
      }
    }
    return decoded;
  }

  private static LegacyTransaction legacy(JsonNode tx) {
    return new LegacyTransaction(
        quantity(tx, "nonce"),
        uint256(tx, "gasPrice"),
        quantity(tx, "gas"),
        optionalAddress(tx, "to"),
        uint256(tx, "value"),
        data(tx, "input"),
        quantity(tx, "v"),
        uint256(tx, "r"),
        uint256(tx, "s"));
  }

  private static AccessListTransaction accessList(JsonNode tx) {
    return new AccessListTransaction(
        quantity(tx, "chainId"),
        quantity(tx, "nonce"),
        uint256(tx, "gasPrice"),
        quantity(tx, "gas"),
        optionalAddress(tx, "to"),
        uint256(tx, "value"),
        data(tx, "input"),
        accessListOf(tx),
        parity(tx),
        uint256(tx, "r"),
        uint256(tx, "s"));
  }

  private static DynamicFeeTransaction dynamicFee(JsonNode tx) {
    return new DynamicFeeTransaction(
        quantity(tx, "chainId"),
        quantity(tx, "nonce"),
        uint256(tx, "maxPriorityFeePerGas"),
        uint256(tx, "maxFeePerGas"),
        quantity(tx, "gas"),
        optionalAddress(tx, "to"),
        uint256(tx, "value"),
        data(tx, "input"),
        accessListOf(tx),
        parity(tx),
        uint256(tx, "r"),
        uint256(tx, "s"));
  }

  private static BlobTransaction blob(JsonNode tx) {
    return new BlobTransaction(
        quantity(tx, "chainId"),
        quantity(tx, "nonce"),
        uint256(tx, "maxPriorityFeePerGas"),
        uint256(tx, "maxFeePerGas"),
        quantity(tx, "gas"),
        optionalAddress(tx, "to"),
        uint256(tx, "value"),
        data(tx, "input"),
        accessListOf(tx),
        uint256(tx, "maxFeePerBlobGas"),
        hashes(tx, "blobVersionedHashes"),
        parity(tx),
        uint256(tx, "r"),
        uint256(tx, "s"));
  }

  private static SetCodeTransaction setCode(JsonNode tx) {
    List<Authorization> authorizations = new ArrayList<>();
    for (JsonNode a : array(tx, "authorizationList")) {
      JsonFields.requireObject(a, "an authorization");
      long yParity = present(a, "yParity") ? quantity(a, "yParity") : quantity(a, "v");
      if (Long.compareUnsigned(yParity, 0xff) > 0) {
        throw new DecodingException(-1, "authorization yParity out of range");
      }
      authorizations.add(
          new Authorization(
              uint256(a, "chainId"),
              address(a, "address"),
              quantity(a, "nonce"),
              (int) yParity,
              uint256(a, "r"),
              uint256(a, "s")));
    }
    return new SetCodeTransaction(
        quantity(tx, "chainId"),
        quantity(tx, "nonce"),
        uint256(tx, "maxPriorityFeePerGas"),
        uint256(tx, "maxFeePerGas"),
        quantity(tx, "gas"),
        optionalAddress(tx, "to"),
        uint256(tx, "value"),
        data(tx, "input"),
        accessListOf(tx),
        authorizations,
        parity(tx),
        uint256(tx, "r"),
        uint256(tx, "s"));
  }

  /** An OP deposit, as an L2 node reports it (the client also reads OP chains). */
  private static DepositTransaction deposit(JsonNode tx) {
    return new DepositTransaction(
        hash(tx, "sourceHash"),
        address(tx, "from"),
        optionalAddress(tx, "to"),
        present(tx, "mint") ? uint256(tx, "mint") : UInt256.ZERO,
        uint256(tx, "value"),
        quantity(tx, "gas"),
        present(tx, "isSystemTx") && bool(tx, "isSystemTx"),
        data(tx, "input"));
  }

  /** Typed transactions report yParity; older nodes only v, which equals it for these types. */
  private static int parity(JsonNode tx) {
    long p = present(tx, "yParity") ? quantity(tx, "yParity") : quantity(tx, "v");
    if (p != 0 && p != 1) {
      throw new DecodingException(-1, "yParity must be 0 or 1, got " + Long.toUnsignedString(p));
    }
    return (int) p;
  }

  private static List<AccessListEntry> accessListOf(JsonNode tx) {
    if (!present(tx, "accessList")) {
      return List.of();
    }
    List<AccessListEntry> entries = new ArrayList<>();
    for (JsonNode e : array(tx, "accessList")) {
      JsonFields.requireObject(e, "an access list entry");
      List<Hash> keys = new ArrayList<>();
      for (JsonNode k : array(e, "storageKeys")) {
        keys.add(hashValue(k, "storageKeys"));
      }
      entries.add(
          new AccessListEntry(addressValue(JsonFields.required(e, "address"), "address"), keys));
    }
    return entries;
  }
}
