package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import io.opal.primitives.testing.DecoderFuzzer;
import io.opal.primitives.tx.DepositTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

/** TransactionDeposited logs built by hand, byte by byte as the portal emits them. */
class DepositLogDecoderTest {
  static final Address PORTAL = Address.fromHex("0x1111111111111111111111111111111111111111");
  static final Address FROM = Address.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  static final Address TO = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final Hash BLOCK = Hash.keccak("some L1 block".getBytes(StandardCharsets.US_ASCII));

  static Hash topicOf(Address a) {
    byte[] t = new byte[32];
    System.arraycopy(a.toArray(), 0, t, 12, 20);
    return Hash.wrap(t);
  }

  /** abi.encodePacked(uint256 mint, uint256 value, uint64 gas, bool isCreation, bytes data). */
  static byte[] opaque(long mint, long value, long gas, boolean creation, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(73 + data.length);
    b.put(new byte[24]).putLong(mint).put(new byte[24]).putLong(value).putLong(gas);
    b.put((byte) (creation ? 1 : 0)).put(data);
    return b.array();
  }

  /** The log data of an event with one {@code bytes} argument: offset, length, padded content. */
  static byte[] bytesArgument(byte[] content) {
    int padded = (content.length + 31) / 32 * 32;
    ByteBuffer b = ByteBuffer.allocate(64 + padded);
    b.put(new byte[31]).put((byte) 32).put(new byte[24]).putLong(content.length).put(content);
    return b.array();
  }

  static Log depositLog(Address to, byte[] opaque) {
    return new Log(
        PORTAL,
        List.of(DepositLogDecoder.TRANSACTION_DEPOSITED, topicOf(FROM), topicOf(to), Hash.ZERO),
        Bytes.wrap(bytesArgument(opaque)));
  }

  /** The spec's formula, written out independently of DepositSource. */
  static Hash expectedSourceHash(Hash block, long logIndex) {
    byte[] inner = new byte[64];
    System.arraycopy(block.toArray(), 0, inner, 0, 32);
    inner[63] = (byte) logIndex;
    byte[] outer = new byte[64];
    System.arraycopy(Keccak256.hash(inner), 0, outer, 32, 32);
    return Hash.wrap(Keccak256.hash(outer));
  }

  @Test
  void eventTopicIsTheKeccakOfTheSignature() {
    assertEquals(
        "0xb3813568d9991fc951961fcb4c784893574240a28925604d09fc577c55bb7c32",
        DepositLogDecoder.TRANSACTION_DEPOSITED.toString());
  }

  @Test
  void decodesACallDeposit() {
    byte[] data = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
    DepositTransaction tx =
        DepositLogDecoder.decode(
            depositLog(TO, opaque(1_000_000_000_000_000_000L, 12345, 100_000, false, data)),
            BLOCK,
            7);
    assertEquals(expectedSourceHash(BLOCK, 7), tx.sourceHash());
    assertEquals(FROM, tx.from());
    assertEquals(Optional.of(TO), tx.to());
    assertEquals(UInt256.valueOf(1_000_000_000_000_000_000L), tx.mint());
    assertEquals(UInt256.valueOf(12345), tx.value());
    assertEquals(100_000, tx.gasLimit());
    assertFalse(tx.isSystemTx());
    assertEquals(Bytes.wrap(data), tx.data());
  }

  @Test
  void aCreationHasNoRecipientWhateverTheToTopic() {
    byte[] initCode = new byte[100];
    Arrays.fill(initCode, (byte) 0x60);
    DepositTransaction tx =
        DepositLogDecoder.decode(
            depositLog(Address.ZERO, opaque(0, 0, 500_000, true, initCode)), BLOCK, 0);
    assertTrue(tx.to().isEmpty());
    assertTrue(tx.isContractCreation());
    assertEquals(Bytes.wrap(initCode), tx.data());
    assertEquals(UInt256.ZERO, tx.mint());
  }

  @Test
  void opaqueDataLengthsAroundTheWordBoundary() {
    // 73 + 23 = 96 bytes: exactly three words, no padding; 73 + 24 needs a fourth, padded word.
    for (int extra : new int[] {0, 23, 24, 55, 56, 200}) {
      byte[] data = new byte[extra];
      Arrays.fill(data, (byte) 7);
      DepositTransaction tx =
          DepositLogDecoder.decode(depositLog(TO, opaque(1, 2, 21000, false, data)), BLOCK, 1);
      assertEquals(Bytes.wrap(data), tx.data(), "extra " + extra);
    }
  }

  @Test
  void malformedLogsNameTheirBlockAndIndex() {
    byte[] ok = opaque(1, 2, 21000, false, new byte[0]);
    List<Hash> topics = depositLog(TO, ok).topics();
    List<Log> bad = new ArrayList<>();
    bad.add(new Log(PORTAL, topics.subList(0, 3), Bytes.wrap(bytesArgument(ok)))); // 3 topics
    bad.add(
        new Log(
            PORTAL,
            List.of(Hash.ZERO, topics.get(1), topics.get(2), topics.get(3)),
            Bytes.wrap(bytesArgument(ok))));
    Hash version1 = Hash.wrap(pad32((byte) 1));
    bad.add(
        new Log(
            PORTAL,
            List.of(topics.get(0), topics.get(1), topics.get(2), version1),
            Bytes.wrap(bytesArgument(ok))));
    byte[] shortOpaque = Arrays.copyOf(ok, 72);
    bad.add(new Log(PORTAL, topics, Bytes.wrap(bytesArgument(shortOpaque))));
    byte[] wrongOffset = bytesArgument(ok);
    wrongOffset[31] = 64;
    bad.add(new Log(PORTAL, topics, Bytes.wrap(wrongOffset)));
    byte[] tooLong = bytesArgument(ok);
    tooLong[63] = (byte) 200;
    bad.add(new Log(PORTAL, topics, Bytes.wrap(tooLong)));
    byte[] extraPadding = Arrays.copyOf(bytesArgument(ok), bytesArgument(ok).length + 32);
    bad.add(new Log(PORTAL, topics, Bytes.wrap(extraPadding)));
    byte[] notWords = Arrays.copyOf(bytesArgument(ok), bytesArgument(ok).length + 1);
    bad.add(new Log(PORTAL, topics, Bytes.wrap(notWords)));
    bad.add(new Log(PORTAL, topics, Bytes.wrap(new byte[32])));
    for (int i = 0; i < bad.size(); i++) {
      Log log = bad.get(i);
      MalformedLogException e =
          assertThrows(
              MalformedLogException.class,
              () -> DepositLogDecoder.decode(log, BLOCK, 42),
              "case " + i);
      assertEquals(BLOCK, e.blockHash());
      assertEquals(42, e.logIndex());
      assertTrue(e.getMessage().contains("log 42 of L1 block " + BLOCK), e.getMessage());
    }
  }

  private static byte[] pad32(byte last) {
    byte[] w = new byte[32];
    w[31] = last;
    return w;
  }

  @Test
  void depositsInSkipsFailedReceiptsAndOtherEmitters() {
    Log good = depositLog(TO, opaque(5, 0, 21000, false, new byte[0]));
    Log otherContract = new Log(Address.ZERO, good.topics(), good.data());
    L1Receipt ok = ReceiptsForTest.receipt(BLOCK, 0, true, List.of(good, otherContract), 0);
    L1Receipt failed = ReceiptsForTest.receipt(BLOCK, 1, false, List.of(good), 2);
    L1Receipt ok2 = ReceiptsForTest.receipt(BLOCK, 2, true, List.of(good), 3);
    List<DepositTransaction> deposits =
        DepositLogDecoder.depositsIn(List.of(ok, failed, ok2), PORTAL);
    assertEquals(2, deposits.size());
    assertEquals(expectedSourceHash(BLOCK, 0), deposits.get(0).sourceHash());
    assertEquals(expectedSourceHash(BLOCK, 3), deposits.get(1).sourceHash());
  }

  @Test
  void fuzzedLogsOnlyRaiseDecodingErrors() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(rlp(depositLog(TO, opaque(1, 2, 21000, false, new byte[] {1, 2, 3}))));
    seeds.add(rlp(depositLog(Address.ZERO, opaque(0, 0, 90000, true, new byte[40]))));
    DecoderFuzzer.Stats stats =
        new DecoderFuzzer(11)
            .run(
                "DepositLogDecoder",
                in -> DepositLogDecoder.decode(Log.readFrom(RlpReader.of(in)), BLOCK, 3),
                seeds,
                20_000);
    assertTrue(stats.accepted() > 0 && stats.rejected() > 0, stats.toString());
  }

  static byte[] rlp(Log log) {
    RlpWriter w = new RlpWriter();
    log.writeTo(w);
    return w.toByteArray();
  }

  @Test
  void otherSourceHashDomains() {
    Hash l1Info = DepositSource.l1Info(BLOCK, 3);
    byte[] inner = new byte[64];
    System.arraycopy(BLOCK.toArray(), 0, inner, 0, 32);
    inner[63] = 3;
    byte[] outer = new byte[64];
    outer[31] = 1;
    System.arraycopy(Keccak256.hash(inner), 0, outer, 32, 32);
    assertEquals(Hash.wrap(Keccak256.hash(outer)), l1Info);
    // The Ecotone upgrade's L1Block deployment source hash, as printed in
    // specs/protocol/ecotone/derivation.md.
    assertEquals(
        "0x877a6077205782ea15a6dc8699fa5ebcec5e0f4389f09cb8eda09488231346f8",
        DepositSource.upgrade("Ecotone: L1 Block Deployment").toString());
  }
}
