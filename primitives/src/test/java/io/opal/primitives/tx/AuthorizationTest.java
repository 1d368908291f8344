package io.opal.primitives.tx;

import static io.opal.primitives.tx.SampleTransactions.CHAIN_ID;
import static io.opal.primitives.tx.SampleTransactions.KEY;
import static io.opal.primitives.tx.SampleTransactions.KEY_ADDRESS;
import static io.opal.primitives.tx.SampleTransactions.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.primitives.Hash;
import io.opal.primitives.Hex;
import io.opal.primitives.crypto.Signature;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.units.bigints.UInt256;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

  @Test
  void signingHashIsKeccakOfMagicAndTuple() {
    Authorization auth = new Authorization(UInt256.ONE, TO, 5, 0, UInt256.ONE, UInt256.ONE);
    // 0x05 ‖ rlp([1, 0x4200…16, 5]) written out by hand: list of 1 + 21 + 1 = 23 bytes
    byte[] message = Hex.decode("0x05d70194" + TO.bytes().toUnprefixedHexString() + "05");
    assertEquals(Hash.wrap(TransactionCodecTest.keccak(message)), auth.signingHash());
  }

  @Test
  void signedAuthorizationRecoversItsAuthority() {
    Authorization auth = SampleTransactions.authorization(3);
    assertTrue(auth.hasValidSignatureValues());
    assertEquals(Optional.of(KEY_ADDRESS), auth.recoverAuthority());
    assertEquals(Optional.of(KEY_ADDRESS), auth.authority(CHAIN_ID));
    assertEquals(Optional.empty(), auth.authority(CHAIN_ID + 1), "signed for another chain");

    Authorization anyChain = TransactionSigner.signAuthorization(UInt256.ZERO, TO, 3, KEY);
    assertEquals(Optional.of(KEY_ADDRESS), anyChain.authority(1));
    assertEquals(Optional.of(KEY_ADDRESS), anyChain.authority(CHAIN_ID));
  }

  @Test
  void invalidAuthorizationsAreSkippedNotFatal() {
    Authorization auth = SampleTransactions.authorization(3);

    // the same signature with s mirrored to n - s is a valid ECDSA signature, but not low-s
    UInt256 highS = Signature.N.subtract(auth.s());
    Authorization mirrored =
        new Authorization(auth.chainId(), TO, 3, 1 - auth.yParity(), auth.r(), highS);
    assertFalse(mirrored.hasValidSignatureValues());
    assertEquals(Optional.empty(), mirrored.authority(CHAIN_ID));

    Authorization parity2 = new Authorization(auth.chainId(), TO, 3, 2, auth.r(), auth.s());
    assertFalse(parity2.hasValidSignatureValues());

    Authorization maxNonce = TransactionSigner.signAuthorization(UInt256.ZERO, TO, -1L, KEY);
    assertFalse(maxNonce.hasValidNonce());
    assertEquals(Optional.empty(), maxNonce.authority(CHAIN_ID));
    assertEquals(Optional.of(KEY_ADDRESS), maxNonce.recoverAuthority());

    // a transaction carrying invalid authorizations is still valid and decodes unchanged
    SetCodeTransaction tx = SampleTransactions.setCode(List.of(mirrored, parity2, auth));
    assertEquals(tx, TransactionCodec.decode(TransactionCodec.encode(tx)));
    assertEquals(
        Optional.empty(),
        new TransactionValidator(io.opal.primitives.fork.EvmFork.PRAGUE, CHAIN_ID).validate(tx));
  }
}
