package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * Reads runs of strided elements of any dtype into Java arrays: the common first step of histograms, cumulative
 * sums, covariance and matrix products. The dtype is dispatched once per run, not per element, and native-order
 * float and integer runs read through plain layouts; everything else goes through {@link Elements}, with NumPy's
 * conversions (unsigned integers unsigned, bool as 0 or 1, float16 exactly).
 */
final class LinalgLoad {

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    private LinalgLoad() {
    }

    /**
     * Reads {@code n} elements starting at byte offset {@code off}, {@code stride} bytes apart, as doubles into
     * {@code out[at, at + n)} (complex: the real part; int64 beyond 2^53 rounded, as NumPy's cast to float64).
     */
    static void doubles(MemorySegment s, long off, long stride, DType t, int n, double[] out, int at) {
        if (!t.isNativeOrder()) {
            for (int i = 0; i < n; i++, off += stride) {
                out[at + i] = Elements.getDouble(s, off, t);
            }
            return;
        }
        switch (t.kind()) {
            case FLOAT64 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(F64, off);
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(F32, off);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(I64, off);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(I32, off);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(I16, off);
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(ValueLayout.JAVA_BYTE, off);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
                }
            }
            default -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = Elements.getDouble(s, off, t);
                }
            }
        }
    }

    /**
     * Reads {@code n} integer (or bool) elements exactly as longs (uint64 as its bits) into {@code out[at, at + n)};
     * float elements are cast like {@code astype(int64)}.
     */
    static void longs(MemorySegment s, long off, long stride, DType t, int n, long[] out, int at) {
        if (t.isNativeOrder() && t.kind() == DType.Kind.INT64) {
            for (int i = 0; i < n; i++, off += stride) {
                out[at + i] = s.get(I64, off);
            }
        } else if (t.isNativeOrder() && t.kind() == DType.Kind.INT32) {
            for (int i = 0; i < n; i++, off += stride) {
                out[at + i] = s.get(I32, off);
            }
        } else {
            for (int i = 0; i < n; i++, off += stride) {
                out[at + i] = Elements.getLong(s, off, t);
            }
        }
    }
}
