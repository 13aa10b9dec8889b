package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.internal.Elements;
import org.memmap4j.internal.StridedLoop;

/**
 * {@code median}, {@code percentile} and {@code quantile} over all elements or along axes. Lanes short enough to
 * fit a buffer ({@link #DIRECT_MAX} elements) are read one at a time and selected in memory, many lanes per chunk;
 * longer lanes go through {@link RadixSelect}, which never holds more than histograms and a few thousand keys.
 * Either way {@link QuantileMath} turns the selected elements into NumPy's exact result; the median of complex data
 * is {@link QuantileComplex}'s.
 */
final class QuantileOps {

    /** Lanes up to this length (2 MiB of keys) are selected in memory. */
    static final int DIRECT_MAX = 1 << 18;
    /** Lanes from this length on are bracketed with a sample before the first pass. */
    static final long SAMPLE_FROM = 1 << 20;

    private QuantileOps() {
    }

    static NDArray median(Compute c, NDArray a, int[] axes, boolean keepdims) {
        Objects.requireNonNull(a, "a");
        QuantileLanes g = new QuantileLanes(a.shape(), a.strides(), QuantileLanes.normalize(axes, a.ndim()));
        DType.Kind k = a.dtype().kind();
        if (k.isComplex()) {
            return QuantileComplex.median(c, a, g, g.resultShape(keepdims));
        }
        QuantileMath plan = g.length == 0 ? null : QuantileMath.median(k, g.length);
        return run(c, a, g, plan, QuantileMath.resultType(k, true), g.resultShape(keepdims), 1);
    }

    /**
     * @param q       quantiles, already in [0, 1] for percentiles divided by 100
     * @param weak    true for a scalar q (NumPy's weak promotion; no q axis in the result)
     * @param percent true to word errors for percentiles
     */
    static NDArray quantile(Compute c, NDArray a, double[] q, boolean weak, int[] axes, boolean keepdims,
                            boolean percent) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(q, "q");
        checkReal(a, percent ? "percentile" : "quantile");
        for (double v : q) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(percent ? "Percentiles must be in the range [0, 100]"
                        : "Quantiles must be in the range [0, 1]");
            }
        }
        DType.Kind k = a.dtype().kind();
        if (k.isBool()) {
            throw new IllegalArgumentException("numpy boolean subtract, the `-` operator, is not supported: "
                    + "the linear interpolation of " + (percent ? "percentile" : "quantile")
                    + " needs it; convert bool arrays to an integer dtype first");
        }
        QuantileLanes g = new QuantileLanes(a.shape(), a.strides(), QuantileLanes.normalize(axes, a.ndim()));
        if (g.length == 0) {
            throw new IllegalArgumentException("index -1 is out of bounds for axis 0 with size 0: "
                    + (percent ? "percentile" : "quantile") + " of an empty array or axis");
        }
        QuantileMath plan = QuantileMath.quantile(k, g.length, q, weak);
        long[] inner = g.resultShape(keepdims);
        long[] shape = inner;
        if (!weak) {
            shape = new long[inner.length + 1];
            shape[0] = q.length;
            System.arraycopy(inner, 0, shape, 1, inner.length);
        }
        return run(c, a, g, plan, QuantileMath.resultType(k, weak), shape, weak ? 1 : q.length);
    }

    /** NumPy raises TypeError for complex percentiles and quantiles (its median takes complex data). */
    private static void checkReal(NDArray a, String op) {
        if (a.dtype().kind().isComplex()) {
            throw new IllegalArgumentException("a must be an array of real numbers: " + op + " of "
                    + a.dtype().kind().numpyName() + " is not supported, as in NumPy (median is)");
        }
    }

    /** Selects, computes and writes one result per lane and value; lanes of length 0 give NaN (median). */
    private static NDArray run(Compute c, NDArray a, QuantileLanes g, QuantileMath plan, DType rt, long[] shape,
                               int values) {
        NDArray out = NDArrays.empty(rt, shape);
        long lanes = g.lanes;
        if (lanes == 0) {
            return out;
        }
        MemorySegment o = out.segment();
        long isz = rt.itemSize();
        if (plan == null) {
            for (long i = 0; i < out.size(); i++) {
                Elements.castDouble(o, i * isz, rt, Double.NaN);
            }
            return out;
        }
        if (g.length <= DIRECT_MAX) {
            ArrayRef ref = ArrayRef.of(a);
            RangeTask<double[]> task = (from, to) -> ref.apply(arr -> lanes(arr, g, plan, from, to));
            inMemory(c, a, g, values, task, (lane, p, at) -> {
                for (int i = 0; i < values; i++) {
                    Elements.castDouble(o, (i * lanes + lane) * isz, rt, p[at + i]);
                }
            });
            return out;
        }
        boolean[] nan = new boolean[Math.toIntExact(lanes)];
        long[] keys = RadixSelect.select(c, a, g, plan.ranks, g.length >= SAMPLE_FROM, nan);
        int nr = plan.ranks.length;
        for (int lane = 0; lane < lanes; lane++) {
            for (int i = 0; i < values; i++) {
                double v = plan.value(i, keys, lane * nr, nan[lane]);
                Elements.castDouble(o, (i * lanes + lane) * isz, rt, v);
            }
        }
        return out;
    }

    /** Receives the results of one lane: {@code p[at, at + width)}. */
    @FunctionalInterface
    interface LaneWriter {
        void write(long lane, double[] p, int at);
    }

    /**
     * Lanes that fit a buffer: each task reads its lanes one after another and selects in memory, returning
     * {@code width} doubles per lane; the writer receives them in lane order, round by round.
     */
    static void inMemory(Compute c, NDArray a, QuantileLanes g, int width, RangeTask<double[]> task, LaneWriter w) {
        RadixRounds.runRounds(c, "quantile", g.lanes, g.length * a.itemsize(), 1, 8L * width * 4096, task,
                (from, to, parts) -> {
                    long lane = from;
                    for (double[] p : parts) {
                        for (int at = 0; at < p.length; at += width, lane++) {
                            w.write(lane, p, at);
                        }
                    }
                }, a);
    }

    /** The work of one chunk of lanes {@code [from, to)}: results lane by lane, value by value. */
    private static double[] lanes(NDArray arr, QuantileLanes g, QuantileMath plan, long from, long to) {
        int len = (int) g.length;
        int values = plan.values();
        long[] buf = new long[len];
        long[] picked = new long[plan.ranks.length];
        double[] res = new double[(int) (to - from) * values];
        boolean floats = arr.dtype().kind().isFloat();
        long nanKey = RadixKeys.maxKey(arr.dtype().kind());
        readLanes(arr, g, from, to, buf, null, lane -> {
            boolean nan = floats && hasKey(buf, len, nanKey);
            if (!nan) {
                QuantileSelect.select(buf, len, plan.ranks);
                for (int r = 0; r < picked.length; r++) {
                    picked[r] = buf[(int) plan.ranks[r]];
                }
            }
            for (int v = 0; v < values; v++) {
                res[lane * values + v] = plan.value(v, picked, 0, nan);
            }
        });
        return res;
    }

    /**
     * Reads the lanes {@code [from, to)} one after another: the keys of each into {@code keys[0, length)} (and, if
     * {@code lows} is not null, the low halves of complex128 keys into {@code lows}), then calls {@code onLane} with
     * the lane's index counted from {@code from}.
     */
    static void readLanes(NDArray arr, QuantileLanes g, long from, long to, long[] keys, long[] lows,
                          IntConsumer onLane) {
        int len = (int) g.length;
        MemorySegment seg = arr.segment();
        DType t = arr.dtype();
        // State of the lane being filled: rows of the loop may end or begin in the middle of a lane.
        int[] fill = {0};
        int[] lane = {0};
        new StridedLoop(g.movedShape, new long[][] {g.movedStrides}, true)
                .run(new long[] {arr.segmentOffset()}, from * len, to * len, (off, st, n) -> {
                    for (long i = 0; i < n; ) {
                        int take = (int) Math.min(n - i, len - fill[0]);
                        long start = off[0] + i * st[0];
                        RadixKeys.keys(seg, start, st[0], t, take, keys, fill[0]);
                        if (lows != null) {
                            for (int j = 0; j < take; j++) {
                                lows[fill[0] + j] = RadixKeys.low(seg, start + j * st[0], t);
                            }
                        }
                        i += take;
                        fill[0] += take;
                        if (fill[0] == len) {
                            onLane.accept(lane[0]++);
                            fill[0] = 0;
                        }
                    }
                });
    }

    private static boolean hasKey(long[] keys, int n, long key) {
        for (int i = 0; i < n; i++) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }
}
