package org.memmap4j.internal;

import org.memmap4j.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes single elements of any dtype at a byte offset, converting like NumPy.
 *
 * <p>Two conversion families exist because NumPy has two: {@code cast*} methods follow array casting
 * ({@code astype}, {@code a[...] = other_array}), which is unchecked and, for out-of-range floats, does what the C
 * conversion does on x86-64; {@code checked*} methods follow assignment of a Python scalar ({@code a[i] = 300}),
 * which refuses NaN and out-of-range integers.
 */
public final class Elements {

    private static final double TWO_63 = 0x1p63;

    private Elements() {
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** Reads an element as a double: unsigned ints unsigned, complex as its real part, bool as 0/1. */
    public static double getDouble(MemorySegment s, long off, DType t) {
        ValueLayout l = t.layout();
        return switch (t.kind()) {
            case BOOL -> s.get((ValueLayout.OfByte) l, off) != 0 ? 1.0 : 0.0;
            case INT8 -> s.get((ValueLayout.OfByte) l, off);
            case UINT8 -> s.get((ValueLayout.OfByte) l, off) & 0xFF;
            case INT16 -> s.get((ValueLayout.OfShort) l, off);
            case UINT16 -> s.get((ValueLayout.OfShort) l, off) & 0xFFFF;
            case FLOAT16 -> Float.float16ToFloat(s.get((ValueLayout.OfShort) l, off));
            case INT32 -> s.get((ValueLayout.OfInt) l, off);
            case UINT32 -> s.get((ValueLayout.OfInt) l, off) & 0xFFFF_FFFFL;
            case INT64 -> s.get((ValueLayout.OfLong) l, off);
            case UINT64 -> unsignedToDouble(s.get((ValueLayout.OfLong) l, off));
            case FLOAT32, COMPLEX64 -> s.get((ValueLayout.OfFloat) l, off);
            case FLOAT64, COMPLEX128 -> s.get((ValueLayout.OfDouble) l, off);
        };
    }

    /** Reads the imaginary part of a complex element, or 0 for real kinds. */
    public static double getImag(MemorySegment s, long off, DType t) {
        return switch (t.kind()) {
            case COMPLEX64 -> s.get((ValueLayout.OfFloat) t.layout(), off + 4);
            case COMPLEX128 -> s.get((ValueLayout.OfDouble) t.layout(), off + 8);
            default -> 0.0;
        };
    }

    /**
     * Reads an element as a long: integers exactly (uint64 as its two's-complement bits), bool as 0/1, floats and
     * complex (real part) cast like {@code astype(int64)}.
     */
    public static long getLong(MemorySegment s, long off, DType t) {
        ValueLayout l = t.layout();
        return switch (t.kind()) {
            case BOOL -> s.get((ValueLayout.OfByte) l, off) != 0 ? 1 : 0;
            case INT8 -> s.get((ValueLayout.OfByte) l, off);
            case UINT8 -> s.get((ValueLayout.OfByte) l, off) & 0xFF;
            case INT16 -> s.get((ValueLayout.OfShort) l, off);
            case UINT16 -> s.get((ValueLayout.OfShort) l, off) & 0xFFFF;
            case INT32 -> s.get((ValueLayout.OfInt) l, off);
            case UINT32 -> s.get((ValueLayout.OfInt) l, off) & 0xFFFF_FFFFL;
            case INT64, UINT64 -> s.get((ValueLayout.OfLong) l, off);
            default -> cvt64(getDouble(s, off, t));
        };
    }

    /** Reads an element as a boolean: true when nonzero (NaN is nonzero; complex when either part is). */
    public static boolean getBoolean(MemorySegment s, long off, DType t) {
        return switch (t.kind()) {
            case BOOL, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64 -> getLong(s, off, t) != 0;
            default -> getDouble(s, off, t) != 0.0 || getImag(s, off, t) != 0.0;
        };
    }

    // ---- writing with array-cast semantics -----------------------------------------------------------------

    /** Writes an integer value (interpreted as signed int64), cast to the dtype like NumPy's int64 → dtype cast. */
    public static void castLong(MemorySegment s, long off, DType t, long v) {
        ValueLayout l = t.layout();
        switch (t.kind()) {
            case BOOL -> s.set((ValueLayout.OfByte) l, off, (byte) (v != 0 ? 1 : 0));
            case INT8, UINT8 -> s.set((ValueLayout.OfByte) l, off, (byte) v);
            case INT16, UINT16 -> s.set((ValueLayout.OfShort) l, off, (short) v);
            case INT32, UINT32 -> s.set((ValueLayout.OfInt) l, off, (int) v);
            case INT64, UINT64 -> s.set((ValueLayout.OfLong) l, off, v);
            case FLOAT16 -> s.set((ValueLayout.OfShort) l, off, doubleToHalf(v));
            case FLOAT32 -> s.set((ValueLayout.OfFloat) l, off, (float) v);
            case FLOAT64 -> s.set((ValueLayout.OfDouble) l, off, (double) v);
            case COMPLEX64 -> setComplexRaw(s, off, t, (float) v, 0.0);
            case COMPLEX128 -> setComplexRaw(s, off, t, (double) v, 0.0);
        }
    }

    /** Writes a float value cast to the dtype like NumPy's float64 → dtype cast on x86-64 (unchecked). */
    public static void castDouble(MemorySegment s, long off, DType t, double v) {
        ValueLayout l = t.layout();
        switch (t.kind()) {
            case BOOL -> s.set((ValueLayout.OfByte) l, off, (byte) (v != 0.0 ? 1 : 0));
            case INT8, UINT8 -> s.set((ValueLayout.OfByte) l, off, (byte) cvt32(v));
            case INT16, UINT16 -> s.set((ValueLayout.OfShort) l, off, (short) cvt32(v));
            case INT32 -> s.set((ValueLayout.OfInt) l, off, cvt32(v));
            // NumPy's scalar loop (strided arrays, float16 sources, the last elements of a contiguous array). Out of
            // range, its SIMD loop for the bulk of contiguous float32/64 and complex arrays gives 0 from 2^32 up and
            // 2^31 below -2^31 instead: undefined in C, warned about by NumPy; memmap4j keeps the position-independent
            // scalar result.
            case UINT32 -> s.set((ValueLayout.OfInt) l, off, (int) cvt64(v));
            case INT64 -> s.set((ValueLayout.OfLong) l, off, cvt64(v));
            case UINT64 -> s.set((ValueLayout.OfLong) l, off, doubleToUnsigned(v));
            case FLOAT16 -> s.set((ValueLayout.OfShort) l, off, doubleToHalf(v));
            case FLOAT32 -> s.set((ValueLayout.OfFloat) l, off, (float) v);
            case FLOAT64 -> s.set((ValueLayout.OfDouble) l, off, v);
            case COMPLEX64, COMPLEX128 -> setComplexRaw(s, off, t, v, 0.0);
        }
    }

    /** Writes a complex value; real kinds receive the real part (NumPy's ComplexWarning cast). */
    public static void castComplex(MemorySegment s, long off, DType t, double re, double im) {
        if (t.kind().isComplex()) {
            setComplexRaw(s, off, t, re, im);
        } else if (t.kind().isBool()) {
            s.set(ValueLayout.JAVA_BYTE, off, (byte) (re != 0.0 || im != 0.0 ? 1 : 0));
        } else {
            castDouble(s, off, t, re);
        }
    }

    private static void setComplexRaw(MemorySegment s, long off, DType t, double re, double im) {
        if (t.kind() == DType.Kind.COMPLEX64) {
            s.set((ValueLayout.OfFloat) t.layout(), off, (float) re);
            s.set((ValueLayout.OfFloat) t.layout(), off + 4, (float) im);
        } else {
            s.set((ValueLayout.OfDouble) t.layout(), off, re);
            s.set((ValueLayout.OfDouble) t.layout(), off + 8, im);
        }
    }

    /**
     * Copies one element from a source dtype to a destination dtype with NumPy's unsafe casting, choosing the
     * carrier (long, double or complex) that loses nothing the destination could hold.
     */
    public static void cast(MemorySegment src, long srcOff, DType from, MemorySegment dst, long dstOff, DType to) {
        DType.Kind f = from.kind();
        DType.Kind t = to.kind();
        if (f == DType.Kind.UINT64 && (t == DType.Kind.FLOAT32 || t == DType.Kind.COMPLEX64)) {
            // One rounding, as C's uint64 → float; going through double would round twice.
            castDouble(dst, dstOff, to, unsignedToFloat(getLong(src, srcOff, from)));
        } else if (f.isComplex()) {
            castComplex(dst, dstOff, to, getDouble(src, srcOff, from), getImag(src, srcOff, from));
        } else if (f.isFloat() || (f == DType.Kind.UINT64 && !t.isInteger() && !t.isBool())) {
            castDouble(dst, dstOff, to, getDouble(src, srcOff, from));
        } else {
            castLong(dst, dstOff, to, getLong(src, srcOff, from));
        }
    }

    // ---- writing with Python-scalar semantics ------------------------------------------------------------------

    /**
     * Writes a Python-int-like value with NumPy 2's scalar assignment rule: integers out of the dtype's range are
     * refused. Floats and complex receive the value rounded to a double first, as Python's int → float.
     *
     * @throws IllegalArgumentException if v does not fit an integer dtype
     */
    public static void checkedLong(MemorySegment s, long off, DType t, long v) {
        if (t.kind().isInteger() && !fits(t.kind(), v)) {
            throw new IllegalArgumentException("Python integer " + v + " out of bounds for " + t.kind().numpyName());
        }
        if (t.kind().isFloat() || t.kind().isComplex()) {
            // NumPy converts a Python int to a Python float first: float32(2**62 + 2**38 + 1) rounds twice.
            castDouble(s, off, t, (double) v);
        } else {
            castLong(s, off, t, v);
        }
    }

    /**
     * Writes a Python-float-like value with NumPy's scalar assignment rule: for integer dtypes the value is
     * truncated toward zero and must then fit; NaN and infinity are refused.
     *
     * @throws IllegalArgumentException if v is NaN or infinite, or its truncation does not fit an integer dtype
     */
    public static void checkedDouble(MemorySegment s, long off, DType t, double v) {
        if (t.kind().isInteger()) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("cannot convert float infinity to integer");
            }
            double tr = v < 0 ? Math.ceil(v) : Math.floor(v);
            if (t.kind() == DType.Kind.UINT64 && tr >= 0 && tr < 0x1p64) {
                s.set((ValueLayout.OfLong) t.layout(), off, doubleToUnsigned(tr));
                return;
            }
            if (tr < -TWO_63 || tr >= TWO_63 || !fits(t.kind(), (long) tr)) {
                throw new IllegalArgumentException("Python integer " + new java.math.BigDecimal(tr).toBigInteger()
                        + " out of bounds for " + t.kind().numpyName());
            }
            castLong(s, off, t, (long) tr);
            return;
        }
        castDouble(s, off, t, v);
    }

    /** Returns true if the signed value v lies in the range of the integer kind. */
    public static boolean fits(DType.Kind k, long v) {
        return switch (k) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case UINT64 -> v >= 0;
            default -> true;
        };
    }

    // ---- numeric conversions ------------------------------------------------------------------------------------

    /** x86-64 {@code cvttsd2si} with a 32-bit destination: truncation, or INT_MIN for NaN and out-of-range values. */
    public static int cvt32(double v) {
        return v > -2147483649.0 && v < 2147483648.0 ? (int) v : Integer.MIN_VALUE;
    }

    /** x86-64 {@code cvttsd2si} with a 64-bit destination: truncation, or LONG_MIN for NaN and out-of-range values. */
    public static long cvt64(double v) {
        return v >= -TWO_63 && v < TWO_63 ? (long) v : Long.MIN_VALUE;
    }

    /** The C double → uint64 conversion as compiled for x86-64 (what NumPy's cast loop does). */
    public static long doubleToUnsigned(double v) {
        return v >= TWO_63 ? cvt64(v - TWO_63) ^ Long.MIN_VALUE : cvt64(v);
    }

    /** Converts uint64 bits to the nearest double. */
    public static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // Halve with the low bit kept sticky, so the rounding of the conversion stays correct.
        return ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    /** Converts uint64 bits to the nearest float, with one rounding. */
    public static float unsignedToFloat(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // As unsignedToDouble: the sticky low bit keeps the single rounding correct.
        return ((bits >>> 1) | (bits & 1)) * 2.0f;
    }

    /**
     * Converts a double to IEEE binary16 with one rounding (as NumPy's npy_double_to_half), not two: the double is
     * first narrowed to float with round-to-odd, which leaves float → half rounding exact.
     */
    public static short doubleToHalf(double d) {
        float f = (float) d;
        if (Float.isFinite(f) && (double) f != d) {
            if (Math.abs((double) f) > Math.abs(d)) {
                f = f > 0 ? Math.nextDown(f) : Math.nextUp(f);
            }
            f = Float.intBitsToFloat(Float.floatToRawIntBits(f) | 1);
        }
        return Float.floatToFloat16(f);
    }
}
