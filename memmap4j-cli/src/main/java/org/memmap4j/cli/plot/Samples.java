package org.memmap4j.cli.plot;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
    private final ValueLayout layout;

    private Samples(MemorySegment segment, DType dtype) {
        this.segment = segment;
        this.kind = dtype.kind();
        this.layout = dtype.layout();
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
        MemorySegment s = segment;
        switch (kind) {
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(ValueLayout.JAVA_BYTE, offset + i * stride) != 0 ? 1 : 0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(ValueLayout.JAVA_BYTE, offset + i * stride);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(ValueLayout.JAVA_BYTE, offset + i * stride) & 0xFF;
                }
            }
            case INT16 -> {
                ValueLayout.OfShort l = (ValueLayout.OfShort) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride);
                }
            }
            case UINT16 -> {
                ValueLayout.OfShort l = (ValueLayout.OfShort) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride) & 0xFFFF;
                }
            }
            case FLOAT16 -> {
                ValueLayout.OfShort l = (ValueLayout.OfShort) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(s.get(l, offset + i * stride));
                }
            }
            case INT32 -> {
                ValueLayout.OfInt l = (ValueLayout.OfInt) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride);
                }
            }
            case UINT32 -> {
                ValueLayout.OfInt l = (ValueLayout.OfInt) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride) & 0xFFFF_FFFFL;
                }
            }
            case INT64 -> {
                ValueLayout.OfLong l = (ValueLayout.OfLong) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride);
                }
            }
            case UINT64 -> {
                ValueLayout.OfLong l = (ValueLayout.OfLong) layout;
                for (int i = 0; i < n; i++) {
                    long v = s.get(l, offset + i * stride);
                    // Unsigned: halve with the lost bit kept as a sticky bit, so the one rounding is correct.
                    out[i] = v >= 0 ? v : (double) (v >>> 1 | v & 1) * 2;
                }
            }
            case FLOAT32 -> {
                ValueLayout.OfFloat l = (ValueLayout.OfFloat) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride);
                }
            }
            case FLOAT64 -> {
                ValueLayout.OfDouble l = (ValueLayout.OfDouble) layout;
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(l, offset + i * stride);
                }
            }
            case COMPLEX64, COMPLEX128 -> throw new AssertionError("rejected by of()");
        }
    }
}
