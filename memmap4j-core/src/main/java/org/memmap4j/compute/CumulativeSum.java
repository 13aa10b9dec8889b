package org.memmap4j.compute;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * Running sums in one accumulation dtype, with NumPy's arithmetic: integers wrap (64-bit carriers, exact modulo the
 * dtype's width once cast), floats round after every addition to their dtype (float16 via float32, as NumPy's half
 * loops), complex per component.
 *
 * <p>A running value is two longs: the integer, or the bits of the real and imaginary parts. A lane's state also
 * knows whether it has started: the first element is the sum itself (not {@code 0 + x}, which would turn -0.0 into
 * 0.0), as in {@code np.add.accumulate}.
 */
final class CumulativeSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int BUF = 1024;

    final DType.Kind type;
    private final boolean integer;
    private final boolean complex;
    private final HistogramBins.Arith arith;

    CumulativeSum(DType.Kind type) {
        this.type = type;
        this.integer = type.isInteger() || type.isBool();
        this.complex = type.isComplex();
        this.arith = switch (type) {
            case FLOAT16 -> HistogramBins.Arith.F16;
            case FLOAT32, COMPLEX64 -> HistogramBins.Arith.F32;
            default -> HistogramBins.Arith.F64;
        };
    }

    /** A lane's running value and whether it has started; {@code at} indexes value pairs in {@code v}. */
    static final class State {
        final long[] v;
        final boolean[] started;

        State(int lanes) {
            v = new long[2 * lanes];
            started = new boolean[lanes];
        }
    }

    /** {@code dst = dst + src} for running values (dst unstarted: dst = src). */
    void add(long[] dst, int d, boolean dstStarted, long[] src, int s) {
        if (!dstStarted) {
            dst[2 * d] = src[2 * s];
            dst[2 * d + 1] = src[2 * s + 1];
        } else if (integer) {
            dst[2 * d] = wrap(dst[2 * d] + src[2 * s]);
        } else {
            dst[2 * d] = bits(arith.add(real(dst, d), real(src, s)));
            if (complex) {
                dst[2 * d + 1] = bits(arith.add(imag(dst, d), imag(src, s)));
            }
        }
    }

    /**
     * Accumulates {@code n} elements of one lane into its state, writing every running value to {@code out} when
     * it is not null.
     */
    void row(MemorySegment in, long inOff, long inStride, DType inT, MemorySegment out, long outOff, long outStride,
             DType outT, long n, State st, int lane) {
        if (complex) {
            double re = real(st.v, lane);
            double im = imag(st.v, lane);
            boolean started = st.started[lane];
            for (long i = 0; i < n; i++, inOff += inStride, outOff += outStride) {
                double xr = arith.round(Elements.getDouble(in, inOff, inT));
                double xi = arith.round(Elements.getImag(in, inOff, inT));
                re = started ? arith.add(re, xr) : xr;
                im = started ? arith.add(im, xi) : xi;
                started = true;
                if (out != null) {
                    Elements.castComplex(out, outOff, outT, re, im);
                }
            }
            st.v[2 * lane] = bits(re);
            st.v[2 * lane + 1] = bits(im);
            st.started[lane] = started;
            return;
        }
        if (integer) {
            long[] buf = new long[(int) Math.min(BUF, n)];
            long run = st.v[2 * lane];
            boolean started = st.started[lane];
            for (long done = 0; done < n; done += buf.length) {
                int m = (int) Math.min(buf.length, n - done);
                LinalgLoad.longs(in, inOff + done * inStride, inStride, inT, m, buf, 0);
                for (int i = 0; i < m; i++) {
                    run = wrap(started ? run + buf[i] : buf[i]);
                    started = true;
                    if (out != null) {
                        Elements.castLong(out, outOff + (done + i) * outStride, outT, run);
                    }
                }
            }
            st.v[2 * lane] = run;
            st.started[lane] = started;
            return;
        }
        double[] buf = new double[(int) Math.min(BUF, n)];
        double run = real(st.v, lane);
        boolean started = st.started[lane];
        for (long done = 0; done < n; done += buf.length) {
            int m = (int) Math.min(buf.length, n - done);
            LinalgLoad.doubles(in, inOff + done * inStride, inStride, inT, m, buf, 0);
            for (int i = 0; i < m; i++) {
                double x = arith.round(buf[i]);
                run = started ? arith.add(run, x) : x;
                started = true;
                if (out != null) {
                    Elements.castDouble(out, outOff + (done + i) * outStride, outT, run);
                }
            }
        }
        st.v[2 * lane] = bits(run);
        st.started[lane] = started;
    }

    /**
     * Narrows an integer sum to the accumulation dtype, as NumPy's add loop in that dtype does: the wrapped value
     * matters when it is cast further (a sum wrapping to 0 in int8 is False as bool). Bool addition is logical or.
     */
    private long wrap(long v) {
        return switch (type) {
            case BOOL -> v != 0 ? 1 : 0;
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xFF;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xFFFF;
            case INT32 -> (int) v;
            case UINT32 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    private static double real(long[] v, int i) {
        return Double.longBitsToDouble(v[2 * i]);
    }

    private static double imag(long[] v, int i) {
        return Double.longBitsToDouble(v[2 * i + 1]);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }
}
