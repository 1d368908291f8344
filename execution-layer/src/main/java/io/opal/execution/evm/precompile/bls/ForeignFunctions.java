package io.opal.execution.evm.precompile.bls;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Calls into C functions of blst that jblst's SWIG binding does not wrap, in the native library
 * jblst has already loaded.
 *
 * <p>The Foreign Function and Memory API is final since JDK 22 but a preview API at this project's
 * {@code --release 21}, so it is looked up reflectively, once, here; callers get plain method
 * handles whose pointer parameters are typed {@code Object} (a {@code MemorySegment}) and call them
 * with {@code invokeExact}, which the JIT compiles like a direct call.
 *
 * <p>The downcalls are "critical" with heap access: blst reads and writes Java arrays in place and
 * never calls back into Java, so the short calls need no off-heap copies. Memory that must have a
 * fixed address (data behind a pointer array) is a direct {@link ByteBuffer}.
 */
final class ForeignFunctions {
  /** The C types used in blst's signatures. */
  enum CType {
    /** A pointer (a {@code MemorySegment} argument). */
    POINTER,
    /** {@code size_t} on a 64-bit platform ({@code long}). */
    SIZE,
    /** {@code int}, as C enums such as {@code BLST_ERROR} are passed. */
    INT
  }

  private static ForeignFunctions instance;

  private final MethodHandle ofBytes;
  private final MethodHandle ofLongs;
  private final MethodHandle ofBuffer;
  private final MethodHandle ofAddress;
  private final MethodHandle address;
  private final Object nullPointer;
  private final Class<?> segmentClass;
  private final Class<?> layoutClass;
  private final Object linker;
  private final Object symbols;
  private final Method find;
  private final Method functionOf;
  private final Method functionOfVoid;
  private final Method downcallHandle;
  private final Object criticalOptions;
  private final Object noOptions;
  private final Object[] layouts = new Object[CType.values().length];

  private ForeignFunctions() throws ReflectiveOperationException {
    // initializing jblst's JNI class loads the library into this class loader, whose symbols the
    // loader lookup below searches
    Class.forName("supranational.blst.blstJNI", true, ForeignFunctions.class.getClassLoader());
    segmentClass = Class.forName("java.lang.foreign.MemorySegment");
    layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
    Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
    Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
    Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
    Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
    layouts[CType.POINTER.ordinal()] = valueLayout.getField("ADDRESS").get(null);
    layouts[CType.SIZE.ordinal()] = valueLayout.getField("JAVA_LONG").get(null);
    layouts[CType.INT.ordinal()] = valueLayout.getField("JAVA_INT").get(null);
    linker = linkerClass.getMethod("nativeLinker").invoke(null);
    symbols = lookupClass.getMethod("loaderLookup").invoke(null);
    find = lookupClass.getMethod("find", String.class);
    functionOf = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
    functionOfVoid = descriptorClass.getMethod("ofVoid", layoutClass.arrayType());
    downcallHandle =
        linkerClass.getMethod(
            "downcallHandle", segmentClass, descriptorClass, optionClass.arrayType());
    criticalOptions = Array.newInstance(optionClass, 1);
    Array.set(
        criticalOptions, 0, optionClass.getMethod("critical", boolean.class).invoke(null, true));
    noOptions = Array.newInstance(optionClass, 0);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    ofBytes = factory(lookup, "ofArray", byte[].class);
    ofLongs = factory(lookup, "ofArray", long[].class);
    ofAddress = factory(lookup, "ofAddress", long.class);
    ofBuffer =
        factory(lookup, "ofBuffer", java.nio.Buffer.class)
            .asType(MethodType.methodType(Object.class, ByteBuffer.class));
    address =
        lookup
            .findVirtual(segmentClass, "address", MethodType.methodType(long.class))
            .asType(MethodType.methodType(long.class, Object.class));
    nullPointer = segmentClass.getField("NULL").get(null);
  }

  /**
   * The linked functions; links on first use. Fails when the runtime lacks the FFM API (JDK 21 or
   * older) or jblst's library cannot be found.
   */
  static synchronized ForeignFunctions get() {
    if (instance == null) {
      try {
        instance = new ForeignFunctions();
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        throw new IllegalStateException(
            "cannot reach blst through the Foreign Function API (needs JDK 22+ and jblst)", e);
      }
    }
    return instance;
  }

  /**
   * A handle on the short C function {@code name}: {@code returns} {@code name(arguments...)}, with
   * a null {@code returns} for void. Pointer parameters take {@code Object}, SIZE {@code long}, INT
   * {@code int}. The call is critical: it may be given pointers into Java arrays, and it holds up
   * garbage collection while it runs, so it must take microseconds, not milliseconds.
   */
  MethodHandle function(String name, CType returns, CType... arguments) {
    return link(name, criticalOptions, returns, arguments);
  }

  /**
   * As {@link #function}, for a long-running C function: an ordinary downcall, which lets the
   * garbage collector run meanwhile, and so takes only native (off-heap) pointers.
   */
  MethodHandle longFunction(String name, CType returns, CType... arguments) {
    return link(name, noOptions, returns, arguments);
  }

  private MethodHandle link(String name, Object options, CType returns, CType... arguments) {
    try {
      Optional<?> symbol = (Optional<?>) find.invoke(symbols, name);
      if (symbol.isEmpty()) {
        throw new IllegalStateException("blst symbol " + name + " not found");
      }
      Object argumentLayouts = Array.newInstance(layoutClass, arguments.length);
      Class<?>[] javaTypes = new Class<?>[arguments.length];
      for (int i = 0; i < arguments.length; i++) {
        Array.set(argumentLayouts, i, layouts[arguments[i].ordinal()]);
        javaTypes[i] = javaType(arguments[i]);
      }
      Object descriptor =
          returns == null
              ? functionOfVoid.invoke(null, argumentLayouts)
              : functionOf.invoke(null, layouts[returns.ordinal()], argumentLayouts);
      MethodHandle handle =
          (MethodHandle) downcallHandle.invoke(linker, symbol.get(), descriptor, options);
      Class<?> result = returns == null ? void.class : javaType(returns);
      return handle.asType(MethodType.methodType(result, javaTypes));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot link blst function " + name, e);
    }
  }

  /** A pointer to the contents of {@code array}, valid for the duration of one critical call. */
  Object pointer(byte[] array) throws Throwable {
    return (Object) ofBytes.invokeExact(array);
  }

  Object pointer(long[] array) throws Throwable {
    return (Object) ofLongs.invokeExact(array);
  }

  /** A pointer to a native address, e.g. into a direct buffer (zero-length: for passing only). */
  Object pointer(long nativeAddress) throws Throwable {
    return (Object) ofAddress.invokeExact(nativeAddress);
  }

  /** The native address of a direct buffer's first byte. */
  long address(ByteBuffer direct) throws Throwable {
    return (long) address.invokeExact((Object) ofBuffer.invokeExact(direct));
  }

  Object nullPointer() {
    return nullPointer;
  }

  private MethodHandle factory(MethodHandles.Lookup lookup, String name, Class<?> parameter)
      throws ReflectiveOperationException {
    return lookup
        .findStatic(segmentClass, name, MethodType.methodType(segmentClass, parameter))
        .asType(MethodType.methodType(Object.class, parameter));
  }

  private static Class<?> javaType(CType type) {
    return switch (type) {
      case POINTER -> Object.class;
      case SIZE -> long.class;
      case INT -> int.class;
    };
  }
}
