package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.testing.NumPyBatch;

/** Test support for expressions: the same small arrays on both sides, and comparisons with ulp tolerances. */
final class ExprTesting {

    /** Every dtype expressions support. */
    static final List<String> DTYPES = List.of("bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
            "uint64", "float16", "float32", "float64");

    /** Small chunks on two threads: every test crosses chunk boundaries. */
    static final Compute SMALL = Compute.on(ChunkExecutor.local(2, 64));

    private ExprTesting() {
    }

    /**
     * Twelve values of a dtype with its extremes and, for floats, signed zeros, NaN and infinities. Variant 1 is a
     * rotation, so that pairs of arrays meet different values; variant 2 holds small non-negative integers (exponents).
     */
    static NDArray values(String dtype, int variant) {
        DType t = DType.of(dtype);
        NDArray v;
        if (variant == 2) {
            v = NDArrays.of(new long[] {0, 1, 2, 3, 5, 1, 0, 2, 4, 1, 3, 2}).astype(t);
        } else if (t.kind().isFloat()) {
            v = NDArrays.of(-2.5, -1.0, -0.0, 0.0, 0.5, 3.0, 7.25, 1000.0, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, 1.0e-3).astype(t);
        } else if (t.kind().isBool()) {
            v = NDArrays.of(true, false, true, true, false, false, true, false, true, true, false, true);
        } else {
            long min = ExprScalar.minOf(t.kind());
            // uint64's largest value as bits.
            long max = t.kind() == DType.Kind.UINT64 ? -1 : ExprScalar.maxOf(t.kind());
            long neg = t.kind().isUnsigned() ? 9 : -7;
            long neg1 = t.kind().isUnsigned() ? 11 : -1;
            v = NDArrays.of(new long[] {min, neg, neg1, 0, 1, 3, 100, max, 2, 6, 5, 9}).astype(t);
        }
        if (variant == 1) {
            NDArray r = NDArrays.empty(t, 12);
            for (int i = 0; i < 12; i++) {
                r.set(String.valueOf(i), v.get(String.valueOf((i + 5) % 12)));
            }
            return r;
        }
        return v;
    }

    /** The complex dtypes. */
    static final List<String> COMPLEX_DTYPES = List.of("complex64", "complex128");

    /** Parts that meet every special case of NumPy's complex loops: signed zeros, NaN, infinities, huge and tiny. */
    static final double[] PARTS = {-2.5, -1.0, -0.0, 0.0, 0.5, 3.0, 1000.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.0e-3, 1.0e30, 1.0};

    /**
     * Every pair of {@link #PARTS} as (real, imaginary), 169 values of a complex dtype; variant 1 pairs them in
     * another order, so that two arrays meet different values.
     */
    static NDArray complexValues(String dtype, int variant) {
        int k = PARTS.length;
        NDArray v = NDArrays.empty(DType.of(dtype), (long) k * k);
        for (int i = 0; i < k * k; i++) {
            int j = variant == 1 ? (i * 7 + 3) % (k * k) : i;
            v.setComplex(PARTS[j / k], PARTS[j % k], i);
        }
        return v;
    }

    /** n random complex values of a dtype: parts of random signs and magnitudes over many orders. */
    static NDArray randomComplex(String dtype, long seed, int n, double spread) {
        java.util.Random rnd = new java.util.Random(seed);
        NDArray v = NDArrays.empty(DType.of(dtype), n);
        for (int i = 0; i < n; i++) {
            double re = (rnd.nextBoolean() ? 1 : -1) * Math.exp(rnd.nextGaussian() * spread);
            double im = (rnd.nextBoolean() ? 1 : -1) * Math.exp(rnd.nextGaussian() * spread);
            v.setComplex(i % 17 == 0 ? 0.0 : re, i % 13 == 0 ? 0.0 : im, i);
        }
        return v;
    }

    /** The Python expression for {@link #values}, via a raw file the batch reads. */
    static String py(NumPyBatch batch, NDArray a) {
        return batch.input(a);
    }

    /**
     * Asserts dtype and shape equal NumPy's, integers and bools exactly, floats bit for bit or (when ulps &gt; 0)
     * within that many units in the last place of the dtype (NaN matches NaN of any payload).
     */
    static void assertClose(NDArray actual, NumPyBatch.Result expected, int ulps) {
        expected.assertOk();
        String where = "for: " + expected.label();
        assertThat(actual.dtype().descr()).as("dtype " + where).isEqualTo(expected.dtype());
        assertThat(actual.shape()).as("shape " + where).containsExactly(expected.shape());
        if (actual.dtype().kind().isComplex()) {
            assertComplexWithin(actual, expected.array(), ulps, where);
            return;
        }
        if (!actual.dtype().kind().isFloat() || ulps == 0) {
            if (actual.dtype().kind().isFloat()) {
                assertFloatsWithin(actual, expected, 0, where);
            } else {
                NumPyBatch.assertSameArray(actual, expected);
            }
            return;
        }
        assertFloatsWithin(actual, expected, ulps, where);
    }

    private static void assertFloatsWithin(NDArray actual, NumPyBatch.Result expected, int ulps, String where) {
        NDArray want = expected.array();
        NDArray got = actual.reshape(-1);
        NDArray w = want.reshape(-1);
        for (long k = 0; k < got.size(); k++) {
            double g = got.getDouble(k);
            double e = w.getDouble(k);
            if (Double.isNaN(g) && Double.isNaN(e)) {
                continue;
            }
            long d = ulpDistance(g, e, actual.dtype().kind());
            if (d > ulps) {
                fail("element %d: memmap4j %s, numpy %s (%d ulps apart, allowed %d) %s", k, g, e, d, ulps, where);
            }
        }
    }

    /**
     * Asserts each part of each complex element within ulps of the expected one in the component dtype; a NaN part
     * matches only a NaN part (of any payload). Returns the largest distance seen.
     */
    static long assertComplexWithin(NDArray actual, NDArray expected, int ulps, String where) {
        DType.Kind part = actual.dtype().kind() == DType.Kind.COMPLEX64 ? DType.Kind.FLOAT32 : DType.Kind.FLOAT64;
        NDArray got = actual.reshape(-1);
        NDArray want = expected.reshape(-1);
        long worst = 0;
        for (long k = 0; k < got.size(); k++) {
            double[] g = got.getComplex(k);
            double[] e = want.getComplex(k);
            for (int p = 0; p < 2; p++) {
                if (Double.isNaN(g[p]) && Double.isNaN(e[p])) {
                    continue;
                }
                // Exact comparisons see the sign of zero too.
                long d = ulps == 0 && Double.compare(g[p], e[p]) != 0 ? Math.max(1, ulpDistance(g[p], e[p], part))
                        : ulpDistance(g[p], e[p], part);
                worst = Math.max(worst, d);
                if (d > ulps) {
                    fail("element %d (%s): memmap4j (%s, %s), numpy (%s, %s) (%s ulps apart, allowed %d) %s", k,
                            p == 0 ? "real" : "imag", g[0], g[1], e[0], e[1], d == Long.MAX_VALUE ? "NaN vs number" : d,
                            ulps, where);
                }
            }
        }
        return worst;
    }

    /** Distance in units in the last place of the kind (floats compared on their ordered bit patterns). */
    static long ulpDistance(double a, double b, DType.Kind kind) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        return switch (kind) {
            case FLOAT16 -> Math.abs(ordered(Float.floatToFloat16((float) a)) - ordered(Float.floatToFloat16((float) b)));
            case FLOAT32 -> Math.abs(ordered(Float.floatToRawIntBits((float) a)) - ordered(Float.floatToRawIntBits((float) b)));
            default -> {
                long x = Double.doubleToRawLongBits(a);
                long y = Double.doubleToRawLongBits(b);
                x = x < 0 ? Long.MIN_VALUE - x : x;
                y = y < 0 ? Long.MIN_VALUE - y : y;
                yield Math.abs(x - y);
            }
        };
    }

    private static long ordered(int bits) {
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static long ordered(short bits) {
        return bits < 0 ? (long) Short.MIN_VALUE - bits : bits;
    }
}
