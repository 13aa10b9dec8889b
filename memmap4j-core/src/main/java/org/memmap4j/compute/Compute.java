package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
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

    // ==== several arrays (LinalgOps, HistogramOps, CumulativeOps) ================================================

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
