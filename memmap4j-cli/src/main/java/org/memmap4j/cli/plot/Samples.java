package org.memmap4j.cli.plot;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import org.memmap4j.DType;
import org.memmap4j.NDArray;

/**
 * Reads runs of an array's elements as doubles, straight from its memory: the dtype is resolved once, so each run
 * is a tight loop of one typed load per element (any stride, either byte order). Values are what
 * {@link NDArray#getDouble} returns: bool as 0/1, unsigned integers unsigned, int64 rounded to the nearest double.
 */
final class Samples {

    private final MemorySegment segment;
    private final DType.Kind kind;
    private final boolean swap;

    private Samples(MemorySegment segment, DType dtype) {
        this.segment = segment;
        this.kind = dtype.kind();
        this.swap = dtype.order() != ByteOrder.nativeOrder();
    }

    /**
     * Returns a reader of an array's memory: offsets passed to {@link #read} are relative to
     * {@link NDArray#segment()}, so {@link NDArray#segmentOffset()} and {@link NDArray#strides()} locate elements.
     *
     * @throws IllegalArgumentException if the dtype is complex (complex values have no place on an axis)
     */
    static Samples of(NDArray a) {
        requireReal(a);
        return new Samples(a.segment(), a.dtype());
    }

    /**
     * Checks that an array can be plotted.
     *
     * @throws IllegalArgumentException if its dtype is complex
     */
    static void requireReal(NDArray a) {
        if (a.dtype().kind().isComplex()) {
            throw new IllegalArgumentException("cannot plot " + a.dtype().kind().numpyName()
                    + " data: complex values have no order (plot the real or imaginary part as a real array)");
        }
    }

    /** Reads {@code n} elements starting at byte {@code offset}, {@code stride} bytes apart, into {@code out[0..n)}. */
    void read(long offset, long stride, int n, double[] out) {
        // Constant native layouts (a layout held in a field is not constant to the JIT, and is several times slower),
        // and a loop-invariant byte swap for the other order.
        MemorySegment s = segment;
        boolean swap = this.swap;
        switch (kind) {
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(JAVA_BYTE, offset + i * stride) != 0 ? 1 : 0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(JAVA_BYTE, offset + i * stride);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(JAVA_BYTE, offset + i * stride) & 0xFF;
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = i16(s, offset + i * stride, swap);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = i16(s, offset + i * stride, swap) & 0xFFFF;
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(i16(s, offset + i * stride, swap));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = i32(s, offset + i * stride, swap);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = i32(s, offset + i * stride, swap) & 0xFFFF_FFFFL;
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = i64(s, offset + i * stride, swap);
                }
            }
            case UINT64 -> {
                for (int i = 0; i < n; i++) {
                    long v = i64(s, offset + i * stride, swap);
                    // Unsigned: halve with the lost bit kept as a sticky bit, so the one rounding is correct.
                    out[i] = v >= 0 ? v : (double) (v >>> 1 | v & 1) * 2;
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat(i32(s, offset + i * stride, swap));
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Double.longBitsToDouble(i64(s, offset + i * stride, swap));
                }
            }
            case COMPLEX64, COMPLEX128 -> throw new AssertionError("rejected by of()");
        }
    }

    private static short i16(MemorySegment s, long off, boolean swap) {
        short v = s.get(JAVA_SHORT_UNALIGNED, off);
        return swap ? Short.reverseBytes(v) : v;
    }

    private static int i32(MemorySegment s, long off, boolean swap) {
        int v = s.get(JAVA_INT_UNALIGNED, off);
        return swap ? Integer.reverseBytes(v) : v;
    }

    private static long i64(MemorySegment s, long off, boolean swap) {
        long v = s.get(JAVA_LONG_UNALIGNED, off);
        return swap ? Long.reverseBytes(v) : v;
    }
}
