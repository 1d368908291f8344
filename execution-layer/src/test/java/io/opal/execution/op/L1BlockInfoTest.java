package io.opal.execution.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.op.replay.OpExecutionFixture;
import io.opal.execution.op.replay.WitnessWorldState;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.fork.OpFork;
import io.opal.primitives.testing.DecoderFuzzer;
import io.opal.primitives.testing.Fixtures;
import io.opal.primitives.tx.DepositTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * The L1-info deposit's calldata formats (deposits.md, ecotone/, isthmus/, jovian/l1-attributes).
 */
class L1BlockInfoTest {

  private static L1BlockInfo sample(L1BlockInfo.Format f) {
    boolean bedrock = f == L1BlockInfo.Format.BEDROCK;
    boolean isthmus = f == L1BlockInfo.Format.ISTHMUS || f == L1BlockInfo.Format.JOVIAN;
    return new L1BlockInfo(
        f,
        7_654_321,
        1_744_218_448,
        BigInteger.valueOf(123_456_789),
        Hash.keccak(new byte[] {1}),
        3,
        Bytes32.fromHexString("0x0000000000000000000000008f23bb38f531600e5d8fddaaec41f13fab46e98c"),
        bedrock ? BigInteger.valueOf(188) : BigInteger.ZERO,
        bedrock ? BigInteger.valueOf(684_000) : BigInteger.ZERO,
        bedrock ? BigInteger.ZERO : BigInteger.valueOf(987),
        bedrock ? 0 : 1368,
        bedrock ? 0 : 810_949,
        isthmus ? 4_000_000_000L : 0,
        isthmus ? -2L : 0, // 2^64 - 2: the constant is unsigned
        f == L1BlockInfo.Format.JOVIAN ? 65_535 : 0);
  }

  @Test
  void everyFormatHasItsSelectorAndLengthAndRoundTrips() {
    for (L1BlockInfo.Format f : L1BlockInfo.Format.values()) {
      L1BlockInfo info = sample(f);
      byte[] data = info.encode();
      assertEquals(f.length(), data.length, f.toString());
      assertArrayEquals(f.selector(), java.util.Arrays.copyOf(data, 4));
      assertEquals(info, L1BlockInfo.decode(data), f.toString());
    }
    // Selectors are the first four bytes of keccak256 of the setters' signatures.
    assertEquals(
        sel("setL1BlockValues(uint64,uint64,uint256,bytes32,uint64,bytes32,uint256,uint256)"),
        Hex.encode(L1BlockInfo.Format.BEDROCK.selector()));
    assertEquals(
        sel("setL1BlockValuesEcotone()"), Hex.encode(L1BlockInfo.Format.ECOTONE.selector()));
    assertEquals(
        sel("setL1BlockValuesIsthmus()"), Hex.encode(L1BlockInfo.Format.ISTHMUS.selector()));
    assertEquals(sel("setL1BlockValuesJovian()"), Hex.encode(L1BlockInfo.Format.JOVIAN.selector()));
  }

  private static String sel(String signature) {
    return Hex.encode(java.util.Arrays.copyOf(Hash.keccak(signature.getBytes()).toArray(), 4));
  }

  @Test
  void theEcotoneLayoutIsPackedAtTheSpecifiedOffsets() {
    byte[] data = sample(L1BlockInfo.Format.ECOTONE).encode();
    // ecotone/l1-attributes.md: baseFeeScalar at 4..7, blobBaseFeeScalar 8..11, sequenceNumber
    // 12..19, timestamp 20..27, number 28..35, basefee 36..67, blobBaseFee 68..99, hash 100..131,
    // batcherHash 132..163.
    assertEquals("0x00000558", Hex.encode(java.util.Arrays.copyOfRange(data, 4, 8)));
    assertEquals("0x000c5fc5", Hex.encode(java.util.Arrays.copyOfRange(data, 8, 12)));
    assertEquals("0x0000000000000003", Hex.encode(java.util.Arrays.copyOfRange(data, 12, 20)));
    assertEquals("0x000000000074cbb1", Hex.encode(java.util.Arrays.copyOfRange(data, 28, 36)));
    assertEquals(987, new BigInteger(1, java.util.Arrays.copyOfRange(data, 68, 100)).intValue());
  }

  @Test
  void malformedCalldataIsATypedError() {
    assertThrows(DecodingException.class, () -> L1BlockInfo.decode(new byte[3]));
    assertThrows(DecodingException.class, () -> L1BlockInfo.decode(Hex.decode("0x12345678")));
    byte[] shortEcotone = java.util.Arrays.copyOf(sample(L1BlockInfo.Format.ECOTONE).encode(), 163);
    assertThrows(DecodingException.class, () -> L1BlockInfo.decode(shortEcotone));
    byte[] bedrock = sample(L1BlockInfo.Format.BEDROCK).encode();
    bedrock[4] = 1; // the L1 block number word exceeds 64 bits
    assertThrows(DecodingException.class, () -> L1BlockInfo.decode(bedrock));
  }

  @Test
  void fuzzedCalldataOnlyEverFailsWithDecodingException() {
    List<byte[]> seeds = new ArrayList<>();
    for (L1BlockInfo.Format f : L1BlockInfo.Format.values()) {
      seeds.add(sample(f).encode());
    }
    DecoderFuzzer.Stats stats =
        new DecoderFuzzer(42).run("L1BlockInfo", L1BlockInfo::decode, seeds, 20_000);
    assertTrue(stats.accepted() > 0 && stats.rejected() > 0, stats.toString());
  }

  @Test
  void aRealL1InfoDepositSetsWhatItsCalldataSays() throws Exception {
    // OP Sepolia block 26207960: after its L1-info deposit ran on the real L1Block contract, the
    // contract's storage holds the fee parameters the calldata parser reads.
    OpExecutionFixture f =
        OpExecutionFixture.load(Fixtures.require("op-execution/op-sepolia-block-26207960.json"));
    DepositTransaction infoTx = (DepositTransaction) f.attributes().transactions().get(0);
    L1BlockInfo info = L1BlockInfo.decode(infoTx.data().toArrayUnsafe());
    assertEquals(L1BlockInfo.Format.ECOTONE, info.format());
    WitnessWorldState world = new WitnessWorldState(f.parent().stateRoot(), f.witness());
    OpBlockExecutor executor =
        new OpBlockExecutor(f.config(), new io.opal.execution.evm.CodeCache(64));
    OpBlockBuilder b = executor.start(f.parent(), world, f.attributes(), n -> Hash.ZERO);
    b.addForced(infoTx);
    L1FeeParams stored = L1FeeParams.readFrom(world, OpFork.HOLOCENE);
    L1FeeParams parsed = info.feeParams();
    assertEquals(parsed.l1BaseFee(), stored.l1BaseFee());
    assertEquals(parsed.l1BlobBaseFee(), stored.l1BlobBaseFee());
    assertEquals(parsed.baseFeeScalar(), stored.baseFeeScalar());
    assertEquals(parsed.blobBaseFeeScalar(), stored.blobBaseFeeScalar());
    assertEquals(RollupFees.Formula.FJORD, RollupFees.of(OpFork.HOLOCENE, stored).formula());
  }
}
