package org.memmap4j.compute;

import java.io.Serializable;
import org.memmap4j.internal.Elements;

/**
 * Which bin an element falls in, decided as {@code np.histogram} decides it, so that counts equal NumPy's.
 *
 * <p>Equal bins follow NumPy's fast path operation for operation, each in NumPy's dtype: keep the elements in
 * {@code [first, last]}, convert to the edges' dtype, {@code f = (x - first) / (last - first) * bins}, truncate,
 * move elements of {@code last} into the last bin, then correct the index by one where {@code x} lies below its
 * bin's lower edge or at or above its upper edge (the last bin is closed). Explicit edges count like NumPy's
 * {@code searchsorted}: bin {@code i} holds {@code edges[i] <= x < edges[i + 1]}, the last also {@code x == edges[n]},
 * compared in float64.
 */
final class HistogramBins implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Arithmetic in one of NumPy's float dtypes, on double carriers holding values exact in that dtype. */
    enum Arith {
        F16, F32, F64;

        /** Rounds a double to this dtype (once). */
        double round(double v) {
            return switch (this) {
                case F16 -> Float.float16ToFloat(Elements.doubleToHalf(v));
                case F32 -> (float) v;
                case F64 -> v;
            };
        }

        double sub(double a, double b) {
            return switch (this) {
                case F16 -> half((float) a - (float) b);
                case F32 -> (float) a - (float) b;
                case F64 -> a - b;
            };
        }

        double add(double a, double b) {
            return switch (this) {
                case F16 -> half((float) a + (float) b);
                case F32 -> (float) a + (float) b;
                case F64 -> a + b;
            };
        }

        double mul(double a, double b) {
            return switch (this) {
                case F16 -> half((float) a * (float) b);
                case F32 -> (float) a * (float) b;
                case F64 -> a * b;
            };
        }

        double div(double a, double b) {
            return switch (this) {
                case F16 -> half((float) a / (float) b);
                case F32 -> (float) a / (float) b;
                case F64 -> a / b;
            };
        }

        /** NumPy computes float16 operations in float32 and rounds the result to float16. */
        private static float half(float f) {
            return Float.float16ToFloat(Float.floatToFloat16(f));
        }
    }

    final int bins;
    /** The edges, exact in the edges' dtype. */
    final double[] edges;
    final boolean uniform;
    // Equal bins: NumPy's formula.
    final boolean keepAll;
    final double keepLo;
    final double keepHi;
    final Arith e;
    final Arith f;
    final double firstE;
    final double denomF;
    final double binsF;

    private HistogramBins(double[] edges, boolean uniform, boolean keepAll, double keepLo, double keepHi, Arith e,
                          Arith f, double firstE, double denomF) {
        this.bins = edges.length - 1;
        this.edges = edges;
        this.uniform = uniform;
        this.keepAll = keepAll;
        this.keepLo = keepLo;
        this.keepHi = keepHi;
        this.e = e;
        this.f = f;
        this.firstE = firstE;
        this.denomF = denomF;
        this.binsF = f == null ? 0 : f.round(bins);
    }

    /**
     * Equal bins with NumPy's index formula.
     *
     * @param edges   the edges, in dtype e
     * @param keepAll true when the range came from the data (every element lies in it)
     * @param keepLo  lower bound of kept elements, in the dtype elements are compared in
     * @param e       the edges' dtype, which elements are converted to
     * @param f       the dtype of {@code (x - first) / denom * bins}
     * @param firstE  the first edge in dtype e
     * @param denomF  {@code last - first} as NumPy computes it, in dtype f
     */
    static HistogramBins uniform(double[] edges, boolean keepAll, double keepLo, double keepHi, Arith e, Arith f,
                                 double firstE, double denomF) {
        return new HistogramBins(edges, true, keepAll, keepLo, keepHi, e, f, firstE, denomF);
    }

    /** Explicit edges (float64, non-decreasing, no NaN). */
    static HistogramBins explicit(double[] edges) {
        return new HistogramBins(edges, false, false, 0, 0, null, null, 0, 0);
    }

    /**
     * Counts the bins of {@code n} values: the same as {@link #bin} for each. For the usual dtypes (float64
     * arithmetic, or float32 throughout) the index guesses of a whole block come from {@link HistogramKernel}
     * first.
     */
    void count(double[] x, int n, long[] counts, int[] guess, boolean vector) {
        boolean f64 = uniform && e == Arith.F64 && f == Arith.F64;
        boolean f32 = uniform && e == Arith.F32 && f == Arith.F32;
        if (!f64 && !f32) {
            for (int i = 0; i < n; i++) {
                int b = bin(x[i]);
                if (b >= 0) {
                    counts[b]++;
                }
            }
            return;
        }
        (vector ? HistogramKernel.INSTANCE : HistogramKernel.SCALAR).guess(x, n, firstE, denomF, binsF, f32, guess);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (keepAll || (v >= keepLo && v <= keepHi)) {
                int b = correct(v, guess[i]);
                if (b >= 0) {
                    counts[b]++;
                }
            }
        }
    }

    /** NumPy's truncation of the computed index and its corrections against the edges. */
    private int correct(double xe, double v) {
        // v >= 0 here; the cast saturates, and NumPy's index is at most bins.
        int idx = (int) Math.min(v, bins);
        if (idx == bins) {
            idx--;
        }
        if (xe < edges[idx]) {
            if (--idx < 0) {
                return -1;
            }
        } else if (idx != bins - 1 && xe >= edges[idx + 1]) {
            idx++;
        }
        return idx;
    }

    /** {@return the bin of an element's value (as a double, exact for floats), or -1 if it is not counted} */
    int bin(double x) {
        if (uniform) {
            if (!keepAll && !(x >= keepLo && x <= keepHi)) {
                return -1;
            }
            double xe = e.round(x);
            return correct(xe, f.mul(f.div(e.sub(xe, firstE), denomF), binsF));
        }
        if (bins < 1 || !(x >= edges[0] && x <= edges[bins])) {
            return -1;
        }
        // The largest i with edges[i] <= x; x equal to the last edge belongs to the last bin.
        int lo = 0;
        int hi = bins;
        while (lo < hi) {
            int m = (lo + hi + 1) >>> 1;
            if (edges[m] <= x) {
                lo = m;
            } else {
                hi = m - 1;
            }
        }
        return Math.min(lo, bins - 1);
    }
}
