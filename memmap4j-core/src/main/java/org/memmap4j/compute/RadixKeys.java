package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * Order-preserving integer keys: every element of a real dtype maps to a signed {@code long} key whose signed order
 * is NumPy's sort order, so selection works on keys whatever the dtype or byte order.
 *
 * <ul>
 *   <li>Integers are their value; unsigned 32- and 64-bit values have the sign bit flipped, so that signed
 *       comparison of keys is unsigned comparison of values.</li>
 *   <li>Floats keep positive bit patterns and flip the magnitude bits of negative ones (the classic radix-sort
 *       transform), which orders -inf &lt; negatives &lt; -0.0 &lt; +0.0 &lt; positives &lt; +inf. Every NaN becomes
 *       the canonical positive NaN, whose key is the largest of the dtype: NaNs sort last, as in NumPy.</li>
 * </ul>
 *
 * Keys of a dtype lie in {@code [minKey, maxKey]}: 8 or 16 bits for small types (the whole key space fits one
 * histogram), 32 or 64 bits otherwise.
 *
 * <p>Complex numbers sort as NumPy sorts them: lexicographically (real part, then imaginary part) when neither part
 * is NaN, then {@code R + nanj} by R, then {@code nan + Rj} by R, then {@code nan + nanj}. A complex key is a pair
 * (high, low) of 32-bit (complex64) or 64-bit (complex128) float keys compared high first:
 * <ul>
 *   <li>no NaN part: (key of the real part, key of the imaginary part), -0.0 counted as +0.0 in both. NumPy
 *       compares with {@code <}, for which the zeros are equal, so {@code -0 + 5j} sorts after {@code 0 + 1j}:
 *       ordering -0.0 first, as real keys do, would select another element. The sign of such a zero never reaches
 *       a median, which adds +0.0 to it;</li>
 *   <li>{@code R + nanj}: (the float key of +inf plus 1, key of R); {@code nan + Rj}: (key of +inf plus 2, key of
 *       R), R keeping its sign (it is returned as it is); {@code nan + nanj}: (largest key, largest key).</li>
 * </ul>
 * Every key from {@link #nanKey} up holds a NaN part. A complex64 pair packs into one {@code long} (high in the
 * upper half, low with its sign bit flipped in the lower), whose signed order is the pair's: {@link #key} returns it
 * and selection needs no more. A complex128 pair needs 128 bits: {@link #key} returns the high half and
 * {@link #low} the low one, and selection ranks ties of the high half by the low half in a second stage.
 */
final class RadixKeys {

    // Raw bit layouts in both byte orders: float dtypes' own layouts read floats, keys need their bits.
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private RadixKeys() {
    }

    /** Float keys of the classes {@code R + nanj} and {@code nan + Rj}: just above the key of +inf. */
    private static final int C64_IM_NAN = 0x7f800001;
    private static final int C64_RE_NAN = 0x7f800002;
    private static final long C128_IM_NAN = 0x7ff0000000000001L;
    private static final long C128_RE_NAN = 0x7ff0000000000002L;

    /** {@return the smallest key of the kind} */
    static long minKey(DType.Kind k) {
        return switch (k) {
            case BOOL, UINT8, UINT16 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16, FLOAT16 -> Short.MIN_VALUE;
            case INT32, UINT32, FLOAT32 -> Integer.MIN_VALUE;
            case INT64, UINT64, FLOAT64, COMPLEX64, COMPLEX128 -> Long.MIN_VALUE;
        };
    }

    /** {@return the largest key of the kind; for floats the key of NaN, for complex that of nan + nanj} */
    static long maxKey(DType.Kind k) {
        return switch (k) {
            case BOOL -> 1;
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case INT8 -> Byte.MAX_VALUE;
            case INT16, FLOAT16 -> Short.MAX_VALUE;
            case INT32, UINT32, FLOAT32 -> Integer.MAX_VALUE;
            case INT64, UINT64, FLOAT64, COMPLEX64, COMPLEX128 -> Long.MAX_VALUE;
        };
    }

    /**
     * {@return the smallest key of a value holding a NaN: every key from it up does} For real floats it is
     * {@link #maxKey}, for complex the key of the smallest {@code R + nanj}. Kinds without NaN give {@link #maxKey},
     * a key of theirs: callers count NaN keys of float and complex kinds only.
     */
    static long nanKey(DType.Kind k) {
        return switch (k) {
            case COMPLEX64 -> pack(C64_IM_NAN, Integer.MIN_VALUE);
            case COMPLEX128 -> C128_IM_NAN;
            default -> maxKey(k);
        };
    }

    /** {@return true if keys of this kind fit 32 bits (int kernels apply)} */
    static boolean narrow(DType.Kind k) {
        return k.itemSize() <= 4;
    }

    /** Reads the key of the element at a byte offset. */
    static long key(MemorySegment s, long off, DType t) {
        boolean be = t.order() == ByteOrder.BIG_ENDIAN;
        return switch (t.kind()) {
            case BOOL -> s.get(ValueLayout.JAVA_BYTE, off) != 0 ? 1 : 0;
            case INT8 -> s.get(ValueLayout.JAVA_BYTE, off);
            case UINT8 -> s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
            case INT16 -> s.get(be ? SHORT_BE : SHORT_LE, off);
            case UINT16 -> s.get(be ? SHORT_BE : SHORT_LE, off) & 0xFFFF;
            case FLOAT16 -> half(s.get(be ? SHORT_BE : SHORT_LE, off));
            case INT32 -> s.get(be ? INT_BE : INT_LE, off);
            case UINT32 -> s.get(be ? INT_BE : INT_LE, off) ^ Integer.MIN_VALUE;
            case FLOAT32 -> float32(s.get(be ? INT_BE : INT_LE, off));
            case INT64 -> s.get(be ? LONG_BE : LONG_LE, off);
            case UINT64 -> s.get(be ? LONG_BE : LONG_LE, off) ^ Long.MIN_VALUE;
            case FLOAT64 -> float64(s.get(be ? LONG_BE : LONG_LE, off));
            case COMPLEX64 -> complex64(s.get(be ? INT_BE : INT_LE, off), s.get(be ? INT_BE : INT_LE, off + 4));
            case COMPLEX128 -> complex128High(s.get(be ? LONG_BE : LONG_LE, off), s.get(be ? LONG_BE : LONG_LE, off + 8));
        };
    }

    /**
     * Reads the low half of the key of the complex128 element at a byte offset (see the class comment).
     *
     * @throws IllegalArgumentException if the dtype is not complex128
     */
    static long low(MemorySegment s, long off, DType t) {
        if (t.kind() != DType.Kind.COMPLEX128) {
            throw new IllegalArgumentException(t.kind().numpyName() + " keys have no low half");
        }
        boolean be = t.order() == ByteOrder.BIG_ENDIAN;
        return complex128Low(s.get(be ? LONG_BE : LONG_LE, off), s.get(be ? LONG_BE : LONG_LE, off + 8));
    }

    /** The key of complex64 bits: the (high, low) pair of the class comment, packed. */
    static long complex64(int re, int im) {
        boolean reNaN = (re & 0x7fffffff) > 0x7f800000;
        boolean imNaN = (im & 0x7fffffff) > 0x7f800000;
        if (!reNaN && !imNaN) {
            return pack(float32(re == Integer.MIN_VALUE ? 0 : re), float32(im == Integer.MIN_VALUE ? 0 : im));
        }
        if (!reNaN) {
            return pack(C64_IM_NAN, float32(re));
        }
        return imNaN ? Long.MAX_VALUE : pack(C64_RE_NAN, float32(im));
    }

    /** Two 32-bit keys as one 64-bit key ordered as the pair: the low half unsigned, so its sign bit is flipped. */
    private static long pack(int high, int low) {
        return ((long) high << 32) | ((low ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL);
    }

    /** The high half of the key of complex128 bits (see the class comment). */
    static long complex128High(long re, long im) {
        boolean reNaN = (re & 0x7fffffffffffffffL) > 0x7ff0000000000000L;
        boolean imNaN = (im & 0x7fffffffffffffffL) > 0x7ff0000000000000L;
        if (!reNaN && !imNaN) {
            return float64(re == Long.MIN_VALUE ? 0 : re);
        }
        return !reNaN ? C128_IM_NAN : imNaN ? Long.MAX_VALUE : C128_RE_NAN;
    }

    /** The low half of the key of complex128 bits (see the class comment). */
    static long complex128Low(long re, long im) {
        boolean reNaN = (re & 0x7fffffffffffffffL) > 0x7ff0000000000000L;
        boolean imNaN = (im & 0x7fffffffffffffffL) > 0x7ff0000000000000L;
        if (!reNaN && !imNaN) {
            return float64(im == Long.MIN_VALUE ? 0 : im);
        }
        return !reNaN ? float64(re) : imNaN ? Long.MAX_VALUE : float64(im);
    }

    /**
     * Decodes a complex key into {@code out[at]} (real part) and {@code out[at + 1]} (imaginary part): NaN parts are
     * NumPy's {@code np.nan}, the others exact (zeros of a value without NaN part as +0.0).
     *
     * @param key the key: packed for complex64, the high half for complex128
     * @param low the low half for complex128 (ignored for complex64)
     */
    static void toComplex(long key, long low, DType.Kind k, double[] out, int at) {
        long hi;
        long lo;
        if (k == DType.Kind.COMPLEX64) {
            int h = (int) (key >> 32);
            int l = (int) key ^ Integer.MIN_VALUE;
            hi = h == C64_IM_NAN ? C128_IM_NAN : h == C64_RE_NAN ? C128_RE_NAN : h == Integer.MAX_VALUE ? Long.MAX_VALUE : h;
            lo = l;
            k = DType.Kind.FLOAT32;
        } else {
            hi = key;
            lo = low;
            k = DType.Kind.FLOAT64;
        }
        if (hi == Long.MAX_VALUE) {
            out[at] = Double.NaN;
            out[at + 1] = Double.NaN;
        } else if (hi == C128_IM_NAN) {
            out[at] = toDouble(lo, k);
            out[at + 1] = Double.NaN;
        } else if (hi == C128_RE_NAN) {
            out[at] = Double.NaN;
            out[at + 1] = toDouble(lo, k);
        } else {
            out[at] = toDouble(hi, k);
            out[at + 1] = toDouble(lo, k);
        }
    }

    /**
     * Reads the keys of {@code n} elements, {@code stride} bytes apart from byte offset {@code off}, into
     * {@code out[at, at + n)}: per-dtype loops for native 32- and 64-bit kinds, {@link #key} for the rest.
     */
    static void keys(MemorySegment s, long off, long stride, DType t, int n, long[] out, int at) {
        if (t.isNativeOrder()) {
            ValueLayout.OfInt i32 = ValueLayout.JAVA_INT_UNALIGNED;
            ValueLayout.OfLong i64 = ValueLayout.JAVA_LONG_UNALIGNED;
            switch (t.kind()) {
                case FLOAT32 -> {
                    for (int i = 0; i < n; i++, off += stride) {
                        out[at + i] = float32(s.get(i32, off));
                    }
                    return;
                }
                case INT32 -> {
                    for (int i = 0; i < n; i++, off += stride) {
                        out[at + i] = s.get(i32, off);
                    }
                    return;
                }
                case FLOAT64 -> {
                    for (int i = 0; i < n; i++, off += stride) {
                        out[at + i] = float64(s.get(i64, off));
                    }
                    return;
                }
                case INT64 -> {
                    for (int i = 0; i < n; i++, off += stride) {
                        out[at + i] = s.get(i64, off);
                    }
                    return;
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < n; i++, off += stride) {
            out[at + i] = key(s, off, t);
        }
    }

    /** The key of float16 bits. */
    static int half(short bits) {
        int h = bits;
        if ((h & 0x7fff) > 0x7c00) {
            h = 0x7fff;
        }
        return h ^ ((h >> 15) & 0x7fff);
    }

    /** The key of float32 bits. */
    static int float32(int bits) {
        if ((bits & 0x7fffffff) > 0x7f800000) {
            bits = 0x7fffffff;
        }
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The key of float64 bits. */
    static long float64(long bits) {
        if ((bits & 0x7fffffffffffffffL) > 0x7ff0000000000000L) {
            bits = 0x7fffffffffffffffL;
        }
        return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
    }

    /** {@return the value of a float key as a double (exact), or of an integer key (rounded for 64-bit)} */
    static double toDouble(long key, DType.Kind k) {
        return switch (k) {
            case FLOAT16 -> Float.float16ToFloat((short) (key ^ ((key >> 15) & 0x7fff)));
            case FLOAT32 -> Float.intBitsToFloat((int) key ^ (((int) key >> 31) & 0x7fffffff));
            case FLOAT64 -> Double.longBitsToDouble(key ^ ((key >> 63) & 0x7fffffffffffffffL));
            case UINT64 -> Elements.unsignedToDouble(toLong(key, k));
            default -> toLong(key, k);
        };
    }

    /** {@return the value of an integer key: its two's-complement bits (uint64 as unsigned bits)} */
    static long toLong(long key, DType.Kind k) {
        return switch (k) {
            case UINT32 -> (key ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL;
            case UINT64 -> key ^ Long.MIN_VALUE;
            default -> key;
        };
    }
}
