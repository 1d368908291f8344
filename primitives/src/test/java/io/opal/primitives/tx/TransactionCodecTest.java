package io.opal.primitives.tx;

import static io.opal.primitives.tx.SampleTransactions.KEY;
import static io.opal.primitives.tx.SampleTransactions.KEY_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class TransactionCodecTest {

  @Test
  void everyTypeRoundTripsThroughItsEnvelope() {
    for (Transaction tx : SampleTransactions.all()) {
      byte[] envelope = TransactionCodec.encode(tx);
      int first = envelope[0] & 0xff;
      if (tx.type() == TxType.LEGACY) {
        assertTrue(first >= 0xc0, "a legacy envelope is an RLP list");
      } else {
        assertEquals(tx.type().typeByte(), first, "a typed envelope starts with its type");
      }
      assertEquals(tx, TransactionCodec.decode(envelope), tx.type().name());
      assertEquals(Hash.wrap(keccak(envelope)), tx.hash(), "the hash is keccak of the envelope");
    }
  }

  @Test
  void blockBodyWrapsTypedEnvelopesAsStrings() {
    List<Transaction> txs = SampleTransactions.all();
    RlpWriter w = new RlpWriter().startList();
    txs.forEach(tx -> TransactionCodec.encodeForBlockBody(w, tx));
    byte[] body = w.endList().toByteArray();

    RlpReader items = RlpReader.of(body).enterList();
    for (Transaction tx : txs) {
      assertEquals(tx.type() == TxType.LEGACY, items.nextIsList());
      if (tx.type() != TxType.LEGACY) {
        RlpReader peek = RlpReader.of(body, items.position(), body.length - items.position());
        assertArrayEquals(TransactionCodec.encode(tx), peek.readBytes());
      }
      assertEquals(tx, TransactionCodec.decodeFromBlockBody(items));
    }
    assertFalse(items.hasNext());
  }

  @Test
  void sendersRecoverToTheSigningKey() {
    for (Transaction tx : SampleTransactions.all()) {
      if (tx instanceof SignedTransaction signed) {
        assertEquals(KEY_ADDRESS, signed.sender(), tx.type().name());
        assertEquals(Optional.of(KEY_ADDRESS), signed.recoverSender());
      } else {
        assertEquals(((DepositTransaction) tx).from(), tx.sender());
      }
    }
  }

  @Test
  void legacySigningHashDependsOnReplayProtection() {
    LegacyTransaction plain = SampleTransactions.legacy(false);
    LegacyTransaction protectedTx = SampleTransactions.legacy(true);
    assertTrue(plain.v() == 27 || plain.v() == 28);
    assertEquals(OptionalLong.of(SampleTransactions.CHAIN_ID), protectedTx.signedChainId());
    assertEquals(OptionalLong.empty(), plain.signedChainId());
    assertNotEquals(plain.signingHash(), protectedTx.signingHash());
  }

  /** The worked example of EIP-155. */
  @Test
  void eip155Example() {
    LegacyTransaction body =
        LegacyTransaction.unsigned(
            OptionalLong.of(1),
            9,
            UInt256.valueOf(20_000_000_000L),
            21_000,
            Optional.of(Address.fromHex("0x3535353535353535353535353535353535353535")),
            UInt256.valueOf(1_000_000_000_000_000_000L),
            Bytes.EMPTY);
    assertEquals(
        "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080",
        Hex.encode(TransactionCodec.encodeUnsigned(body)));
    assertEquals(
        Hash.fromHex("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"),
        body.signingHash());
    byte[] key = Hex.decode("0x4646464646464646464646464646464646464646464646464646464646464646");
    LegacyTransaction signed = TransactionSigner.sign(body, key);
    assertEquals(37, signed.v());
    assertEquals(
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025"
            + "a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276"
            + "a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
        Hex.encode(TransactionCodec.encode(signed)));
  }

  @Test
  void blobTransactionsCarryTheirSidecarOnTheNetworkOnly() {
    BlobTransaction tx =
        SampleTransactions.blob(
            List.of(SampleTransactions.versionedHash(1), SampleTransactions.versionedHash(2)));
    for (int version : new int[] {0, 1}) {
      BlobTransactionWithSidecar network = new BlobTransactionWithSidecar(tx, sidecar(version, 2));
      byte[] encoded = TransactionCodec.encodeWithSidecar(network);
      assertEquals(0x03, encoded[0]);
      assertEquals(network, TransactionCodec.decodeWithSidecar(encoded));
      Transaction plain = TransactionCodec.decode(encoded);
      assertEquals(tx, plain, "decode drops the sidecar");
      assertEquals(tx.hash(), plain.hash(), "the sidecar is not part of the hash");

      byte[] body = new RlpWriter().startList().writeBytes(encoded).endList().toByteArray();
      RlpReader items = RlpReader.of(body).enterList();
      assertThrows(DecodingException.class, () -> TransactionCodec.decodeFromBlockBody(items));
    }
    BlobTransactionWithSidecar missingBlob = new BlobTransactionWithSidecar(tx, sidecar(0, 1));
    byte[] encoded = TransactionCodec.encodeWithSidecar(missingBlob);
    assertThrows(DecodingException.class, () -> TransactionCodec.decodeWithSidecar(encoded));
    assertThrows(
        DecodingException.class,
        () -> TransactionCodec.decodeWithSidecar(TransactionCodec.encode(tx)),
        "the canonical form has no sidecar");
  }

  private static BlobSidecar sidecar(int version, int blobs) {
    List<Bytes> blobList = new ArrayList<>();
    List<Bytes> commitments = new ArrayList<>();
    List<Bytes> proofs = new ArrayList<>();
    for (int i = 0; i < blobs; i++) {
      byte[] blob = new byte[BlobSidecar.BYTES_PER_BLOB];
      Arrays.fill(blob, (byte) (i + 1));
      blobList.add(Bytes.wrap(blob));
      commitments.add(Bytes.wrap(filled(BlobSidecar.BYTES_PER_COMMITMENT, 0xc0 + i)));
      for (long p = 0; p < BlobSidecar.expectedProofs(version, 1); p++) {
        proofs.add(Bytes.wrap(filled(BlobSidecar.BYTES_PER_PROOF, (int) p)));
      }
    }
    return new BlobSidecar(version, blobList, commitments, proofs);
  }

  private static byte[] filled(int size, int value) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void rejectsMalformedEnvelopes() {
    String legacy = Hex.encode(TransactionCodec.encode(SampleTransactions.legacy(true)));
    String dynamic = Hex.encodePlain(TransactionCodec.encode(SampleTransactions.dynamicFee()));
    List<String> bad =
        List.of(
            "0x",
            "0x05c0", // an unknown type
            "0x7f" + dynamic.substring(2), // type byte 0x7f
            "0x" + dynamic + "00", // a trailing byte after a typed envelope
            legacy + "00", // a trailing byte after a legacy envelope
            "0x02", // a type byte alone
            "0x02c0", // no fields at all
            "0x80", // an RLP string where an envelope belongs
            "0xb8", // a string header promising more than there is
            "0x01" + Hex.encodePlain(TransactionCodec.encode(SampleTransactions.legacy(true))));
    for (String hex : bad) {
      assertThrows(DecodingException.class, () -> TransactionCodec.decode(Hex.decode(hex)), hex);
    }
  }

  @Test
  void rejectsFieldsOutsideTheirProtocolBounds() {
    // yParity 2 in a typed transaction
    byte[] dyn = TransactionCodec.encode(SampleTransactions.dynamicFee());
    assertThrows(DecodingException.class, () -> TransactionCodec.decode(withParity(dyn, 2)));
    assertEquals(
        SampleTransactions.dynamicFee(),
        TransactionCodec.decode(withParity(dyn, SampleTransactions.dynamicFee().yParity())));

    // a deposit's isSystemTx must be 0 or 1
    DepositTransaction deposit = SampleTransactions.deposit(Optional.empty());
    RlpWriter w = new RlpWriter().writeRaw(new byte[] {0x7e}).startList();
    w.writeHash(deposit.sourceHash()).writeAddress(deposit.from()).writeEmptyString();
    w.writeUInt256(deposit.mint()).writeUInt256(deposit.value()).writeLong(deposit.gasLimit());
    w.writeLong(2).writeBytes(deposit.data()).endList();
    byte[] badFlag = w.toByteArray();
    assertThrows(DecodingException.class, () -> TransactionCodec.decode(badFlag));

    // a blob transaction with an empty recipient (a contract creation)
    BlobTransaction blob = SampleTransactions.blob(List.of(SampleTransactions.versionedHash(7)));
    RlpWriter b = new RlpWriter().writeRaw(new byte[] {0x03}).startList();
    b.writeLong(blob.chainId()).writeLong(blob.nonce()).writeUInt256(blob.maxPriorityFeePerGas());
    b.writeUInt256(blob.maxFeePerGas()).writeLong(blob.gasLimit()).writeEmptyString();
    b.writeUInt256(blob.value()).writeBytes(blob.data()).writeEmptyList();
    b.writeUInt256(blob.maxFeePerBlobGas())
        .startList()
        .writeHash(SampleTransactions.versionedHash(7));
    b.endList().writeLong(blob.yParity()).writeUInt256(blob.r()).writeUInt256(blob.s()).endList();
    byte[] noTo = b.toByteArray();
    assertThrows(TransactionDecodingException.class, () -> TransactionCodec.decode(noTo));
  }

  /** The envelope of a typed transaction with its yParity byte replaced. */
  private static byte[] withParity(byte[] envelope, int parity) {
    byte[] copy = envelope.clone();
    // ... yParity (1 byte), r (0xa0 + 32 bytes), s (0xa0 + 32 bytes)
    copy[copy.length - 67] = (byte) (parity == 0 ? 0x80 : parity);
    return copy;
  }

  @Test
  void everyTruncationAndExtensionIsRejected() {
    for (Transaction tx : SampleTransactions.all()) {
      byte[] envelope = TransactionCodec.encode(tx);
      for (int len = 0; len < envelope.length; len++) {
        byte[] prefix = Arrays.copyOf(envelope, len);
        assertThrows(
            DecodingException.class, () -> TransactionCodec.decode(prefix), tx + " " + len);
      }
      byte[] longer = Arrays.copyOf(envelope, envelope.length + 1);
      assertThrows(DecodingException.class, () -> TransactionCodec.decode(longer));
    }
  }

  /** Random corruption either still decodes or raises a DecodingException, never anything else. */
  @Test
  void corruptedInputNeverEscapesAsAnotherException() {
    Random random = new Random(7);
    for (Transaction tx : SampleTransactions.all()) {
      byte[] envelope = TransactionCodec.encode(tx);
      for (int round = 0; round < 500; round++) {
        byte[] copy = envelope.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        decodeOrDecodingException(copy);
        byte[] body = new RlpWriter().startList().writeBytes(copy).endList().toByteArray();
        try {
          TransactionCodec.decodeFromBlockBody(RlpReader.of(body).enterList());
        } catch (DecodingException expected) {
          // the only allowed failure
        }
      }
    }
  }

  private static void decodeOrDecodingException(byte[] input) {
    try {
      Transaction tx = TransactionCodec.decode(input);
      if (tx.type() == TxType.LEGACY || input[0] != 0x03) {
        assertArrayEquals(input, TransactionCodec.encode(tx), "whatever decodes is canonical");
      }
    } catch (DecodingException expected) {
      // the only allowed failure
    } catch (RuntimeException e) {
      fail("decoding " + Hex.encode(input) + " threw " + e, e);
    }
  }

  static byte[] keccak(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  @Test
  void signerIsDeterministic() {
    DynamicFeeTransaction a = SampleTransactions.dynamicFee();
    DynamicFeeTransaction b =
        TransactionSigner.sign(a.withSignature(0, UInt256.ONE, UInt256.ONE), KEY);
    assertEquals(a, b);
  }
}
