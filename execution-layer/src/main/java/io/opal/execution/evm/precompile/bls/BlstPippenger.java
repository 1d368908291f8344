package io.opal.execution.evm.precompile.bls;

import io.opal.execution.evm.precompile.bls.ForeignFunctions.CType;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * blst's Pippenger multi-scalar multiplication ({@code blst_p1s_mult_pippenger}, {@code
 * blst_p2s_mult_pippenger}), which jblst's binding does not wrap; reached through {@link
 * ForeignFunctions}. EIP-2537 prices MSM assuming Pippenger, whose cost per point falls as the
 * number of points grows.
 *
 * <p>blst takes arrays of pointers to points and to scalars; a pointer array whose second entry is
 * null means "the first entry points at a contiguous array", so all points (and all scalars) are
 * laid out back to back in one direct buffer, which also holds the scratch space and the result:
 * the long Pippenger call is an ordinary downcall that lets the garbage collector run, so it may
 * only see native memory.
 *
 * <p>Callers pass only finite, subgroup-checked points with non-zero scalars below r: blst's
 * buckets are not meant for the point at infinity.
 */
final class BlstPippenger {
  /** Scalars below r fit in 255 bits. */
  private static final long SCALAR_BITS = 255;

  private static final int SCALAR_BYTES = 32;
  private static final int POINTER_BYTES = 8;
  private static BlstPippenger instance;

  /** The sizes and functions of one group. */
  private record Group(
      int affineBytes,
      int jacobianBytes,
      int serializedBytes,
      MethodHandle deserialize,
      MethodHandle scratchSize,
      MethodHandle pippenger,
      MethodHandle serialize) {}

  private final ForeignFunctions ffi;
  private final MethodHandle scalarFromBendian;
  private final Group g1;
  private final Group g2;

  private BlstPippenger(ForeignFunctions ffi) {
    this.ffi = ffi;
    CType p = CType.POINTER;
    CType size = CType.SIZE;
    scalarFromBendian = ffi.function("blst_scalar_from_bendian", null, p, p);
    g1 =
        new Group(
            96,
            144,
            96,
            ffi.function("blst_p1_deserialize", CType.INT, p, p),
            ffi.function("blst_p1s_mult_pippenger_scratch_sizeof", size, size),
            ffi.longFunction("blst_p1s_mult_pippenger", null, p, p, size, p, size, p),
            ffi.function("blst_p1_serialize", null, p, p));
    g2 =
        new Group(
            192,
            288,
            192,
            ffi.function("blst_p2_deserialize", CType.INT, p, p),
            ffi.function("blst_p2s_mult_pippenger_scratch_sizeof", size, size),
            ffi.longFunction("blst_p2s_mult_pippenger", null, p, p, size, p, size, p),
            ffi.function("blst_p2_serialize", null, p, p));
  }

  /** The linked functions; throws IllegalStateException when they cannot be linked. */
  static synchronized BlstPippenger get() {
    if (instance == null) {
      instance = new BlstPippenger(ForeignFunctions.get());
    }
    return instance;
  }

  /**
   * Σ scalars[i] · points[i] in G1: points as blst serializes them uncompressed (96 bytes), scalars
   * 32 bytes big-endian; returns the sum serialized the same way.
   */
  byte[] g1(List<byte[]> points, List<byte[]> scalars) {
    return multiply(g1, points, scalars);
  }

  /** As {@link #g1} in G2 (points of 192 bytes). */
  byte[] g2(List<byte[]> points, List<byte[]> scalars) {
    return multiply(g2, points, scalars);
  }

  private byte[] multiply(Group group, List<byte[]> points, List<byte[]> scalars) {
    int n = points.size();
    try {
      long scratchBytes = (long) group.scratchSize().invokeExact((long) n);
      // points | scalars | two 2-entry pointer arrays | result | scratch, each 8-byte aligned
      long pointsAt = 0;
      long scalarsAt = pointsAt + (long) n * group.affineBytes();
      long pointerArraysAt = scalarsAt + (long) n * SCALAR_BYTES;
      long resultAt = pointerArraysAt + 4L * POINTER_BYTES;
      long scratchAt = resultAt + group.jacobianBytes();
      long total = scratchAt + scratchBytes;
      ByteBuffer memory =
          ByteBuffer.allocateDirect(Math.toIntExact(total + 8))
              .alignedSlice(8)
              .order(ByteOrder.nativeOrder());
      long base = ffi.address(memory);
      for (int i = 0; i < n; i++) {
        Object point = ffi.pointer(base + pointsAt + (long) i * group.affineBytes());
        int error = (int) group.deserialize().invokeExact(point, ffi.pointer(points.get(i)));
        if (error != 0) {
          throw new IllegalStateException("blst rejected a validated point: error " + error);
        }
        Object scalar = ffi.pointer(base + scalarsAt + (long) i * SCALAR_BYTES);
        scalarFromBendian.invokeExact(scalar, ffi.pointer(scalars.get(i)));
      }
      int pointerArrays = (int) pointerArraysAt;
      memory.putLong(pointerArrays, base + pointsAt).putLong(pointerArrays + 8, 0L);
      memory.putLong(pointerArrays + 16, base + scalarsAt).putLong(pointerArrays + 24, 0L);
      group
          .pippenger()
          .invokeExact(
              ffi.pointer(base + resultAt),
              ffi.pointer(base + pointerArraysAt),
              (long) n,
              ffi.pointer(base + pointerArraysAt + 2 * POINTER_BYTES),
              SCALAR_BITS,
              ffi.pointer(base + scratchAt));
      byte[] out = new byte[group.serializedBytes()];
      group.serialize().invokeExact(ffi.pointer(out), ffi.pointer(base + resultAt));
      Reference.reachabilityFence(memory);
      return out;
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("blst Pippenger MSM failed", t);
    }
  }
}
