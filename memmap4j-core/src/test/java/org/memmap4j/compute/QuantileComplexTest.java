package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.QuantileTestData.pyAxes;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.memmap4j.internal.Elements;
import org.memmap4j.testing.NumPyBatch;

/**
 * {@code np.median} of complex64 and complex128 against NumPy 2: lexicographic order with ties on the real part,
 * NaN and infinities in either part (NumPy's NaN classes, the division of {@code inf + 1j}), signed zeros, empty
 * lanes and 0-d arrays, axes, keepdims, every view layout and byte order, lanes long enough for the out-of-core path
 * (complex128 in two stages, with and without a sample, ties too many to collect), memory-mapped files with tiny
 * chunks. Results must be NumPy's bit for bit, NaN payloads aside.
 */
class QuantileComplexTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    /** Random complex values, each part drawn as {@link QuantileTestData#value}: many ties on the real part. */
    static NDArray complexData(DType dtype, Order order, Random rnd, double nanFraction, long... shape) {
        NDArray a = NDArrays.empty(dtype, order, shape);
        MemorySegment s = a.segment();
        for (long i = 0; i < a.size(); i++) {
            Elements.castComplex(s, i * dtype.itemSize(), dtype, QuantileTestData.value(rnd, nanFraction),
                    QuantileTestData.value(rnd, nanFraction));
        }
        return a;
    }

    /**
     * Asserts a complex result equals NumPy's: the same complex dtype, shape, and both parts bit for bit, except that
     * NaN equals NaN, and a zero beside a NaN part may have either sign (NumPy returns a NaN lane's largest element,
     * and which of {@code -0 + nanj} and {@code 0 + nanj} its partition puts last is unspecified).
     */
    static void assertSameComplex(NDArray actual, NumPyBatch.Result expected, String where) {
        QuantileTestData.assertSameValues(actual, expected, where, (a, w, i) -> {
            double[] x = a.getComplex(i);
            double[] y = w.getComplex(i);
            return samePart(x[0], y[0], x[1] != x[1]) && samePart(x[1], y[1], x[0] != x[0]);
        });
    }

    private static boolean samePart(double x, double y, boolean besideNaN) {
        return Double.doubleToLongBits(x) == Double.doubleToLongBits(y) || (besideNaN && x == 0 && y == 0);
    }

    private record Case(String where, Supplier<NDArray> actual, int result) {
    }

    private static void check(NumPyBatch b, List<Case> cases) {
        List<NumPyBatch.Result> res = b.run();
        for (Case c : cases) {
            assertSameComplex(c.actual().get(), res.get(c.result()), c.where());
        }
    }

    @Test
    void smallArraysOfEveryLayoutAxisAndByteOrderEqualNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        Random rnd = new Random(21);
        long[][] shapes = {{}, {1}, {2}, {7}, {64}, {4, 9}, {3, 5, 6}, {3, 0}, {0}};
        for (String dt : new String[] {"complex64", "complex128", ">c8", ">c16"}) {
            for (double nan : new double[] {0, 0.04}) {
                for (long[] shape : shapes) {
                    NDArray base = complexData(DType.of(dt), rnd.nextBoolean() ? Order.C : Order.F, rnd, nan, shape);
                    for (Map.Entry<String, NDArray> v : QuantileTestData.views(base).entrySet()) {
                        NDArray a = v.getValue();
                        String in = b.input(a);
                        String name = dt + " nan=" + nan + " " + Arrays.toString(shape) + " " + v.getKey();
                        List<int[]> axesList = new ArrayList<>();
                        axesList.add(null);
                        for (int ax = -a.ndim(); ax < a.ndim(); ax++) {
                            axesList.add(new int[] {ax});
                        }
                        if (a.ndim() >= 2) {
                            axesList.add(new int[] {a.ndim() - 1, 0});
                        }
                        for (int[] axes : axesList) {
                            boolean keep = rnd.nextBoolean();
                            String ax = pyAxes(axes) + ", keepdims=" + (keep ? "True" : "False");
                            cases.add(new Case(name + " axis=" + ax, () -> C.median(a, axes, keep),
                                    b.add("r = np.median(" + in + ", axis=" + ax + ")")));
                        }
                        cases.add(new Case(name + " median()", () -> C.median(a), b.add("r = np.median(" + in + ")")));
                        if (a.ndim() >= 1) {
                            cases.add(new Case(name + " median(a, -1)", () -> C.median(a, -1),
                                    b.add("r = np.median(" + in + ", axis=-1)")));
                        }
                    }
                }
            }
        }
        check(b, cases);
    }

    /** The values whose pairs meet every rule: signed zeros, infinities, NaN, a sum that overflows, a subnormal. */
    private static double[] specials(DType.Kind k) {
        boolean single = k == DType.Kind.COMPLEX64;
        return new double[] {0.0, -0.0, 1.0, -1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            single ? 3e38 : 1.7e308, single ? 1.4e-45 : Double.MIN_VALUE};
    }

    @Test
    void specialValuesInEitherPartGiveNumPysResults() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        Random rnd = new Random(8);
        for (DType dt : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            double[] s = specials(dt.kind());
            int m = s.length * s.length;
            // Every pair of special complex values is a lane (even: the mean of two); random triples and quadruples.
            for (int len : new int[] {1, 2, 3, 4}) {
                int lanes = len == 1 ? m : len == 2 ? m * m : 20_000;
                NDArray a = NDArrays.empty(dt, lanes, len);
                for (int lane = 0; lane < lanes; lane++) {
                    for (int j = 0; j < len; j++) {
                        int v = len <= 2 ? (j == 0 ? lane % m : lane / m) : rnd.nextInt(m);
                        a.setComplex(s[v % s.length], s[v / s.length], lane, j);
                    }
                }
                String in = b.input(a);
                String name = dt + " specials of " + len;
                cases.add(new Case(name, () -> C.median(a, 1), b.add("r = np.median(" + in + ", axis=1)")));
                cases.add(new Case(name + " transposed", () -> C.median(a.T(), 0),
                        b.add("r = np.median(" + in + ".T, axis=0)")));
            }
            // 0-d arrays of each value.
            for (int v = 0; v < m; v++) {
                NDArray z = NDArrays.empty(dt);
                z.setComplex(s[v % s.length], s[v / s.length]);
                cases.add(new Case(dt + " 0-d " + v, () -> C.median(z), b.add("r = np.median(" + b.input(z) + ")")));
            }
        }
        check(b, cases);
    }

    @Test
    void nanClassesAndSignedZerosFollowNumPysSortOrder() {
        // NumPy's sort order: R + Rj (zeros equal), then R + nanj by R, then nan + Rj by R, then nan + nanj.
        double nan = Double.NaN;
        double[][][] lanes = {
            {{-0.0, 5}, {0.0, 1}, {0, 3}},            // -0 + 5j sorts last: the middle is 0 + 3j
            {{1, nan}, {2, nan}, {5, 0}},             // the largest R + nanj: 2 + nanj
            {{nan, 1}, {nan, 3}, {2, nan}},           // nan + 3j above every R + nanj
            {{nan, nan}, {nan, 3}, {2, nan}, {7, 7}}, // nan + nanj above all
            {{-0.0, -0.0}, {-0.0, -0.0}},             // the mean starts from +0.0
            {{Double.POSITIVE_INFINITY, 1}, {Double.POSITIVE_INFINITY, 1}}, // inf + 2j halved: inf + nanj
            {{1, Double.POSITIVE_INFINITY}, {1, Double.NEGATIVE_INFINITY}}, // a NaN sum of finite-free parts
            {{nan, -0.0}},                            // returned as it is: nan - 0j
        };
        NumPyBatch b = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        for (DType dt : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            for (double[][] lane : lanes) {
                NDArray a = NDArrays.empty(dt, lane.length);
                for (int i = 0; i < lane.length; i++) {
                    a.setComplex(lane[i][0], lane[i][1], i);
                }
                cases.add(new Case(dt + " " + Arrays.deepToString(lane), () -> C.median(a),
                        b.add("r = np.median(" + b.input(a) + ")")));
            }
        }
        check(b, cases);
        NDArray m = C.median(NDArrays.of(new double[] {0, 0, 0}).astype(DType.COMPLEX128));
        assertThat(m.dtype()).isEqualTo(DType.COMPLEX128);
        NDArray z = NDArrays.empty(DType.COMPLEX64, 3);
        z.setComplex(-0.0, 5, 0);
        z.setComplex(0.0, 1, 1);
        z.setComplex(0.0, 3, 2);
        assertThat(C.median(z).getComplex()).containsExactly(0.0, 3.0);
    }

    @Test
    void longLanesSelectOutOfCoreAsNumPyForEveryExecutor() throws IOException {
        NumPyBatch b = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        Random rnd = new Random(33);
        record Lane(String name, NDArray a, String py, int[] axes) {
        }
        List<Lane> longs = new ArrayList<>();
        NDArray c16 = complexData(DType.COMPLEX128, Order.C, rnd, 0, 300_001);
        longs.add(new Lane("c16 odd", c16, b.input(c16), null));
        NDArray c8 = complexData(DType.COMPLEX64, Order.C, rnd, 0, 300_000);
        longs.add(new Lane("c8 even", c8, b.input(c8), null));
        for (DType dt : new DType[] {DType.COMPLEX64, DType.COMPLEX128, DType.of(">c16")}) {
            NDArray rows = complexData(dt, Order.C, rnd, 0, 2, 300_000);
            String p = b.input(rows);
            longs.add(new Lane(dt + " rows", rows, p, new int[] {1}));
            longs.add(new Lane(dt + " columns", rows.T(), p + ".T", new int[] {0}));
            longs.add(new Lane(dt + " strided reversed", rows.get(":, ::-2"), p + "[:, ::-2]", new int[] {-1}));
            NDArray f = complexData(dt, Order.F, rnd, 0, 300_001, 2);
            longs.add(new Lane(dt + " F", f, b.input(f), new int[] {0}));
            // Every real part equal: the ties are the whole lane, too many to collect, so the imaginary parts are
            // narrowed down by histograms (complex128's second stage).
            NDArray tied = complexData(dt, Order.C, rnd, 0, 300_000, 2);
            for (long i = 0; i < 300_000; i++) {
                tied.setComplex(3.0, tied.getComplex(i, 0)[1], i, 0);
                tied.setComplex(i % 2 == 0 ? -1.0 : 2.0, tied.getComplex(i, 1)[1], i, 1);
            }
            longs.add(new Lane(dt + " tied", tied, b.input(tied), new int[] {0}));
            // Lanes holding a NaN: in the imaginary part only, in the real part only, both, and a NaN-free lane.
            NDArray nans = complexData(dt, Order.C, rnd, 0, 4, 270_000);
            nans.setComplex(7, Double.NaN, 0, 5);
            nans.setComplex(8, Double.NaN, 0, 6);
            nans.setComplex(Double.NaN, -2, 1, 9);
            nans.setComplex(9, Double.NaN, 1, 10);
            nans.setComplex(Double.NaN, Double.NaN, 2, 100);
            nans.setComplex(Double.NaN, 4, 2, 101);
            longs.add(new Lane(dt + " nan", nans, b.input(nans), new int[] {1}));
        }
        // Lanes of more than a million: a sample brackets the ranks first.
        for (DType dt : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            NDArray big = complexData(dt, Order.C, rnd, 0, 1_100_001);
            longs.add(new Lane(dt + " sampled", big, b.input(big), null));
        }
        for (Lane l : longs) {
            cases.add(new Case(l.name(), () -> C.median(l.a(), l.axes(), false),
                    b.add("r = np.median(" + l.py() + ", axis=" + pyAxes(l.axes()) + ")")));
        }
        check(b, cases);
        // The same bytes on 1, 2 and 4 threads and small chunks, from a memory-mapped file.
        Path file = dir.resolve("c.npy");
        NDArray src = longs.stream().filter(l -> l.name().equals(DType.COMPLEX128 + " rows")).findFirst().orElseThrow().a();
        try (NDArray mapped = Npy.create(file, DType.COMPLEX128, Order.C, false, src.shape())) {
            mapped.assign(src);
        }
        List<Compute> cs = QuantileTestData.executors();
        try (NDArray mapped = Npy.open(file, Mode.READ_ONLY)) {
            NDArray want = C.median(src, 1);
            for (Compute other : cs) {
                if (other.executor().chunkBytes() >= 4096) {
                    QuantileTestData.assertIdentical(other.median(mapped, 1), want,
                            "threads " + other.executor().parallelism() + " chunk " + other.executor().chunkBytes());
                }
            }
            try (ChunkExecutor tiny = ChunkExecutor.local(2, 64)) {
                NDArray part = mapped.get(":, :40000");
                QuantileTestData.assertIdentical(Compute.on(tiny).median(part, 1), C.median(part, 1), "64-byte chunks");
            }
        } finally {
            QuantileTestData.close(cs);
        }
    }

    @Test
    void radixSelectionPicksWhatSortingTheKeysWould() {
        // Lanes just long enough for radix selection: the result is the mean of the middle elements of the lane
        // sorted by (high, low) keys, or its last element when that holds a NaN part.
        Random rnd = new Random(2);
        for (DType dt : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            int n = QuantileComplex.directMax(dt.kind()) + 1001;
            NDArray a = complexData(dt, Order.C, rnd, 0, 3, n);
            a.setComplex(Double.NaN, 1, 2, 17);
            QuantileLanes g = new QuantileLanes(a.shape(), a.strides(), new int[] {1});
            NDArray radix = C.median(a, 1);
            for (int lane = 0; lane < 3; lane++) {
                long[][] keys = new long[n][];
                for (int i = 0; i < n; i++) {
                    long off = a.segmentOffset() + g.offset(lane, i);
                    keys[i] = new long[] {RadixKeys.key(a.segment(), off, dt),
                        dt.kind() == DType.Kind.COMPLEX128 ? RadixKeys.low(a.segment(), off, dt) : 0};
                }
                Arrays.sort(keys, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
                double[] v = new double[4];
                double[] want = new double[2];
                long[] last = keys[n - 1];
                if (last[0] >= RadixKeys.nanKey(dt.kind())) {
                    RadixKeys.toComplex(last[0], last[1], dt.kind(), want, 0);
                } else {
                    RadixKeys.toComplex(keys[(n - 1) / 2][0], keys[(n - 1) / 2][1], dt.kind(), v, 0);
                    RadixKeys.toComplex(keys[n / 2][0], keys[n / 2][1], dt.kind(), v, 2);
                    QuantileComplex.mean(v, n % 2 == 0, dt.kind() == DType.Kind.COMPLEX64, want, 0);
                    want[0] = dt.kind() == DType.Kind.COMPLEX64 ? (float) want[0] : want[0];
                    want[1] = dt.kind() == DType.Kind.COMPLEX64 ? (float) want[1] : want[1];
                }
                assertThat(radix.getComplex(lane)).as(dt + " lane " + lane).containsExactly(want);
            }
        }
    }

    @Test
    void percentileAndQuantileOfComplexAreRefusedAsInNumPy() {
        NDArray c = NDArrays.zeros(DType.COMPLEX64, 3);
        assertThatThrownBy(() -> C.percentile(c, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a must be an array of real numbers").hasMessageContaining("percentile");
        assertThatThrownBy(() -> C.quantile(c, new double[] {0.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a must be an array of real numbers").hasMessageContaining("quantile");
        assertThatThrownBy(() -> C.median(c, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 1 is out of bounds");
    }
}
