package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.RangeTask;

/**
 * {@code np.cov} and {@code np.corrcoef} of the rows of an {@code S x N} array with N as large as the file:
 * one parallel pass over fixed super-blocks of columns.
 *
 * <p>Rows are first shifted by their first element (covariance does not change), so that means stay small. Each
 * super-block ({@link #BLOCK_COLUMNS} columns) is small enough to stay in cache, so it is read twice: once for its row means, once for the co-moments of its mean-centred rows (the Gram matrix, by
 * {@link LinalgKernel}). Super-blocks then merge in column order with Chan et al.'s pairwise update
 * ({@code M2 = M2a + M2b + d d^T na nb / n}, {@code d} the difference of means), which stays accurate when means are
 * large against the spread. Chunks hold whole super-blocks and hand back one partial per super-block, so the merge
 * order, and the result's bits, do not depend on threads or chunk size. Heap: a tile of at most 16 Ki doubles per
 * task and {@code S (S + 1) / 2} co-moments per partial, in rounds of bounded size.
 *
 * <p>Complex rows are read as {@code 2 S} real rows (the real parts, then the imaginary parts) through the same pass;
 * the complex128 result {@code sum (x_i - mean_i) conj(x_j - mean_j) / (N - ddof)} is assembled from their
 * co-moments at the end ({@link #complexMatrix}).
 */
final class LinalgCov {

    /** Doubles in a tile of rows read at once: 128 KiB, so that the Gram kernel's rows come from L2. */
    private static final int TILE = 1 << 14;
    /** Super-blocks of at most this many doubles (1 MiB) are read once and kept in memory. */
    private static final int ONCE = 1 << 17;

    private LinalgCov() {
    }

    /** Columns per super-block (a multiple of 4): the merge's O(S^2) is small against the block's O(S^2 W). */
    static final int BLOCK_COLUMNS = 1024;

    /** Count, row means and packed lower-triangle co-moments of some columns. */
    record Part(long n, double[] mean, double[] m2) implements java.io.Serializable {
    }

    /**
     * Returns the covariance (or correlation) matrix of the rows of m.
     *
     * @param ddof delta degrees of freedom: the divisor is {@code N - ddof}
     */
    static NDArray cov(Compute c, NDArray m, int ddof, boolean correlation) {
        return cov(c, m, ddof, correlation, true);
    }

    /** As above, with the scalar kernel when {@code vector} is false (tests compare the two). */
    static NDArray cov(Compute c, NDArray m, int ddof, boolean correlation, boolean vector) {
        Objects.requireNonNull(m, "m");
        if (m.ndim() > 2) {
            throw new IllegalArgumentException("m has more than 2 dimensions");
        }
        int rows = m.ndim() == 2 ? Math.toIntExact(m.shape(0)) : 1;
        long cols = m.ndim() == 2 ? m.shape(1) : m.ndim() == 1 ? m.shape(0) : 1;
        if (rows == 0) {
            return NDArrays.empty(DType.FLOAT64, 0, 0); // NumPy's np.array([]).reshape(0, 0), complex input too
        }
        long rowStride = m.ndim() == 2 ? m.strides()[0] : 0;
        long colStride = m.ndim() == 2 ? m.strides()[1] : m.ndim() == 1 ? m.strides()[0] : 0;
        boolean complex = m.dtype().kind().isComplex();
        // A complex row is read as two real rows, its real parts and its imaginary parts (after all real ones): the
        // complex co-moments are sums of the real ones, so the real pass, its order and its merges serve both.
        NDArray data = complex ? parts(m, rows, cols, rowStride, colStride) : m;
        long[] rowOff = new long[complex ? 2 * rows : rows];
        for (int i = 0; i < rows; i++) {
            rowOff[i] = i * rowStride;
            if (complex) {
                rowOff[rows + i] = i * rowStride + m.itemsize() / 2;
            }
        }
        Part total = cols == 0 ? null : moments(c, data, rowOff, cols, colStride, vector);
        // NumPy: fact = N - ddof, 0.0 when not positive, and the matrix multiplied by 1 / fact.
        double fact = Math.max(0, cols - ddof);
        double scale = 1.0 / fact;
        // An empty row set: NumPy's dot of empty rows is 0, times 1/0.
        double[] m2 = total == null ? new double[rowOff.length * (rowOff.length + 1) / 2] : total.m2();
        return complex ? complexMatrix(m2, rows, scale, correlation) : realMatrix(m2, rows, scale, correlation);
    }

    /** The real and imaginary parts of complex m as one real array (2, rows, cols), over the same memory. */
    private static NDArray parts(NDArray m, int rows, long cols, long rowStride, long colStride) {
        DType part = DType.of(m.dtype().kind() == DType.Kind.COMPLEX64 ? DType.Kind.FLOAT32 : DType.Kind.FLOAT64,
                m.dtype().order());
        return m.asStrided(part, 0, new long[] {2, rows, cols}, new long[] {m.itemsize() / 2, rowStride, colStride});
    }

    /** The co-moment of rows i and j from the packed lower triangle. */
    private static double g(double[] m2, int i, int j) {
        return i >= j ? m2[i * (i + 1) / 2 + j] : m2[j * (j + 1) / 2 + i];
    }

    private static NDArray realMatrix(double[] m2, int rows, double scale, boolean correlation) {
        double[] cov = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j <= i; j++) {
                double v = g(m2, i, j) * scale;
                cov[i * rows + j] = v;
                cov[j * rows + i] = v;
            }
        }
        if (correlation) {
            correlate(cov, rows);
        }
        // NumPy squeezes the 1 x 1 matrix of a single row to a 0-d array.
        NDArray out = rows == 1 ? NDArrays.empty(DType.FLOAT64) : NDArrays.empty(DType.FLOAT64, rows, rows);
        MemorySegment s = out.segment();
        for (int i = 0; i < cov.length; i++) {
            s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, i, cov[i]);
        }
        return out;
    }

    /** NumPy's corrcoef from a covariance: divide by the standard deviations, row then column; clip to [-1, 1]. */
    private static void correlate(double[] c, int rows) {
        if (rows == 1) {
            c[0] = c[0] / c[0]; // NumPy's "scalar covariance": nan for 0, inf and nan, 1 otherwise
            return;
        }
        double[] sd = new double[rows];
        for (int i = 0; i < rows; i++) {
            sd[i] = Math.sqrt(c[i * rows + i]);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                c[i * rows + j] = clip(c[i * rows + j] / sd[i] / sd[j]);
            }
        }
    }

    /** {@code np.clip(v, -1, 1)}, which keeps NaN. */
    private static double clip(double v) {
        return Double.isNaN(v) ? v : Math.clamp(v, -1.0, 1.0);
    }

    /**
     * NumPy's complex covariance {@code X @ X.conj().T * (1 / fact)} and corrcoef, from the co-moments of the rows
     * (real parts, then imaginary parts): {@code C[i, j] = sum x_i conj(x_j)} has real part
     * {@code re_i.re_j + im_i.im_j} and imaginary part {@code im_i.re_j - re_i.im_j}. NumPy's complex arithmetic
     * follows: the scale is a complex multiply by {@code (1 / fact) + 0j} (so a divisor of 0 gives NumPy's
     * {@code inf+nanj}), corrcoef divides by {@code sqrt(C[i, i].real)} as a complex division (Smith's algorithm),
     * row then column, and clips the real and imaginary parts to [-1, 1] separately; a single row gives
     * {@code c / c}.
     */
    private static NDArray complexMatrix(double[] m2, int rows, double scale, boolean correlation) {
        int n = rows * rows;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                int e = i * rows + j;
                ExprComplexMath.multiply(g(m2, i, j) + g(m2, rows + i, rows + j),
                        g(m2, rows + i, j) - g(m2, rows + j, i), scale, 0, false, re, im, e);
            }
        }
        if (correlation && rows == 1) {
            ExprComplexMath.divide(re[0], im[0], re[0], im[0], false, re, im, 0);
        } else if (correlation) {
            double[] sd = new double[rows];
            for (int i = 0; i < rows; i++) {
                sd[i] = Math.sqrt(re[i * rows + i]);
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < rows; j++) {
                    int e = i * rows + j;
                    ExprComplexMath.divide(re[e], im[e], sd[i], 0, false, re, im, e);
                    ExprComplexMath.divide(re[e], im[e], sd[j], 0, false, re, im, e);
                    re[e] = clip(re[e]);
                    im[e] = clip(im[e]);
                }
            }
        }
        NDArray out = rows == 1 ? NDArrays.empty(DType.COMPLEX128) : NDArrays.empty(DType.COMPLEX128, rows, rows);
        MemorySegment s = out.segment();
        for (int e = 0; e < n; e++) {
            s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, 2L * e, re[e]);
            s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, 2L * e + 1, im[e]);
        }
        return out;
    }

    /** One pass over all columns: per-super-block moments, merged in column order. */
    private static Part moments(Compute c, NDArray m, long[] rowOff, long cols, long colStride, boolean vector) {
        ArrayRef ref = ArrayRef.of(m);
        int rows = rowOff.length;
        int w = BLOCK_COLUMNS;
        // Rows are shifted by their first element: means of the shifted data are small, so their rounding (and
        // the merge's) stays small against the spread even when the data sit far from zero. Covariance ignores it.
        double[] shift = new double[rows];
        double[] first = new double[1];
        for (int i = 0; i < rows; i++) {
            LinalgLoad.doubles(m.segment(), m.segmentOffset() + rowOff[i], colStride, m.dtype(), 1, first, 0);
            shift[i] = Double.isFinite(first[0]) ? first[0] : 0;
        }
        RangeTask<List<Part>> task = (from, to) -> ref.apply(a -> {
            List<Part> parts = new ArrayList<>();
            for (long b = from; b < to; b += w) {
                parts.add(block(a, rowOff, colStride, shift, b, Math.min(to, b + w), vector));
            }
            return parts;
        });
        int pairs = rows * (rows + 1) / 2;
        long perBlock = 8L * (pairs + rows + 2);
        long blocksPerChunk = Math.max(1, c.executor.chunkBytes() / ((long) rows * m.itemsize() * w));
        Part[] acc = {null};
        RadixRounds.run(c, "cov", cols, (long) rows * m.itemsize(), w, perBlock * blocksPerChunk, task, parts -> {
            for (Part p : parts) {
                acc[0] = acc[0] == null ? p : merge(acc[0], p, rows);
            }
        }, m);
        return acc[0];
    }

    /** Moments of columns {@code [c0, c1)}: row means, then co-moments of the centred rows, tile by tile. */
    static Part block(NDArray a, long[] rowOff, long colStride, double[] shift, long c0, long c1, boolean vector) {
        int rows = rowOff.length;
        MemorySegment s = a.segment();
        DType t = a.dtype();
        long base = a.segmentOffset();
        int n = (int) (c1 - c0);
        // Tile width depends on S alone: it fixes where the Gram's partial sums are combined.
        int tw = Math.max(LinalgKernel.LANES, TILE / rows / LinalgKernel.LANES * LinalgKernel.LANES);
        // A block that fits ONCE doubles is read once and kept; a larger one is read twice, tile by tile. Both
        // compute the same operations in the same order.
        boolean once = (long) rows * n <= ONCE;
        double[] tile = new double[once ? rows * n : rows * Math.min(tw, n)];
        if (once) {
            load(s, base, t, rowOff, colStride, shift, c0, n, tile);
        }
        double[] sum = new double[rows];
        for (int x = 0; x < n; x += tw) {
            int wt = Math.min(tw, n - x);
            int ld = once ? n : wt;
            int off = once ? x : 0;
            if (!once) {
                load(s, base, t, rowOff, colStride, shift, c0 + x, wt, tile);
            }
            for (int i = 0; i < rows; i++) {
                double acc = sum[i];
                for (int k = 0; k < wt; k++) {
                    acc += tile[off + i * ld + k];
                }
                sum[i] = acc;
            }
        }
        double[] mean = new double[rows];
        for (int i = 0; i < rows; i++) {
            mean[i] = sum[i] / n;
        }
        LinalgKernel kernel = vector ? LinalgKernel.INSTANCE : LinalgKernel.SCALAR;
        int pairs = rows * (rows + 1) / 2;
        double[] m2 = new double[pairs];
        for (int x = 0; x < n; x += tw) {
            int wt = Math.min(tw, n - x);
            int ld = once ? n : wt;
            int off = once ? x : 0;
            if (!once) {
                load(s, base, t, rowOff, colStride, shift, c0 + x, wt, tile);
            }
            for (int i = 0; i < rows; i++) {
                double mu = mean[i];
                for (int k = 0; k < wt; k++) {
                    tile[off + i * ld + k] -= mu;
                }
            }
            kernel.gram(tile, off, ld, rows, wt, m2);
        }
        return new Part(n, mean, m2);
    }

    private static void load(MemorySegment s, long base, DType t, long[] rowOff, long colStride, double[] shift,
                             long col, int wt, double[] tile) {
        for (int i = 0; i < rowOff.length; i++) {
            LinalgLoad.doubles(s, base + rowOff[i] + col * colStride, colStride, t, wt, tile, i * wt);
            double k = shift[i];
            for (int j = i * wt; j < (i + 1) * wt; j++) {
                tile[j] -= k;
            }
        }
    }

    /** Chan, Golub and LeVeque's pairwise update of means and co-moments. */
    static Part merge(Part a, Part b, int rows) {
        long n = a.n() + b.n();
        double f = (double) a.n() * b.n() / n;
        double wb = (double) b.n() / n;
        double[] d = new double[rows];
        double[] mean = new double[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = b.mean()[i] - a.mean()[i];
            mean[i] = a.mean()[i] + d[i] * wb;
        }
        double[] m2 = new double[a.m2().length];
        for (int i = 0, p = 0; i < rows; i++) {
            for (int j = 0; j <= i; j++, p++) {
                m2[p] = a.m2()[p] + b.m2()[p] + d[i] * d[j] * f;
            }
        }
        return new Part(n, mean, m2);
    }
}
