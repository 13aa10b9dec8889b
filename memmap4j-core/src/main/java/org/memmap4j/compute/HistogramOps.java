package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.internal.Elements;
import org.memmap4j.internal.StridedLoop;

/**
 * {@code np.histogram} over all elements of an array of any size: the range (given, or the data's min and max from
 * one parallel pass), NumPy's edges ({@code linspace} emulated in NumPy's dtype for them), then one parallel pass of
 * per-chunk counts summed in chunk order. Counts are integers, so the result is the same for any thread count and
 * chunk size; {@link HistogramBins} makes it NumPy's to the element.
 */
final class HistogramOps {

    private static final int BLOCK = 4096;

    private HistogramOps() {
    }

    /** Equal bins over a given range, or the data's range when {@code range} is null. */
    static Histogram uniform(Compute c, NDArray a, int bins, double[] range) {
        return uniform(c, a, bins, range, true);
    }

    /** As above, with the scalar index kernel when {@code vector} is false (tests compare the two). */
    static Histogram uniform(Compute c, NDArray a, int bins, double[] range, boolean vector) {
        Objects.requireNonNull(a, "a");
        DType.Kind k = check(a);
        if (bins < 1) {
            throw new IllegalArgumentException("`bins` must be positive, when an integer");
        }
        boolean floats = k.isFloat();
        HistogramBins.Arith data = floats ? arith(k) : HistogramBins.Arith.F64;
        HistogramBins.Arith e = data;
        HistogramBins.Arith dt;
        HistogramBins.Arith f;
        double first;
        double last;
        double denom;
        boolean keepAll = true;
        double keepLo = 0;
        double keepHi = 0;
        if (range != null) {
            first = range[0];
            last = range[1];
            if (first > last) {
                throw new IllegalArgumentException("max must be larger than min in range parameter.");
            }
            if (!Double.isFinite(first) || !Double.isFinite(last)) {
                throw new IllegalArgumentException("supplied range of [" + py(first) + ", " + py(last) + "] is not finite");
            }
            if (first == last) {
                first -= 0.5;
                last += 0.5;
            }
            // Python floats: weak against a float array (rounded to its dtype), float64 against integers.
            keepAll = false;
            keepLo = data.round(first);
            keepHi = data.round(last);
            dt = HistogramBins.Arith.F64;
            f = HistogramBins.Arith.F64;
            denom = last - first;
        } else if (a.size() == 0) {
            first = 0;
            last = 1;
            dt = HistogramBins.Arith.F64;
            f = HistogramBins.Arith.F64;
            denom = 1;
        } else {
            long[] mm = minMax(c, a);
            if (floats) {
                first = RadixKeys.toDouble(mm[0], k);
                last = RadixKeys.toDouble(mm[1], k);
                if (mm[1] == RadixKeys.maxKey(k) || !Double.isFinite(first) || !Double.isFinite(last)) {
                    String lo = mm[1] == RadixKeys.maxKey(k) ? "nan" : py(first);
                    String hi = mm[1] == RadixKeys.maxKey(k) ? "nan" : py(last);
                    throw new IllegalArgumentException("autodetected range of [" + lo + ", " + hi + "] is not finite");
                }
                // NumPy scalars of the data's dtype: everything in that dtype.
                if (first == last) {
                    first = data.sub(first, 0.5);
                    last = data.add(last, 0.5);
                }
                dt = data;
                f = data;
                denom = data.sub(last, first);
            } else {
                long lo = RadixKeys.toLong(mm[0], k);
                long hi = RadixKeys.toLong(mm[1], k);
                boolean u64 = k == DType.Kind.UINT64;
                first = u64 ? Elements.unsignedToDouble(lo) : lo;
                last = u64 ? Elements.unsignedToDouble(hi) : hi;
                if (lo == hi) {
                    first -= 0.5;
                    last += 0.5;
                    denom = last - first;
                } else {
                    // NumPy subtracts integer bounds in the unsigned dtype of their width: exact.
                    denom = Elements.unsignedToDouble(hi - lo);
                }
                dt = HistogramBins.Arith.F64;
                f = HistogramBins.Arith.F64;
            }
        }
        double[] edges = linspace(first, last, bins + 1, dt);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = e.round(edges[i]);
        }
        for (int i = 0; i < bins; i++) {
            if (!(edges[i] < edges[i + 1])) {
                throw new IllegalArgumentException("Too many bins for data range. Cannot create " + bins
                        + " finite-sized bins.");
            }
        }
        HistogramBins hb = HistogramBins.uniform(edges, keepAll, keepLo, keepHi, e, f, e.round(first), denom);
        return new Histogram(count(c, a, hb, vector), edgeArray(edges, floats ? DType.of(k) : DType.FLOAT64));
    }

    /** Explicit, non-decreasing edges. */
    static Histogram explicit(Compute c, NDArray a, double[] edges) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(edges, "edges");
        check(a);
        if (edges.length == 0) {
            throw new IllegalArgumentException("`bins` must have at least one edge");
        }
        for (int i = 0; i < edges.length; i++) {
            if (Double.isNaN(edges[i])) {
                throw new IllegalArgumentException("`bins` must not contain NaN (edge " + i + ")");
            }
            if (i > 0 && edges[i - 1] > edges[i]) {
                throw new IllegalArgumentException("`bins` must increase monotonically, when an array");
            }
        }
        double[] e = edges.clone();
        return new Histogram(count(c, a, HistogramBins.explicit(e)), edgeArray(e, DType.FLOAT64));
    }

    private static DType.Kind check(NDArray a) {
        DType.Kind k = a.dtype().kind();
        if (k.isComplex()) {
            throw new IllegalArgumentException("histogram of " + k.numpyName() + " is not supported: complex values "
                    + "have no order");
        }
        return k;
    }

    static HistogramBins.Arith arith(DType.Kind k) {
        return switch (k) {
            case FLOAT16 -> HistogramBins.Arith.F16;
            case FLOAT32 -> HistogramBins.Arith.F32;
            default -> HistogramBins.Arith.F64;
        };
    }

    /** {@code np.linspace(start, stop, num)} computed in one float dtype, operation for operation. */
    static double[] linspace(double start, double stop, int num, HistogramBins.Arith dt) {
        int div = num - 1;
        double delta = dt.sub(stop, start);
        double divT = dt.round(div);
        double step = dt.div(delta, divT);
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            double v = dt.round(i);
            // gh-5437: a step that underflows to zero scales by the whole delta instead.
            v = step == 0 ? dt.mul(dt.div(v, divT), delta) : dt.mul(v, step);
            y[i] = dt.add(v, start);
        }
        y[num - 1] = stop;
        return y;
    }

    private static String py(double v) {
        return Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    private static NDArray edgeArray(double[] edges, DType t) {
        NDArray out = NDArrays.empty(t, edges.length);
        MemorySegment s = out.segment();
        for (int i = 0; i < edges.length; i++) {
            Elements.castDouble(s, (long) i * t.itemSize(), t, edges[i]);
        }
        return out;
    }

    /** Smallest and largest key of all elements (NaN is the largest key of float dtypes). */
    private static long[] minMax(Compute c, NDArray a) {
        ArrayRef ref = ArrayRef.of(a);
        RangeTask<long[]> task = (from, to) -> ref.apply(arr -> {
            MemorySegment s = arr.segment();
            DType t = arr.dtype();
            long[] mm = {Long.MAX_VALUE, Long.MIN_VALUE};
            long[] buf = new long[BLOCK];
            new StridedLoop(arr.shape(), new long[][] {arr.strides()}, false).run(new long[] {arr.segmentOffset()},
                    from, to, (off, st, n) -> {
                        for (long done = 0; done < n; done += BLOCK) {
                            int m = (int) Math.min(BLOCK, n - done);
                            RadixKeys.keys(s, off[0] + done * st[0], st[0], t, m, buf, 0);
                            long lo = mm[0];
                            long hi = mm[1];
                            for (int i = 0; i < m; i++) {
                                lo = Math.min(lo, buf[i]);
                                hi = Math.max(hi, buf[i]);
                            }
                            mm[0] = lo;
                            mm[1] = hi;
                        }
                    });
            return mm;
        });
        long[] out = {Long.MAX_VALUE, Long.MIN_VALUE};
        RadixRounds.run(c, "histogram range", a.size(), a.itemsize(), 1, 16, task, mm -> {
            out[0] = Math.min(out[0], mm[0]);
            out[1] = Math.max(out[1], mm[1]);
        }, a);
        return out;
    }

    /** Counts every element's bin: per-chunk counts summed in chunk order. */
    private static NDArray count(Compute c, NDArray a, HistogramBins hb) {
        return count(c, a, hb, true);
    }

    private static NDArray count(Compute c, NDArray a, HistogramBins hb, boolean vector) {
        ArrayRef ref = ArrayRef.of(a);
        int bins = Math.max(0, hb.bins);
        RangeTask<long[]> task = (from, to) -> ref.apply(arr -> {
            MemorySegment s = arr.segment();
            DType t = arr.dtype();
            long[] counts = new long[bins];
            double[] buf = new double[BLOCK];
            int[] guess = new int[BLOCK];
            new StridedLoop(arr.shape(), new long[][] {arr.strides()}, false).run(new long[] {arr.segmentOffset()},
                    from, to, (off, st, n) -> {
                        for (long done = 0; done < n; done += BLOCK) {
                            int m = (int) Math.min(BLOCK, n - done);
                            LinalgLoad.doubles(s, off[0] + done * st[0], st[0], t, m, buf, 0);
                            hb.count(buf, m, counts, guess, vector);
                        }
                    });
            return counts;
        });
        long[] total = new long[bins];
        RadixRounds.run(c, "histogram", a.size(), a.itemsize(), 1, 8L * bins, task, part -> {
            for (int i = 0; i < bins; i++) {
                total[i] += part[i];
            }
        }, a);
        NDArray out = NDArrays.empty(DType.INT64, bins);
        for (int i = 0; i < bins; i++) {
            out.setLong(total[i], i);
        }
        return out;
    }
}
