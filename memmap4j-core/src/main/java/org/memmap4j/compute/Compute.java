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
     * Counts the nonzero elements of an array, like {@code np.count_nonzero(a)}.
     *
     * @param a the array
     * @return the count
     * @throws NullPointerException if a is null
     * @throws IllegalArgumentException if a is complex
     */
    public long countNonzero(NDArray a) {
        return countNonzero(Expr.of(a));
    }

    /**
     * Sums the values where a bool mask is true, like {@code values[where].sum()} or
     * {@code np.sum(values, where=where)}, without materialising the mask or the selection. {@code a[a > c]} over a
     * contiguous float32/float64 array runs as one vectorised pass over its memory.
     *
     * <p>The result is a 0-d array of NumPy's dtype: int64 for bool and signed integers, uint64 for unsigned ones
     * (both wrapping, as NumPy), the values' own dtype for floats. Float sums are more accurate than NumPy's
     * pairwise float32 sums: selected elements go to 32 float (16 double) lanes per block of 1024 positions, block
     * sums are summed in double and added exactly across 65536-position blocks, then rounded once. The result is
     * identical for any thread count and chunk size.
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
     * float64 for integer and bool values, of the values' dtype for floats; NaN when nothing is selected (NumPy
     * also warns). The sum is computed as in {@link #sumWhere(Expr, Expr)} (integers in float64) and divided once.
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
     * them depends on the order of the elements).
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
     * array of the values' dtype. NaN wins, as in NumPy; 0.0 counts as larger than -0.0.
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
