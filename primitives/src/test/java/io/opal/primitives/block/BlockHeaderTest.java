package io.opal.primitives.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class BlockHeaderTest {

  /** Ethereum mainnet's genesis: the fifteen-field header of before London. */
  @Test
  void mainnetGenesisHash() {
    BlockHeader genesis =
        BlockHeader.builder()
            .stateRoot(
                Hash.fromHex("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544"))
            .difficulty(UInt256.valueOf(0x400000000L))
            .gasLimit(5000)
            .extraData(
                Bytes.fromHexString(
                    "0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa"))
            .nonce(Bytes.fromHexString("0x0000000000000042"))
            .build();
    assertEquals(
        Hash.fromHex("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"),
        genesis.hash());
    assertEquals(genesis, BlockHeader.decode(genesis.encode()));
  }

  /** An Isthmus (Prague) header: the requests hash of no requests is sha256(""). */
  @Test
  void pragueHeaderRoundTrips() {
    Hash emptyRequests =
        Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BlockHeader header = fullHeader().requestsHash(emptyRequests).build();
    byte[] rlp = header.encode();
    assertEquals(header, BlockHeader.decode(rlp));
    assertArrayEquals(rlp, BlockHeader.decode(rlp).encode());
    assertEquals(21, fieldCount(rlp));
    assertEquals(20, fieldCount(fullHeader().build().encode()));
  }

  private static BlockHeader.Builder fullHeader() {
    return BlockHeader.builder()
        .number(26_207_960)
        .gasLimit(60_000_000)
        .timestamp(1_744_905_600)
        .baseFeePerGas(252)
        .withdrawalsRoot(Hash.keccak(new byte[] {1}))
        .blobGasUsed(0)
        .excessBlobGas(0)
        .parentBeaconBlockRoot(Hash.keccak(new byte[] {2}));
  }

  private static int fieldCount(byte[] rlp) {
    RlpReader fields = RlpReader.of(rlp).enterList();
    int n = 0;
    while (fields.hasNext()) {
      fields.skip();
      n++;
    }
    return n;
  }

  @Test
  void optionalFieldNeedsAllBeforeIt() {
    BlockHeader.Builder gap = BlockHeader.builder().withdrawalsRoot(Hash.EMPTY_TRIE);
    assertThrows(IllegalArgumentException.class, gap::build);
    BlockHeader.Builder gap2 =
        BlockHeader.builder().baseFeePerGas(1).withdrawalsRoot(Hash.EMPTY_TRIE).excessBlobGas(0);
    assertThrows(IllegalArgumentException.class, gap2::build);
  }

  @Test
  void malformedHeadersFailWithATypedError() {
    byte[] good = fullHeader().build().encode();
    // Twenty-two fields.
    RlpWriter extra = new RlpWriter().startList();
    RlpReader fields = RlpReader.of(good).enterList();
    while (fields.hasNext()) {
      extra.writeRaw(fields.readRaw());
    }
    extra.writeHash(Hash.ZERO).writeHash(Hash.ZERO);
    byte[] tooMany = extra.endList().toByteArray();
    assertThrows(DecodingException.class, () -> BlockHeader.decode(tooMany));

    byte[] trailing = new byte[good.length + 1];
    System.arraycopy(good, 0, trailing, 0, good.length);
    assertThrows(DecodingException.class, () -> BlockHeader.decode(trailing));

    byte[] truncated = new byte[good.length - 1];
    System.arraycopy(good, 0, truncated, 0, truncated.length);
    assertThrows(DecodingException.class, () -> BlockHeader.decode(truncated));

    byte[] shortNonce = replaceField(good, 14, new RlpWriter().writeBytes(new byte[7]));
    assertThrows(DecodingException.class, () -> BlockHeader.decode(shortNonce));
    byte[] shortBloom = replaceField(good, 6, new RlpWriter().writeBytes(new byte[255]));
    assertThrows(DecodingException.class, () -> BlockHeader.decode(shortBloom));
    byte[] paddedNumber = replaceField(good, 8, new RlpWriter().writeBytes(new byte[] {0, 1}));
    assertThrows(DecodingException.class, () -> BlockHeader.decode(paddedNumber));
    byte[] listAsHash = replaceField(good, 0, new RlpWriter().startList().endList());
    assertThrows(DecodingException.class, () -> BlockHeader.decode(listAsHash));
    assertThrows(DecodingException.class, () -> BlockHeader.decode(new byte[] {(byte) 0xc0}));
  }

  /** The header with field {@code index} replaced by the item written to {@code item}. */
  private static byte[] replaceField(byte[] header, int index, RlpWriter item) {
    RlpWriter out = new RlpWriter().startList();
    RlpReader fields = RlpReader.of(header).enterList();
    for (int i = 0; fields.hasNext(); i++) {
      byte[] raw = fields.readRaw();
      out.writeRaw(i == index ? item.toByteArray() : raw);
    }
    return out.endList().toByteArray();
  }
}
