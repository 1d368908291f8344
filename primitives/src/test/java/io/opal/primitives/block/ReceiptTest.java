package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.primitives.Address;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.tx.TxType;
import java.util.List;
import java.util.OptionalLong;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Receipt encodings, with expected bytes assembled by hand from the RLP rules and the field lists
 * of EIP-2718/EIP-658 and the OP deposit-receipt spec.
 */
class ReceiptTest {
  private static final String ZERO_BLOOM = "b90100" + "00".repeat(256);

  /** [status 1, cumulative gas 0x5208, zero bloom, no logs]: payload 1+3+259+1 = 0x108 bytes. */
  private static final String SUCCESS_21000_BODY = "f90108" + "01" + "825208" + ZERO_BLOOM + "c0";

  @Test
  void legacyAndTypedReceipts() {
    EthereumReceipt legacy = EthereumReceipt.of(TxType.LEGACY, true, 21000, List.of());
    assertEquals(SUCCESS_21000_BODY, Hex.encodePlain(legacy.encode()));
    EthereumReceipt dynamicFee = EthereumReceipt.of(TxType.DYNAMIC_FEE, true, 21000, List.of());
    assertEquals("02" + SUCCESS_21000_BODY, Hex.encodePlain(dynamicFee.encode()));
    EthereumReceipt failed = EthereumReceipt.of(TxType.SET_CODE, false, 21000, List.of());
    // A failed status is the empty string 0x80.
    assertEquals(
        "04f90108" + "80" + "825208" + ZERO_BLOOM + "c0", Hex.encodePlain(failed.encode()));
    for (Receipt r : List.of(legacy, dynamicFee, failed)) {
      assertEquals(r, Receipt.decode(r.encode()));
      assertArrayEquals(r.encode(), r.encodeForReceiptsRoot());
    }
  }

  @Test
  void preByzantiumReceiptCarriesAStateRoot() {
    Hash root = Hash.keccak(new byte[] {1});
    EthereumReceipt r =
        new EthereumReceipt(
            TxType.LEGACY, new Receipt.PostState(root), 21000, Bloom.EMPTY, List.of());
    // [root (1+32), gas (3), bloom (259), logs (1)] = 296 = 0x128 bytes of payload.
    String expected = "f90128" + "a0" + root.bytes().toUnprefixedHexString() + "825208";
    assertEquals(expected + ZERO_BLOOM + "c0", Hex.encodePlain(r.encode()));
    assertEquals(r, Receipt.decode(r.encode()));
  }

  @Test
  void logsAreEncodedAndBloomed() {
    Address address = Address.fromHex("0x" + "11".repeat(20));
    Hash topic = Hash.fromHex("0x" + "22".repeat(32));
    Log log = new Log(address, List.of(topic), Bytes.fromHexString("0x3344"));
    // [address (1+20), [topic] (1+1+32), data (1+2)] = 58 = 0x3a bytes of payload.
    String logHex = "f83a" + "94" + "11".repeat(20) + "e1a0" + "22".repeat(32) + "823344";
    RlpWriter w = new RlpWriter();
    log.writeTo(w);
    assertEquals(logHex, Hex.encodePlain(w.toByteArray()));
    assertEquals(log, Log.readFrom(RlpReader.of(w.toByteArray())));
    assertEquals(Hash.keccak(Hex.decode("f83c" + logHex)), Log.logsHash(List.of(log)));
    assertEquals(Hash.EMPTY_LIST, Log.logsHash(List.of()));

    EthereumReceipt r = EthereumReceipt.of(TxType.ACCESS_LIST, true, 50000, List.of(log));
    assertEquals(Bloom.of(List.of(log)), r.logsBloom());
    assertEquals(r, Receipt.decode(r.encode()));
  }

  @Test
  void depositReceiptFieldsFollowTheForks() {
    // Before Regolith: the four standard fields only.
    DepositReceipt bedrock =
        new DepositReceipt(
            true, 21000, Bloom.EMPTY, List.of(), OptionalLong.empty(), OptionalLong.empty());
    assertEquals("7e" + SUCCESS_21000_BODY, Hex.encodePlain(bedrock.encode()));
    assertArrayEquals(bedrock.encode(), bedrock.encodeForReceiptsRoot());

    // Regolith: stored with depositNonce (payload 0x109: + "07"), hashed without it.
    DepositReceipt regolith =
        new DepositReceipt(
            true, 21000, Bloom.EMPTY, List.of(), OptionalLong.of(7), OptionalLong.empty());
    String withNonce = "7ef90109" + "01" + "825208" + ZERO_BLOOM + "c0" + "07";
    assertEquals(withNonce, Hex.encodePlain(regolith.encode()));
    assertEquals("7e" + SUCCESS_21000_BODY, Hex.encodePlain(regolith.encodeForReceiptsRoot()));
    assertEquals(Receipt.receiptsRoot(List.of(bedrock)), Receipt.receiptsRoot(List.of(regolith)));

    // Canyon: nonce and version 1, both committed to.
    DepositReceipt canyon = DepositReceipt.canyon(true, 21000, List.of(), 7);
    String withVersion = "7ef9010a" + "01" + "825208" + ZERO_BLOOM + "c0" + "07" + "01";
    assertEquals(withVersion, Hex.encodePlain(canyon.encode()));
    assertArrayEquals(canyon.encode(), canyon.encodeForReceiptsRoot());
    assertNotEquals(Receipt.receiptsRoot(List.of(regolith)), Receipt.receiptsRoot(List.of(canyon)));

    for (Receipt r : List.of(bedrock, regolith, canyon)) {
      assertEquals(r, Receipt.decode(r.encode()));
    }
    assertEquals(bedrock, Receipt.decode(regolith.encodeForReceiptsRoot()));
  }

  @Test
  void depositNonceZeroIsStillPresent() {
    DepositReceipt r = DepositReceipt.canyon(false, 0, List.of(), 0);
    assertEquals(r, Receipt.decode(r.encode()));
    assertEquals(OptionalLong.of(0), ((DepositReceipt) Receipt.decode(r.encode())).depositNonce());
  }

  @Test
  void listFormWrapsTypedReceiptsInStrings() {
    List<Receipt> receipts =
        List.of(
            EthereumReceipt.of(TxType.LEGACY, true, 21000, List.of()),
            DepositReceipt.canyon(true, 42000, List.of(), 3));
    RlpWriter w = new RlpWriter().startList();
    receipts.forEach(r -> r.writeTo(w));
    byte[] list = w.endList().toByteArray();
    RlpReader items = RlpReader.of(list).enterList();
    assertEquals(receipts.get(0), Receipt.readFrom(items));
    assertEquals(receipts.get(1), Receipt.readFrom(items));
    // A legacy receipt wrapped in a string is not canonical.
    byte[] wrapped = new RlpWriter().writeBytes(receipts.get(0).encode()).toByteArray();
    assertThrows(DecodingException.class, () -> Receipt.readFrom(RlpReader.of(wrapped)));
  }

  @Test
  void malformedReceiptsFailWithATypedError() {
    String[] bad = {
      "", // empty
      "05" + SUCCESS_21000_BODY, // unknown type
      "7f" + SUCCESS_21000_BODY, // unknown type
      SUCCESS_21000_BODY + "00", // trailing byte
      "f90108" + "00" + "825208" + ZERO_BLOOM + "c0", // status 0x00 is not canonical
      "f90108" + "02" + "825208" + ZERO_BLOOM + "c0", // status 2
      "f90107" + "01" + "825208" + "b8ff" + "00".repeat(255) + "c0", // 255-byte bloom
      "f90109" + "01" + "825208" + ZERO_BLOOM + "c0" + "07", // nonce on a legacy receipt
      "7ef9010a" + "01" + "825208" + ZERO_BLOOM + "c0" + "07" + "02", // version 2
      "7ef9010b" + "01" + "825208" + ZERO_BLOOM + "c0" + "07" + "01" + "01", // seven fields
      "7ef90127" + "a0" + "00".repeat(32) + "825208" + ZERO_BLOOM + "c0", // deposit with a root
      "f90108" + "01" + "820052" + ZERO_BLOOM + "c0", // gas with a leading zero
    };
    for (String hex : bad) {
      assertThrows(DecodingException.class, () -> Receipt.decode(Hex.decode(hex)), hex);
    }
  }

  @Test
  void versionWithoutNonceIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DepositReceipt(
                true, 1, Bloom.EMPTY, List.of(), OptionalLong.empty(), OptionalLong.of(1)));
  }
}
