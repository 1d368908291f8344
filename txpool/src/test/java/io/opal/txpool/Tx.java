package io.opal.txpool;

import io.opal.primitives.Address;
import io.opal.primitives.tx.AccessListEntry;
import io.opal.primitives.tx.Authorization;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.SetCodeTransaction;
import io.opal.primitives.tx.SignedTransaction;
import io.opal.primitives.tx.TransactionSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/** Test scaffolding: builds and signs transactions with readable defaults. */
final class Tx {
  static final long CHAIN_ID = 10;
  static final Address RECIPIENT = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

  enum Kind {
    LEGACY,
    DYNAMIC,
    SET_CODE
  }

  private final Kind kind;
  private final int key;
  private long chainId = CHAIN_ID;
  private long nonce;
  private long tip = 100;
  private long feeCap = 2_000;
  private long gas = 21_000;
  private UInt256 value = UInt256.ZERO;
  private Bytes data = Bytes.EMPTY;
  private Optional<Address> to = Optional.of(RECIPIENT);
  private boolean unprotected;
  private final List<Authorization> auths = new ArrayList<>();

  private Tx(Kind kind, int key) {
    this.kind = kind;
    this.key = key;
  }

  /** An EIP-1559 transfer from key {@code key}: tip 100 wei, fee cap 2000 wei, 21000 gas. */
  static Tx dynamic(int key) {
    return new Tx(Kind.DYNAMIC, key);
  }

  /** A legacy EIP-155 transfer; its gas price is {@link #feeCap}. */
  static Tx legacy(int key) {
    return new Tx(Kind.LEGACY, key);
  }

  static Tx setCode(int key) {
    Tx t = new Tx(Kind.SET_CODE, key);
    t.gas = 100_000;
    return t;
  }

  Tx chainId(long v) {
    chainId = v;
    return this;
  }

  Tx nonce(long v) {
    nonce = v;
    return this;
  }

  Tx tip(long v) {
    tip = v;
    return this;
  }

  Tx feeCap(long v) {
    feeCap = v;
    return this;
  }

  /** Tip and fee cap together (for legacy: the gas price). */
  Tx price(long tipValue, long feeCapValue) {
    tip = tipValue;
    feeCap = feeCapValue;
    return this;
  }

  Tx gas(long v) {
    gas = v;
    return this;
  }

  Tx value(UInt256 v) {
    value = v;
    return this;
  }

  Tx data(Bytes v) {
    data = v;
    return this;
  }

  Tx create() {
    to = Optional.empty();
    return this;
  }

  Tx unprotected() {
    unprotected = true;
    return this;
  }

  /** Adds an authorization of {@code RECIPIENT}'s code signed by key {@code authorityKey}. */
  Tx authorizedBy(int authorityKey, long authorityNonce) {
    auths.add(
        TransactionSigner.signAuthorization(
            UInt256.valueOf(CHAIN_ID), RECIPIENT, authorityNonce, Keys.key(authorityKey)));
    return this;
  }

  SignedTransaction sign() {
    SignedTransaction body =
        switch (kind) {
          case LEGACY ->
              LegacyTransaction.unsigned(
                  unprotected ? OptionalLong.empty() : OptionalLong.of(chainId),
                  nonce,
                  UInt256.valueOf(feeCap),
                  gas,
                  to,
                  value,
                  data);
          case DYNAMIC ->
              new DynamicFeeTransaction(
                  chainId,
                  nonce,
                  UInt256.valueOf(tip),
                  UInt256.valueOf(feeCap),
                  gas,
                  to,
                  value,
                  data,
                  List.<AccessListEntry>of(),
                  0,
                  UInt256.ONE,
                  UInt256.ONE);
          case SET_CODE ->
              new SetCodeTransaction(
                  chainId,
                  nonce,
                  UInt256.valueOf(tip),
                  UInt256.valueOf(feeCap),
                  gas,
                  to,
                  value,
                  data,
                  List.of(),
                  auths,
                  0,
                  UInt256.ONE,
                  UInt256.ONE);
        };
    return TransactionSigner.sign(body, Keys.key(key));
  }
}
