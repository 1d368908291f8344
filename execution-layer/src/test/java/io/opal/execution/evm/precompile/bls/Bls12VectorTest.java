package io.opal.execution.evm.precompile.bls;

import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.*;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.Vector.fails;
import static io.opal.execution.evm.precompile.bls.Bls12TestPoints.Vector.ok;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * EIP-2537's published vectors for addition and MSM (a selection of add_G1_bls.json,
 * fail-add_G1_bls.json, msm_G1_bls.json, fail-msm_G1_bls.json and their G2 counterparts), named as
 * there.
 */
class Bls12VectorTest {
  private static final String SCALAR_UNNORMALIZED =
      "9a2b64cc58f8992cb21237914262ca9ada6cb13dc7b7d3f11c278fe0462040e4";

  @TestFactory
  Stream<DynamicTest> g1Add() {
    return run(
        Bls12Precompiles.g1Add(),
        List.of(
            ok("bls_g1add_g1+p1", G1 + P1, G1_PLUS_P1),
            ok("bls_g1add_p1+g1", P1 + G1, G1_PLUS_P1),
            ok("bls_g1add_(g1+0=g1)", G1 + G1_INFINITY, G1),
            ok("(0+p1=p1)", G1_INFINITY + P1, P1),
            ok("bls_g1add_(g1-g1=0)", G1 + G1_NEG, G1_INFINITY),
            ok("bls_g1add_(p1-p1=0)", P1 + P1_NEG, G1_INFINITY),
            ok("bls_g1add_(g1+g1=2*g1)", G1 + G1, G1_TIMES_2),
            ok("bls_g1add_(p1+p1=2*p1)", P1 + P1, P1_TIMES_2),
            ok("(0+0=0)", G1_INFINITY + G1_INFINITY, G1_INFINITY),
            fails("bls_g1add_empty_input", ""),
            fails("bls_g1add_short_input", (G1 + P1).substring(2)),
            fails("bls_g1add_large_input", "00" + G1 + P1),
            fails("bls_g1add_point_not_on_curve", G1_NOT_ON_CURVE + P1),
            fails("bls_g1add_invalid_field_element", g1(FP_NOT_BELOW_P, G1_Y) + P1),
            fails("bls_g1add_violate_top_bytes", topByteSet(G1 + P1)),
            fails("second point not on curve", P1 + G1_NOT_ON_CURVE)));
  }

  /** Addition does no subgroup check (EIP-2537), so a point outside the subgroup is accepted. */
  @TestFactory
  Stream<DynamicTest> g1AddAcceptsPointsOutsideTheSubgroup() {
    return run(
        Bls12Precompiles.g1Add(),
        List.of(
            ok("q+0=q", G1_NOT_IN_SUBGROUP + G1_INFINITY, G1_NOT_IN_SUBGROUP),
            ok("0+q=q", G1_INFINITY + G1_NOT_IN_SUBGROUP, G1_NOT_IN_SUBGROUP)));
  }

  @TestFactory
  Stream<DynamicTest> g1Msm() {
    String multipleInput =
        G1
            + "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3"
            + P1
            + "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138"
            + g1(
                "184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676ce4ce48ba",
                "04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be70476c888bf3")
            + "328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216"
            + g1(
                "009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6acb6868ae6d",
                "1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c567f11cd2c")
            + "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e2"
            + g1(
                "1974dbb8e6b5d20b84df7e625e2fbfecb2cdb5f77d5eae5fb2955e5ce7313cae8364bc2fff520a6c25619739c6bdcb6a",
                "15f9897e11c6441eaa676de141c8d83c37aab8667173cbe1dfd6de74d11861b961dccebcd9d289ac633455dfcc7013a3")
            + "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665131"
            + g1(
                "0a7a047c4a8397b3446450642c2ac64d7239b61872c9ae7a59707a8f4f950f101e766afe58223b3bff3a19a7f754027c",
                "1383aebba1e4327ccff7cf9912bda0dbc77de048b71ef8c8a81111d71dc33c5e3aa6edee9cf6f5fe525d50cc50b77cc9")
            + "328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d211"
            + g1(
                "0e7a16a975904f131682edbb03d9560d3e48214c9986bd50417a77108d13dc957500edf96462a3d01e62dc6cd468ef11",
                "0ae89e677711d05c30a48d6d75e76ca9fb70fe06c6dd6ff988683d89ccde29ac7d46c53bb97a59b1901abf1db66052db")
            + "55b53c4669f19f0fc7431929bc0363d7d8fb432435fcde2635fdba334424e9f5";
    return run(
        Bls12Precompiles.g1Msm(),
        List.of(
            ok("bls_g1msm_(g1+g1=2*g1)", G1 + scalar(2), G1_TIMES_2),
            ok("bls_g1msm_(p1+p1=2*p1)", P1 + scalar(2), P1_TIMES_2),
            ok("bls_g1msm_(1*g1=g1)", G1 + scalar(1), G1),
            ok("bls_g1msm_(0*g1=inf)", G1 + scalar(0), G1_INFINITY),
            ok("bls_g1msm_(x*inf=inf)", G1_INFINITY + scalar(0x11), G1_INFINITY),
            ok("bls_g1msm_(2g1+inf)", G1 + scalar(2) + G1 + scalar(0), G1_TIMES_2),
            ok(
                "bls_g1msm_(2g1+2p1)",
                G1 + scalar(2) + P1 + scalar(2),
                g1(
                    "148f92dced907361b4782ab542a75281d4b6f71f65c8abf94a5a9082388c64662d30fd6a01ced724feef3e284752038c",
                    "15c3634c3b67bc18e19150e12bfd8a1769306ed010f59be645a0823acb5b38f39e8e0d86e59b6353fdafc59ca971b769")),
            ok(
                "bls_g1msm_random*g1_unnormalized_scalar",
                G1 + SCALAR_UNNORMALIZED,
                g1(
                    "0491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a",
                    "17cd7061575d3e8034fcea62adaa1a3bc38dca4b50e4c5c01d04dd78037c9cee914e17944ea99e7ad84278e5d49f36c4")),
            ok(
                "bls_g1msm_random*p1_unnormalized_scalar",
                P1 + SCALAR_UNNORMALIZED,
                g1(
                    "06ee9c9331228753bcb148d0ca8623447701bb0aa6eafb0340aa7f81543923474e00f2a225de65c62dd1d8303270220c",
                    "18dd7be47eb4e80985d7a0d2cc96c8b004250b36a5c3ec0217705d453d3ecc6d0d3d1588722da51b40728baba1e93804")),
            ok(
                "bls_g1msm_multiple",
                multipleInput,
                g1(
                    "053fbdb09b6b5faa08bfe7b7069454247ad4d8bd57e90e2d2ebaa04003dcf110aa83072c07f480ab2107cca2ccff6091",
                    "1654537b7c96fe64d13906066679c3d45808cb666452b55d1b909c230cc4b423c3f932c58754b9b762dc49fcc825522c")),
            fails("bls_g1msm_empty_input", ""),
            fails("bls_g1msm_short_input", (G1 + scalar(2) + P1 + scalar(2)).substring(2)),
            fails("bls_g1msm_long_input", "00" + G1 + scalar(2) + P1 + scalar(2)),
            fails("bls_g1msm_invalid_field_element", g1(FP_NOT_BELOW_P, G1_Y) + scalar(2)),
            fails("bls_g1msm_violate_top_bytes", topByteSet(G1 + scalar(2))),
            fails("bls_g1msm_point_not_on_curve", G1_NOT_ON_CURVE + scalar(2) + P1 + scalar(2)),
            fails(
                "bls_g1msm_g1_not_in_correct_subgroup",
                G1_NOT_IN_SUBGROUP + scalar(2) + P1 + scalar(2)),
            fails("not in subgroup, even with scalar 0", G1_NOT_IN_SUBGROUP + scalar(0))));
  }

  @TestFactory
  Stream<DynamicTest> g2Add() {
    return run(
        Bls12Precompiles.g2Add(),
        List.of(
            ok("bls_g2add_g2+p2", G2 + P2, G2_PLUS_P2),
            ok("bls_g2add_p2+g2", P2 + G2, G2_PLUS_P2),
            ok("bls_g2add_(g2+0=g2)", G2 + G2_INFINITY, G2),
            ok("bls_g2add_(p2+0=p2)", P2 + G2_INFINITY, P2),
            ok("bls_g2add_(g2-g2=0)", G2 + G2_NEG, G2_INFINITY),
            ok("bls_g2add_(p2-p2=0)", P2 + P2_NEG, G2_INFINITY),
            ok("bls_g2add_(g2+g2=2*g2)", G2 + G2, G2_TIMES_2),
            ok("bls_g2add_(p2+p2=2*p2)", P2 + P2, P2_TIMES_2),
            ok(
                "q+0=q, q outside the subgroup",
                G2_NOT_IN_SUBGROUP + G2_INFINITY,
                G2_NOT_IN_SUBGROUP),
            fails("bls_g2add_empty_input", ""),
            fails("bls_g2add_short_input", (G2 + P2).substring(2)),
            fails("bls_g2add_long_input", "00" + G2 + P2),
            fails("bls_g2add_point_not_on_curve", G2_NOT_ON_CURVE + P2),
            fails("bls_g2add_invalid_field_element", G2_FP_NOT_BELOW_P + P2),
            fails("bls_g2add_violate_top_bytes", topByteSet(G2 + P2))));
  }

  @TestFactory
  Stream<DynamicTest> g2Msm() {
    return run(
        Bls12Precompiles.g2Msm(),
        List.of(
            ok("bls_g2msm_(g2+g2=2*g2)", G2 + scalar(2), G2_TIMES_2),
            ok("bls_g2msm_(p2+p2=2*p2)", P2 + scalar(2), P2_TIMES_2),
            ok("bls_g2msm_(1*g2=g2)", G2 + scalar(1), G2),
            ok("bls_g2msm_(1*p2=p2)", P2 + scalar(1), P2),
            ok("bls_g2msm_(0*g2=inf)", G2 + scalar(0), G2_INFINITY),
            ok("bls_g2msm_(x*inf=inf)", G2_INFINITY + scalar(0x11), G2_INFINITY),
            ok("bls_g2msm_(2g2+inf)", G2 + scalar(2) + G2_INFINITY + scalar(2), G2_TIMES_2),
            ok(
                "bls_g2msm_(2g2+2p2)",
                G2 + scalar(2) + P2 + scalar(2),
                g2(
                    "009cc9ed6635623ba19b340cbc1b0eb05c3a58770623986bb7e041645175b0a38d663d929afb9a949f7524656043bccc",
                    "0c0fb19d3f083fd5641d22a861a11979da258003f888c59c33005cb4a2df4df9e5a2868832063ac289dfa3e997f21f8a",
                    "168bf7d87cef37cf1707849e0a6708cb856846f5392d205ae7418dd94d94ef6c8aa5b424af2e99d957567654b9dae1d9",
                    "17e0fa3c3b2665d52c26c7d4cea9f35443f4f9007840384163d3aa3c7d4d18b21b65ff4380cf3f3b48e94b5eecb221dd")),
            fails("bls_g2msm_empty_input", ""),
            fails("bls_g2msm_short_input", (G2 + scalar(2) + P2 + scalar(2)).substring(2)),
            fails("bls_g2msm_long_input", "00" + G2 + scalar(2) + P2 + scalar(2)),
            fails("bls_g2msm_violate_top_bytes", topByteSet(G2 + scalar(2) + P2 + scalar(2))),
            fails("bls_g2msm_invalid_field_element", G2_FP_NOT_BELOW_P + scalar(2)),
            fails("bls_g2msm_point_not_on_curve", G2_NOT_ON_CURVE + scalar(2) + P2 + scalar(2)),
            fails(
                "bls_g2msm_not_in_correct_subgroup",
                G2_NOT_IN_SUBGROUP + scalar(2) + P2 + scalar(2))));
  }
}
