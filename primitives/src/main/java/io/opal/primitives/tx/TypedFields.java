package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * The field lists of each transaction type, read from and written to RLP. Readers take a reader
 * already inside the transaction's list and leave checking for trailing items to the caller.
 */
final class TypedFields {
  private TypedFields() {}

  static void checkParity(int yParity) {
    if (yParity != 0 && yParity != 1) {
      throw new IllegalArgumentException("yParity must be 0 or 1: " + yParity);
    }
  }

  // --- reading ---------------------------------------------------------------------------------

  static LegacyTransaction readLegacy(RlpReader in) {
    long nonce = in.readLong("nonce");
    UInt256 gasPrice = in.readUInt256("gasPrice");
    long gasLimit = in.readLong("gasLimit");
    Optional<Address> to = in.readOptionalAddress();
    UInt256 value = in.readUInt256("value");
    Bytes data = Bytes.wrap(in.readBytes());
    long v = in.readLong("v");
    UInt256 r = in.readUInt256("r");
    UInt256 s = in.readUInt256("s");
    return new LegacyTransaction(nonce, gasPrice, gasLimit, to, value, data, v, r, s);
  }

  static AccessListTransaction readAccessList(RlpReader in) {
    long chainId = in.readLong("chainId");
    long nonce = in.readLong("nonce");
    UInt256 gasPrice = in.readUInt256("gasPrice");
    long gasLimit = in.readLong("gasLimit");
    Optional<Address> to = in.readOptionalAddress();
    UInt256 value = in.readUInt256("value");
    Bytes data = Bytes.wrap(in.readBytes());
    List<AccessListEntry> accessList = readAccessListEntries(in);
    int yParity = readParity(in);
    UInt256 r = in.readUInt256("r");
    UInt256 s = in.readUInt256("s");
    return new AccessListTransaction(
        chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s);
  }

  static DynamicFeeTransaction readDynamicFee(RlpReader in) {
    long chainId = in.readLong("chainId");
    long nonce = in.readLong("nonce");
    UInt256 tip = in.readUInt256("maxPriorityFeePerGas");
    UInt256 feeCap = in.readUInt256("maxFeePerGas");
    long gasLimit = in.readLong("gasLimit");
    Optional<Address> to = in.readOptionalAddress();
    UInt256 value = in.readUInt256("value");
    Bytes data = Bytes.wrap(in.readBytes());
    List<AccessListEntry> accessList = readAccessListEntries(in);
    int yParity = readParity(in);
    UInt256 r = in.readUInt256("r");
    UInt256 s = in.readUInt256("s");
    return new DynamicFeeTransaction(
        chainId, nonce, tip, feeCap, gasLimit, to, value, data, accessList, yParity, r, s);
  }

  static BlobTransaction readBlob(RlpReader in) {
    long chainId = in.readLong("chainId");
    long nonce = in.readLong("nonce");
    UInt256 tip = in.readUInt256("maxPriorityFeePerGas");
    UInt256 feeCap = in.readUInt256("maxFeePerGas");
    long gasLimit = in.readLong("gasLimit");
    Optional<Address> to = readRequiredRecipient(in, "a blob transaction");
    UInt256 value = in.readUInt256("value");
    Bytes data = Bytes.wrap(in.readBytes());
    List<AccessListEntry> accessList = readAccessListEntries(in);
    UInt256 blobFeeCap = in.readUInt256("maxFeePerBlobGas");
    List<Hash> hashes = new ArrayList<>();
    RlpReader hashList = in.enterList();
    while (hashList.hasNext()) {
      hashes.add(hashList.readHash());
    }
    int yParity = readParity(in);
    UInt256 r = in.readUInt256("r");
    UInt256 s = in.readUInt256("s");
    return new BlobTransaction(
        chainId,
        nonce,
        tip,
        feeCap,
        gasLimit,
        to,
        value,
        data,
        accessList,
        blobFeeCap,
        hashes,
        yParity,
        r,
        s);
  }

  static SetCodeTransaction readSetCode(RlpReader in) {
    long chainId = in.readLong("chainId");
    long nonce = in.readLong("nonce");
    UInt256 tip = in.readUInt256("maxPriorityFeePerGas");
    UInt256 feeCap = in.readUInt256("maxFeePerGas");
    long gasLimit = in.readLong("gasLimit");
    Optional<Address> to = readRequiredRecipient(in, "a set-code transaction");
    UInt256 value = in.readUInt256("value");
    Bytes data = Bytes.wrap(in.readBytes());
    List<AccessListEntry> accessList = readAccessListEntries(in);
    List<Authorization> authorizations = new ArrayList<>();
    RlpReader authList = in.enterList();
    while (authList.hasNext()) {
      authorizations.add(readAuthorization(authList.enterList()));
    }
    int yParity = readParity(in);
    UInt256 r = in.readUInt256("r");
    UInt256 s = in.readUInt256("s");
    return new SetCodeTransaction(
        chainId,
        nonce,
        tip,
        feeCap,
        gasLimit,
        to,
        value,
        data,
        accessList,
        authorizations,
        yParity,
        r,
        s);
  }

  static DepositTransaction readDeposit(RlpReader in) {
    Hash sourceHash = in.readHash();
    Address from = in.readAddress();
    Optional<Address> to = in.readOptionalAddress();
    UInt256 mint = in.readUInt256("mint");
    UInt256 value = in.readUInt256("value");
    long gasLimit = in.readLong("gas");
    int at = in.position();
    long systemFlag = in.readLong("isSystemTx");
    if (systemFlag != 0 && systemFlag != 1) {
      throw new TransactionDecodingException(at, "isSystemTx must be 0 or 1, got " + systemFlag);
    }
    Bytes data = Bytes.wrap(in.readBytes());
    return new DepositTransaction(
        sourceHash, from, to, mint, value, gasLimit, systemFlag == 1, data);
  }

  private static Optional<Address> readRequiredRecipient(RlpReader in, String what) {
    int at = in.position();
    if (in.nextIsEmptyString()) {
      throw new TransactionDecodingException(at, what + " cannot create a contract");
    }
    return Optional.of(in.readAddress());
  }

  /** Typed transactions sign with a y parity of 0 or 1; anything else cannot be a signature. */
  private static int readParity(RlpReader in) {
    int at = in.position();
    long parity = in.readLong("yParity");
    if (parity != 0 && parity != 1) {
      throw new TransactionDecodingException(at, "yParity must be 0 or 1, got " + parity);
    }
    return (int) parity;
  }

  private static List<AccessListEntry> readAccessListEntries(RlpReader in) {
    RlpReader list = in.enterList();
    if (!list.hasNext()) {
      return List.of();
    }
    List<AccessListEntry> entries = new ArrayList<>();
    while (list.hasNext()) {
      RlpReader entry = list.enterList();
      Address address = entry.readAddress();
      RlpReader keyList = entry.enterList();
      List<Hash> keys = new ArrayList<>();
      while (keyList.hasNext()) {
        keys.add(keyList.readHash());
      }
      entry.finish();
      entries.add(new AccessListEntry(address, keys));
    }
    return entries;
  }

  private static Authorization readAuthorization(RlpReader in) {
    UInt256 chainId = in.readUInt256("authorization chainId");
    Address address = in.readAddress();
    long nonce = in.readLong("authorization nonce");
    int at = in.position();
    long parity = in.readLong("authorization yParity");
    // EIP-7702 bounds y_parity to 8 bits; 2..255 decode (the authorization is merely invalid)
    if (Long.compareUnsigned(parity, 0xff) > 0) {
      throw new TransactionDecodingException(at, "authorization yParity exceeds 255: " + parity);
    }
    UInt256 r = in.readUInt256("authorization r");
    UInt256 s = in.readUInt256("authorization s");
    in.finish();
    return new Authorization(chainId, address, nonce, (int) parity, r, s);
  }

  // --- writing ---------------------------------------------------------------------------------

  /** Writes the transaction's field list; {@code signed} false leaves the signature out. */
  static void write(RlpWriter w, Transaction tx, boolean signed) {
    w.startList();
    switch (tx) {
      case LegacyTransaction t -> writeLegacy(w, t, signed);
      case AccessListTransaction t -> {
        w.writeLong(t.chainId()).writeLong(t.nonce()).writeUInt256(t.gasPrice());
        w.writeLong(t.gasLimit()).writeOptionalAddress(t.to()).writeUInt256(t.value());
        w.writeBytes(t.data());
        writeAccessList(w, t.accessList());
        writeSignature(w, signed, t.yParity(), t.r(), t.s());
      }
      case DynamicFeeTransaction t -> {
        writeFeeMarketHead(w, t.chainId(), t.nonce(), t.maxPriorityFeePerGas(), t.maxFeePerGas());
        w.writeLong(t.gasLimit()).writeOptionalAddress(t.to()).writeUInt256(t.value());
        w.writeBytes(t.data());
        writeAccessList(w, t.accessList());
        writeSignature(w, signed, t.yParity(), t.r(), t.s());
      }
      case BlobTransaction t -> {
        writeFeeMarketHead(w, t.chainId(), t.nonce(), t.maxPriorityFeePerGas(), t.maxFeePerGas());
        w.writeLong(t.gasLimit()).writeOptionalAddress(t.to()).writeUInt256(t.value());
        w.writeBytes(t.data());
        writeAccessList(w, t.accessList());
        w.writeUInt256(t.maxFeePerBlobGas());
        w.startList();
        t.blobVersionedHashes().forEach(w::writeHash);
        w.endList();
        writeSignature(w, signed, t.yParity(), t.r(), t.s());
      }
      case SetCodeTransaction t -> {
        writeFeeMarketHead(w, t.chainId(), t.nonce(), t.maxPriorityFeePerGas(), t.maxFeePerGas());
        w.writeLong(t.gasLimit()).writeOptionalAddress(t.to()).writeUInt256(t.value());
        w.writeBytes(t.data());
        writeAccessList(w, t.accessList());
        writeAuthorizations(w, t.authorizationList());
        writeSignature(w, signed, t.yParity(), t.r(), t.s());
      }
      case DepositTransaction t -> {
        w.writeHash(t.sourceHash()).writeAddress(t.from()).writeOptionalAddress(t.to());
        w.writeUInt256(t.mint()).writeUInt256(t.value()).writeLong(t.gasLimit());
        w.writeBoolean(t.isSystemTx()).writeBytes(t.data());
      }
    }
    w.endList();
  }

  private static void writeLegacy(RlpWriter w, LegacyTransaction t, boolean signed) {
    w.writeLong(t.nonce()).writeUInt256(t.gasPrice()).writeLong(t.gasLimit());
    w.writeOptionalAddress(t.to()).writeUInt256(t.value()).writeBytes(t.data());
    if (signed) {
      w.writeLong(t.v()).writeUInt256(t.r()).writeUInt256(t.s());
    } else if (t.isReplayProtected()) {
      // EIP-155: the signed message ends in (chainId, 0, 0)
      w.writeLong(t.signedChainId().getAsLong()).writeEmptyString().writeEmptyString();
    }
  }

  private static void writeFeeMarketHead(
      RlpWriter w, long chainId, long nonce, UInt256 tip, UInt256 feeCap) {
    w.writeLong(chainId).writeLong(nonce).writeUInt256(tip).writeUInt256(feeCap);
  }

  private static void writeSignature(
      RlpWriter w, boolean signed, int yParity, UInt256 r, UInt256 s) {
    if (signed) {
      w.writeLong(yParity).writeUInt256(r).writeUInt256(s);
    }
  }

  private static void writeAccessList(RlpWriter w, List<AccessListEntry> accessList) {
    w.startList();
    for (AccessListEntry e : accessList) {
      w.startList().writeAddress(e.address()).startList();
      e.storageKeys().forEach(w::writeHash);
      w.endList().endList();
    }
    w.endList();
  }

  private static void writeAuthorizations(RlpWriter w, List<Authorization> authorizations) {
    w.startList();
    for (Authorization a : authorizations) {
      w.startList().writeUInt256(a.chainId()).writeAddress(a.address()).writeLong(a.nonce());
      w.writeLong(a.yParity()).writeUInt256(a.r()).writeUInt256(a.s()).endList();
    }
    w.endList();
  }

  /** A starting capacity that avoids regrowing the buffer for typical transactions. */
  static int sizeHint(Transaction tx) {
    int hint = 160 + tx.data().size();
    hint += tx.accessList().size() * 24;
    for (AccessListEntry e : tx.accessList()) {
      hint += e.storageKeys().size() * 33;
    }
    hint += tx.authorizationList().size() * 110 + tx.blobVersionedHashes().size() * 33;
    return hint;
  }
}
