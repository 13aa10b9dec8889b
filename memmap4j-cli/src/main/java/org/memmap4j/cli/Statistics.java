package org.memmap4j.cli;

import java.util.function.Function;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;

/**
 * The {@code stats} of an array, over all elements or along axes, each result in NumPy's dtype for it: count,
 * {@code np.sum} (int64/uint64 for bool and integers, wrapping as NumPy), {@code np.mean}, {@code np.std} and
 * {@code np.var} with ddof 0 (float64 for bool and integers), {@code np.min}, {@code np.max} (the input's dtype)
 * and {@code np.median}. Complex data gives what NumPy gives: sum, mean, min, max (lexicographic, the first
 * element with a NaN part winning) and median (NumPy's sort order) complex, std and var real (float32 for
 * complex64, float64 for complex128).
 *
 * <p>Out of core, one pass of {@link Compute} per family: sum, min, max, var, median (selection passes). The mean
 * is derived from the sum where that is {@link Compute#mean}'s result bit for bit: for float32, float64 and
 * complex128 it divides the sum by the count in the result dtype (complex128 as a complex number, as NumPy does);
 * for bool and integers it divides a float64 sum, which is exact (so equal to the integer sum) when
 * {@code count * max|x| < 2^52}. Otherwise (float16, complex64, whose mean divides the unrounded float64 sum,
 * larger integers, a float32 sum that overflowed while every element is finite) a mean pass runs. The std is the
 * square root of the var in the var's dtype, which is how NumPy defines it.
 *
 * <p>A lane with no elements has count 0, sum 0, and NaN for the rest ({@code nan+nanj} for complex results):
 * NumPy warns and gives NaN for the mean, var, std and median, and raises for min and max, which are NaN here
 * instead (see {@link #emptyLanes()}).
 */
final class Statistics {

    /** 2^52: below it, a float64 sum of integers is exact in any order. */
    private static final double EXACT = 0x1p52;

    /** Elements per result: the product of the reduced axes' lengths. */
    final long count;
    /** The shape of every result: the kept axes (empty when all axes are reduced). */
    final long[] shape;
    final NDArray sum;
    final NDArray mean;
    final NDArray std;
    final NDArray var;
    final NDArray min;
    final NDArray max;
    final NDArray median;

    private Statistics(long count, long[] shape, NDArray sum, NDArray mean, NDArray std, NDArray var, NDArray min,
                       NDArray max, NDArray median) {
        this.count = count;
        this.shape = shape;
        this.sum = sum;
        this.mean = mean;
        this.std = std;
        this.var = var;
        this.min = min;
        this.max = max;
        this.median = median;
    }

    /** True if there are results but each summarises no element (their min and max are then NaN). */
    boolean emptyLanes() {
        return count == 0 && sum.size() > 0;
    }

    /**
     * Computes the statistics of a over axes (null: all).
     *
     * @param a     the array, of any dtype
     * @param axes  the axes to reduce (negative count from the end), or null for all
     * @param phase the computation for a named phase (the caller attaches a progress bar to each)
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    static Statistics of(NDArray a, int[] axes, Function<String, Compute> phase) {
        // The sum goes first: it checks the axes as NumPy does.
        NDArray sum = phase.apply("sum").sum(a, axes, false);
        long count = count(a, axes);
        NDArray min;
        NDArray max;
        if (count == 0 && sum.size() > 0) {
            min = nans(a.dtype(), sum.shape());
            max = nans(a.dtype(), sum.shape());
        } else {
            min = phase.apply("min").min(a, axes, false);
            max = phase.apply("max").max(a, axes, false);
        }
        NDArray mean = meanFromSum(a.dtype().kind(), sum, min, max, count);
        if (mean == null) {
            mean = phase.apply("mean").mean(a, axes, false);
        }
        NDArray var = phase.apply("var").var(a, axes, false, 0);
        NDArray median = phase.apply("median").median(a, axes, false);
        return new Statistics(count, sum.shape(), sum, mean, sqrt(var), var, min, max, median);
    }

    /** NaN results of empty lanes: float64, or {@code nan+nanj} in a complex input's dtype. */
    private static NDArray nans(DType input, long[] shape) {
        if (!input.kind().isComplex()) {
            return NDArrays.full(DType.FLOAT64, Double.NaN, shape);
        }
        return NDArrays.empty(DType.of(input.kind()), shape).fillComplex(Double.NaN, Double.NaN);
    }

    /** The number of elements each result summarises. Call after the axes were checked. */
    private static long count(NDArray a, int[] axes) {
        if (axes == null) {
            return a.size();
        }
        long n = 1;
        for (int ax : axes) {
            n *= a.shape(ax < 0 ? ax + a.ndim() : ax);
        }
        return n;
    }

    /**
     * NumPy's mean computed from the sum, or null where that would not be exactly what NumPy defines (see the
     * class comment), so that the caller runs a mean pass.
     */
    static NDArray meanFromSum(DType.Kind kind, NDArray sum, NDArray min, NDArray max, long count) {
        if (kind == DType.Kind.FLOAT16) {
            return null; // NumPy sums float16 in float32 for the mean: a float16 sum may have overflowed
        }
        if (kind == DType.Kind.COMPLEX64) {
            return null; // Compute.mean divides the float64 sum, which the complex64 sum has rounded
        }
        boolean integral = !kind.isFloat() && !kind.isComplex();
        NDArray mean = NDArrays.empty(integral ? DType.FLOAT64 : sum.dtype(), sum.shape());
        NDArray s = flat(sum);
        NDArray lo = flat(min);
        NDArray hi = flat(max);
        NDArray m = flat(mean);
        for (long i = 0; i < s.size(); i++) {
            if (kind.isComplex()) {
                // NumPy divides by the count as a complex number, count + 0j (Smith's algorithm): a multiplication
                // by 1 / count, and an infinite part makes the other one NaN (inf * 0).
                double[] z = s.getComplex(i);
                double scl = 1.0 / count;
                m.setComplex(count == 0 ? z[0] / 0.0 : (z[0] + z[1] * 0.0) * scl,
                        count == 0 ? z[1] / 0.0 : (z[1] - z[0] * 0.0) * scl, i);
                continue;
            }
            double total;
            if (integral) {
                if (count > 0 && count * Math.max(magnitude(lo, i), magnitude(hi, i)) >= EXACT) {
                    return null;
                }
                total = s.getLong(i); // no wrap-around: |sum| < 2^52
            } else {
                total = s.getDouble(i);
                if (kind == DType.Kind.FLOAT32 && !Double.isFinite(total) && Double.isFinite(lo.getDouble(i))
                        && Double.isFinite(hi.getDouble(i))) {
                    return null; // finite elements whose float32 sum overflowed: Compute.mean (a float64 sum) is finite
                }
            }
            m.setDouble(total / count, i); // rounds once to the result dtype
        }
        return mean;
    }

    /** |x| of an integer or bool element as a double (uint64 unsigned). */
    private static double magnitude(NDArray a, long i) {
        return Math.abs(a.getDouble(i));
    }

    /** The square root of each element, in the array's dtype: NumPy's std from its var. */
    private static NDArray sqrt(NDArray var) {
        NDArray std = NDArrays.empty(var.dtype(), var.shape());
        NDArray v = flat(var);
        NDArray s = flat(std);
        for (long i = 0; i < v.size(); i++) {
            s.setDouble(Math.sqrt(v.getDouble(i)), i);
        }
        return std;
    }

    /** A 1-d view of an in-memory C-ordered result. */
    static NDArray flat(NDArray a) {
        return a.reshape(a.size());
    }
}
