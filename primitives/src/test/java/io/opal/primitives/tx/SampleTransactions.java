package io.opal.primitives.tx;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/** Transactions of every type, signed by a known key, for round-trip and rule tests. */
final class SampleTransactions {
  /** The first dev account of the "test test ... junk" mnemonic (anvil, Hardhat). */
  static final byte[] KEY =
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  static final Address KEY_ADDRESS = Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  static final long CHAIN_ID = 11_155_420; // OP Sepolia
  static final Address TO = Address.fromHex("0x4200000000000000000000000000000000000016");
  static final Bytes DATA = Bytes.fromHexString("0x00010203a9059cbb");
  static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  static final List<AccessListEntry> ACCESS_LIST =
      List.of(
          new AccessListEntry(TO, List.of(Hash.ZERO, Hash.keccak(new byte[] {1}))),
          new AccessListEntry(KEY_ADDRESS, List.of()));

  private SampleTransactions() {}

  static LegacyTransaction legacy(boolean eip155) {
    OptionalLong chainId = eip155 ? OptionalLong.of(CHAIN_ID) : OptionalLong.empty();
    return TransactionSigner.sign(
        LegacyTransaction.unsigned(
            chainId, 7, GWEI, 60_000, Optional.of(TO), UInt256.valueOf(5), DATA),
        KEY);
  }

  static LegacyTransaction legacyCreation() {
    return TransactionSigner.sign(
        LegacyTransaction.unsigned(
            OptionalLong.of(CHAIN_ID),
            0,
            GWEI,
            100_000,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.fromHexString("0x6000600055")),
        KEY);
  }

  static AccessListTransaction accessList() {
    return TransactionSigner.sign(
        new AccessListTransaction(
            CHAIN_ID,
            1,
            GWEI,
            80_000,
            Optional.of(TO),
            UInt256.ONE,
            DATA,
            ACCESS_LIST,
            0,
            UInt256.ZERO,
            UInt256.ZERO),
        KEY);
  }

  static DynamicFeeTransaction dynamicFee(long gasLimit, Bytes data) {
    return TransactionSigner.sign(
        new DynamicFeeTransaction(
            CHAIN_ID,
            2,
            UInt256.valueOf(1_000),
            GWEI,
            gasLimit,
            Optional.of(TO),
            UInt256.valueOf(1_000_000),
            data,
            List.of(),
            0,
            UInt256.ZERO,
            UInt256.ZERO),
        KEY);
  }

  static DynamicFeeTransaction dynamicFee() {
    return dynamicFee(30_000, DATA);
  }

  static BlobTransaction blob(List<Hash> versionedHashes) {
    return TransactionSigner.sign(
        new BlobTransaction(
            CHAIN_ID,
            3,
            UInt256.valueOf(2),
            GWEI,
            50_000,
            Optional.of(TO),
            UInt256.ZERO,
            Bytes.EMPTY,
            ACCESS_LIST,
            UInt256.valueOf(10),
            versionedHashes,
            0,
            UInt256.ZERO,
            UInt256.ZERO),
        KEY);
  }

  static Hash versionedHash(int seed) {
    byte[] h = Hash.keccak(new byte[] {(byte) seed}).toArray().clone();
    h[0] = 0x01;
    return Hash.wrap(h);
  }

  static SetCodeTransaction setCode(List<Authorization> authorizations) {
    return TransactionSigner.sign(
        new SetCodeTransaction(
            CHAIN_ID,
            4,
            UInt256.valueOf(3),
            GWEI,
            200_000,
            Optional.of(KEY_ADDRESS),
            UInt256.ZERO,
            Bytes.EMPTY,
            List.of(),
            authorizations,
            0,
            UInt256.ZERO,
            UInt256.ZERO),
        KEY);
  }

  static Authorization authorization(long nonce) {
    return TransactionSigner.signAuthorization(UInt256.valueOf(CHAIN_ID), TO, nonce, KEY);
  }

  static DepositTransaction deposit(Optional<Address> to) {
    return new DepositTransaction(
        Hash.keccak(new byte[] {42}),
        Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001"),
        to,
        UInt256.valueOf(1_000_000_000_000L),
        UInt256.valueOf(3),
        1_000_000,
        false,
        DATA);
  }

  /** One signed transaction of every signed type, and deposits with and without a recipient. */
  static List<Transaction> all() {
    return List.of(
        legacy(false),
        legacy(true),
        legacyCreation(),
        accessList(),
        dynamicFee(),
        blob(List.of(versionedHash(1), versionedHash(2))),
        setCode(List.of(authorization(0), authorization(9))),
        deposit(Optional.of(TO)),
        deposit(Optional.empty()));
  }
}
