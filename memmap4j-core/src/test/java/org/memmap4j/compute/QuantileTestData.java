package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.internal.Elements;
import org.memmap4j.testing.NumPyBatch;

/** Arrays, views and comparisons shared by the tests of order statistics and several-array operations. */
final class QuantileTestData {

    /** Every real dtype, and some in non-native byte order. */
    static final String[] REAL = {"bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float16", "float32", "float64", ">i2", ">u4", ">i8", ">f2", ">f4", ">f8"};

    private QuantileTestData() {
    }

    /**
     * Returns an array of random values with many duplicates: integers from a small range or (one in eight) the
     * dtype's extremes; floats from a coarse grid, signed, with occasional infinities; no NaN unless asked; complex
     * values with both parts drawn so.
     */
    static NDArray random(DType dtype, Order order, Random rnd, double nanFraction, long... shape) {
        NDArray a = NDArrays.empty(dtype, order, shape);
        MemorySegment s = a.segment();
        long size = dtype.itemSize();
        DType.Kind k = dtype.kind();
        for (long i = 0; i < a.size(); i++) {
            long off = i * size;
            if (k.isComplex()) {
                Elements.castComplex(s, off, dtype, value(rnd, nanFraction), value(rnd, nanFraction));
            } else if (k.isFloat()) {
                Elements.castDouble(s, off, dtype, value(rnd, nanFraction));
            } else if (k.isBool()) {
                Elements.castLong(s, off, dtype, rnd.nextInt(2));
            } else {
                long v = rnd.nextInt(8) == 0 ? extreme(k, rnd) : rnd.nextInt(41) - (k.isUnsigned() ? 0 : 20);
                Elements.castLong(s, off, dtype, v);
            }
        }
        return a;
    }

    /**
     * A float of {@link #random}'s distribution: NaN with probability {@code nanFraction}, an infinity with 0.01, a
     * small integer (many ties) up to 0.3, else a scaled Gaussian; never -0.0, whose order against +0.0 NumPy leaves
     * unspecified.
     */
    static double value(Random rnd, double nanFraction) {
        double v;
        double u = rnd.nextDouble();
        if (u < nanFraction) {
            v = Double.NaN;
        } else if (u < nanFraction + 0.01) {
            v = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        } else if (u < 0.3) {
            v = rnd.nextInt(9) - 4;
        } else {
            v = Math.scalb(rnd.nextGaussian(), rnd.nextInt(9) - 4);
        }
        return v == 0 ? 0.0 : v;
    }

    /** As {@link #random}, without infinities (whose products BLAS and memmap4j turn into NaN differently). */
    static NDArray finite(DType dtype, Order order, Random rnd, long... shape) {
        NDArray a = random(dtype, Order.C, rnd, 0, shape);
        if (dtype.kind().isComplex()) {
            NDArray flat = a.reshape(-1);
            for (long i = 0; i < flat.size(); i++) {
                double[] z = flat.getComplex(i);
                flat.setComplex(Double.isInfinite(z[0]) ? rnd.nextInt(9) - 4 : z[0],
                        Double.isInfinite(z[1]) ? rnd.nextInt(9) - 4 : z[1], i);
            }
        } else if (dtype.kind().isFloat()) {
            NDArray flat = a.reshape(-1);
            for (long i = 0; i < flat.size(); i++) {
                if (Double.isInfinite(flat.getDouble(i))) {
                    flat.setDouble(rnd.nextInt(9) - 4, i);
                }
            }
        }
        return order == Order.C ? a : a.copy(order);
    }

    private static long extreme(DType.Kind k, Random rnd) {
        boolean hi = rnd.nextBoolean();
        return switch (k) {
            case INT8 -> hi ? Byte.MAX_VALUE : Byte.MIN_VALUE;
            case UINT8 -> hi ? 255 : 0;
            case INT16 -> hi ? Short.MAX_VALUE : Short.MIN_VALUE;
            case UINT16 -> hi ? 65535 : 0;
            case INT32 -> hi ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            case UINT32 -> hi ? 0xFFFF_FFFFL : 0;
            case INT64 -> hi ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> hi ? -1L : rnd.nextLong();
        };
    }

    /** Named views of an array: itself, an F-ordered copy, reversed, strided, transposed. */
    static Map<String, NDArray> views(NDArray a) {
        Map<String, NDArray> v = new LinkedHashMap<>();
        v.put("C", a);
        if (a.ndim() >= 1 && a.size() > 0) {
            v.put("F copy", a.copy(Order.F));
            v.put("reversed", a.get("::-1"));
            if (a.shape(0) > 2) {
                v.put("::2", a.get("::2"));
            }
        }
        if (a.ndim() >= 2) {
            v.put("T", a.T());
        }
        return v;
    }

    /**
     * Asserts a result equals NumPy's: same dtype (byte order aside), same shape, and the same values bit for bit,
     * except that any NaN equals any NaN and +0.0 equals -0.0.
     */
    static void assertSameValues(NDArray actual, NumPyBatch.Result expected, String where) {
        assertSameValues(actual, expected, where, QuantileTestData::sameValue);
    }

    /** Compares element {@code i} of two flat arrays. */
    @FunctionalInterface
    interface SameElement {
        boolean test(NDArray actual, NDArray want, long i);
    }

    /** As {@link #assertSameValues(NDArray, NumPyBatch.Result, String)}, elements compared by {@code same}. */
    static void assertSameValues(NDArray actual, NumPyBatch.Result expected, String where, SameElement same) {
        expected.assertOk();
        NDArray want = expected.array();
        assertThat(actual.dtype().kind()).as("dtype " + where).isEqualTo(want.dtype().kind());
        assertThat(actual.shape()).as("shape " + where).containsExactly(want.shape());
        NDArray a = actual.reshape(-1);
        NDArray w = want.reshape(-1);
        for (long i = 0; i < a.size(); i++) {
            if (!same.test(a, w, i)) {
                fail("element %d differs %s: memmap4j %s, numpy %s", i, where, str(a, i), str(w, i));
            }
        }
    }

    private static boolean sameValue(NDArray a, NDArray w, long i) {
        DType.Kind k = a.dtype().kind();
        if (k.isFloat() || k.isComplex()) {
            double x = a.getDouble(i);
            double y = w.getDouble(i);
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y) || (x == 0 && y == 0)
                    || (Double.isNaN(x) && Double.isNaN(y));
        }
        return a.getLong(i) == w.getLong(i);
    }

    private static String str(NDArray a, long i) {
        if (a.dtype().kind().isComplex()) {
            double[] z = a.getComplex(i);
            return z[0] + (z[1] < 0 || z[1] != z[1] ? "" : "+") + z[1] + "j";
        }
        return a.dtype().kind().isFloat() ? Double.toString(a.getDouble(i)) : Long.toString(a.getLong(i));
    }

    /**
     * One comparison with NumPy: when NumPy's result {@code result} exists, {@code verify} checks memmap4j's against
     * the results; where NumPy raised, {@code call} must throw IllegalArgumentException.
     */
    record Oracle(String where, int result, ThrowingCallable call, Consumer<List<NumPyBatch.Result>> verify) {
    }

    /** The usual oracle: a result equal to NumPy's ({@link #assertSameValues}). */
    static Oracle same(String where, Supplier<NDArray> actual, int result) {
        return new Oracle(where, result, actual::get, res -> assertSameValues(actual.get(), res.get(result), where));
    }

    /** Runs NumPy once and checks every oracle; most of them must have compared values. */
    static void check(NumPyBatch b, List<Oracle> cases) {
        List<NumPyBatch.Result> res = b.run();
        int compared = 0;
        for (Oracle c : cases) {
            NumPyBatch.Result r = res.get(c.result());
            if (r.ok()) {
                c.verify().accept(res);
                compared++;
            } else {
                assertThatThrownBy(c.call()).as(c.where() + ": NumPy raised " + r.error() + " " + r.message())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(compared).isGreaterThan(cases.size() / 2);
    }

    /** Computes on executors of 1, 2 and 4 threads with tiny, small and default chunks. */
    static List<Compute> executors() {
        List<Compute> out = new ArrayList<>();
        out.add(Compute.local());
        for (int t : new int[] {1, 2, 4}) {
            for (long chunk : new long[] {64, 4096}) {
                out.add(Compute.on(org.memmap4j.exec.ChunkExecutor.local(t, chunk)));
            }
        }
        return out;
    }

    /** Closes the executors made by {@link #executors()}. */
    static void close(List<Compute> cs) {
        for (Compute c : cs) {
            c.executor().close();
        }
    }

    /** Returns {@code "(a, b)"} for an axis list, as Python writes a tuple. */
    static String pyAxes(int[] axes) {
        if (axes == null) {
            return "None";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < axes.length; i++) {
            sb.append(i > 0 ? ", " : "").append(axes[i]);
        }
        return sb.append(axes.length == 1 ? ",)" : ")").toString();
    }

    /** Python's repr of a double list element. */
    static String py(double v) {
        return Double.isNaN(v) ? "float('nan')" : Double.isInfinite(v) ? (v > 0 ? "float('inf')" : "-float('inf')")
                : Double.toString(v);
    }

    /** Asserts two arrays hold the same dtype, shape and bytes. */
    static void assertIdentical(NDArray a, NDArray b, String where) {
        assertThat(a.dtype()).as(where).isEqualTo(b.dtype());
        assertThat(a.shape()).as(where).containsExactly(b.shape());
        assertThat(NumPyBatch.bytes(a)).as(where).isEqualTo(NumPyBatch.bytes(b));
    }
}
