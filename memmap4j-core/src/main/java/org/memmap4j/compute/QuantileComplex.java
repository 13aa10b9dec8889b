package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.internal.Elements;

/**
 * {@code np.median} of complex64 and complex128 data, equal to NumPy's value for value. NumPy partitions the lane in
 * its sort order for complex numbers (lexicographic, NaN classes last: see {@link RadixKeys}) and then:
 * <ul>
 *   <li>if the lane's largest element holds a NaN part (it does whenever any element does), returns that element
 *       as it is: {@code nan + nanj} if the lane has one, else the {@code nan + Rj} of largest R, else the
 *       {@code R + nanj} of largest R (R with its sign: {@code nan - 0j} stays so);</li>
 *   <li>else returns {@code np.mean} of the one or two middle elements: their sum in the dtype starting from +0.0
 *       (so -0.0 parts become +0.0), divided by the count 1 or 2 as a complex number with NumPy's division loop
 *       ({@link ExprComplexMath#divide}: an infinite part makes the other part NaN, {@code inf + 1j} gives
 *       {@code inf + nanj}).</li>
 * </ul>
 * An empty lane gives {@code nan + nanj}. NaN parts of results are NumPy's {@code np.nan}: NumPy keeps the bits of
 * the NaN it returns (on x86 the NaN that {@code 0 * inf} makes is negative), which no test of equality sees.
 *
 * <p>Selection is {@link QuantileOps}'s: lanes that fit a buffer in memory, longer lanes out of core by
 * {@link RadixSelect} over complex keys (complex128 in two stages).
 */
final class QuantileComplex {

    private QuantileComplex() {
    }

    /**
     * Computes the medians of the lanes of a complex array.
     *
     * @param g     the lane geometry
     * @param shape the result's shape (one value per lane)
     * @return the medians, in the input's complex dtype (native byte order)
     */
    static NDArray median(Compute c, NDArray a, QuantileLanes g, long[] shape) {
        DType.Kind kind = a.dtype().kind();
        DType rt = DType.of(kind);
        NDArray out = NDArrays.empty(rt, shape);
        MemorySegment o = out.segment();
        long isz = rt.itemSize();
        QuantileOps.LaneWriter w = (lane, p, at) -> Elements.castComplex(o, lane * isz, rt, p[at], p[at + 1]);
        if (g.lanes == 0) {
            return out;
        }
        if (g.length == 0) {
            double[] nan = {Double.NaN, Double.NaN};
            for (long lane = 0; lane < g.lanes; lane++) {
                w.write(lane, nan, 0);
            }
            return out;
        }
        long[] ranks = QuantileMath.median(kind, g.length).ranks;
        if (g.length <= directMax(kind)) {
            ArrayRef ref = ArrayRef.of(a);
            RangeTask<double[]> task = (from, to) -> ref.apply(arr -> lanes(arr, g, ranks, from, to));
            QuantileOps.inMemory(c, a, g, 2, task, w);
        } else {
            double[] v = outOfCore(c, a, g, ranks);
            for (int lane = 0; lane < g.lanes; lane++) {
                w.write(lane, v, 2 * lane);
            }
        }
        return out;
    }

    /**
     * {@return the longest lane selected in memory} A complex128 lane in memory takes three buffers of keys (high
     * halves, low halves, and one to select in), so it is a third as long as a real one: the same 2 MiB per task.
     */
    static int directMax(DType.Kind kind) {
        return kind == DType.Kind.COMPLEX128 ? QuantileOps.DIRECT_MAX / 3 : QuantileOps.DIRECT_MAX;
    }

    /** Lanes longer than a buffer: radix selection of the middle ranks, or of the largest element where NaN is. */
    private static double[] outOfCore(Compute c, NDArray a, QuantileLanes g, long[] ranks) {
        DType.Kind kind = a.dtype().kind();
        int lanes = Math.toIntExact(g.lanes);
        int nr = ranks.length;
        boolean[] nan = new boolean[lanes];
        long[] below = new long[lanes * nr];
        long[] equal = new long[lanes * nr];
        long[] keys = RadixSelect.select(c, a, g, ranks, g.length >= QuantileOps.SAMPLE_FROM, nan, below, equal);
        long[] lows = new long[keys.length];
        if (kind == DType.Kind.COMPLEX128) {
            long[] rank = new long[keys.length];
            boolean[] skip = new boolean[keys.length];
            for (int t = 0; t < keys.length; t++) {
                rank[t] = (nan[t / nr] ? g.length - 1 : ranks[t % nr]) - below[t];
                skip[t] = keys[t] == RadixKeys.maxKey(kind); // nan + nanj: no low half to tell apart
            }
            lows = RadixSelect.selectLow(c, a, g, nr, keys, rank, equal, skip);
        }
        double[] res = new double[2 * lanes];
        double[] v = new double[4];
        for (int lane = 0; lane < lanes; lane++) {
            int t = lane * nr;
            if (nan[lane]) {
                RadixKeys.toComplex(keys[t], lows[t], kind, res, 2 * lane);
            } else {
                RadixKeys.toComplex(keys[t], lows[t], kind, v, 0);
                RadixKeys.toComplex(keys[t + nr - 1], lows[t + nr - 1], kind, v, 2);
                mean(v, nr == 2, kind == DType.Kind.COMPLEX64, res, 2 * lane);
            }
        }
        return res;
    }

    /** The work of one chunk of lanes {@code [from, to)} that fit a buffer: two doubles per lane. */
    private static double[] lanes(NDArray arr, QuantileLanes g, long[] ranks, long from, long to) {
        DType.Kind kind = arr.dtype().kind();
        boolean paired = kind == DType.Kind.COMPLEX128;
        int len = (int) g.length;
        long[] keys = new long[len];
        long[] lows = paired ? new long[len] : null;
        long[] work = paired ? new long[len] : null;
        double[] res = new double[(int) (to - from) * 2];
        double[] v = new double[4];
        long nanKey = RadixKeys.nanKey(kind);
        QuantileOps.readLanes(arr, g, from, to, keys, lows, lane -> {
            int top = 0;
            for (int i = 1; i < len; i++) {
                top = keys[i] > keys[top] ? i : top;
            }
            if (keys[top] >= nanKey) {
                long low = 0;
                if (paired) {
                    low = Long.MIN_VALUE;
                    for (int i = 0; i < len; i++) {
                        low = keys[i] == keys[top] ? Math.max(low, lows[i]) : low;
                    }
                }
                RadixKeys.toComplex(keys[top], low, kind, res, 2 * lane);
                return;
            }
            if (paired) {
                select128(keys, lows, work, len, ranks, kind, v);
            } else {
                QuantileSelect.select(keys, len, ranks);
                RadixKeys.toComplex(keys[(int) ranks[0]], 0, kind, v, 0);
                RadixKeys.toComplex(keys[(int) ranks[ranks.length - 1]], 0, kind, v, 2);
            }
            mean(v, ranks.length == 2, !paired, res, 2 * lane);
        });
        return res;
    }

    /**
     * Selects 128-bit keys in memory: the high halves at the wanted ranks, then, among the elements tied on each
     * selected high half, the low half at the rank that remains. Writes the first and last wanted elements'
     * values to {@code v[0, 2)} and {@code v[2, 4)}.
     */
    private static void select128(long[] keys, long[] lows, long[] work, int len, long[] ranks, DType.Kind kind,
                                  double[] v) {
        System.arraycopy(keys, 0, work, 0, len);
        QuantileSelect.select(work, len, ranks);
        long[] high = new long[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            high[i] = work[(int) ranks[i]];
        }
        for (int i = 0; i < ranks.length; i++) {
            long h = high[i];
            long below = 0;
            int m = 0;
            for (int j = 0; j < len; j++) {
                if (keys[j] < h) {
                    below++;
                } else if (keys[j] == h) {
                    work[m++] = lows[j];
                }
            }
            long r = ranks[i] - below;
            QuantileSelect.select(work, m, new long[] {r});
            RadixKeys.toComplex(h, work[(int) r], kind, v, 2 * i);
        }
        if (ranks.length == 1) {
            v[2] = v[0];
            v[3] = v[1];
        }
    }

    /**
     * NumPy's {@code np.mean} of the middle elements {@code v[0, 2)} and, when {@code two}, {@code v[2, 4)}: the
     * sum in the dtype (float32 parts for complex64) from +0.0, then the complex division by the count, into
     * {@code out[at, at + 2)}. (NumPy divides a complex64 sum by its int64 count in complex128; by 1 or 2 that
     * rounds as complex64 arithmetic would.)
     */
    static void mean(double[] v, boolean two, boolean single, double[] out, int at) {
        double sr;
        double si;
        if (single) {
            sr = two ? (float) v[0] + (float) v[2] : (float) v[0];
            si = two ? (float) v[1] + (float) v[3] : (float) v[1];
        } else {
            sr = two ? v[0] + v[2] : v[0];
            si = two ? v[1] + v[3] : v[1];
        }
        // np.add.reduce adds the elements to +0.0, so that a sum of -0.0 parts is +0.0: keys hold no -0.0 to begin
        // with (RadixKeys counts -0.0 as +0.0 in values without NaN part), and +0.0 + +0.0 is +0.0.
        double[] re = new double[1];
        double[] im = new double[1];
        ExprComplexMath.divide(sr, si, two ? 2 : 1, 0, false, re, im, 0);
        out[at] = re[0];
        out[at + 1] = im[0];
    }
}
