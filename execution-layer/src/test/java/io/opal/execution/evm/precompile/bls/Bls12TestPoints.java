package io.opal.execution.evm.precompile.bls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opal.execution.evm.precompile.PrecompileResult;
import io.opal.execution.evm.precompile.PrecompiledContract;
import io.opal.primitives.Hex;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Points and vectors from EIP-2537's published test vectors (assets/eip-2537/*.json in
 * ethereum/EIPs), written in the precompiles' encoding; coordinates are the 48 significant bytes,
 * padded here.
 */
final class Bls12TestPoints {
  private Bls12TestPoints() {}

  static final String G1_X =
      "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
  static final String G1_Y =
      "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
  static final String G1_NEG_Y =
      "114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca";
  static final String P1_X =
      "112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef9efe28d4a78b8999dfbca9426";
  static final String P1_Y =
      "186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4ef7088f813270ac3d48868a21";
  static final String P1_NEG_Y =
      "0195e911162921ba5ed055b496420f197693d36569ec34c63d7c0529a097d49e543070afba4b707e878e53c2b779208a";

  /** The G1 generator. */
  static final String G1 = g1(G1_X, G1_Y);

  static final String G1_NEG = g1(G1_X, G1_NEG_Y);

  /** Another G1 point of the vectors ("p1"). */
  static final String P1 = g1(P1_X, P1_Y);

  static final String P1_NEG = g1(P1_X, P1_NEG_Y);

  static final String G1_PLUS_P1 =
      g1(
          "0a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147ba5b7a5bde85279ffede1b45b3918d82d",
          "06d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb739e59018e22c492006190fba4a870025");
  static final String G1_TIMES_2 =
      g1(
          "0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e",
          "166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28");
  static final String P1_TIMES_2 =
      g1(
          "15222cddbabdd764c4bee0b3720322a65ff4712c86fc4b1588d0c209210a0884fa9468e855d261c483091b2bf7de6a63",
          "09f9edb99bc3b75d7489735c98b16ab78b9386c5f7a1f76c7e96ac6eb5bbde30dbca31a74ec6e0f0b12229eecea33c39");

  /** On the curve but outside the subgroup of order r. */
  static final String G1_NOT_IN_SUBGROUP =
      g1(
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          "193fb7cedb32b2c3adc06ec11a96bc0d661869316f5e4a577a9f7c179593987beb4fb2ee424dbb2f5dd891e228b46c4a");

  /** G1's x with P1's y: not on the curve. */
  static final String G1_NOT_ON_CURVE = g1(G1_X, P1_Y);

  /** An x coordinate at least p (in range of 48 bytes, but not a field element). */
  static final String FP_NOT_BELOW_P =
      "31f2e5916b17be2e71b10b4292f558e727dfd7d48af9cbc5087f0ce00dcca27c8b01e83eaace1aefb539f00adb227166";

  static final String G1_INFINITY = "00".repeat(128);

  static final String G2_X0 =
      "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8";
  static final String G2_X1 =
      "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e";
  static final String G2_Y0 =
      "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801";
  static final String G2_Y1 =
      "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be";

  /** The G2 generator. */
  static final String G2 = g2(G2_X0, G2_X1, G2_Y0, G2_Y1);

  static final String G2_NEG =
      g2(
          G2_X0,
          G2_X1,
          "0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa",
          "13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed");

  static final String P2_X0 =
      "103121a2ceaae586d240843a398967325f8eb5a93e8fea99b62b9f88d8556c80dd726a4b30e84a36eeabaf3592937f27";
  static final String P2_X1 =
      "086b990f3da2aeac0a36143b7d7c824428215140db1bb859338764cb58458f081d92664f9053b50b3fbd2e4723121b68";

  /** Another G2 point of the vectors ("p2"). */
  static final String P2 =
      g2(
          P2_X0,
          P2_X1,
          "0f9e7ba9a86a8f7624aa2b42dcc8772e1af4ae115685e60abc2c9b90242167acef3d0be4050bf935eed7c3b6fc7ba77e",
          "0d22c3652d0dc6f0fc9316e14268477c2049ef772e852108d269d9c38dba1d4802e8dae479818184c08f9a569d878451");

  static final String P2_NEG =
      g2(
          P2_X0,
          P2_X1,
          "0a6296409115572426717c73668335a949829d739cff2cb4ab043710d28f8e772f6ef41aac4806c9cb273c490384032d",
          "0cde4e850c721fa94e8890d500e3655b442d5c0dc4fff1b694c6f8dd68f6d8dc1bc3251a37d27e7af96f65a96278265a");

  static final String G2_PLUS_P2 =
      g2(
          "0b54a8a7b08bd6827ed9a797de216b8c9057b3a9ca93e2f88e7f04f19accc42da90d883632b9ca4dc38d013f71ede4db",
          "077eba4eecf0bd764dce8ed5f45040dd8f3b3427cb35230509482c14651713282946306247866dfe39a8e33016fcbe52",
          "14e60a76a29ef85cbd69f251b9f29147b67cfe3ed2823d3f9776b3a0efd2731941d47436dc6d2b58d9e65f8438bad073",
          "1586c3c910d95754fef7a732df78e279c3d37431c6a2b77e67a00c7c130a8fcd4d19f159cbeb997a178108fffffcbd20");
  static final String G2_TIMES_2 =
      g2(
          "1638533957d540a9d2370f17cc7ed5863bc0b995b8825e0ee1ea1e1e4d00dbae81f14b0bf3611b78c952aacab827a053",
          "0a4edef9c1ed7f729f520e47730a124fd70662a904ba1074728114d1031e1572c6c886f6b57ec72a6178288c47c33577",
          "0468fb440d82b0630aeb8dca2b5256789a66da69bf91009cbfe6bd221e47aa8ae88dece9764bf3bd999d95d71e4c9899",
          "0f6d4552fa65dd2638b361543f887136a43253d9c66c411697003f7a13c308f5422e1aa0a59c8967acdefd8b6e36ccf3");
  static final String P2_TIMES_2 =
      g2(
          "0b76fcbb604082a4f2d19858a7befd6053fa181c5119a612dfec83832537f644e02454f2b70d40985ebb08042d1620d4",
          "19a4a02c0ae51365d964c73be7babb719db1c69e0ddbf9a8a335b5bed3b0a4b070d2d5df01d2da4a3f1e56aae2ec106d",
          "0d18322f821ac72d3ca92f92b000483cf5b7d9e5d06873a44071c4e7e81efd904f210208fe0b9b4824f01c65bc7e6208",
          "04e563d53609a2d1e216aaaee5fbc14ef460160db8d1fdc5e1bd4e8b54cd2f39abf6f925969fa405efb9e700b01c7085");

  /** On the twist but outside the subgroup of order r. */
  static final String G2_NOT_IN_SUBGROUP =
      g2(
          "197bfd0342bbc8bee2beced2f173e1a87be576379b343e93232d6cef98d84b1d696e5612ff283ce2cfdccb2cfb65fa0c",
          "184e811f55e6f9d84d77d2f79102fd7ea7422f4759df5bf7f6331d550245e3f1bcf6a30e3b29110d85e0ca16f9f6ae7a",
          "0f10e1eb3c1e53d2ad9cf2d398b2dc22c5842fab0a74b174f691a7e914975da3564d835cd7d2982815b8ac57f507348f",
          "0767d1c453890f1b9110fda82f5815c27281aba3f026ee868e4176a0654feea41a96575e0c4d58a14dbfbcc05b5010b1");

  /** G2 with P2's x.c1: not on the curve. */
  static final String G2_NOT_ON_CURVE = g2(G2_X0, P2_X1, G2_Y0, G2_Y1);

  /** G2 with an x.c0 that is not below p. */
  static final String G2_FP_NOT_BELOW_P =
      g2(
          "1c4bb49d2a0ef12b7123acdd7110bd292b5bc659edc54dc21b81de057194c79b2a5803255959bbef8e7f56c8c1216863",
          G2_X1,
          G2_Y0,
          G2_Y1);

  static final String G2_INFINITY = "00".repeat(256);

  /** The 64-byte encoding of a 48-byte element. */
  static String fp(String hex48) {
    return "00".repeat(16) + hex48;
  }

  static String g1(String x, String y) {
    return fp(x) + fp(y);
  }

  static String g2(String x0, String x1, String y0, String y1) {
    return fp(x0) + fp(x1) + fp(y0) + fp(y1);
  }

  /** A 32-byte scalar from a small number. */
  static String scalar(long value) {
    return String.format("%064x", value);
  }

  /** {@code input} with its first byte set to 0x10, which breaks the top-16-zero-bytes rule. */
  static String topByteSet(String input) {
    return "10" + input.substring(2);
  }

  /** One named input and the output it must give, or none for a failure. */
  record Vector(String name, String input, Optional<String> expected) {
    static Vector ok(String name, String input, String expected) {
      return new Vector(name, input, Optional.of(expected));
    }

    static Vector fails(String name, String input) {
      return new Vector(name, input, Optional.empty());
    }
  }

  /** One dynamic test per vector, run through {@code contract}. */
  static Stream<DynamicTest> run(PrecompiledContract contract, List<Vector> vectors) {
    return vectors.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(contract, v)));
  }

  private static void check(PrecompiledContract contract, Vector vector) {
    PrecompileResult result = contract.run(Hex.decode(vector.input()));
    if (vector.expected().isPresent()) {
      assertTrue(result.success(), "expected success");
      assertEquals(vector.expected().get(), Hex.encodePlain(result.output()));
    } else {
      assertFalse(result.success(), "expected failure");
      assertArrayEquals(new byte[0], result.output());
    }
  }
}
