package io.opal.execution.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Address;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.Keccak256;
import io.opal.primitives.crypto.Secp256k1;
import io.opal.primitives.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class EcrecoverTest {
  // The first dev account of the "test test ... junk" mnemonic, as anvil and Hardhat print it.
  private static final byte[] DEV_KEY =
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final Address DEV_ADDRESS =
      Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  private static final byte[] HASH =
      Keccak256.hash("opal ecrecover".getBytes(StandardCharsets.UTF_8));

  private static List<Ecrecover> contracts() {
    return List.of(new Ecrecover(Secp256k1.get()), new Ecrecover(Secp256k1.bouncyCastle()));
  }

  private static byte[] input(byte[] hash, int v, UInt256 r, UInt256 s) {
    byte[] in = new byte[128];
    System.arraycopy(hash, 0, in, 0, 32);
    in[63] = (byte) v;
    System.arraycopy(r.toArrayUnsafe(), 0, in, 64, 32);
    System.arraycopy(s.toArrayUnsafe(), 0, in, 96, 32);
    return in;
  }

  private static byte[] paddedAddress(Address a) {
    byte[] out = new byte[32];
    System.arraycopy(a.toArray(), 0, out, 12, 20);
    return out;
  }

  private static void assertEmptySuccess(PrecompileResult result) {
    assertTrue(result.success());
    assertEquals(0, result.output().length);
  }

  @Test
  void recoversTheSignerAsALeftPaddedWord() {
    Signature sig = Secp256k1.get().sign(HASH, DEV_KEY);
    for (Ecrecover c : contracts()) {
      PrecompileResult result = c.run(input(HASH, 27 + sig.recoveryId(), sig.r(), sig.s()));
      assertTrue(result.success());
      assertArrayEquals(paddedAddress(DEV_ADDRESS), result.output());
      assertEquals(3000, c.gas(new byte[0]));
    }
  }

  @Test
  void theOtherParityRecoversSomeoneElse() {
    Signature sig = Secp256k1.get().sign(HASH, DEV_KEY);
    for (Ecrecover c : contracts()) {
      byte[] out = c.run(input(HASH, 28 - sig.recoveryId(), sig.r(), sig.s())).output();
      assertTrue(out.length == 0 || !Arrays.equals(paddedAddress(DEV_ADDRESS), out));
    }
  }

  @Test
  void highSIsAcceptedUnlikeInTransactions() {
    Signature sig = Secp256k1.get().sign(HASH, DEV_KEY);
    UInt256 highS = Signature.N.subtract(sig.s());
    int flippedV = 27 + (1 - sig.recoveryId());
    for (Ecrecover c : contracts()) {
      assertArrayEquals(
          paddedAddress(DEV_ADDRESS), c.run(input(HASH, flippedV, sig.r(), highS)).output());
    }
  }

  @Test
  void shortInputIsRightPaddedAndExtraInputIgnored() {
    Signature sig = Secp256k1.get().sign(HASH, DEV_KEY);
    byte[] full = input(HASH, 27 + sig.recoveryId(), sig.r(), sig.s());
    byte[] longer = Arrays.copyOf(full, 200);
    Arrays.fill(longer, 128, 200, (byte) 0x5a);
    for (Ecrecover c : contracts()) {
      assertArrayEquals(paddedAddress(DEV_ADDRESS), c.run(longer).output());
      if (full[127] == 0) {
        assertArrayEquals(paddedAddress(DEV_ADDRESS), c.run(Arrays.copyOf(full, 127)).output());
      }
      assertEmptySuccess(c.run(new byte[0]));
      assertEmptySuccess(c.run(Arrays.copyOf(full, 64)));
    }
  }

  @Test
  void invalidVRSGiveEmptyOutput() {
    Signature sig = Secp256k1.get().sign(HASH, DEV_KEY);
    int v = 27 + sig.recoveryId();
    for (Ecrecover c : contracts()) {
      for (int badV : new int[] {0, 1, 26, 29, 255}) {
        assertEmptySuccess(c.run(input(HASH, badV, sig.r(), sig.s())));
      }
      byte[] vWithHighBytes = input(HASH, v, sig.r(), sig.s());
      vWithHighBytes[32] = 1; // v must be 27 or 28 as a whole 32-byte word
      assertEmptySuccess(c.run(vWithHighBytes));
      assertEmptySuccess(c.run(input(HASH, v, UInt256.ZERO, sig.s())));
      assertEmptySuccess(c.run(input(HASH, v, sig.r(), UInt256.ZERO)));
      assertEmptySuccess(c.run(input(HASH, v, Signature.N, sig.s())));
      assertEmptySuccess(c.run(input(HASH, v, sig.r(), Signature.N)));
      assertEmptySuccess(c.run(input(HASH, v, UInt256.MAX_VALUE, sig.s())));
    }
  }

  @Test
  void anRWithNoCurvePointRecoversNothing() {
    // x = 5 is not the x-coordinate of any secp256k1 point (5³ + 7 = 132 is not a square mod p).
    for (Ecrecover c : contracts()) {
      assertEmptySuccess(c.run(input(HASH, 27, UInt256.valueOf(5), UInt256.ONE)));
    }
  }

  @Test
  void implementationsAgreeOnRandomInputs() {
    Random random = new Random(7);
    List<Ecrecover> both = contracts();
    for (int i = 0; i < 200; i++) {
      byte[] in = new byte[128];
      random.nextBytes(in);
      Arrays.fill(in, 32, 63, (byte) 0);
      in[63] = (byte) (27 + random.nextInt(2));
      if (i % 2 == 0) {
        in[64] = 0; // keep r below n
        in[96] = 0;
      }
      PrecompileResult a = both.get(0).run(in);
      PrecompileResult b = both.get(1).run(in);
      assertTrue(a.success() && b.success());
      assertArrayEquals(a.output(), b.output(), "input " + Hex.encode(in));
    }
  }
}
