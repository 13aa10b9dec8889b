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

    /** {@return the smallest key of the kind} */
    static long minKey(DType.Kind k) {
        return switch (k) {
            case BOOL, UINT8, UINT16 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16, FLOAT16 -> Short.MIN_VALUE;
            case INT32, UINT32, FLOAT32 -> Integer.MIN_VALUE;
            case INT64, UINT64, FLOAT64 -> Long.MIN_VALUE;
            default -> throw new IllegalArgumentException(k.numpyName() + " has no order");
        };
    }

    /** {@return the largest key of the kind; for floats the key of NaN} */
    static long maxKey(DType.Kind k) {
        return switch (k) {
            case BOOL -> 1;
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case INT8 -> Byte.MAX_VALUE;
            case INT16, FLOAT16 -> Short.MAX_VALUE;
            case INT32, UINT32, FLOAT32 -> Integer.MAX_VALUE;
            case INT64, UINT64, FLOAT64 -> Long.MAX_VALUE;
            default -> throw new IllegalArgumentException(k.numpyName() + " has no order");
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
            default -> throw new IllegalArgumentException(t.kind().numpyName() + " has no order");
        };
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
