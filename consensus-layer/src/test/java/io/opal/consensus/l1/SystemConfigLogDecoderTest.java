package io.opal.consensus.l1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.primitives.config.GenesisSystemConfig;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.testing.DecoderFuzzer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * ConfigUpdate logs built by hand as SystemConfig emits them: {@code abi.encode(abi.encode(...))}.
 */
class SystemConfigLogDecoderTest {
  static final Address SYSTEM_CONFIG =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  static final Hash BLOCK = Hash.keccak("block".getBytes(StandardCharsets.US_ASCII));
  static final Address BATCHER = Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  static Hash type(int t) {
    byte[] w = new byte[32];
    w[31] = (byte) t;
    return Hash.wrap(w);
  }

  static Log update(int type, String payloadHex) {
    Bytes payload = Bytes.fromHexString(payloadHex);
    Bytes header =
        Bytes.concatenate(
            Bytes32.leftPad(Bytes.of(32)), Bytes32.leftPad(Bytes.ofUnsignedInt(payload.size())));
    return new Log(
        SYSTEM_CONFIG,
        List.of(SystemConfigLogDecoder.CONFIG_UPDATE, Hash.ZERO, type(type)),
        Bytes.concatenate(header, payload));
  }

  static String word(String hex) {
    return "0".repeat(64 - hex.length()) + hex;
  }

  static SystemConfigUpdate decode(Log log) {
    return SystemConfigLogDecoder.decode(log, BLOCK, 5);
  }

  @Test
  void eventTopicIsTheKeccakOfTheSignature() {
    assertEquals(
        "0x1d2b0bda21d56b8bd12d4f94ebacffdfb35f5e226f84b461103bb8beab6353be",
        SystemConfigLogDecoder.CONFIG_UPDATE.toString());
  }

  @Test
  void decodesEveryUpdateType() {
    assertEquals(
        new SystemConfigUpdate.Batcher(BATCHER),
        decode(update(0, word(BATCHER.bytes().toUnprefixedHexString()))));
    SystemConfigUpdate.FeeScalars fees =
        (SystemConfigUpdate.FeeScalars)
            decode(update(1, word("bc") + "01" + "0".repeat(46) + "000c5fc5" + "00000558"));
    assertEquals(Bytes32.fromHexString(word("bc")), fees.overhead());
    assertEquals(
        Optional.of(new SystemConfigUpdate.EcotoneScalars(1368, 810949)), fees.ecotoneScalars());
    assertEquals(new SystemConfigUpdate.GasLimit(30_000_000), decode(update(2, word("1c9c380"))));
    assertEquals(
        new SystemConfigUpdate.UnsafeBlockSigner(BATCHER),
        decode(update(3, word(BATCHER.bytes().toUnprefixedHexString()))));
    SystemConfigUpdate.Eip1559Params eip1559 =
        (SystemConfigUpdate.Eip1559Params) decode(update(4, word("000000fa00000006")));
    assertEquals(250, eip1559.denominator());
    assertEquals(6, eip1559.elasticity());
    SystemConfigUpdate.OperatorFeeParams op =
        (SystemConfigUpdate.OperatorFeeParams)
            decode(update(5, word("0000abcd" + "0000000000001234")));
    assertEquals(0xabcd, op.scalar());
    assertEquals(0x1234, op.constant());
    assertEquals(
        new SystemConfigUpdate.MinBaseFee(1_000_000_000L), decode(update(6, word("3b9aca00"))));
    assertEquals(new SystemConfigUpdate.DaFootprintGasScalar(400), decode(update(7, word("190"))));
  }

  @Test
  void versionedScalars() {
    // Version 0: base fee scalar only; non-zero padding is invalid.
    assertEquals(
        Optional.of(new SystemConfigUpdate.EcotoneScalars(7, 0)),
        SystemConfigUpdate.EcotoneScalars.decode(Bytes32.fromHexString(word("7"))));
    assertTrue(
        SystemConfigUpdate.EcotoneScalars.decode(Bytes32.fromHexString(word("100000007")))
            .isEmpty());
    assertTrue(
        SystemConfigUpdate.EcotoneScalars.decode(Bytes32.fromHexString("02" + "0".repeat(62)))
            .isEmpty());
    assertTrue(
        SystemConfigUpdate.EcotoneScalars.decode(
                Bytes32.fromHexString("01" + "0".repeat(44) + "01" + "0".repeat(16)))
            .isEmpty());
  }

  @Test
  void malformedUpdates() {
    List<Log> bad = new ArrayList<>();
    bad.add(update(8, word("1"))); // unknown type
    bad.add(update(2, word("1") + word("2"))); // wrong length
    bad.add(update(2, "01" + "0".repeat(46) + "01c9c380")); // gas limit above 64 bits
    bad.add(
        update(
            0,
            "01"
                + word(BATCHER.bytes().toUnprefixedHexString())
                    .substring(2))); // dirty address padding
    bad.add(update(7, word("10000"))); // above uint16
    Log ok = update(2, word("1c9c380"));
    bad.add(
        new Log(
            SYSTEM_CONFIG,
            List.of(SystemConfigLogDecoder.CONFIG_UPDATE, type(1), type(2)),
            ok.data())); // version 1
    bad.add(new Log(SYSTEM_CONFIG, ok.topics().subList(0, 2), ok.data()));
    bad.add(new Log(SYSTEM_CONFIG, ok.topics(), Bytes.concatenate(ok.data(), Bytes.of(0))));
    Bytes wrongPointer = Bytes.concatenate(Bytes32.leftPad(Bytes.of(64)), ok.data().slice(32));
    bad.add(new Log(SYSTEM_CONFIG, ok.topics(), wrongPointer));
    bad.add(new Log(SYSTEM_CONFIG, ok.topics(), Bytes.EMPTY));
    for (int i = 0; i < bad.size(); i++) {
      Log log = bad.get(i);
      MalformedLogException e =
          assertThrows(MalformedLogException.class, () -> decode(log), "case " + i);
      assertEquals(5, e.logIndex());
    }
  }

  @Test
  void blockUpdatesSkipMalformedLogsAndFailedReceipts() {
    Log good = update(2, word("1c9c380"));
    Log bad = update(9, word("1"));
    L1Receipt r0 = ReceiptsForTest.receipt(BLOCK, 0, true, List.of(good, bad), 0);
    L1Receipt r1 = ReceiptsForTest.receipt(BLOCK, 1, false, List.of(update(2, word("1"))), 2);
    SystemConfigLogDecoder.BlockUpdates u =
        SystemConfigLogDecoder.updatesIn(List.of(r0, r1), SYSTEM_CONFIG);
    assertEquals(List.of(new SystemConfigUpdate.GasLimit(30_000_000)), u.updates());
    assertEquals(1, u.skipped().size());
    assertEquals(1, u.skipped().getFirst().logIndex());
  }

  @Test
  void applyingUpdatesFollowsTheForkRules() {
    L1SystemConfig genesis =
        L1SystemConfig.fromGenesis(
            new GenesisSystemConfig(
                Address.ZERO,
                Bytes32.fromHexString(word("bc")),
                Bytes32.fromHexString(word("a6fe0")),
                30_000_000));
    Bytes32 ecotoneScalar = Bytes32.fromHexString("01" + "0".repeat(46) + "000c5fc5" + "00000558");
    SystemConfigUpdate.FeeScalars fees =
        new SystemConfigUpdate.FeeScalars(Bytes32.fromHexString(word("99")), ecotoneScalar);
    L1SystemConfig before = genesis.apply(fees, false);
    assertEquals(Bytes32.fromHexString(word("99")), before.overhead());
    L1SystemConfig after = genesis.apply(fees, true);
    assertEquals(Bytes32.ZERO, after.overhead());
    assertEquals(ecotoneScalar, after.scalar());
    SystemConfigUpdate.FeeScalars invalid =
        new SystemConfigUpdate.FeeScalars(
            Bytes32.ZERO, Bytes32.fromHexString("05" + "0".repeat(62)));
    assertSame(
        genesis,
        genesis.apply(invalid, true),
        "an invalid versioned scalar is ignored from Ecotone");
    L1SystemConfig c =
        genesis
            .apply(new SystemConfigUpdate.Batcher(BATCHER), true)
            .apply(new SystemConfigUpdate.GasLimit(60_000_000), true)
            .apply(
                new SystemConfigUpdate.Eip1559Params(
                    Bytes32.fromHexString(word("000000fa00000006"))),
                true)
            .apply(new SystemConfigUpdate.MinBaseFee(7), true)
            .apply(new SystemConfigUpdate.DaFootprintGasScalar(400), true)
            .apply(new SystemConfigUpdate.UnsafeBlockSigner(BATCHER), true);
    assertEquals(BATCHER, c.batcher());
    assertEquals(60_000_000, c.gasLimit());
    assertEquals(Bytes.fromHexString("000000fa00000006"), c.eip1559Params());
    assertEquals(7, c.minBaseFee());
    assertEquals(400, c.daFootprintGasScalar());
  }

  @Test
  void fuzzedLogsOnlyRaiseDecodingErrors() {
    List<byte[]> seeds = new ArrayList<>();
    for (Log l :
        List.of(update(0, word("abc")), update(1, word("1") + word("2")), update(7, word("190")))) {
      seeds.add(DepositLogDecoderTest.rlp(l));
    }
    DecoderFuzzer.Stats stats =
        new DecoderFuzzer(12)
            .run(
                "SystemConfigLogDecoder",
                in -> decode(Log.readFrom(RlpReader.of(in))),
                seeds,
                20_000);
    assertTrue(stats.accepted() > 0 && stats.rejected() > 0, stats.toString());
  }
}
