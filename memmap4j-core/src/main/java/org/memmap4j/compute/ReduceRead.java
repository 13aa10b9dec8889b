package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * Reads runs of elements of any dtype and byte order into primitive buffers, with the dtype switch outside the
 * loop. Layouts are constants (C2 compiles segment access with a non-constant layout to a slow generic call), and
 * non-native byte order is a byte swap after a native read.
 */
final class ReduceRead {

    static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private ReduceRead() {
    }

    /**
     * Reads n elements at off, off + stride, ... as doubles: bool as 0/1, uint64 unsigned, complex as the real part;
     * tmp (at least n long) is scratch for the narrow integer kinds.
     */
    static void doubles(MemorySegment s, long off, long stride, int n, DType t, double[] dst, long[] tmp) {
        boolean swap = !t.isNativeOrder();
        switch (t.kind()) {
            case FLOAT32, COMPLEX64 -> {
                if (swap) {
                    for (int i = 0; i < n; i++, off += stride) {
                        dst[i] = Float.intBitsToFloat(Integer.reverseBytes(s.get(I32, off)));
                    }
                } else {
                    for (int i = 0; i < n; i++, off += stride) {
                        dst[i] = s.get(F32, off);
                    }
                }
            }
            case FLOAT64, COMPLEX128 -> {
                if (swap) {
                    for (int i = 0; i < n; i++, off += stride) {
                        dst[i] = Double.longBitsToDouble(Long.reverseBytes(s.get(I64, off)));
                    }
                } else {
                    for (int i = 0; i < n; i++, off += stride) {
                        dst[i] = s.get(F64, off);
                    }
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    short h = s.get(I16, off);
                    dst[i] = Float.float16ToFloat(swap ? Short.reverseBytes(h) : h);
                }
            }
            case UINT64 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    long v = s.get(I64, off);
                    dst[i] = Elements.unsignedToDouble(swap ? Long.reverseBytes(v) : v);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    long v = s.get(I64, off);
                    dst[i] = swap ? Long.reverseBytes(v) : v;
                }
            }
            default -> {
                // Narrower integers and bool are exact as longs: read them so, then widen.
                longs(s, off, stride, n, t, tmp);
                for (int i = 0; i < n; i++) {
                    dst[i] = tmp[i];
                }
            }
        }
    }

    /** Reads the imaginary parts of n complex elements. */
    static void imags(MemorySegment s, long off, long stride, int n, DType t, double[] dst, long[] tmp) {
        if (t.kind() == DType.Kind.COMPLEX64) {
            doubles(s, off + 4, stride, n, DType.of(DType.Kind.FLOAT32, t.order()), dst, tmp);
        } else {
            doubles(s, off + 8, stride, n, DType.of(DType.Kind.FLOAT64, t.order()), dst, tmp);
        }
    }

    /**
     * Reads n bool or integer elements as longs: bool as 0/1, signed kinds sign-extended, unsigned kinds
     * zero-extended, uint64 as its bits.
     */
    static void longs(MemorySegment s, long off, long stride, int n, DType t, long[] dst) {
        boolean swap = !t.isNativeOrder();
        switch (t.kind()) {
            case BOOL -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(I8, off) != 0 ? 1 : 0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(I8, off);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(I8, off) & 0xFF;
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    short v = s.get(I16, off);
                    dst[i] = swap ? Short.reverseBytes(v) : v;
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    short v = s.get(I16, off);
                    dst[i] = (swap ? Short.reverseBytes(v) : v) & 0xFFFF;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    int v = s.get(I32, off);
                    dst[i] = swap ? Integer.reverseBytes(v) : v;
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    int v = s.get(I32, off);
                    dst[i] = (swap ? Integer.reverseBytes(v) : v) & 0xFFFF_FFFFL;
                }
            }
            case INT64, UINT64 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    long v = s.get(I64, off);
                    dst[i] = swap ? Long.reverseBytes(v) : v;
                }
            }
            default -> throw new IllegalArgumentException("not an integer dtype: " + t);
        }
    }
}
