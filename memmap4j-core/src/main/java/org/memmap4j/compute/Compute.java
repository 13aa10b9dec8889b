package org.memmap4j.compute;

import java.util.Objects;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;

/**
 * Out-of-core computation on arrays of any size, with NumPy's names: reductions ({@code sum}, {@code mean},
 * {@code std}, ...), order statistics ({@code median}, {@code percentile}), masks, several-array operations
 * ({@code cov}, {@code corrcoef}, {@code dot}), generators ({@code zeros}, {@code linspace}, random). Elementwise
 * expressions are built with {@link Expr}.
 *
 * <p>A {@code Compute} is an immutable pairing of a {@link ChunkExecutor} (where chunks run) and a
 * {@link ProgressListener} (who hears about them). {@link #local()} uses every core of this machine.
 *
 * <p>Every operation reads its inputs in chunks, on all the executor's threads, and keeps heap use independent of
 * the array sizes; partial results merge in chunk order over fixed blocks, so results are identical for any thread
 * count and chunk size. Operations accept any view: slices, transposes, Fortran order, non-native byte order.
 */
public final class Compute {

    private static final Compute LOCAL = new Compute(ChunkExecutor.local(), ProgressListener.NONE);

    final ChunkExecutor executor;
    final ProgressListener progress;

    private Compute(ChunkExecutor executor, ProgressListener progress) {
        this.executor = executor;
        this.progress = progress;
    }

    /** {@return computation on the shared local executor, one thread per core} */
    public static Compute local() {
        return LOCAL;
    }

    /**
     * Returns computation on the given executor.
     *
     * @param executor where chunks run
     * @return the compute
     */
    public static Compute on(ChunkExecutor executor) {
        return new Compute(Objects.requireNonNull(executor, "executor"), ProgressListener.NONE);
    }

    /**
     * Returns a copy that reports progress of every operation to a listener.
     *
     * @param listener hears bytes done / total per job
     * @return the compute
     */
    public Compute withProgress(ProgressListener listener) {
        return new Compute(executor, Objects.requireNonNull(listener, "listener"));
    }

    /** {@return the executor chunks run on} */
    public ChunkExecutor executor() {
        return executor;
    }

    // ==== reductions (ReduceOps) =================================================================================

    // ==== elementwise and masks (Expr, MaskOps) ==================================================================

    // ==== order statistics (QuantileOps) =========================================================================

    /**
     * Returns the median of all elements, like {@code np.median(a)}: the middle element of the sorted elements, or
     * the mean of the two middle ones, computed exactly as NumPy does (see {@link #median(NDArray, int[], boolean)}).
     *
     * @param a the array, of any real dtype
     * @return a 0-d array: float64 for integer and bool input, else the input's float dtype
     * @throws IllegalArgumentException if a is complex
     */
    public NDArray median(NDArray a) {
        return QuantileOps.median(this, a, null, false);
    }

    /**
     * Returns the median along one axis, like {@code np.median(a, axis=axis)}.
     *
     * @param a    the array, of any real dtype
     * @param axis the axis; negative counts from the end
     * @return the medians, shaped like a without the axis
     * @throws IllegalArgumentException if a is complex or the axis is out of range
     */
    public NDArray median(NDArray a, int axis) {
        return QuantileOps.median(this, a, new int[] {axis}, false);
    }

    /**
     * Returns the median over some axes, like {@code np.median(a, axis=axes, keepdims=keepdims)}.
     *
     * <p>Exact and equal to NumPy's: the result is NumPy's {@code mean} of the one or two middle elements (float64
     * for integer and bool input; float32 arithmetic, rounded to float16, for float16; the input's dtype for float32
     * and float64). A lane holding a NaN gives NaN; an empty lane gives NaN. The order of equal keys -0.0 and +0.0
     * is -0.0 first, so the sign of a zero result may differ from NumPy's, whose partition leaves it unspecified.
     *
     * <p>Out of core: lanes of up to 262,144 elements are selected in memory, one lane per task at a time; longer
     * lanes by radix selection on order-preserving keys (a sample brackets the middle, then two parallel passes
     * narrow it down), with heap bounded by histograms and a few thousand keys, whatever the array's size.
     *
     * @param a        the array, of any real dtype, any layout and byte order
     * @param axes     the axes to reduce (negative count from the end), or null for all
     * @param keepdims true to keep reduced axes with length 1
     * @return the medians
     * @throws IllegalArgumentException if a is complex, or an axis is out of range or repeated
     */
    public NDArray median(NDArray a, int[] axes, boolean keepdims) {
        return QuantileOps.median(this, a, axes, keepdims);
    }

    /**
     * Returns the q-th percentile of all elements, like {@code np.percentile(a, q)} with a Python scalar q (see
     * {@link #quantile(NDArray, double, int[], boolean)}).
     *
     * @param a the array, of any real non-bool dtype
     * @param q the percentile, in [0, 100]
     * @return a 0-d array: float64 for integer input, else the input's float dtype
     * @throws IllegalArgumentException if a is complex, bool or empty, or q is outside [0, 100] or NaN
     */
    public NDArray percentile(NDArray a, double q) {
        return QuantileOps.quantile(this, a, new double[] {q / 100}, true, null, false, true);
    }

    /**
     * Returns the q-th percentile over some axes, like {@code np.percentile(a, q, axis=axes, keepdims=keepdims)}
     * with a Python scalar q: {@code quantile(a, q / 100, ...)}.
     *
     * @param a        the array, of any real non-bool dtype
     * @param q        the percentile, in [0, 100]
     * @param axes     the axes to reduce, or null for all
     * @param keepdims true to keep reduced axes with length 1
     * @return the percentiles: float64 for integer input, else the input's float dtype
     * @throws IllegalArgumentException if a is complex or bool, a reduced lane is empty, q is outside [0, 100] or
     *                                  NaN, or an axis is out of range or repeated
     */
    public NDArray percentile(NDArray a, double q, int[] axes, boolean keepdims) {
        return QuantileOps.quantile(this, a, new double[] {q / 100}, true, axes, keepdims, true);
    }

    /**
     * Returns several percentiles of all elements, like {@code np.percentile(a, [q0, q1, ...])}.
     *
     * @param a the array, of any real non-bool dtype
     * @param q the percentiles, each in [0, 100]
     * @return float64 array of shape {@code (q.length,)}
     * @throws IllegalArgumentException if a is complex, bool or empty, or a q is outside [0, 100] or NaN
     */
    public NDArray percentile(NDArray a, double[] q) {
        return QuantileOps.quantile(this, a, percents(q), false, null, false, true);
    }

    /**
     * Returns several percentiles over some axes, like {@code np.percentile(a, [q0, ...], axis=axes,
     * keepdims=keepdims)}: {@code quantile(a, q / 100, ...)}.
     *
     * @param a        the array, of any real non-bool dtype
     * @param q        the percentiles, each in [0, 100]
     * @param axes     the axes to reduce, or null for all
     * @param keepdims true to keep reduced axes with length 1
     * @return float64 array of shape {@code (q.length,) + reduced shape}
     * @throws IllegalArgumentException if a is complex or bool, a reduced lane is empty, a q is outside [0, 100] or
     *                                  NaN, or an axis is out of range or repeated
     */
    public NDArray percentile(NDArray a, double[] q, int[] axes, boolean keepdims) {
        return QuantileOps.quantile(this, a, percents(q), false, axes, keepdims, true);
    }

    private static double[] percents(double[] q) {
        double[] out = Objects.requireNonNull(q, "q").clone();
        for (int i = 0; i < out.length; i++) {
            out[i] /= 100;
        }
        return out;
    }

    /**
     * Returns the q-th quantile of all elements, like {@code np.quantile(a, q)} with a Python scalar q (see
     * {@link #quantile(NDArray, double, int[], boolean)}).
     *
     * @param a the array, of any real non-bool dtype
     * @param q the quantile, in [0, 1]
     * @return a 0-d array: float64 for integer input, else the input's float dtype
     * @throws IllegalArgumentException if a is complex, bool or empty, or q is outside [0, 1] or NaN
     */
    public NDArray quantile(NDArray a, double q) {
        return QuantileOps.quantile(this, a, new double[] {q}, true, null, false, false);
    }

    /**
     * Returns the q-th quantile over some axes, like {@code np.quantile(a, q, axis=axes, keepdims=keepdims)} with a
     * Python scalar q and NumPy's default method 'linear'.
     *
     * <p>Exact and equal to NumPy's: with virtual index {@code v = (n - 1) q}, the elements of sorted rank
     * {@code floor(v)} and {@code floor(v) + 1} are selected (out of core, as for
     * {@link #median(NDArray, int[], boolean)}) and interpolated with NumPy's own operations and dtypes: the
     * difference {@code b - a} in the input's dtype (integer differences wrap, as in NumPy), then float64 for
     * integer input, and the input's float dtype, with q rounded to it, for float input. A lane holding a NaN gives
     * NaN.
     *
     * @param a        the array, of any real non-bool dtype, any layout and byte order
     * @param q        the quantile, in [0, 1]
     * @param axes     the axes to reduce (negative count from the end), or null for all
     * @param keepdims true to keep reduced axes with length 1
     * @return the quantiles: float64 for integer input, else the input's float dtype
     * @throws IllegalArgumentException if a is complex or bool, a reduced lane is empty, q is outside [0, 1] or NaN,
     *                                  or an axis is out of range or repeated
     */
    public NDArray quantile(NDArray a, double q, int[] axes, boolean keepdims) {
        return QuantileOps.quantile(this, a, new double[] {q}, true, axes, keepdims, false);
    }

    /**
     * Returns several quantiles of all elements, like {@code np.quantile(a, [q0, q1, ...])}.
     *
     * @param a the array, of any real non-bool dtype
     * @param q the quantiles, each in [0, 1]
     * @return float64 array of shape {@code (q.length,)}
     * @throws IllegalArgumentException if a is complex, bool or empty, or a q is outside [0, 1] or NaN
     */
    public NDArray quantile(NDArray a, double[] q) {
        return QuantileOps.quantile(this, a, Objects.requireNonNull(q, "q").clone(), false, null, false, false);
    }

    /**
     * Returns several quantiles over some axes, like {@code np.quantile(a, [q0, ...], axis=axes,
     * keepdims=keepdims)}. As with NumPy's q arrays, interpolation after the difference {@code b - a} runs in
     * float64 and the result is float64 whatever the input's dtype.
     *
     * @param a        the array, of any real non-bool dtype
     * @param q        the quantiles, each in [0, 1]
     * @param axes     the axes to reduce, or null for all
     * @param keepdims true to keep reduced axes with length 1
     * @return float64 array of shape {@code (q.length,) + reduced shape}
     * @throws IllegalArgumentException if a is complex or bool, a reduced lane is empty, a q is outside [0, 1] or
     *                                  NaN, or an axis is out of range or repeated
     */
    public NDArray quantile(NDArray a, double[] q, int[] axes, boolean keepdims) {
        return QuantileOps.quantile(this, a, Objects.requireNonNull(q, "q").clone(), false, axes, keepdims, false);
    }

    // ==== several arrays (LinalgOps, HistogramOps, CumulativeOps) ================================================

    /**
     * Returns the histogram of all elements in equal bins over the data's range, like
     * {@code np.histogram(a, bins)}: the range is the elements' minimum and maximum (one pass), widened by 0.5 on
     * each side when they are equal, or [0, 1] for an empty array. See
     * {@link #histogram(NDArray, int, double, double)}.
     *
     * @param a    the array, of any real dtype (bool counts as 0 and 1), any layout
     * @param bins the number of bins, at least 1
     * @return int64 counts and the edges
     * @throws IllegalArgumentException if a is complex, bins is below 1, the data holds NaN or infinity (NumPy's
     *                                  "autodetected range is not finite"), or the range is too narrow for
     *                                  {@code bins} distinct edges
     */
    public Histogram histogram(NDArray a, int bins) {
        return HistogramOps.uniform(this, a, bins, null);
    }

    /**
     * Returns the histogram of all elements in equal bins over {@code [min, max]}, like
     * {@code np.histogram(a, bins, range=(min, max))}: elements outside the range (and NaN) are not counted, the
     * last bin includes {@code max}. Edges and bin indices are computed with NumPy's own formula in NumPy's dtypes
     * (float32 edges for float32 input, as NumPy returns them), so counts equal NumPy's, also for elements within
     * an ulp of an edge. Parallel and out of core; counts are identical for any thread count and chunk size.
     *
     * @param a    the array, of any real dtype (bool counts as 0 and 1), any layout
     * @param bins the number of bins, at least 1
     * @param min  the lower end of the range
     * @param max  the upper end of the range (equal to min: the range widens to {@code [min - 0.5, max + 0.5]})
     * @return int64 counts of shape {@code (bins,)} and edges of shape {@code (bins + 1,)}: float64, or the input's
     *         float dtype for float16 and float32 input
     * @throws IllegalArgumentException if a is complex, bins is below 1, min is above max, either is not finite, or
     *                                  the range is too narrow for {@code bins} distinct edges
     */
    public Histogram histogram(NDArray a, int bins, double min, double max) {
        return HistogramOps.uniform(this, a, bins, new double[] {min, max});
    }

    /**
     * Returns the histogram of all elements over explicit bin edges, like {@code np.histogram(a, bins=edges)}: bin
     * {@code i} counts {@code edges[i] <= x < edges[i + 1]}, the last bin also {@code x == edges[n]}, comparing in
     * float64; other elements and NaN are not counted.
     *
     * @param a     the array, of any real dtype (bool counts as 0 and 1), any layout
     * @param edges the edges, non-decreasing (infinities allowed)
     * @return int64 counts of shape {@code (edges.length - 1,)} and the edges as float64
     * @throws IllegalArgumentException if a is complex, edges is empty, holds NaN (NumPy does not check) or
     *                                  decreases somewhere
     */
    public Histogram histogram(NDArray a, double[] edges) {
        return HistogramOps.explicit(this, a, edges);
    }

    /**
     * Returns the cumulative sum of the elements in C order, like {@code np.cumsum(a)}: a 1-d array in memory (see
     * {@link #cumsum(NDArray, int, NDArray)} for dtypes and accumulation order).
     *
     * @param a the array, any dtype and layout
     * @return shape {@code (a.size(),)}: int64 for bool and signed integers up to 32 bits, uint64 for unsigned ones,
     *         else a's dtype
     */
    public NDArray cumsum(NDArray a) {
        return CumulativeOps.cumsum(this, a, null, null);
    }

    /**
     * Returns the cumulative sum along an axis, like {@code np.cumsum(a, axis=axis)}, in memory.
     *
     * @param a    the array, any dtype and layout
     * @param axis the axis; negative counts from the end
     * @return a's shape: int64 for bool and signed integers up to 32 bits, uint64 for unsigned ones, else a's dtype
     * @throws IllegalArgumentException if the axis is out of range
     */
    public NDArray cumsum(NDArray a, int axis) {
        return CumulativeOps.cumsum(this, a, axis, null);
    }

    /**
     * Writes the cumulative sum of the elements in C order into {@code out}, like {@code np.cumsum(a, out=out)}.
     *
     * @param a   the array, any dtype and layout
     * @param out a writable array of shape {@code (a.size(),)}, e.g. a memmap; may be a itself when a is
     *            C-contiguous and 1-d
     * @return out
     * @throws IllegalArgumentException if out has another shape, is read-only, or overlaps a other than element for
     *                                  element
     */
    public NDArray cumsum(NDArray a, NDArray out) {
        return CumulativeOps.cumsum(this, a, null, java.util.Objects.requireNonNull(out, "out"));
    }

    /**
     * Writes the cumulative sum along an axis into {@code out}, like {@code np.cumsum(a, axis=axis, out=out)}.
     *
     * <p>Sums accumulate in NumPy's dtype: without {@code out}, int64 for bool and signed integers up to 32 bits,
     * uint64 for unsigned ones, else a's dtype; with {@code out}, {@code np.result_type(a, out)} (so a float64 out
     * accumulates a float32 input in float64), cast to out's dtype on writing. Integers wrap as NumPy's do; floats
     * round after every addition in the accumulation dtype.
     *
     * <p>Order of accumulation (fixed, whatever the threads and chunks): lanes of up to 65,536 elements are summed
     * sequentially, exactly as NumPy does. Longer lanes are cut into blocks of 65,536 elements (of
     * {@code 65,536 / lanes} positions of every lane when lanes interleave in memory); each block is summed
     * sequentially, block offsets are the sequential sums of the previous blocks' totals, and each block then adds
     * its elements to its offset one by one. Integer results are always exact; float results equal NumPy's for the
     * first two blocks of a lane and differ afterwards only by the rounding of block totals. Two parallel passes over
     * a (totals, then offsets and writing), in rounds of bounded heap.
     *
     * @param a    the array, any dtype and layout
     * @param axis the axis; negative counts from the end
     * @param out  a writable array of a's shape, e.g. a memmap, any dtype; may be a itself (same dtype and layout)
     * @return out
     * @throws IllegalArgumentException if the axis is out of range, or out has another shape, is read-only, or
     *                                  overlaps a other than element for element
     */
    public NDArray cumsum(NDArray a, int axis, NDArray out) {
        return CumulativeOps.cumsum(this, a, axis, java.util.Objects.requireNonNull(out, "out"));
    }

    /**
     * Returns the covariance matrix of the rows of m, like {@code np.cov(m)}: each row a variable, each column an
     * observation, divisor {@code N - 1} (see {@link #cov(NDArray, int)}).
     *
     * @param m a 1-d or 2-d array of real dtype, e.g. 50 sensors x N readings, any layout (rows may be a strided
     *          selection); for variables in columns pass {@code m.T()}
     * @return float64 {@code S x S}, or 0-d for a single row
     * @throws IllegalArgumentException if m has more than 2 dimensions or is complex
     */
    public NDArray cov(NDArray m) {
        return LinalgCov.cov(this, m, 1, false);
    }

    /**
     * Returns the covariance matrix of the rows of m, like {@code np.cov(m, bias=bias)}: divisor N when bias,
     * {@code N - 1} otherwise.
     *
     * @param m    a 1-d or 2-d array of real dtype
     * @param bias true for the population covariance (divisor N)
     * @return float64 {@code S x S}, or 0-d for a single row
     * @throws IllegalArgumentException if m has more than 2 dimensions or is complex
     */
    public NDArray cov(NDArray m, boolean bias) {
        return LinalgCov.cov(this, m, bias ? 0 : 1, false);
    }

    /**
     * Returns the covariance matrix of the rows of m, like {@code np.cov(m, ddof=ddof)}: divisor {@code N - ddof}.
     *
     * <p>One parallel pass over fixed blocks of 1,024 columns: each block's row means and the Gram matrix
     * of its centred rows (four fused multiply-add accumulators per sum), merged in column order with Chan et al.'s
     * pairwise update; accurate when means are large against the spread, identical for any thread count and chunk
     * size, with heap independent of N. Like NumPy, a divisor {@code <= 0} becomes 0 (entries turn infinite or NaN),
     * no columns give NaN, and no rows an empty 0 x 0 matrix. Results agree with NumPy's to about 1e-13 relative.
     *
     * @param m    a 1-d or 2-d array of real dtype, any layout
     * @param ddof delta degrees of freedom
     * @return float64 {@code S x S}, or 0-d for a single row
     * @throws IllegalArgumentException if m has more than 2 dimensions or is complex
     */
    public NDArray cov(NDArray m, int ddof) {
        return LinalgCov.cov(this, m, ddof, false);
    }

    /**
     * Returns the correlation coefficients of the rows of m, like {@code np.corrcoef(m)}: the covariance matrix
     * (computed as by {@link #cov(NDArray, int)}) divided by the rows' standard deviations, then clipped to
     * [-1, 1]. A single row gives {@code c / c}: 1.0, or NaN when its variance is 0, infinite or NaN.
     *
     * @param m a 1-d or 2-d array of real dtype, any layout (e.g. {@code a.get("::10, :10000")})
     * @return float64 {@code S x S}, or 0-d for a single row
     * @throws IllegalArgumentException if m has more than 2 dimensions or is complex
     */
    public NDArray corrcoef(NDArray m) {
        return LinalgCov.cov(this, m, 1, true);
    }

    /**
     * Returns the product of two 1-d or 2-d arrays, like {@code np.dot(a, b)} (see
     * {@link #matmul(NDArray, NDArray, NDArray)}).
     *
     * @param a the left operand: a vector (K,) or a matrix (M, K)
     * @param b the right operand: a vector (K,) or a matrix (K, P)
     * @return in memory: 0-d for two vectors, (M,) or (P,) for a matrix and a vector, (M, P) for two matrices
     * @throws IllegalArgumentException if an operand is 0-d or has more than 2 dimensions, or the inner lengths
     *                                  differ
     */
    public NDArray dot(NDArray a, NDArray b) {
        return LinalgMatmul.product(this, a, b, null, "dot");
    }

    /**
     * Writes the product of two 1-d or 2-d arrays into {@code out}, like {@code np.dot(a, b, out=out)} (see
     * {@link #matmul(NDArray, NDArray, NDArray)}).
     *
     * @param a   the left operand: a vector (K,) or a matrix (M, K)
     * @param b   the right operand: a vector (K,) or a matrix (K, P)
     * @param out a writable array of the result's shape, e.g. a memmap; values are cast to its dtype
     * @return out
     * @throws IllegalArgumentException if an operand is 0-d or has more than 2 dimensions, the inner lengths differ,
     *                                  or out has another shape, is read-only or shares memory with an operand
     */
    public NDArray dot(NDArray a, NDArray b, NDArray out) {
        return LinalgMatmul.product(this, a, b, java.util.Objects.requireNonNull(out, "out"), "dot");
    }

    /**
     * Returns {@code a @ b} for 1-d and 2-d arrays, like {@code np.matmul(a, b)} (see
     * {@link #matmul(NDArray, NDArray, NDArray)}).
     *
     * @param a the left operand: a vector (K,) or a matrix (M, K)
     * @param b the right operand: a vector (K,) or a matrix (K, P)
     * @return in memory: 0-d for two vectors, (M,) or (P,) for a matrix and a vector, (M, P) for two matrices
     * @throws IllegalArgumentException if an operand is 0-d or has more than 2 dimensions (batched products are not
     *                                  supported), or the inner lengths differ
     */
    public NDArray matmul(NDArray a, NDArray b) {
        return LinalgMatmul.product(this, a, b, null, "matmul");
    }

    /**
     * Writes {@code a @ b} for 1-d and 2-d arrays into {@code out}, like {@code np.matmul(a, b, out=out)}.
     *
     * <p>Blocked for operands larger than the heap (memory-mapped): tasks compute 64 x 64 tiles of the result,
     * reading panels 256 deep; inner dimensions beyond 262,144 are also split, so that matrix-vector products run in
     * parallel. The result dtype is NumPy's promotion of the two dtypes ({@code np.result_type(a, b)}). Integer
     * products are exact and wrap like NumPy's; bool is "any of the products". Float products (float16, float32,
     * float64) accumulate in float64 with fused multiply-adds and round once to the result dtype: float32 results are
     * more accurate than NumPy's float32 BLAS and may differ from it in the last bits. Complex products accumulate in
     * float64. The accumulation order depends on the shapes only, so results are identical for any thread count and
     * chunk size.
     *
     * @param a   the left operand: a vector (K,) or a matrix (M, K), any dtype and layout
     * @param b   the right operand: a vector (K,) or a matrix (K, P), any dtype and layout
     * @param out a writable array of the result's shape, e.g. a memmap; values are cast to its dtype like an array
     *            assignment
     * @return out
     * @throws IllegalArgumentException if an operand is 0-d or has more than 2 dimensions, the inner lengths differ,
     *                                  or out has another shape, is read-only or shares memory with an operand
     */
    public NDArray matmul(NDArray a, NDArray b, NDArray out) {
        return LinalgMatmul.product(this, a, b, java.util.Objects.requireNonNull(out, "out"), "matmul");
    }

    // ==== generators (Generators) ================================================================================
}
