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

    // Every reduction reads its input once, in chunks on all the executor's threads, with heap use independent of the
    // array size, and returns a new array in memory. Float results are bit-identical for every thread count and chunk
    // size (fixed blocks merged in a fixed order) and with or without the Vector API (NaN results are the canonical
    // NaN). Any view works: slices, negative strides, transposes, Fortran order, big-endian data, 0-d and empty
    // arrays.

    /**
     * Returns the sum of the elements. Bool and signed integers sum in int64, unsigned integers in uint64, wrapping on
     * overflow as NumPy does; float16, float32, float64 and complex keep their dtype but accumulate in float64 in a
     * fixed order: pairwise over leaves of 256 elements in 16 lanes (as NumPy's pairwise summation: error below
     * about (20 + log2 n) ulps of float64 of the sum of magnitudes) when the reduced axes are innermost in memory;
     * along outer axes each output adds sequentially within at most 16 blocks merged pairwise (NumPy adds
     * sequentially there too). One rounding to the dtype follows: at least NumPy's accuracy, far better for
     * float16/float32. An empty slice sums to 0.
     *
     * <p>{@code np.sum(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray sum(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.SUM, null, false, 0, true);
    }

    /**
     * Returns {@code np.sum(a, axis=axes)}: {@link #sum(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray sum(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.SUM, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.sum(a, axis=axes, keepdims=keepdims)}: {@link #sum(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray sum(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.SUM, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the product of the elements. Integer dtypes and bool multiply in int64 (uint64 for unsigned), wrapping
     * like NumPy; floats and complex keep their dtype but multiply in float64 in a fixed order, then round once (so a
     * float32 product overflows only if the result does). An empty slice gives 1.
     *
     * <p>{@code np.prod(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray prod(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.PROD, null, false, 0, true);
    }

    /**
     * Returns {@code np.prod(a, axis=axes)}: {@link #prod(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray prod(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.PROD, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.prod(a, axis=axes, keepdims=keepdims)}: {@link #prod(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray prod(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.PROD, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the arithmetic mean: the pairwise float64 sum (as {@link #sum(NDArray)}) divided by the count. Integers
     * and bool give float64; float16, float32, float64 and complex keep their dtype. An empty slice gives NaN.
     *
     * <p>{@code np.mean(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray mean(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.MEAN, null, false, 0, true);
    }

    /**
     * Returns {@code np.mean(a, axis=axes)}: {@link #mean(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray mean(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.MEAN, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.mean(a, axis=axes, keepdims=keepdims)}: {@link #mean(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray mean(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.MEAN, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the smallest element, in the array's dtype. NaN propagates (the result is NaN if any element is);
     * -0.0 counts as smaller than +0.0 (NumPy returns whichever of two equal zeros comes first); complex numbers
     * compare lexicographically, and one with a NaN part is the result.
     *
     * <p>{@code np.min(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation minimum which has no identity"})
     */
    public NDArray min(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.MIN, null, false, 0, true);
    }

    /**
     * Returns {@code np.min(a, axis=axes)}: {@link #min(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation minimum which has no identity"})
     */
    public NDArray min(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.MIN, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.min(a, axis=axes, keepdims=keepdims)}: {@link #min(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation minimum which has no identity"})
     */
    public NDArray min(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.MIN, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the largest element, in the array's dtype. NaN propagates (the result is NaN if any element is);
     * +0.0 counts as larger than -0.0 (NumPy returns whichever of two equal zeros comes first); complex numbers
     * compare lexicographically, and one with a NaN part is the result.
     *
     * <p>{@code np.max(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation maximum which has no identity"})
     */
    public NDArray max(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.MAX, null, false, 0, true);
    }

    /**
     * Returns {@code np.max(a, axis=axes)}: {@link #max(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation maximum which has no identity"})
     */
    public NDArray max(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.MAX, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.max(a, axis=axes, keepdims=keepdims)}: {@link #max(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation maximum which has no identity"})
     */
    public NDArray max(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.MAX, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the number of nonzero elements, as int64. NaN is nonzero; a complex element is nonzero when either
     * part is.
     *
     * <p>{@code np.count_nonzero(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray countNonzero(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.COUNT_NONZERO, null, false, 0, true);
    }

    /**
     * Returns {@code np.count_nonzero(a, axis=axes)}: {@link #countNonzero(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray countNonzero(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.COUNT_NONZERO, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.count_nonzero(a, axis=axes, keepdims=keepdims)}: {@link #countNonzero(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray countNonzero(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.COUNT_NONZERO, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns whether any element is nonzero (NaN is), as bool. An empty slice gives false.
     *
     * <p>{@code np.any(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray any(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.ANY, null, false, 0, true);
    }

    /**
     * Returns {@code np.any(a, axis=axes)}: {@link #any(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray any(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.ANY, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.any(a, axis=axes, keepdims=keepdims)}: {@link #any(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray any(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.ANY, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns whether every element is nonzero (NaN is), as bool. An empty slice gives true.
     *
     * <p>{@code np.all(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray all(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.ALL, null, false, 0, true);
    }

    /**
     * Returns {@code np.all(a, axis=axes)}: {@link #all(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray all(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.ALL, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.all(a, axis=axes, keepdims=keepdims)}: {@link #all(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray all(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.ALL, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the sum of the elements that are not NaN (a complex element with a NaN part is skipped whole):
     * {@link #sum(NDArray)} with NaN read as 0. An all-NaN or empty slice sums to 0. For integer dtypes this is
     * {@code sum}.
     *
     * <p>{@code np.nansum(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray nansum(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANSUM, null, false, 0, true);
    }

    /**
     * Returns {@code np.nansum(a, axis=axes)}: {@link #nansum(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nansum(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANSUM, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nansum(a, axis=axes, keepdims=keepdims)}: {@link #nansum(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nansum(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANSUM, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the mean of the elements that are not NaN; an all-NaN or empty slice gives NaN (NumPy also warns).
     * For integer dtypes this is {@code mean}.
     *
     * <p>{@code np.nanmean(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray nanmean(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMEAN, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanmean(a, axis=axes)}: {@link #nanmean(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nanmean(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMEAN, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nanmean(a, axis=axes, keepdims=keepdims)}: {@link #nanmean(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nanmean(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMEAN, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the smallest element that is not NaN; an all-NaN slice gives NaN (NumPy also warns). Zeros and
     * complex numbers order as in {@link #min(NDArray)}.
     *
     * <p>{@code np.nanmin(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation fmin which has no identity"})
     */
    public NDArray nanmin(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMIN, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanmin(a, axis=axes)}: {@link #nanmin(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation fmin which has no identity"})
     */
    public NDArray nanmin(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMIN, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nanmin(a, axis=axes, keepdims=keepdims)}: {@link #nanmin(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation fmin which has no identity"})
     */
    public NDArray nanmin(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMIN, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the largest element that is not NaN; an all-NaN slice gives NaN (NumPy also warns). Zeros and
     * complex numbers order as in {@link #max(NDArray)}.
     *
     * <p>{@code np.nanmax(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation fmax which has no identity"})
     */
    public NDArray nanmax(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMAX, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanmax(a, axis=axes)}: {@link #nanmax(NDArray)} along the given axes, which are removed from
     * the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation fmax which has no identity"})
     */
    public NDArray nanmax(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMAX, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nanmax(a, axis=axes, keepdims=keepdims)}: {@link #nanmax(NDArray)} along the given axes.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     * @throws IllegalArgumentException if a slice to reduce is empty while the result is not ({@code "zero-size
     *                                  array to reduction operation fmax which has no identity"})
     */
    public NDArray nanmax(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANMAX, axes == null ? null : axes.clone(), keepdims, 0, true);
    }

    /**
     * Returns the variance, {@code sum(|x - mean|^2) / (n - ddof)}, in one pass over the data: per-leaf shifted
     * sums in float64 merged with Chan's formula in a fixed pairwise order (relative error a few ulps of float64 on
     * ordinary data, at most about 300 ulps for adversarial data; NumPy makes two passes with a full-size temporary).
     * Integers and bool give float64, floats keep their dtype, complex gives its component dtype (the variance of
     * the real part plus that of the imaginary part). The divisor is {@code max(n - ddof, 0)}, so {@code n <= ddof}
     * gives inf or NaN, and an empty slice gives NaN, as NumPy.
     *
     * <p>{@code np.var(a)}: over all elements with {@code ddof=0}, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray var(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.VAR, null, false, 0, true);
    }

    /**
     * Returns {@code np.var(a, axis=axes)} with {@code ddof=0}: {@link #var(NDArray)} along the given axes, which
     * are removed from the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray var(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.VAR, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.var(a, axis=axes, keepdims=keepdims, ddof=ddof)}.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @param ddof     delta degrees of freedom: the divisor is {@code n - ddof} (1 for the sample variance)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray var(NDArray a, int[] axes, boolean keepdims, double ddof) {
        return ReduceOps.reduce(this, a, ReduceOp.VAR, axes == null ? null : axes.clone(), keepdims, ddof, true);
    }

    /**
     * Returns the standard deviation: the square root of {@link #var(NDArray, int[], boolean, double)}, with its
     * dtypes, accuracy and edge cases.
     *
     * <p>{@code np.std(a)}: over all elements with {@code ddof=0}, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray std(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.STD, null, false, 0, true);
    }

    /**
     * Returns {@code np.std(a, axis=axes)} with {@code ddof=0}: {@link #std(NDArray)} along the given axes, which
     * are removed from the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray std(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.STD, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.std(a, axis=axes, keepdims=keepdims, ddof=ddof)}.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @param ddof     delta degrees of freedom: the divisor is {@code n - ddof} (1 for the sample variance)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray std(NDArray a, int[] axes, boolean keepdims, double ddof) {
        return ReduceOps.reduce(this, a, ReduceOp.STD, axes == null ? null : axes.clone(), keepdims, ddof, true);
    }

    /**
     * Returns the variance of the elements that are not NaN (see {@link #var(NDArray, int[], boolean, double)});
     * an all-NaN slice, or any with {@code n - ddof <= 0}, gives NaN.
     *
     * <p>{@code np.nanvar(a)}: over all elements with {@code ddof=0}, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray nanvar(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANVAR, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanvar(a, axis=axes)} with {@code ddof=0}: {@link #nanvar(NDArray)} along the given axes, which
     * are removed from the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nanvar(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANVAR, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nanvar(a, axis=axes, keepdims=keepdims, ddof=ddof)}.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @param ddof     delta degrees of freedom: the divisor is {@code n - ddof} (1 for the sample variance)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nanvar(NDArray a, int[] axes, boolean keepdims, double ddof) {
        return ReduceOps.reduce(this, a, ReduceOp.NANVAR, axes == null ? null : axes.clone(), keepdims, ddof, true);
    }

    /**
     * Returns the standard deviation of the elements that are not NaN: the square root of
     * {@link #nanvar(NDArray, int[], boolean, double)}.
     *
     * <p>{@code np.nanstd(a)}: over all elements with {@code ddof=0}, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray nanstd(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANSTD, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanstd(a, axis=axes)} with {@code ddof=0}: {@link #nanstd(NDArray)} along the given axes, which
     * are removed from the shape. No axes reduces nothing ({@code axis=()}).
     *
     * @param a    the array
     * @param axes the axes to reduce; negative ones count from the last (null: all)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nanstd(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANSTD, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nanstd(a, axis=axes, keepdims=keepdims, ddof=ddof)}.
     *
     * @param a        the array
     * @param axes     the axes to reduce, negative ones counting from the last; null for all ({@code axis=None}),
     *                 empty for none
     * @param keepdims keep the reduced axes with length 1, so that the result broadcasts against {@code a}
     * @param ddof     delta degrees of freedom: the divisor is {@code n - ddof} (1 for the sample variance)
     * @return a new array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if an axis is out of bounds ({@code "axis 2 is out of bounds for array of
     *                                  dimension 2"}) or repeated ({@code "duplicate value in 'axis'"})
     */
    public NDArray nanstd(NDArray a, int[] axes, boolean keepdims, double ddof) {
        return ReduceOps.reduce(this, a, ReduceOp.NANSTD, axes == null ? null : axes.clone(), keepdims, ddof, true);
    }

    /**
     * Returns {@code np.argmin(a)}: the flat index, in C order, of the first smallest element as a 0-d int64 array,
     * or of the first NaN if there is one (for complex, the first element with a NaN part; complex numbers compare
     * lexicographically).
     *
     * @param a the array
     * @return a new 0-d int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the array is empty ({@code "attempt to get argmin of an empty sequence"})
     */
    public NDArray argmin(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.ARGMIN, null, false, 0, true);
    }

    /**
     * Returns {@code np.argmin(a, axis=axis)}: the index along one axis of the first smallest element (or first
     * NaN) of each slice, as int64, with that axis removed from the shape.
     *
     * @param a    the array
     * @param axis the axis; negative counts from the last (a 0-d array accepts 0 and -1, as in NumPy)
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, or the slices are empty while the result is
     *                                  not ({@code "attempt to get argmin of an empty sequence"})
     */
    public NDArray argmin(NDArray a, int axis) {
        return ReduceOps.reduce(this, a, ReduceOp.ARGMIN, new int[] {axis}, false, 0, true);
    }

    /**
     * Returns {@code np.argmin(a, axis=axis, keepdims=keepdims)}: {@link #argmin(NDArray, int)}, keeping the axis with
     * length 1 if asked.
     *
     * @param a        the array
     * @param axis     the axis; negative counts from the last
     * @param keepdims keep the axis with length 1
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, or the slices are empty while the result is
     *                                  not ({@code "attempt to get argmin of an empty sequence"})
     */
    public NDArray argmin(NDArray a, int axis, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.ARGMIN, new int[] {axis}, keepdims, 0, true);
    }

    /**
     * Returns {@code np.argmax(a)}: the flat index, in C order, of the first largest element as a 0-d int64 array,
     * or of the first NaN if there is one (for complex, the first element with a NaN part; complex numbers compare
     * lexicographically).
     *
     * @param a the array
     * @return a new 0-d int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the array is empty ({@code "attempt to get argmax of an empty sequence"})
     */
    public NDArray argmax(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.ARGMAX, null, false, 0, true);
    }

    /**
     * Returns {@code np.argmax(a, axis=axis)}: the index along one axis of the first largest element (or first
     * NaN) of each slice, as int64, with that axis removed from the shape.
     *
     * @param a    the array
     * @param axis the axis; negative counts from the last (a 0-d array accepts 0 and -1, as in NumPy)
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, or the slices are empty while the result is
     *                                  not ({@code "attempt to get argmax of an empty sequence"})
     */
    public NDArray argmax(NDArray a, int axis) {
        return ReduceOps.reduce(this, a, ReduceOp.ARGMAX, new int[] {axis}, false, 0, true);
    }

    /**
     * Returns {@code np.argmax(a, axis=axis, keepdims=keepdims)}: {@link #argmax(NDArray, int)}, keeping the axis with
     * length 1 if asked.
     *
     * @param a        the array
     * @param axis     the axis; negative counts from the last
     * @param keepdims keep the axis with length 1
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, or the slices are empty while the result is
     *                                  not ({@code "attempt to get argmax of an empty sequence"})
     */
    public NDArray argmax(NDArray a, int axis, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.ARGMAX, new int[] {axis}, keepdims, 0, true);
    }

    // ==== elementwise and masks (Expr, MaskOps) ==================================================================

    // ==== order statistics (QuantileOps) =========================================================================

    // ==== several arrays (LinalgOps, HistogramOps, CumulativeOps) ================================================

    // ==== generators (Generators) ================================================================================
}
