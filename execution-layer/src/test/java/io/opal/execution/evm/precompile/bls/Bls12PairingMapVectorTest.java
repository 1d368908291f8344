package io.opal.execution.evm.precompile.bls;

import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.*;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.Vector.fails;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.Vector.ok;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * EIP-2537's published vectors for the pairing check and the two maps (a selection of
 * pairing_check_bls.json, map_fp_to_G1_bls.json, map_fp2_to_G2_bls.json and their fail-
 * counterparts), named as there.
 */
class Bls12PairingMapVectorTest {
  private static final String TRUE = "00".repeat(31) + "01";
  private static final String FALSE = "00".repeat(32);

  @TestFactory
  Stream<DynamicTest> pairingCheck() {
    return run(
        Bls12Precompiles.pairingCheck(),
        List.of(
            ok("bls_pairing_e(0,0)", G1_INFINITY + G2_INFINITY, TRUE),
            ok(
                "bls_pairing_e(0,0)=e(0,0)",
                G1_INFINITY + G2_INFINITY + G1_INFINITY + G2_INFINITY,
                TRUE),
            ok("bls_pairing_e(0,G2)", G1_INFINITY + G2, TRUE),
            ok("bls_pairing_e(G1,0)", G1 + G2_INFINITY, TRUE),
            ok("bls_pairing_e(0,-G2)!=e(-G1,G2)", G1_INFINITY + G2 + G1 + G2_NEG, FALSE),
            ok("bls_pairing_e(G1,0)!=e(-G1,G2)", G1 + G2_INFINITY + G1 + G2_NEG, FALSE),
            ok("bls_pairing_e(G1,0)=e(0,G2)", G1 + G2_INFINITY + G1_INFINITY + G2, TRUE),
            ok("bls_pairing_non-degeneracy", G1 + G2, FALSE),
            ok("bls_pairing_bilinearity", G1 + G2 + P1 + G2 + G1_PLUS_P1 + G2_NEG, TRUE),
            ok("bls_pairing_e(G1,-G2)=e(-G1,G2)", G1 + G2 + G1 + G2_NEG, TRUE),
            fails("bls_pairing_empty_input", ""),
            fails("bls_pairing_missing_data", (G1 + G2 + G1 + G2_NEG).substring(2)),
            fails("bls_pairing_extra_data", "00" + G1 + G2 + G1 + G2_NEG),
            fails("bls_pairing_top_bytes", topByteSet(G1 + G2 + G1 + G2_NEG)),
            fails(
                "bls_pairing_e(G1_invalid_field_element,0)",
                g1(FP_NOT_BELOW_P, G1_Y) + G2_INFINITY),
            fails("bls_pairing_e(0,G2_invalid_field_element)", G1_INFINITY + G2_FP_NOT_BELOW_P),
            fails("bls_pairing_e(G1_not_on_curve,G2)", G1_NOT_ON_CURVE + G2),
            fails("bls_pairing_e(G1,G2_not_on_curve)", G1 + G2_NOT_ON_CURVE),
            fails("bls_pairing_g1_not_in_correct_subgroup", G1_NOT_IN_SUBGROUP + G2),
            fails("bls_pairing_g2_not_in_correct_subgroup", G1 + G2_NOT_IN_SUBGROUP),
            fails("not in subgroup, paired with infinity", G1_NOT_IN_SUBGROUP + G2_INFINITY)));
  }

  @TestFactory
  Stream<DynamicTest> mapFpToG1() {
    String u =
        fp(
            "156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a908e5fa4ac5f03");
    return run(
        Bls12Precompiles.mapFpToG1(),
        List.of(
            ok(
                "bls_g1map_",
                u,
                g1(
                    "184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676ce4ce48ba",
                    "04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be70476c888bf3")),
            ok(
                "bls_g1map_616263",
                fp(
                    "147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6cc82"),
                g1(
                    "009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6acb6868ae6d",
                    "1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c567f11cd2c")),
            ok(
                "bls_g1map_6162636465663031",
                fp(
                    "04090815ad598a06897dd89bcda860f25837d54e897298ce31e6947378134d3761dc59a572154963e8c954919ecfa82d"),
                g1(
                    "1974dbb8e6b5d20b84df7e625e2fbfecb2cdb5f77d5eae5fb2955e5ce7313cae8364bc2fff520a6c25619739c6bdcb6a",
                    "15f9897e11c6441eaa676de141c8d83c37aab8667173cbe1dfd6de74d11861b961dccebcd9d289ac633455dfcc7013a3")),
            ok(
                "bls_g1map_713132385f717171",
                fp(
                    "08dccd088ca55b8bfbc96fb50bb25c592faa867a8bb78d4e94a8cc2c92306190244532e91feba2b7fed977e3c3bb5a1f"),
                g1(
                    "0a7a047c4a8397b3446450642c2ac64d7239b61872c9ae7a59707a8f4f950f101e766afe58223b3bff3a19a7f754027c",
                    "1383aebba1e4327ccff7cf9912bda0dbc77de048b71ef8c8a81111d71dc33c5e3aa6edee9cf6f5fe525d50cc50b77cc9")),
            fails("bls_mapg1_empty_input", ""),
            fails("bls_mapg1_short_input", u.substring(2)),
            fails("bls_mapg1_large_input", "00" + u),
            fails("bls_mapg1_top_bytes", topByteSet(u)),
            fails(
                "bls_invalid_fq_element",
                fp(
                    "2f6d9c5465982c0421b61e74579709b3b5b91e57bdd4f6015742b4ff301abb7ef895b9cce00c33c7d48f8e5fa4ac09ae"))));
  }

  @TestFactory
  Stream<DynamicTest> mapFp2ToG2() {
    String u =
        fp(
                "07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed3307f804d4b93b04")
            + fp(
                "02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f65575e99e8b78c");
    return run(
        Bls12Precompiles.mapFp2ToG2(),
        List.of(
            ok(
                "bls_g2map_",
                u,
                g2(
                    "00e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe5944c213f510328082396515734b6612c4e7bb7",
                    "126b855e9e69b1f691f816e48ac6977664d24d99f8724868a184186469ddfd4617367e94527d4b74fc86413483afb35b",
                    "0caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c47311def6ff1e0babf57a0fb5539fce7ee12407b0a42",
                    "1498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fab60abb2e8b980a440043cd305db09d283c895e3d")),
            ok(
                "bls_g2map_616263",
                fp(
                        "138879a9559e24cecee8697b8b4ad32cced053138ab913b99872772dc753a2967ed50aabc907937aefb2439ba06cc50c")
                    + fp(
                        "0a1ae7999ea9bab1dcc9ef8887a6cb6e8f1e22566015428d220b7eec90ffa70ad1f624018a9ad11e78d588bd3617f9f2"),
                g2(
                    "108ed59fd9fae381abfd1d6bce2fd2fa220990f0f837fa30e0f27914ed6e1454db0d1ee957b219f61da6ff8be0d6441f",
                    "0296238ea82c6d4adb3c838ee3cb2346049c90b96d602d7bb1b469b905c9228be25c627bffee872def773d5b2a2eb57d",
                    "033f90f6057aadacae7963b0a0b379dd46750c1c94a6357c99b65f63b79e321ff50fe3053330911c56b6ceea08fee656",
                    "153606c417e59fb331b7ae6bce4fbf7c5190c33ce9402b5ebe2b70e44fca614f3f1382a3625ed5493843d0b0a652fc3f")),
            ok(
                "bls_g2map_613531325f616161",
                fp(
                        "03f80ce4ff0ca2f576d797a3660e3f65b274285c054feccc3215c879e2c0589d376e83ede13f93c32f05da0f68fd6a10")
                    + fp(
                        "006488a837c5413746d868d1efb7232724da10eca410b07d8b505b9363bdccf0a1fc0029bad07d65b15ccfe6dd25e20d"),
                g2(
                    "0ea4e7c33d43e17cc516a72f76437c4bf81d8f4eac69ac355d3bf9b71b8138d55dc10fd458be115afa798b55dac34be1",
                    "1565c2f625032d232f13121d3cfb476f45275c303a037faa255f9da62000c2c864ea881e2bcddd111edc4a3c0da3e88d",
                    "043b6f5fe4e52c839148dc66f2b3751e69a0f6ebb3d056d6465d50d4108543ecd956e10fa1640dfd9bc0030cc2558d28",
                    "0f8991d2a1ad662e7b6f58ab787947f1fa607fce12dde171bc17903b012091b657e15333e11701edcf5b63ba2a561247")),
            fails("bls_mapg2_empty_input", ""),
            fails("bls_mapg2_short_input", u.substring(2)),
            fails("bls_mapg2_long_input", "00" + u),
            fails("bls_mapg2_top_bytes", topByteSet(u)),
            fails(
                "bls_mapg2_invalid_fq_element",
                fp(
                        "21366f100476ce8d3be6cfc90d59fe13349e388ed12b6dd6dc31ccd267ff000e2c993a063ca66beced06f804d4b8e5af")
                    + u.substring(128)),
            fails("c1 not below p", u.substring(0, 128) + fp(FP_NOT_BELOW_P))));
  }
}
