package io.opal.execution.evm.precompile.bls;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * blst's map-to-curve functions ({@code blst_map_to_g1}, {@code blst_map_to_g2}: simplified SWU
 * onto the isogenous curve, the isogeny, then cofactor clearing — exactly what EIP-2537's
 * MAP_FP_TO_G1 and MAP_FP2_TO_G2 define), called in the native library that jblst already loaded.
 *
 * <p>jblst's SWIG binding wraps only hash_to/encode_to, which hash a message to the field first, so
 * these C functions (exported by the same library) are reached with the Foreign Function and Memory
 * API. That API is final since JDK 22 but a preview API at this project's {@code --release 21}, so
 * it is looked up reflectively, once; the per-call path is three {@code invokeExact}s on constant
 * method handles. The downcalls are "critical" with heap access: blst reads and writes Java arrays
 * in place (a few microseconds, no callbacks into Java), so nothing is allocated off heap and
 * nothing needs freeing.
 *
 * <p>blst's structs are arrays of 64-bit limbs in Montgomery form: {@code blst_fp} 6, {@code
 * blst_fp2} 12 (c0 then c1), {@code blst_p1} 18 and {@code blst_p2} 36 (Jacobian X, Y, Z).
 */
final class BlstMapToCurve {
  private static final int FP_LIMBS = 6;

  private static BlstMapToCurve instance;

  private final MethodHandle ofBytes;
  private final MethodHandle ofLongs;
  private final Object nullSegment;
  private final MethodHandle fpFromBendian;
  private final MethodHandle mapToG1;
  private final MethodHandle mapToG2;
  private final MethodHandle p1Serialize;
  private final MethodHandle p2Serialize;

  private BlstMapToCurve(Linking linking) throws ReflectiveOperationException {
    this.ofBytes = linking.ofArray(byte[].class);
    this.ofLongs = linking.ofArray(long[].class);
    this.nullSegment = linking.segmentClass.getField("NULL").get(null);
    this.fpFromBendian = linking.downcall("blst_fp_from_bendian", 2);
    this.mapToG1 = linking.downcall("blst_map_to_g1", 3);
    this.mapToG2 = linking.downcall("blst_map_to_g2", 3);
    this.p1Serialize = linking.downcall("blst_p1_serialize", 2);
    this.p2Serialize = linking.downcall("blst_p2_serialize", 2);
  }

  /**
   * The linked functions; links on first use. Fails (at precompile construction, not during a
   * block) when the runtime lacks the FFM API or the library lacks the symbols.
   */
  static synchronized BlstMapToCurve get() {
    if (instance == null) {
      try {
        instance = new BlstMapToCurve(new Linking());
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot link blst's map-to-curve functions (needs JDK 22+ and jblst's native library)",
            e);
      }
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
      fpFromBendian.invokeExact(segment(fp), segment(u));
      mapToG1.invokeExact(segment(point), segment(fp), nullSegment);
      p1Serialize.invokeExact(segment(out), segment(point));
    } catch (Throwable t) {
      throw new IllegalStateException("blst map_to_g1 failed", t);
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
      fpFromBendian.invokeExact(segment(fp), segment(c0));
      System.arraycopy(fp, 0, fp2, 0, FP_LIMBS);
      fpFromBendian.invokeExact(segment(fp), segment(c1));
      System.arraycopy(fp, 0, fp2, FP_LIMBS, FP_LIMBS);
      mapToG2.invokeExact(segment(point), segment(fp2), nullSegment);
      p2Serialize.invokeExact(segment(out), segment(point));
    } catch (Throwable t) {
      throw new IllegalStateException("blst map_to_g2 failed", t);
    }
    return out;
  }

  private Object segment(byte[] array) throws Throwable {
    return (Object) ofBytes.invokeExact(array);
  }

  private Object segment(long[] array) throws Throwable {
    return (Object) ofLongs.invokeExact(array);
  }

  /** The reflective look-ups, done once. */
  private static final class Linking {
    final Class<?> segmentClass;
    private final Class<?> layoutClass;
    private final Object addressLayout;
    private final Object linker;
    private final Object symbols;
    private final Method find;
    private final Method ofVoid;
    private final Method downcallHandle;
    private final Object options;

    Linking() throws ReflectiveOperationException {
      // loading jblst's JNI class loads the library, into this class loader, where the loader
      // lookup below finds its symbols
      Class.forName("supranational.blst.blstJNI", true, BlstMapToCurve.class.getClassLoader());
      segmentClass = Class.forName("java.lang.foreign.MemorySegment");
      layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
      Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
      Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
      Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
      Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
      addressLayout = Class.forName("java.lang.foreign.ValueLayout").getField("ADDRESS").get(null);
      linker = linkerClass.getMethod("nativeLinker").invoke(null);
      symbols = lookupClass.getMethod("loaderLookup").invoke(null);
      find = lookupClass.getMethod("find", String.class);
      ofVoid = descriptorClass.getMethod("ofVoid", layoutClass.arrayType());
      downcallHandle =
          linkerClass.getMethod(
              "downcallHandle", segmentClass, descriptorClass, optionClass.arrayType());
      options = Array.newInstance(optionClass, 1);
      Array.set(options, 0, optionClass.getMethod("critical", boolean.class).invoke(null, true));
    }

    /** {@code MemorySegment.ofArray(type)}, typed {@code (type)Object}. */
    MethodHandle ofArray(Class<?> arrayType) throws ReflectiveOperationException {
      return MethodHandles.publicLookup()
          .findStatic(segmentClass, "ofArray", MethodType.methodType(segmentClass, arrayType))
          .asType(MethodType.methodType(Object.class, arrayType));
    }

    /** A downcall to {@code void name(void*, ...)}, typed {@code (Object, ...)void}. */
    MethodHandle downcall(String name, int pointerArguments) throws ReflectiveOperationException {
      Optional<?> symbol = (Optional<?>) find.invoke(symbols, name);
      if (symbol.isEmpty()) {
        throw new NoSuchMethodException("blst symbol " + name + " not found in loaded libraries");
      }
      Object layouts = Array.newInstance(layoutClass, pointerArguments);
      for (int i = 0; i < pointerArguments; i++) {
        Array.set(layouts, i, addressLayout);
      }
      Object descriptor = ofVoid.invoke(null, layouts);
      MethodHandle handle =
          (MethodHandle) downcallHandle.invoke(linker, symbol.get(), descriptor, options);
      return handle.asType(
          MethodType.genericMethodType(pointerArguments).changeReturnType(void.class));
    }
  }
}
