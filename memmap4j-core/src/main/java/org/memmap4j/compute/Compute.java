package org.memmap4j.compute;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Randoms;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.internal.Elements;

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

    private static final Compute LOCAL = new Compute(ChunkExecutor.local(), ProgressListener.NONE, true);

    final ChunkExecutor executor;
    final ProgressListener progress;
    /** Whether files this Compute writes are forced to the storage device before they are renamed into place. */
    final boolean durable;

    private Compute(ChunkExecutor executor, ProgressListener progress, boolean durable) {
        this.executor = executor;
        this.progress = progress;
        this.durable = durable;
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
        return new Compute(Objects.requireNonNull(executor, "executor"), ProgressListener.NONE, true);
    }

    /**
     * Returns a copy that reports progress of every operation to a listener.
     *
     * @param listener hears bytes done / total per job
     * @return the compute
     */
    public Compute withProgress(ProgressListener listener) {
        return new Compute(executor, Objects.requireNonNull(listener, "listener"), durable);
    }

    /**
     * Returns a copy that forces (or not) the files it writes ({@code evalToNpy}, {@code evalToRaw},
     * {@code extractToNpy}, {@code compressToNpy}) to the storage device before renaming them into place. The
     * default is to force them: the result then survives a power failure. Without it a file still appears whole or
     * not at all, and survives the process being killed, as with {@code np.save}; for a scratch result it saves the
     * wait for the disk, most of the time taken when writing a large file.
     *
     * @param durable whether to force written files to the storage device
     * @return the compute
     */
    public Compute withDurableFiles(boolean durable) {
        return new Compute(executor, progress, durable);
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
     * Returns the product of the elements that are not NaN (a complex element with a NaN part is skipped whole):
     * {@link #prod(NDArray)} with NaN read as 1, as NumPy's nanprod. An all-NaN or empty slice gives 1. For integer
     * dtypes and bool this is {@code prod}.
     *
     * <p>{@code np.nanprod(a)}: over all elements, as a 0-d array.
     *
     * @param a the array
     * @return a new 0-d array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray nanprod(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANPROD, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanprod(a, axis=axes)}: {@link #nanprod(NDArray)} along the given axes, which are removed
     * from the shape. No axes reduces nothing ({@code axis=()}).
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
    public NDArray nanprod(NDArray a, int... axes) {
        return ReduceOps.reduce(this, a, ReduceOp.NANPROD, axes == null ? null : axes.clone(), false, 0, true);
    }

    /**
     * Returns {@code np.nanprod(a, axis=axes, keepdims=keepdims)}: {@link #nanprod(NDArray)} along the given axes.
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
    public NDArray nanprod(NDArray a, int[] axes, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANPROD, axes == null ? null : axes.clone(), keepdims, 0, true);
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

    /**
     * Returns {@code np.nanargmin(a)}: the flat index, in C order, of the first smallest element that is not NaN, as a
     * 0-d int64 array. As NumPy, NaN counts as +inf (a complex element with a NaN part as +inf + 0j), so the
     * position of a NaN is returned when the smallest number is that infinity and the NaN comes first. Contiguous
     * float32/float64 data is searched with vector kernels.
     *
     * @param a the array
     * @return a new 0-d int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the array is empty ({@code "attempt to get argmin of an empty sequence"}) or
     *                                  all its elements are NaN ({@code "All-NaN slice encountered"})
     */
    public NDArray nanargmin(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANARGMIN, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanargmin(a, axis=axis)}: the index along one axis of the first smallest element that is not
     * NaN of each slice (see {@link #nanargmin(NDArray)}), as int64, with that axis removed from the shape.
     *
     * @param a    the array
     * @param axis the axis; negative counts from the last (a 0-d array accepts 0 and -1, as in NumPy)
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, the slices are empty while the result is not
     *                                  ({@code "attempt to get argmin of an empty sequence"}), or a slice holds only
     *                                  NaN ({@code "All-NaN slice encountered"})
     */
    public NDArray nanargmin(NDArray a, int axis) {
        return ReduceOps.reduce(this, a, ReduceOp.NANARGMIN, new int[] {axis}, false, 0, true);
    }

    /**
     * Returns {@code np.nanargmin(a, axis=axis, keepdims=keepdims)}: {@link #nanargmin(NDArray, int)}, keeping the axis
     * with length 1 if asked.
     *
     * @param a        the array
     * @param axis     the axis; negative counts from the last
     * @param keepdims keep the axis with length 1
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, the slices are empty while the result is not
     *                                  ({@code "attempt to get argmin of an empty sequence"}), or a slice holds only
     *                                  NaN ({@code "All-NaN slice encountered"})
     */
    public NDArray nanargmin(NDArray a, int axis, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANARGMIN, new int[] {axis}, keepdims, 0, true);
    }

    /**
     * Returns {@code np.nanargmax(a)}: the flat index, in C order, of the first largest element that is not NaN, as a
     * 0-d int64 array. As NumPy, NaN counts as -inf (a complex element with a NaN part as -inf + 0j), so the
     * position of a NaN is returned when the largest number is that infinity and the NaN comes first. Contiguous
     * float32/float64 data is searched with vector kernels.
     *
     * @param a the array
     * @return a new 0-d int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the array is empty ({@code "attempt to get argmax of an empty sequence"}) or
     *                                  all its elements are NaN ({@code "All-NaN slice encountered"})
     */
    public NDArray nanargmax(NDArray a) {
        return ReduceOps.reduce(this, a, ReduceOp.NANARGMAX, null, false, 0, true);
    }

    /**
     * Returns {@code np.nanargmax(a, axis=axis)}: the index along one axis of the first largest element that is not
     * NaN of each slice (see {@link #nanargmax(NDArray)}), as int64, with that axis removed from the shape.
     *
     * @param a    the array
     * @param axis the axis; negative counts from the last (a 0-d array accepts 0 and -1, as in NumPy)
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, the slices are empty while the result is not
     *                                  ({@code "attempt to get argmax of an empty sequence"}), or a slice holds only
     *                                  NaN ({@code "All-NaN slice encountered"})
     */
    public NDArray nanargmax(NDArray a, int axis) {
        return ReduceOps.reduce(this, a, ReduceOp.NANARGMAX, new int[] {axis}, false, 0, true);
    }

    /**
     * Returns {@code np.nanargmax(a, axis=axis, keepdims=keepdims)}: {@link #nanargmax(NDArray, int)}, keeping the axis
     * with length 1 if asked.
     *
     * @param a        the array
     * @param axis     the axis; negative counts from the last
     * @param keepdims keep the axis with length 1
     * @return a new int64 array in memory
     * @throws NullPointerException if a is null
     * @throws IllegalStateException if the array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws IllegalArgumentException if the axis is out of bounds, the slices are empty while the result is not
     *                                  ({@code "attempt to get argmax of an empty sequence"}), or a slice holds only
     *                                  NaN ({@code "All-NaN slice encountered"})
     */
    public NDArray nanargmax(NDArray a, int axis, boolean keepdims) {
        return ReduceOps.reduce(this, a, ReduceOp.NANARGMAX, new int[] {axis}, keepdims, 0, true);
    }

    // ==== elementwise and masks (Expr, MaskOps) ==================================================================

    /**
     * Evaluates an expression into a new in-memory C-ordered array of its dtype and shape, in one fused pass.
     *
     * @param expr the expression
     * @return the new array
     * @throws NullPointerException     if expr is null
     * @throws IllegalArgumentException if the result would exceed 2^63 bytes, or an integer power has a negative
     *                                  exponent
     * @throws IllegalStateException    if an operand array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray eval(Expr expr) {
        return ElementwiseOps.eval(this, Objects.requireNonNull(expr, "expr"));
    }

    /**
     * Evaluates an expression into an existing array, like a ufunc's {@code out=} argument: the expression
     * broadcasts to {@code out}'s shape, and its result dtype must cast to {@code out}'s with NumPy's
     * {@code same_kind} rule (float64 into float32 is allowed, float into int is not). {@code out} may be any
     * writable view, and may be an operand: elements are read before they are overwritten, and an operand that
     * overlaps {@code out} in another layout is first evaluated into a temporary, as NumPy does.
     *
     * @param expr the expression
     * @param out  the output array
     * @return out
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if out is read-only, its shape is not the broadcast shape of itself and the
     *                                  expression, or the cast is not same_kind
     * @throws IllegalStateException    if an array is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public NDArray evalInto(Expr expr, NDArray out) {
        return ElementwiseOps.evalInto(this, Objects.requireNonNull(expr, "expr"), Objects.requireNonNull(out, "out"));
    }

    /**
     * Evaluates an expression into a new C-ordered .npy file of its dtype and shape, like a chunked loop into
     * {@code np.lib.format.open_memmap}, in one fused pass. The file is written under a temporary name in the same
     * directory (chunks by positional writes, which cost the kernel less than page faults in a fresh mapping),
     * forced to disk and renamed into place: readers never see a partial file, and a failure leaves {@code file}
     * as it was. The expression may read {@code file} itself (its old contents).
     *
     * @param expr      the expression
     * @param file      the file to create
     * @param overwrite whether an existing file may be replaced
     * @return the new file, mapped read-write (close it to unmap)
     * @throws NullPointerException     if an argument is null
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwrite is false
     * @throws IOException              if the file cannot be written or mapped
     * @throws IllegalArgumentException if an integer power has a negative exponent
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (no file is left)
     */
    public NDArray evalToNpy(Expr expr, Path file, boolean overwrite) throws IOException {
        return ElementwiseOps.evalToNpy(this, Objects.requireNonNull(expr, "expr"), Objects.requireNonNull(file, "file"), overwrite);
    }

    /**
     * Evaluates an expression into a new raw file (C-ordered elements in native byte order, no header, as
     * {@code ndarray.tofile}), written like {@link #evalToNpy}.
     *
     * @param expr      the expression
     * @param file      the file to create
     * @param overwrite whether an existing file may be replaced
     * @return the new file, mapped read-write (close it to unmap); for an empty result, an empty in-memory array
     *         (an empty region cannot be mapped)
     * @throws NullPointerException     if an argument is null
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwrite is false
     * @throws IOException              if the file cannot be written or mapped
     * @throws IllegalArgumentException if an integer power has a negative exponent
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (no file is left)
     */
    public NDArray evalToRaw(Expr expr, Path file, boolean overwrite) throws IOException {
        return ElementwiseOps.evalToRaw(this, Objects.requireNonNull(expr, "expr"), Objects.requireNonNull(file, "file"), overwrite);
    }

    /**
     * Counts the elements of an expression that are true (nonzero; NaN counts), like {@code np.count_nonzero},
     * without materialising it. A comparison of a contiguous float32/float64 array with a scalar runs as one
     * vectorised pass.
     *
     * @param mask the expression, of any dtype
     * @return the count
     * @throws NullPointerException if mask is null
     * @throws IllegalStateException if an operand array is closed
     */
    public long countNonzero(Expr mask) {
        return MaskOps.countNonzero(this, Objects.requireNonNull(mask, "mask"));
    }

    /**
     * Sums the values where a bool mask is true, like {@code values[where].sum()} or
     * {@code np.sum(values, where=where)}, without materialising the mask or the selection. {@code a[a > c]} over a
     * contiguous float32/float64 array runs as one vectorised pass over its memory.
     *
     * <p>The result is a 0-d array of NumPy's dtype: int64 for bool and signed integers, uint64 for unsigned ones
     * (both wrapping, as NumPy), the values' own dtype for floats and complex. Float sums are more accurate than
     * NumPy's pairwise float32 sums: selected elements go to 32 float (16 double) lanes per block of 1024 positions,
     * block sums are summed in double and added exactly across 65536-position blocks, then rounded once; each part of
     * a complex sum is summed in double per block and exactly across blocks. The result is identical for any thread
     * count and chunk size. {@code a[a OP k]} over a contiguous int32/int64 array with an int k is one vectorised
     * pass too.
     *
     * @param values the values
     * @param where  the mask, of dtype bool, broadcasting with values
     * @return the sum, 0 when nothing is selected
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if where is not bool, or the shapes do not broadcast together
     */
    public NDArray sumWhere(Expr values, Expr where) {
        return MaskOps.reduce(this, MaskReducer.What.SUM, Objects.requireNonNull(values, "values"), Objects.requireNonNull(where, "where"));
    }

    /**
     * Sums an array's elements where a bool mask is true: {@link #sumWhere(Expr, Expr)} with {@code Expr.of(a)}.
     *
     * @param a     the array
     * @param where the mask, of dtype bool
     * @return the sum as a 0-d array
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if where is not bool, or the shapes do not broadcast together
     */
    public NDArray sumWhere(NDArray a, Expr where) {
        return sumWhere(Expr.of(a), where);
    }

    /**
     * Returns the mean of the values where a bool mask is true, like {@code values[where].mean()}: a 0-d array of
     * float64 for integer and bool values, of the values' dtype for floats and complex; NaN when nothing is selected
     * (NumPy also warns). The sum is computed as in {@link #sumWhere(Expr, Expr)} (integers in float64) and divided
     * once (a complex sum as NumPy divides it: as a complex number, so an infinite part beside a NaN one gives NaN).
     *
     * @param values the values
     * @param where  the mask, of dtype bool
     * @return the mean
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if where is not bool, or the shapes do not broadcast together
     */
    public NDArray meanWhere(Expr values, Expr where) {
        return MaskOps.reduce(this, MaskReducer.What.MEAN, Objects.requireNonNull(values, "values"), Objects.requireNonNull(where, "where"));
    }

    /**
     * Returns the mean of an array's elements where a bool mask is true: {@link #meanWhere(Expr, Expr)}.
     *
     * @param a     the array
     * @param where the mask, of dtype bool
     * @return the mean as a 0-d array
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if where is not bool, or the shapes do not broadcast together
     */
    public NDArray meanWhere(NDArray a, Expr where) {
        return meanWhere(Expr.of(a), where);
    }

    /**
     * Returns the smallest of the values where a bool mask is true, like {@code values[where].min()}, as a 0-d
     * array of the values' dtype. NaN wins, as in NumPy; -0.0 counts as smaller than 0.0 (NumPy's choice between
     * them depends on the order of the elements). Complex values compare lexicographically and the first one with a
     * NaN part wins, as in NumPy. {@code a[a OP c].min()} over a contiguous float32/float64 (or int32/int64, with an
     * int c) array runs as one vectorised pass over its memory.
     *
     * @param values the values
     * @param where  the mask, of dtype bool
     * @return the minimum
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if nothing is selected (NumPy's "zero-size array to reduction operation
     *                                  minimum which has no identity"), where is not bool, or the shapes do not
     *                                  broadcast together
     */
    public NDArray minWhere(Expr values, Expr where) {
        return MaskOps.reduce(this, MaskReducer.What.MIN, Objects.requireNonNull(values, "values"), Objects.requireNonNull(where, "where"));
    }

    /**
     * Returns the smallest of an array's elements where a bool mask is true: {@link #minWhere(Expr, Expr)}.
     *
     * @param a     the array
     * @param where the mask, of dtype bool
     * @return the minimum as a 0-d array
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if nothing is selected, where is not bool, or the shapes do not broadcast
     */
    public NDArray minWhere(NDArray a, Expr where) {
        return minWhere(Expr.of(a), where);
    }

    /**
     * Returns the largest of the values where a bool mask is true, like {@code values[where].max()}, as a 0-d
     * array of the values' dtype. NaN wins, as in NumPy; 0.0 counts as larger than -0.0; complex values compare as
     * in {@link #minWhere(Expr, Expr)}. {@code a[a OP c].max()} over a contiguous float32/float64 (or int32/int64,
     * with an int c) array runs as one vectorised pass over its memory.
     *
     * @param values the values
     * @param where  the mask, of dtype bool
     * @return the maximum
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if nothing is selected, where is not bool, or the shapes do not broadcast
     */
    public NDArray maxWhere(Expr values, Expr where) {
        return MaskOps.reduce(this, MaskReducer.What.MAX, Objects.requireNonNull(values, "values"), Objects.requireNonNull(where, "where"));
    }

    /**
     * Returns the largest of an array's elements where a bool mask is true: {@link #maxWhere(Expr, Expr)}.
     *
     * @param a     the array
     * @param where the mask, of dtype bool
     * @return the maximum as a 0-d array
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if nothing is selected, where is not bool, or the shapes do not broadcast
     */
    public NDArray maxWhere(NDArray a, Expr where) {
        return maxWhere(Expr.of(a), where);
    }

    /**
     * Returns the values where the condition is true, in C order, as a new 1-d in-memory array of the values'
     * dtype: {@code np.extract(condition, values)}, or {@code values[mask]} for a bool mask of the same shape. The
     * condition and the values broadcast together. Two passes: one counts, one writes; heap use does not grow with
     * the sizes.
     *
     * @param condition the condition, of any dtype (its truth value is used)
     * @param values    the values
     * @return the selected values
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public NDArray extract(Expr condition, Expr values) {
        try {
            return MaskOps.select(this, Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(values, "values"),
                    false, null, false);
        } catch (IOException e) {
            throw new AssertionError("no file is written", e);
        }
    }

    /**
     * Writes the values where the condition is true, as {@link #extract}, into a new 1-d .npy file (written
     * under a temporary name and renamed when complete), for selections too large for memory.
     *
     * @param condition the condition, of any dtype
     * @param values    the values
     * @param file      the file to create
     * @param overwrite whether an existing file may be replaced
     * @return the new file, mapped read-write (close it to unmap)
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the shapes do not broadcast together
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwrite is false
     * @throws IOException              if the file cannot be written or mapped
     */
    public NDArray extractToNpy(Expr condition, Expr values, Path file, boolean overwrite) throws IOException {
        return MaskOps.select(this, Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(values, "values"),
                false, Objects.requireNonNull(file, "file"), overwrite);
    }

    /**
     * Returns the rows (slices along axis 0) of the values where a 1-d condition is true, as a new in-memory
     * C-ordered array: {@code np.compress(condition, values, axis=0)}. A condition shorter than axis 0 leaves the
     * remaining rows out.
     *
     * @param condition the 1-d condition, of any dtype
     * @param values    the values, at least 1-d
     * @return the selected rows
     * @throws NullPointerException      if an argument is null
     * @throws IllegalArgumentException  if the condition is not 1-d or the values are 0-d
     * @throws IndexOutOfBoundsException if the condition is longer than axis 0 and selects a row past its end
     */
    public NDArray compress(Expr condition, Expr values) {
        try {
            return MaskOps.select(this, Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(values, "values"),
                    true, null, false);
        } catch (IOException e) {
            throw new AssertionError("no file is written", e);
        }
    }

    /**
     * Writes the rows of the values where a 1-d condition is true, as {@link #compress}, into a new .npy file
     * (written under a temporary name and renamed when complete).
     *
     * @param condition the 1-d condition, of any dtype
     * @param values    the values, at least 1-d
     * @param file      the file to create
     * @param overwrite whether an existing file may be replaced
     * @return the new file, mapped read-write (close it to unmap)
     * @throws NullPointerException      if an argument is null
     * @throws IllegalArgumentException  if the condition is not 1-d or the values are 0-d
     * @throws IndexOutOfBoundsException if the condition is longer than axis 0 and selects a row past its end
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwrite is false
     * @throws IOException               if the file cannot be written or mapped
     */
    public NDArray compressToNpy(Expr condition, Expr values, Path file, boolean overwrite) throws IOException {
        return MaskOps.select(this, Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(values, "values"),
                true, Objects.requireNonNull(file, "file"), overwrite);
    }

    // ==== order statistics (QuantileOps) =========================================================================

    /**
     * Returns the median of all elements, like {@code np.median(a)}: the middle element of the sorted elements, or
     * the mean of the two middle ones, computed exactly as NumPy does (see {@link #median(NDArray, int[], boolean)}).
     *
     * @param a the array, of any dtype
     * @return a 0-d array: float64 for integer and bool input, else the input's float or complex dtype
     * @throws NullPointerException if a is null
     */
    public NDArray median(NDArray a) {
        return QuantileOps.median(this, a, null, false);
    }

    /**
     * Returns the median along one axis, like {@code np.median(a, axis=axis)} (see
     * {@link #median(NDArray, int[], boolean)}).
     *
     * @param a    the array, of any dtype
     * @param axis the axis; negative counts from the end
     * @return the medians, shaped like a without the axis
     * @throws NullPointerException     if a is null
     * @throws IllegalArgumentException if the axis is out of range
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
     * <p>Complex64 and complex128 data sort as NumPy sorts them: lexicographically, real part first (-0.0 equal to
     * +0.0), values with a NaN part last ({@code R + nanj} by R, then {@code nan + Rj} by R, then
     * {@code nan + nanj}). The median of a lane without NaN is NumPy's complex mean of the middle elements (the sum
     * in the dtype, then NumPy's complex division by the count, so {@code [inf+1j, inf+1j]} gives
     * {@code inf+nanj}); a lane holding a NaN part gives its largest element as it is, {@code 2+nanj} for
     * {@code [1+nanj, 2+nanj, 5]}; an empty lane gives {@code nan+nanj}. The result has the input's complex dtype.
     * NaN parts of results are {@code np.nan}'s bits, whatever NaN the data or NumPy's arithmetic held.
     *
     * <p>Out of core: lanes of up to 262,144 elements (87,381 complex128) are selected in memory, one lane per task
     * at a time; longer lanes by radix selection on order-preserving keys (a sample brackets the middle, then two
     * parallel passes narrow it down), with heap bounded by histograms and a few thousand keys, whatever the array's
     * size. A complex128 key is 128 bits: the real parts are selected first, then the imaginary parts among the
     * elements that tie on the selected real part, in at least one more pass.
     *
     * @param a        the array, of any dtype, any layout and byte order
     * @param axes     the axes to reduce (negative count from the end), or null for all
     * @param keepdims true to keep reduced axes with length 1
     * @return the medians
     * @throws NullPointerException     if a is null
     * @throws IllegalArgumentException if an axis is out of range or repeated
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
     * NaN. Complex data is refused as NumPy refuses it ({@code TypeError: a must be an array of real numbers}), for
     * every percentile and quantile method; {@link #median(NDArray, int[], boolean)} takes it.
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
     * Returns the number of occurrences of each value, like {@code np.bincount(x)}: element {@code i} of the result
     * counts the elements of x equal to {@code i}, for {@code i} up to {@code max(x)}. See
     * {@link #bincount(NDArray, NDArray, long)}.
     *
     * @param x the values: 1-d, of an integer dtype or bool, any byte order and stride, any size
     * @return int64 counts of shape {@code (max(x) + 1,)}, in memory; shape {@code (0,)} for an empty x
     * @throws IllegalArgumentException as {@link #bincount(NDArray, NDArray, long)}
     * @throws NullPointerException     if x is null
     */
    public NDArray bincount(NDArray x) {
        return BincountOps.bincount(this, x, null, 0);
    }

    /**
     * Returns the number of occurrences of each value in at least {@code minlength} bins, like
     * {@code np.bincount(x, minlength=minlength)}. See {@link #bincount(NDArray, NDArray, long)}.
     *
     * @param x         the values: 1-d, of an integer dtype or bool, any byte order and stride, any size
     * @param minlength the least length of the result, at least 0
     * @return int64 counts of shape {@code (max(max(x) + 1, minlength),)}, in memory
     * @throws IllegalArgumentException as {@link #bincount(NDArray, NDArray, long)}
     * @throws NullPointerException     if x is null
     */
    public NDArray bincount(NDArray x, long minlength) {
        return BincountOps.bincount(this, x, null, minlength);
    }

    /**
     * Returns the number of occurrences, or the sum of the weights, of each value, like
     * {@code np.bincount(x, weights, minlength)}: element {@code i} of the result counts (sums the weights of) the
     * elements of x equal to {@code i}; its length is {@code max(max(x) + 1, minlength)}, or {@code minlength} for an
     * empty x (whose weights are then ignored, as NumPy ignores them). Values are read as NumPy casts them to intp:
     * uint64 values from 2^63 up are negative.
     *
     * <p>Out of core and parallel: one pass over bool, 8- and 16-bit values, else a pass for the maximum and one
     * counting pass per window of bins that fits the heap budget; only the result has to fit in memory. Counts are
     * exact and identical for any thread count and chunk size. Weight sums are computed in float64 per fixed block of
     * 2^20 elements in element order, and the block sums are added in block order: identical for any thread count
     * and chunk size, and NumPy's exactly for integer-valued weights (sums below 2^53); otherwise they can differ from
     * NumPy's single sequential sum in the last bits (by about the rounding of n additions for n elements in a bin).
     *
     * @param x         the values: 1-d, of an integer dtype or bool, any byte order and stride, any size
     * @param weights   null for counts, else the weights: 1-d, the length of x, of any real dtype or bool (cast to
     *                  float64), any byte order and stride
     * @param minlength the least length of the result, at least 0
     * @return int64 counts without weights, float64 sums with weights, of shape
     *         {@code (max(max(x) + 1, minlength),)}, in memory; int64 zeros of shape {@code (minlength,)} for an
     *         empty x
     * @throws IllegalArgumentException checked in NumPy's order: if x is not 1-d (NumPy: "object of too small
     *                                  depth" / "object too deep for desired array"), x is a float or complex
     *                                  dtype (NumPy: "Cannot cast array data from dtype('float64') to
     *                                  dtype('int64') according to the rule 'safe'"), minlength is negative,
     *                                  x holds a negative value (or a uint64 from 2^63 up), weights (for a non-empty
     *                                  x) is not 1-d, weights is complex, weights and x differ in length, or the
     *                                  result would need more bytes than the machine's memory or cannot be
     *                                  allocated (the message names its length; NumPy's MemoryError)
     * @throws NullPointerException     if x is null
     */
    public NDArray bincount(NDArray x, NDArray weights, long minlength) {
        return BincountOps.bincount(this, x, weights, minlength);
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
     * @param m a 0-d, 1-d or 2-d array of any dtype, e.g. 50 sensors x N readings, any layout (rows may be a strided
     *          selection); for variables in columns pass {@code m.T()}
     * @return float64 (complex128 for complex m) {@code S x S}, or 0-d for a single row; float64 0 x 0 for no rows
     * @throws IllegalArgumentException if m has more than 2 dimensions
     */
    public NDArray cov(NDArray m) {
        return LinalgCov.cov(this, m, 1, false);
    }

    /**
     * Returns the covariance matrix of the rows of m, like {@code np.cov(m, bias=bias)}: divisor N when bias,
     * {@code N - 1} otherwise.
     *
     * @param m    a 0-d, 1-d or 2-d array of any dtype
     * @param bias true for the population covariance (divisor N)
     * @return float64 (complex128 for complex m) {@code S x S}, or 0-d for a single row; float64 0 x 0 for no rows
     * @throws IllegalArgumentException if m has more than 2 dimensions
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
     * <p>Complex m (complex64 or complex128) gives NumPy's complex128 {@code (X - mean) @ conj(X - mean).T / fact},
     * Hermitian: the real and imaginary parts are read as 2S real rows through the same pass, and the scaling is
     * NumPy's complex multiply by {@code 1 / fact} (a divisor of 0 gives its {@code inf+nanj} on the diagonal).
     *
     * @param m    a 0-d, 1-d or 2-d array of any dtype, any layout
     * @param ddof delta degrees of freedom
     * @return float64 (complex128 for complex m) {@code S x S}, or 0-d for a single row; float64 0 x 0 for no rows
     * @throws IllegalArgumentException if m has more than 2 dimensions
     */
    public NDArray cov(NDArray m, int ddof) {
        return LinalgCov.cov(this, m, ddof, false);
    }

    /**
     * Returns the correlation coefficients of the rows of m, like {@code np.corrcoef(m)}: the covariance matrix
     * (computed as by {@link #cov(NDArray, int)}) divided by the rows' standard deviations, then clipped to
     * [-1, 1]. A single row gives {@code c / c}: 1.0, or NaN when its variance is 0, infinite or NaN.
     *
     * <p>Complex m, as NumPy: the complex covariance is divided (complex division, Smith's algorithm) by
     * {@code sqrt(C[i, i].real)} along rows, then along columns, and the real and imaginary parts are each clipped
     * to [-1, 1] (which does not bound the modulus by 1). The result is complex128.
     *
     * @param m a 0-d, 1-d or 2-d array of any dtype, any layout (e.g. {@code a.get("::10, :10000")})
     * @return float64 (complex128 for complex m) {@code S x S}, or 0-d for a single row; float64 0 x 0 for no rows
     * @throws IllegalArgumentException if m has more than 2 dimensions
     */
    public NDArray corrcoef(NDArray m) {
        return LinalgCov.cov(this, m, 1, true);
    }

    /**
     * Returns the dot product of two arrays, like {@code np.dot(a, b)} (see {@link #dot(NDArray, NDArray, NDArray)}).
     *
     * @param a the left operand, 1-d or more: its last axis is summed over
     * @param b the right operand, 1-d or more: its second-to-last axis (its only one when 1-d) is summed over
     * @return in memory, of shape {@code a.shape[:-1] + b.shape[:-2] + b.shape[-1:]}: 0-d for two vectors, (M,) or
     *         (P,) for a matrix and a vector, (M, P) for two matrices
     * @throws IllegalArgumentException if an operand is 0-d (NumPy multiplies; use {@link Expr}), or the summed
     *                                  lengths differ (the message names both shapes)
     */
    public NDArray dot(NDArray a, NDArray b) {
        return LinalgMatmul.product(this, a, b, null, "dot");
    }

    /**
     * Writes the dot product of two arrays into {@code out}, like {@code np.dot(a, b, out=out)}. For 1-d and 2-d
     * operands this is {@link #matmul(NDArray, NDArray, NDArray)}; beyond, {@code np.dot}'s own rule:
     * {@code dot(a, b)[i..., j..., c] = sum(a[i..., :] * b[j..., :, c])}, every stacked matrix of a against every
     * one of b (no broadcasting), computed as matmul's tiled products (same arithmetic, order and determinism).
     * Unlike NumPy, out may have any dtype (values are cast) and layout.
     *
     * @param a   the left operand, 1-d or more, any dtype and layout: its last axis is summed over
     * @param b   the right operand, 1-d or more, any dtype and layout: its second-to-last axis (its only one when
     *            1-d) is summed over
     * @param out a writable array of shape {@code a.shape[:-1] + b.shape[:-2] + b.shape[-1:]}, e.g. a memmap
     * @return out
     * @throws IllegalArgumentException if an operand is 0-d, the summed lengths differ, or out has another shape,
     *                                  is read-only or shares memory with an operand (messages name the shapes)
     */
    public NDArray dot(NDArray a, NDArray b, NDArray out) {
        return LinalgMatmul.product(this, a, b, java.util.Objects.requireNonNull(out, "out"), "dot");
    }

    /**
     * Returns {@code a @ b}, like {@code np.matmul(a, b)}: matrix products, stacked and broadcast over leading
     * axes (see {@link #matmul(NDArray, NDArray, NDArray)}).
     *
     * @param a the left operand: a vector (K,), a matrix (M, K) or a stack (..., M, K)
     * @param b the right operand: a vector (K,), a matrix (K, P) or a stack (..., K, P)
     * @return in memory, of shape {@code broadcast(a.shape[:-2], b.shape[:-2]) + (M,) + (P,)}, without M when a is
     *         1-d and without P when b is: 0-d for two vectors
     * @throws IllegalArgumentException if an operand is 0-d, the inner lengths differ, or the batch axes do not
     *                                  broadcast (the messages name both shapes)
     */
    public NDArray matmul(NDArray a, NDArray b) {
        return LinalgMatmul.product(this, a, b, null, "matmul");
    }

    /**
     * Writes {@code a @ b} into {@code out}, like {@code np.matmul(a, b, out=out)}.
     *
     * <p>NumPy's rules: the last two axes of each operand are its matrix (a 1-d a is a row (1, K), a 1-d b a column
     * (K, 1), and that added axis is removed from the result); the leading (batch) axes broadcast as in any NumPy
     * operation, so {@code (2, 1, M, K) @ (3, K, P)} is {@code (2, 3, M, P)}; out may add leading axes of its own,
     * over which the products repeat (NumPy's gufunc rule), but never broadcast itself.
     *
     * <p>Blocked for operands larger than the heap (memory-mapped): tasks compute 64 x 64 tiles of each product,
     * reading panels 256 deep, in parallel over batch elements and tiles; a stack multiplied by one matrix
     * ({@code (N, M, K) @ (K, P)}, stack contiguous along its rows) is computed as one (N M, K) product. Inner
     * dimensions beyond 262,144 are also split, so that matrix-vector products run in parallel. The result dtype is
     * NumPy's promotion of the two dtypes ({@code np.result_type(a, b)}). Integer
     * products are exact and wrap like NumPy's; bool is "any of the products". Float products (float16, float32,
     * float64) accumulate in float64 with fused multiply-adds and round once to the result dtype: float32 results are
     * more accurate than NumPy's float32 BLAS and may differ from it in the last bits. Complex products accumulate in
     * float64. The accumulation order depends on the shapes only, so results are identical for any thread count and
     * chunk size.
     *
     * @param a   the left operand: a vector (K,), a matrix (M, K) or a stack (..., M, K), any dtype and layout
     * @param b   the right operand: a vector (K,), a matrix (K, P) or a stack (..., K, P), any dtype and layout
     * @param out a writable array of the result's shape (or with more leading axes), e.g. a memmap; values are cast
     *            to its dtype like an array assignment
     * @return out
     * @throws IllegalArgumentException if an operand is 0-d, the inner lengths differ, the batch axes do not
     *                                  broadcast, or out's shape is not the result's (possibly with more leading
     *                                  axes), out is read-only or shares memory with an operand (the messages name
     *                                  the shapes)
     */
    public NDArray matmul(NDArray a, NDArray b, NDArray out) {
        return LinalgMatmul.product(this, a, b, java.util.Objects.requireNonNull(out, "out"), "matmul");
    }

    // ==== generators (Generators) ================================================================================

    /**
     * Returns {@code np.zeros(shape, dtype)} in memory.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative
     */
    public NDArray zeros(DType dtype, long... shape) {
        return NDArrays.zeros(dtype, shape);
    }

    /**
     * Returns {@code np.ones(shape, dtype)} in memory.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative
     */
    public NDArray ones(DType dtype, long... shape) {
        return full(dtype, 1.0, shape);
    }

    /**
     * Returns {@code np.full(shape, value, dtype)} in memory, filled in parallel.
     *
     * @param dtype the element type
     * @param value the value (Python-float rules: must fit an integer dtype once truncated)
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative, or the value does not fit the dtype
     */
    public NDArray full(DType dtype, double value, long... shape) {
        NDArray one = NDArrays.full(dtype, value);  // validates the value once, with NumPy's scalar rules
        NDArray out = NDArrays.empty(dtype, shape);
        fillWith(out, one);
        return out;
    }

    /**
     * Sets every element of an array (for example a new memory-mapped file) to the only element of {@code value},
     * in parallel: {@code out[...] = value}.
     *
     * @param out   the array to fill
     * @param value a one-element array, cast to out's dtype
     * @throws IllegalArgumentException      if value has more than one element
     * @throws UnsupportedOperationException if out is read-only
     */
    public void fillWith(NDArray out, NDArray value) {
        if (value.size() != 1) {
            throw new IllegalArgumentException("fill value must have one element, got shape " + java.util.Arrays.toString(value.shape()));
        }
        // Encode the value once in out's dtype; tasks then copy bytes (and stay serializable).
        NDArray encoded = value.reshape().astype(out.dtype());
        byte[] bits = encoded.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        int size = bits.length;
        Generators.fill(executor, progress, out, "fill", (s, off, t, k) -> MemorySegment.copy(MemorySegment.ofArray(bits), 0, s, off, size));
    }

    /**
     * Returns {@code np.arange(start, stop, step, dtype)}: {@code ceil((stop - start) / step)} values
     * {@code start + k * step} (computed as NumPy does, so float results are bitwise NumPy's).
     *
     * @param start the first value
     * @param stop  the end, excluded
     * @param step  the step, nonzero
     * @param dtype the element type
     * @return the 1-d array
     * @throws IllegalArgumentException if step is 0 or not finite, or the length is too large
     */
    public NDArray arange(double start, double stop, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || Double.isNaN(stop)) {
            throw new IllegalArgumentException("arange needs a finite nonzero step and finite bounds, got start=" + start
                    + " stop=" + stop + " step=" + step);
        }
        double len = Math.ceil((stop - start) / step);
        if (len > Long.MAX_VALUE / 16) {
            throw new IllegalArgumentException("arange length " + len + " is too large");
        }
        NDArray out = NDArrays.empty(dtype, Math.max(0, (long) len));
        Generators.fill(executor, progress, out, "arange", Generators.arange(start, step, dtype));
        return out;
    }

    /**
     * Returns {@code np.linspace(start, stop, num, endpoint, dtype=dtype)} with NumPy's arithmetic, so results are
     * bitwise NumPy's; integer dtypes are floored as in NumPy 2.
     *
     * @param start    the first value
     * @param stop     the last value (or the end, excluded, without endpoint)
     * @param num      the number of values, at least 0
     * @param endpoint whether stop is included
     * @param dtype    the element type
     * @return the 1-d array
     * @throws IllegalArgumentException if num is negative
     */
    public NDArray linspace(double start, double stop, long num, boolean endpoint, DType dtype) {
        if (num < 0) {
            throw new IllegalArgumentException("number of samples, " + num + ", must be non-negative");
        }
        NDArray out = NDArrays.empty(dtype, num);
        boolean integral = dtype.kind().isInteger() || dtype.kind().isBool();
        Generators.fill(executor, progress, out, "linspace", Generators.linspace(start, stop, num, endpoint, integral));
        return out;
    }

    /**
     * Fills an array with uniform values in [0, 1) cast to its dtype, in parallel: element k (C-order flat
     * position) is {@link Randoms#uniform(long, long) Randoms.uniform(seed, k)}, so the result is the same for any
     * thread count and chunk size (and equal to {@link Randoms#fillUniform}).
     *
     * @param out  the array (e.g. a new memory-mapped file)
     * @param seed the seed
     * @throws UnsupportedOperationException if out is read-only
     */
    public void fillUniform(NDArray out, long seed) {
        Generators.fill(executor, progress, out, "uniform", (s, off, t, k) -> Elements.castDouble(s, off, t, Randoms.uniform(seed, k)));
    }

    /**
     * Fills an array with standard normal values cast to its dtype, in parallel; element k is
     * {@link Randoms#normal(long, long) Randoms.normal(seed, k)}.
     *
     * @param out  the array
     * @param seed the seed
     * @throws UnsupportedOperationException if out is read-only
     */
    public void fillNormal(NDArray out, long seed) {
        Generators.fill(executor, progress, out, "normal", (s, off, t, k) -> Elements.castDouble(s, off, t, Randoms.normal(seed, k)));
    }

    /**
     * Fills an array with integers uniform in [low, high), in parallel; element k is
     * {@link Randoms#integer(long, long, long, long) Randoms.integer(seed, k, low, high)}.
     *
     * @param out  the array
     * @param low  the inclusive lower bound
     * @param high the exclusive upper bound
     * @param seed the seed
     * @throws IllegalArgumentException      if high &lt;= low
     * @throws UnsupportedOperationException if out is read-only
     */
    public void fillIntegers(NDArray out, long low, long high, long seed) {
        if (high <= low) {
            throw new IllegalArgumentException("high must be greater than low, got low=" + low + " high=" + high);
        }
        Generators.fill(executor, progress, out, "integers", (s, off, t, k) -> Elements.castLong(s, off, t, Randoms.integer(seed, k, low, high)));
    }

    /**
     * Returns a new in-memory array of uniform values in [0, 1) ({@code rng.random(shape)} in distribution).
     *
     * @param dtype the element type
     * @param seed  the seed
     * @param shape the shape
     * @return the array
     */
    public NDArray uniform(DType dtype, long seed, long... shape) {
        NDArray out = NDArrays.empty(dtype, shape);
        fillUniform(out, seed);
        return out;
    }

    /**
     * Returns a new in-memory array of standard normal values ({@code rng.standard_normal(shape)} in distribution).
     *
     * @param dtype the element type
     * @param seed  the seed
     * @param shape the shape
     * @return the array
     */
    public NDArray normal(DType dtype, long seed, long... shape) {
        NDArray out = NDArrays.empty(dtype, shape);
        fillNormal(out, seed);
        return out;
    }

    /**
     * Returns a new in-memory array of integers uniform in [low, high) ({@code rng.integers(low, high, shape)} in
     * distribution).
     *
     * @param dtype the element type
     * @param low   the inclusive lower bound
     * @param high  the exclusive upper bound
     * @param seed  the seed
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if high &lt;= low
     */
    public NDArray integers(DType dtype, long low, long high, long seed, long... shape) {
        NDArray out = NDArrays.empty(dtype, shape);
        fillIntegers(out, low, high, seed);
        return out;
    }
}
