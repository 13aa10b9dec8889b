package org.memmap4j;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A NumPy element type: one of the fixed-size numeric kinds together with a byte order.
 *
 * <p>Instances are immutable and value-based: compare them with {@link #equals(Object)}, never with {@code ==}.
 * Byte order is meaningless for one-byte kinds, which always report {@link ByteOrder#nativeOrder()} and print
 * with NumPy's {@code '|'} marker.
 *
 * <p>Object, string, void, datetime and structured dtypes are refused by {@link #of(String)}: memmap4j maps only
 * fixed-size numeric elements.
 */
public final class DType {

    /** The kind of element, independent of byte order. Names follow NumPy. */
    public enum Kind {
        /** NumPy's bool. */
        BOOL('b', 1, "bool"),
        /** NumPy's int8. */
        INT8('i', 1, "int8"),
        /** NumPy's int16. */
        INT16('i', 2, "int16"),
        /** NumPy's int32. */
        INT32('i', 4, "int32"),
        /** NumPy's int64. */
        INT64('i', 8, "int64"),
        /** NumPy's uint8. */
        UINT8('u', 1, "uint8"),
        /** NumPy's uint16. */
        UINT16('u', 2, "uint16"),
        /** NumPy's uint32. */
        UINT32('u', 4, "uint32"),
        /** NumPy's uint64. */
        UINT64('u', 8, "uint64"),
        /** NumPy's float16 (IEEE half). */
        FLOAT16('f', 2, "float16"),
        /** NumPy's float32. */
        FLOAT32('f', 4, "float32"),
        /** NumPy's float64. */
        FLOAT64('f', 8, "float64"),
        /** NumPy's complex64 (two float32). */
        COMPLEX64('c', 8, "complex64"),
        /** NumPy's complex128 (two float64). */
        COMPLEX128('c', 16, "complex128");

        final char code;
        final int size;
        final String numpyName;

        Kind(char code, int size, String numpyName) {
            this.code = code;
            this.size = size;
            this.numpyName = numpyName;
        }

        /** {@return the size of one element in bytes} */
        public int itemSize() {
            return size;
        }

        /** {@return NumPy's name for this kind, e.g. {@code "float32"}} */
        public String numpyName() {
            return numpyName;
        }

        /** {@return true for bool} */
        public boolean isBool() {
            return code == 'b';
        }

        /** {@return true for signed and unsigned integers (not bool)} */
        public boolean isInteger() {
            return code == 'i' || code == 'u';
        }

        /** {@return true for unsigned integers} */
        public boolean isUnsigned() {
            return code == 'u';
        }

        /** {@return true for float16, float32 and float64} */
        public boolean isFloat() {
            return code == 'f';
        }

        /** {@return true for complex64 and complex128} */
        public boolean isComplex() {
            return code == 'c';
        }
    }

    /** NumPy's bool in native byte order. */
    public static final DType BOOL = new DType(Kind.BOOL, ByteOrder.nativeOrder());
    /** NumPy's int8 in native byte order. */
    public static final DType INT8 = new DType(Kind.INT8, ByteOrder.nativeOrder());
    /** NumPy's int16 in native byte order. */
    public static final DType INT16 = new DType(Kind.INT16, ByteOrder.nativeOrder());
    /** NumPy's int32 in native byte order. */
    public static final DType INT32 = new DType(Kind.INT32, ByteOrder.nativeOrder());
    /** NumPy's int64 in native byte order. */
    public static final DType INT64 = new DType(Kind.INT64, ByteOrder.nativeOrder());
    /** NumPy's uint8 in native byte order. */
    public static final DType UINT8 = new DType(Kind.UINT8, ByteOrder.nativeOrder());
    /** NumPy's uint16 in native byte order. */
    public static final DType UINT16 = new DType(Kind.UINT16, ByteOrder.nativeOrder());
    /** NumPy's uint32 in native byte order. */
    public static final DType UINT32 = new DType(Kind.UINT32, ByteOrder.nativeOrder());
    /** NumPy's uint64 in native byte order. */
    public static final DType UINT64 = new DType(Kind.UINT64, ByteOrder.nativeOrder());
    /** NumPy's float16 in native byte order. */
    public static final DType FLOAT16 = new DType(Kind.FLOAT16, ByteOrder.nativeOrder());
    /** NumPy's float32 in native byte order. */
    public static final DType FLOAT32 = new DType(Kind.FLOAT32, ByteOrder.nativeOrder());
    /** NumPy's float64 in native byte order. */
    public static final DType FLOAT64 = new DType(Kind.FLOAT64, ByteOrder.nativeOrder());
    /** NumPy's complex64 in native byte order. */
    public static final DType COMPLEX64 = new DType(Kind.COMPLEX64, ByteOrder.nativeOrder());
    /** NumPy's complex128 in native byte order. */
    public static final DType COMPLEX128 = new DType(Kind.COMPLEX128, ByteOrder.nativeOrder());

    /** NumPy names and one-letter codes, mapped to kinds (NumPy 2 on a 64-bit Linux machine: 'l', 'n' and 'int' are int64). */
    private static final Map<String, Kind> NAMES = Map.ofEntries(
            Map.entry("bool", Kind.BOOL), Map.entry("bool_", Kind.BOOL), Map.entry("?", Kind.BOOL), Map.entry("b1", Kind.BOOL),
            Map.entry("int8", Kind.INT8), Map.entry("i1", Kind.INT8), Map.entry("b", Kind.INT8), Map.entry("byte", Kind.INT8),
            Map.entry("int16", Kind.INT16), Map.entry("i2", Kind.INT16), Map.entry("h", Kind.INT16), Map.entry("short", Kind.INT16),
            Map.entry("int32", Kind.INT32), Map.entry("i4", Kind.INT32), Map.entry("i", Kind.INT32), Map.entry("intc", Kind.INT32),
            Map.entry("int64", Kind.INT64), Map.entry("i8", Kind.INT64), Map.entry("l", Kind.INT64), Map.entry("q", Kind.INT64),
            Map.entry("int", Kind.INT64), Map.entry("int_", Kind.INT64), Map.entry("intp", Kind.INT64), Map.entry("long", Kind.INT64),
            Map.entry("longlong", Kind.INT64), Map.entry("p", Kind.INT64), Map.entry("n", Kind.INT64),
            Map.entry("uint8", Kind.UINT8), Map.entry("u1", Kind.UINT8), Map.entry("B", Kind.UINT8), Map.entry("ubyte", Kind.UINT8),
            Map.entry("uint16", Kind.UINT16), Map.entry("u2", Kind.UINT16), Map.entry("H", Kind.UINT16), Map.entry("ushort", Kind.UINT16),
            Map.entry("uint32", Kind.UINT32), Map.entry("u4", Kind.UINT32), Map.entry("I", Kind.UINT32), Map.entry("uintc", Kind.UINT32),
            Map.entry("uint64", Kind.UINT64), Map.entry("u8", Kind.UINT64), Map.entry("L", Kind.UINT64), Map.entry("Q", Kind.UINT64),
            Map.entry("uint", Kind.UINT64), Map.entry("uintp", Kind.UINT64), Map.entry("ulong", Kind.UINT64),
            Map.entry("ulonglong", Kind.UINT64), Map.entry("P", Kind.UINT64), Map.entry("N", Kind.UINT64),
            Map.entry("float16", Kind.FLOAT16), Map.entry("f2", Kind.FLOAT16), Map.entry("e", Kind.FLOAT16), Map.entry("half", Kind.FLOAT16),
            Map.entry("float32", Kind.FLOAT32), Map.entry("f4", Kind.FLOAT32), Map.entry("f", Kind.FLOAT32), Map.entry("single", Kind.FLOAT32),
            Map.entry("float64", Kind.FLOAT64), Map.entry("f8", Kind.FLOAT64), Map.entry("d", Kind.FLOAT64), Map.entry("double", Kind.FLOAT64),
            Map.entry("float", Kind.FLOAT64), Map.entry("float_", Kind.FLOAT64),
            Map.entry("complex64", Kind.COMPLEX64), Map.entry("c8", Kind.COMPLEX64), Map.entry("F", Kind.COMPLEX64),
            Map.entry("csingle", Kind.COMPLEX64),
            Map.entry("complex128", Kind.COMPLEX128), Map.entry("c16", Kind.COMPLEX128), Map.entry("D", Kind.COMPLEX128),
            Map.entry("complex", Kind.COMPLEX128), Map.entry("cdouble", Kind.COMPLEX128), Map.entry("complex_", Kind.COMPLEX128));

    private final Kind kind;
    private final ByteOrder order;
    private final ValueLayout layout;

    private DType(Kind kind, ByteOrder order) {
        this.kind = kind;
        this.order = kind.size == 1 ? ByteOrder.nativeOrder() : order;
        ValueLayout base = switch (kind) {
            case BOOL, INT8, UINT8 -> ValueLayout.JAVA_BYTE;
            case INT16, UINT16, FLOAT16 -> ValueLayout.JAVA_SHORT_UNALIGNED;
            case INT32, UINT32 -> ValueLayout.JAVA_INT_UNALIGNED;
            case INT64, UINT64 -> ValueLayout.JAVA_LONG_UNALIGNED;
            case FLOAT32, COMPLEX64 -> ValueLayout.JAVA_FLOAT_UNALIGNED;
            case FLOAT64, COMPLEX128 -> ValueLayout.JAVA_DOUBLE_UNALIGNED;
        };
        this.layout = base.withOrder(this.order);
    }

    /**
     * Returns the dtype of the given kind in native byte order.
     *
     * @param kind the element kind
     * @return the dtype
     * @throws NullPointerException if kind is null
     */
    public static DType of(Kind kind) {
        return of(kind, ByteOrder.nativeOrder());
    }

    /**
     * Returns the dtype of the given kind and byte order.
     *
     * @param kind  the element kind
     * @param order the byte order of elements in memory and on disk
     * @return the dtype
     * @throws NullPointerException if an argument is null
     */
    public static DType of(Kind kind, ByteOrder order) {
        return new DType(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(order, "order"));
    }

    /**
     * Parses a NumPy dtype string: a descr such as {@code "<f4"}, {@code ">i8"}, {@code "|b1"}, {@code "=u2"},
     * a name such as {@code "float32"} or {@code "uint8"}, or a one-letter code such as {@code "d"}.
     * Names without an order prefix mean native order, as in NumPy. Case matters, as in NumPy: {@code "B"} is uint8,
     * {@code "b"} int8.
     *
     * @param spec the dtype string
     * @return the dtype
     * @throws IllegalArgumentException if spec names no dtype, or one memmap4j does not support (object,
     *                                  string, void, datetime, structured, long double), with a message that says which
     * @throws NullPointerException     if spec is null
     */
    public static DType of(String spec) {
        Objects.requireNonNull(spec, "dtype");
        String s = spec.strip();
        if (s.startsWith("np.") || s.startsWith("numpy.")) {
            s = s.substring(s.indexOf('.') + 1);
        }
        ByteOrder order = ByteOrder.nativeOrder();
        String body = s;
        if (!s.isEmpty()) {
            switch (s.charAt(0)) {
                case '<' -> { order = ByteOrder.LITTLE_ENDIAN; body = s.substring(1); }
                case '>', '!' -> { order = ByteOrder.BIG_ENDIAN; body = s.substring(1); }
                case '=', '|' -> body = s.substring(1);
                default -> { }
            }
        }
        // Case matters, as in NumPy: 'B' is uint8 and 'b' int8, 'F' complex64 and 'f' float32 ('F8' is no dtype).
        Kind kind = NAMES.get(body);
        if (kind == null) {
            throw new IllegalArgumentException(unsupportedMessage(spec, body));
        }
        return new DType(kind, order);
    }

    private static String unsupportedMessage(String spec, String body) {
        String why;
        if (body.startsWith("[") || body.startsWith("(") || body.startsWith("{") || body.contains(",")) {
            why = "structured dtypes are not supported";
        } else if (body.equals("O") || body.matches("O[48]") || body.startsWith("object")) {
            why = "object arrays hold Python pointers and cannot be memory-mapped";
        } else if (body.matches("[SaU][0-9]*|c|T") || body.matches("(str|bytes|unicode|string)_?")) {
            why = "string dtypes are not supported";
        } else if (body.matches("V[0-9]*") || body.equals("void")) {
            why = "void dtypes are not supported";
        } else if (body.matches("[Mm](8)?(\\[[0-9]*[a-zA-Z]+])?") || body.matches("(datetime|timedelta)(64)?(\\[.*])?")) {
            why = "datetime and timedelta dtypes are not supported";
        } else if (body.matches("[gG]|f1[26]|c(24|32)|c?longdouble|c?longfloat|float(96|128)|complex(192|256)")) {
            why = "long double is platform-specific and not supported";
        } else {
            String lower = body.toLowerCase(Locale.ROOT);
            why = "not a known NumPy dtype"
                    + (body.length() > 1 && NAMES.containsKey(lower) ? " (names are case-sensitive: did you mean '" + lower + "'?)" : "");
        }
        return "unsupported dtype '" + spec + "': " + why
                + "; supported: bool, int8..int64, uint8..uint64, float16/32/64, complex64/128 with byte order <, > or =";
    }

    /**
     * Returns the unaligned value layout of one element (for complex kinds, of one component) in this dtype's byte
     * order: unaligned because NumPy allows any byte offset. Bool, int8 and uint8 use {@code JAVA_BYTE}; unsigned
     * kinds use the signed layout of their size; float16 uses {@code JAVA_SHORT}.
     *
     * @return the layout
     */
    public ValueLayout layout() {
        return layout;
    }

    /** {@return the element kind} */
    public Kind kind() {
        return kind;
    }

    /** {@return the byte order of elements (native order for one-byte kinds)} */
    public ByteOrder order() {
        return order;
    }

    /** {@return the size of one element in bytes} */
    public int itemSize() {
        return kind.size;
    }

    /** {@return true if elements are stored in this machine's byte order} */
    public boolean isNativeOrder() {
        return order == ByteOrder.nativeOrder();
    }

    /**
     * Returns this kind with the given byte order.
     *
     * @param newOrder the byte order
     * @return a dtype of the same kind in that order
     * @throws NullPointerException if newOrder is null
     */
    public DType withOrder(ByteOrder newOrder) {
        return new DType(kind, Objects.requireNonNull(newOrder, "order"));
    }

    /** {@return this kind in native byte order} */
    public DType toNative() {
        return isNativeOrder() ? this : new DType(kind, ByteOrder.nativeOrder());
    }

    /**
     * Returns NumPy's descr string, as stored in .npy headers: {@code "<f4"}, {@code ">i8"}, {@code "|b1"}.
     *
     * @return the descr
     */
    public String descr() {
        char orderChar = kind.size == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return "" + orderChar + kind.code + kind.size;
    }

    /** {@return NumPy's name, e.g. {@code "float32"}, followed by the byte order when it is not native} */
    public String name() {
        return isNativeOrder() ? kind.numpyName : kind.numpyName + " (" + descr() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DType d && d.kind == kind && d.order == order;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + order.hashCode();
    }

    /** {@return NumPy's repr form of this dtype: its name when native, else its descr (as NumPy prints {@code '>f4'})} */
    @Override
    public String toString() {
        return isNativeOrder() ? kind.numpyName : "'" + descr() + "'";
    }
}
