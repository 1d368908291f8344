package io.opal.execution.evm.precompile.bls;

import io.opal.execution.evm.precompile.bls.ForeignFunctions.CType;
import java.lang.invoke.MethodHandle;

/**
 * blst's map-to-curve functions ({@code blst_map_to_g1}, {@code blst_map_to_g2}): simplified SWU
 * onto the isogenous curve, the isogeny, then cofactor clearing — exactly what EIP-2537's
 * MAP_FP_TO_G1 and MAP_FP2_TO_G2 define. jblst's binding wraps only hash_to/encode_to, which hash a
 * message to the field first, so these are reached through {@link ForeignFunctions}.
 *
 * <p>blst's structs are arrays of 64-bit limbs in Montgomery form: {@code blst_fp} 6, {@code
 * blst_fp2} 12 (c0 then c1), {@code blst_p1} 18 and {@code blst_p2} 36 (Jacobian X, Y, Z).
 */
final class BlstMapToCurve {
  private static final int FP_LIMBS = 6;
  private static BlstMapToCurve instance;

  private final ForeignFunctions ffi;
  private final MethodHandle fpFromBendian;
  private final MethodHandle mapToG1;
  private final MethodHandle mapToG2;
  private final MethodHandle p1Serialize;
  private final MethodHandle p2Serialize;

  private BlstMapToCurve(ForeignFunctions ffi) {
    this.ffi = ffi;
    CType p = CType.POINTER;
    fpFromBendian = ffi.function("blst_fp_from_bendian", null, p, p);
    mapToG1 = ffi.function("blst_map_to_g1", null, p, p, p);
    mapToG2 = ffi.function("blst_map_to_g2", null, p, p, p);
    p1Serialize = ffi.function("blst_p1_serialize", null, p, p);
    p2Serialize = ffi.function("blst_p2_serialize", null, p, p);
  }

  /** The linked functions; throws IllegalStateException when they cannot be linked. */
  static synchronized BlstMapToCurve get() {
    if (instance == null) {
      instance = new BlstMapToCurve(ForeignFunctions.get());
    }
    return instance;
  }

  /**
   * Maps an Fp element (48 bytes big-endian, below p) to G1; returns blst's 96-byte uncompressed
   * serialization.
   */
  byte[] mapToG1(byte[] u) {
    long[] fp = new long[FP_LIMBS];
    long[] point = new long[3 * FP_LIMBS];
    byte[] out = new byte[96];
    try {
      fpFromBendian.invokeExact(ffi.pointer(fp), ffi.pointer(u));
      mapToG1.invokeExact(ffi.pointer(point), ffi.pointer(fp), ffi.nullPointer());
      p1Serialize.invokeExact(ffi.pointer(out), ffi.pointer(point));
    } catch (Throwable t) {
      throw new IllegalStateException("blst_map_to_g1 failed", t);
    }
    return out;
  }

  /**
   * Maps an Fp2 element (c0, c1: 48 bytes big-endian each, below p) to G2; returns blst's 192-byte
   * uncompressed serialization.
   */
  byte[] mapToG2(byte[] c0, byte[] c1) {
    long[] fp = new long[FP_LIMBS];
    long[] fp2 = new long[2 * FP_LIMBS];
    long[] point = new long[6 * FP_LIMBS];
    byte[] out = new byte[192];
    try {
      fpFromBendian.invokeExact(ffi.pointer(fp), ffi.pointer(c0));
      System.arraycopy(fp, 0, fp2, 0, FP_LIMBS);
      fpFromBendian.invokeExact(ffi.pointer(fp), ffi.pointer(c1));
      System.arraycopy(fp, 0, fp2, FP_LIMBS, FP_LIMBS);
      mapToG2.invokeExact(ffi.pointer(point), ffi.pointer(fp2), ffi.nullPointer());
      p2Serialize.invokeExact(ffi.pointer(out), ffi.pointer(point));
    } catch (Throwable t) {
      throw new IllegalStateException("blst_map_to_g2 failed", t);
    }
    return out;
  }
}
