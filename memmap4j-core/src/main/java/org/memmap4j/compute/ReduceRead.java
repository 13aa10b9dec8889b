package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * Reads runs of elements of any dtype and byte order into primitive buffers, with the dtype switch outside the
 * loop (reductions read every element once, so per-element dispatch would dominate).
 */
final class ReduceRead {

    private ReduceRead() {
    }

    /** Reads n elements at off, off + stride, ... as doubles: bool as 0/1, uint64 unsigned, complex as the real part. */
    static void doubles(MemorySegment s, long off, long stride, int n, DType t, double[] dst) {
        ValueLayout l = t.layout();
        switch (t.kind()) {
            case BOOL -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(ValueLayout.JAVA_BYTE, off) != 0 ? 1.0 : 0.0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(ValueLayout.JAVA_BYTE, off);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
                }
            }
            case INT16 -> {
                ValueLayout.OfShort o = (ValueLayout.OfShort) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            case UINT16 -> {
                ValueLayout.OfShort o = (ValueLayout.OfShort) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off) & 0xFFFF;
                }
            }
            case FLOAT16 -> {
                ValueLayout.OfShort o = (ValueLayout.OfShort) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = Float.float16ToFloat(s.get(o, off));
                }
            }
            case INT32 -> {
                ValueLayout.OfInt o = (ValueLayout.OfInt) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            case UINT32 -> {
                ValueLayout.OfInt o = (ValueLayout.OfInt) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off) & 0xFFFF_FFFFL;
                }
            }
            case INT64 -> {
                ValueLayout.OfLong o = (ValueLayout.OfLong) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            case UINT64 -> {
                ValueLayout.OfLong o = (ValueLayout.OfLong) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = Elements.unsignedToDouble(s.get(o, off));
                }
            }
            case FLOAT32, COMPLEX64 -> {
                ValueLayout.OfFloat o = (ValueLayout.OfFloat) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            case FLOAT64, COMPLEX128 -> {
                ValueLayout.OfDouble o = (ValueLayout.OfDouble) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
        }
    }

    /** Reads the imaginary parts of n complex elements. */
    static void imags(MemorySegment s, long off, long stride, int n, DType t, double[] dst) {
        if (t.kind() == DType.Kind.COMPLEX64) {
            doubles(s, off + 4, stride, n, DType.of(DType.Kind.FLOAT32, t.order()), dst);
        } else {
            doubles(s, off + 8, stride, n, DType.of(DType.Kind.FLOAT64, t.order()), dst);
        }
    }

    /**
     * Reads n bool or integer elements as longs: bool as 0/1, signed kinds sign-extended, unsigned kinds
     * zero-extended, uint64 as its bits.
     */
    static void longs(MemorySegment s, long off, long stride, int n, DType t, long[] dst) {
        ValueLayout l = t.layout();
        switch (t.kind()) {
            case BOOL -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(ValueLayout.JAVA_BYTE, off) != 0 ? 1 : 0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(ValueLayout.JAVA_BYTE, off);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
                }
            }
            case INT16 -> {
                ValueLayout.OfShort o = (ValueLayout.OfShort) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            case UINT16 -> {
                ValueLayout.OfShort o = (ValueLayout.OfShort) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off) & 0xFFFF;
                }
            }
            case INT32 -> {
                ValueLayout.OfInt o = (ValueLayout.OfInt) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            case UINT32 -> {
                ValueLayout.OfInt o = (ValueLayout.OfInt) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off) & 0xFFFF_FFFFL;
                }
            }
            case INT64, UINT64 -> {
                ValueLayout.OfLong o = (ValueLayout.OfLong) l;
                for (int i = 0; i < n; i++, off += stride) {
                    dst[i] = s.get(o, off);
                }
            }
            default -> throw new IllegalArgumentException("not an integer dtype: " + t);
        }
    }
}
