package io.opal.primitives.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BIP-32's published test vectors 1 and 2 (extended keys at each step of a path). */
class Bip32Test {
  private record Step(String path, String xpub, String xprv) {}

  private static final String SEED1 = "000102030405060708090a0b0c0d0e0f";
  private static final List<Step> VECTOR1 =
      List.of(
          new Step(
              "m",
              "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
              "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"),
          new Step(
              "m/0'",
              "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
              "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7"),
          new Step(
              "m/0'/1",
              "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ",
              "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs"),
          new Step(
              "m/0'/1/2'",
              "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5",
              "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM"),
          new Step(
              "m/0'/1/2'/2",
              "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV",
              "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334"),
          new Step(
              "m/0'/1/2'/2/1000000000",
              "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy",
              "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76"));

  private static final String SEED2 =
      "fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542";
  private static final List<Step> VECTOR2 =
      List.of(
          new Step(
              "m",
              "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB",
              "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U"),
          new Step(
              "m/0",
              "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH",
              "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt"),
          new Step(
              "m/0/2147483647'",
              "xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a",
              "xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9"),
          new Step(
              "m/0/2147483647'/1",
              "xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon",
              "xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef"),
          new Step(
              "m/0/2147483647'/1/2147483646'",
              "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL",
              "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc"),
          new Step(
              "m/0/2147483647'/1/2147483646'/2",
              "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt",
              "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j"));

  @TestFactory
  Stream<DynamicTest> vector1() {
    return vector("vector 1", SEED1, VECTOR1);
  }

  @TestFactory
  Stream<DynamicTest> vector2() {
    return vector("vector 2", SEED2, VECTOR2);
  }

  private static Stream<DynamicTest> vector(String name, String seedHex, List<Step> steps) {
    ExtendedPrivateKey master = Bip32.master(Hex.decode(seedHex));
    List<DynamicTest> tests = new ArrayList<>();
    for (Step s : steps) {
      tests.add(
          DynamicTest.dynamicTest(
              name + " " + s.path(),
              () -> {
                ExtendedPrivateKey k = master.derive(s.path());
                assertEquals(s.xprv(), k.serialize(), "xprv");
                assertEquals(s.xpub(), k.publicKey().serialize(), "xpub");
              }));
    }
    return tests.stream();
  }

  /** CKDpub by point addition must agree with N(CKDpriv) for non-hardened steps. */
  @Test
  void publicDerivationMatchesPrivateDerivation() {
    ExtendedPrivateKey parent = Bip32.master(Hex.decode(SEED1)).derive("m/0'");
    ExtendedPublicKey viaPublic = parent.publicKey().child(1).child(7);
    ExtendedPublicKey viaPrivate = parent.child(1).child(7).publicKey();
    assertEquals(viaPrivate, viaPublic);
    assertEquals(VECTOR1.get(2).xpub(), parent.publicKey().child(1).serialize());
  }

  @Test
  void hardenedPublicDerivationIsRefused() {
    ExtendedPublicKey pub = Bip32.master(Hex.decode(SEED1)).publicKey();
    assertThrows(IllegalArgumentException.class, () -> pub.child(Bip32.HARDENED));
  }

  @Test
  void pathsParse() {
    assertArrayEquals(
        new int[] {44 | Bip32.HARDENED, 60 | Bip32.HARDENED, Bip32.HARDENED, 0, 5},
        Bip32.parsePath("m/44'/60'/0h/0/5"));
    assertArrayEquals(new int[0], Bip32.parsePath("m"));
    assertThrows(IllegalArgumentException.class, () -> Bip32.parsePath("44'/60'"));
    assertThrows(IllegalArgumentException.class, () -> Bip32.parsePath("m/x"));
    assertThrows(IllegalArgumentException.class, () -> Bip32.parsePath("m/2147483648"));
    assertThrows(IllegalArgumentException.class, () -> Bip32.parsePath("m/-1"));
  }

  @Test
  void seedLengthIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> Bip32.master(new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> Bip32.master(new byte[65]));
  }

  @Test
  void base58CheckRoundTripsAndRejectsCorruption() {
    String xprv = VECTOR1.get(0).xprv();
    byte[] payload = Base58.decodeChecked(xprv);
    assertEquals(78, payload.length);
    assertEquals(xprv, Base58.encodeChecked(payload));
    char[] bad = xprv.toCharArray();
    bad[20] = bad[20] == 'a' ? 'b' : 'a';
    assertThrows(DecodingException.class, () -> Base58.decodeChecked(new String(bad)));
    assertThrows(DecodingException.class, () -> Base58.decode("0OIl"));
    assertArrayEquals(new byte[] {0, 0, 1}, Base58.decode(Base58.encode(new byte[] {0, 0, 1})));
  }
}
