package org.memmap4j.compute;

import java.io.Serializable;
import java.util.Arrays;
import java.util.TreeSet;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * Turns the selected order statistics of a lane into NumPy's result, operation for operation, so that results are
 * equal to NumPy's, not merely close.
 *
 * <ul>
 *   <li>{@code median} is NumPy's {@code mean} of the one or two middle elements: in float64 for integers and
 *       bool, in float32 for float16 (then rounded to float16), in the dtype for float32 and float64.</li>
 *   <li>{@code quantile} (method 'linear') takes virtual index {@code v = (n - 1) q}, neighbours
 *       {@code floor(v)} and {@code floor(v) + 1} (both the last element when {@code v >= n - 1}, and then
 *       {@code gamma = v + 1}, as NumPy computes it), and NumPy's {@code _lerp}:
 *       {@code diff = b - a} in the input dtype (integers wrap, as in NumPy), then {@code a + diff * gamma}, or
 *       {@code b - diff * (1 - gamma)} when {@code gamma >= 0.5}. With a scalar q (NumPy's weak promotion) float
 *       inputs compute in their dtype with gamma rounded to it; with a q array, and for integers, in float64.</li>
 * </ul>
 */
final class QuantileMath implements Serializable {

    private static final long serialVersionUID = 1L;

    final DType.Kind kind;
    final boolean median;
    final boolean weak;
    /** Distinct sorted ranks to select. */
    final long[] ranks;
    /** Per result value: index in {@link #ranks} of the lower and upper neighbour. */
    final int[] prev;
    final int[] next;
    final double[] gamma;

    private QuantileMath(DType.Kind kind, boolean median, boolean weak, long[] prevRank, long[] nextRank,
                         double[] gamma) {
        this.kind = kind;
        this.median = median;
        this.weak = weak;
        TreeSet<Long> set = new TreeSet<>();
        for (int i = 0; i < prevRank.length; i++) {
            set.add(prevRank[i]);
            set.add(nextRank[i]);
        }
        this.ranks = set.stream().mapToLong(Long::longValue).toArray();
        this.prev = new int[prevRank.length];
        this.next = new int[prevRank.length];
        for (int i = 0; i < prevRank.length; i++) {
            prev[i] = Arrays.binarySearch(ranks, prevRank[i]);
            next[i] = Arrays.binarySearch(ranks, nextRank[i]);
        }
        this.gamma = gamma;
    }

    /** The plan of {@code np.median} over lanes of length n (n at least 1). */
    static QuantileMath median(DType.Kind kind, long n) {
        long lo = (n - 1) / 2;
        long hi = n / 2;
        return new QuantileMath(kind, true, false, new long[] {lo}, new long[] {hi}, new double[1]);
    }

    /**
     * The plan of {@code np.quantile(a, q, method='linear')} over lanes of length n (n at least 1).
     *
     * @param weak true for a scalar q (the result keeps a float input's dtype), false for a q array
     */
    static QuantileMath quantile(DType.Kind kind, long n, double[] q, boolean weak) {
        long[] p = new long[q.length];
        long[] x = new long[q.length];
        double[] g = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            double v = (double) (n - 1) * q[i];
            if (v >= n - 1) {
                p[i] = n - 1;
                x[i] = n - 1;
                g[i] = v - -1.0;
            } else {
                double f = Math.floor(v);
                p[i] = (long) f;
                x[i] = p[i] + 1;
                g[i] = v - f;
            }
        }
        return new QuantileMath(kind, false, weak, p, x, g);
    }

    /** {@return how many values each lane produces} */
    int values() {
        return prev.length;
    }

    /** {@return the result dtype: float64 for integers, bool and q arrays; else the input's float dtype} */
    static DType resultType(DType.Kind kind, boolean weakOrMedian) {
        return kind.isFloat() && weakOrMedian ? DType.of(kind) : DType.FLOAT64;
    }

    /**
     * Computes result value {@code i} of a lane.
     *
     * @param keys the lane's selected keys, in the order of {@link #ranks}, from position {@code at}
     * @param nan  true if the lane holds a NaN (the result is then NaN)
     */
    double value(int i, long[] keys, int at, boolean nan) {
        if (nan) {
            return Double.NaN;
        }
        long ka = keys[at + prev[i]];
        long kb = keys[at + next[i]];
        return median ? mean(ka, kb, prev[i] != next[i]) : lerp(ka, kb, gamma[i]);
    }

    private double mean(long ka, long kb, boolean two) {
        switch (kind) {
            case FLOAT16 -> {
                float a = (float) RadixKeys.toDouble(ka, kind);
                float b = (float) RadixKeys.toDouble(kb, kind);
                return two ? half((a + b) / 2f) : a;
            }
            case FLOAT32 -> {
                float a = (float) RadixKeys.toDouble(ka, kind);
                float b = (float) RadixKeys.toDouble(kb, kind);
                return two ? (a + b) / 2f : a;
            }
            default -> {
                double a = RadixKeys.toDouble(ka, kind);
                double b = RadixKeys.toDouble(kb, kind);
                return two ? (a + b) / 2.0 : a;
            }
        }
    }

    private double lerp(long ka, long kb, double t) {
        boolean upper = t >= 0.5;
        if (kind.isFloat()) {
            double a = RadixKeys.toDouble(ka, kind);
            double b = RadixKeys.toDouble(kb, kind);
            if (kind == DType.Kind.FLOAT16) {
                float fa = (float) a;
                float fb = (float) b;
                float d = half(fb - fa);
                if (weak) {
                    // A Python float meets a float16 array: it is rounded to float16 first (NEP 50).
                    return upper ? half(fb - half(d * halfOf(1 - t))) : half(fa + half(d * halfOf(t)));
                }
                return upper ? b - d * (1 - t) : a + d * t;
            }
            if (kind == DType.Kind.FLOAT32) {
                float fa = (float) a;
                float fb = (float) b;
                float d = fb - fa;
                if (weak) {
                    return upper ? fb - d * (float) (1 - t) : fa + d * (float) t;
                }
                return upper ? b - d * (1 - t) : a + d * t;
            }
            double d = b - a;
            return upper ? b - d * (1 - t) : a + d * t;
        }
        long a = RadixKeys.toLong(ka, kind);
        long b = RadixKeys.toLong(kb, kind);
        long d = wrap(b - a);
        double dd = kind == DType.Kind.UINT64 ? Elements.unsignedToDouble(d) : d;
        double da = RadixKeys.toDouble(ka, kind);
        double db = RadixKeys.toDouble(kb, kind);
        return upper ? db - dd * (1 - t) : da + dd * t;
    }

    /** NumPy's integer subtraction wraps in the dtype's width. */
    private long wrap(long d) {
        return switch (kind) {
            case BOOL, UINT8 -> d & 0xFF;
            case INT8 -> (byte) d;
            case INT16 -> (short) d;
            case UINT16 -> d & 0xFFFF;
            case INT32 -> (int) d;
            case UINT32 -> d & 0xFFFF_FFFFL;
            default -> d;
        };
    }

    /** Rounds a float to float16, as NumPy's half arithmetic does after computing in float. */
    private static float half(float f) {
        return Float.float16ToFloat(Float.floatToFloat16(f));
    }

    /** Rounds a double to float16 once. */
    private static float halfOf(double d) {
        return Float.float16ToFloat(Elements.doubleToHalf(d));
    }
}
