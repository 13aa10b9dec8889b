package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.memmap4j.compute.QuantileTestData.check;

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
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.Randoms;
import org.memmap4j.compute.QuantileTestData.Oracle;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPyBatch;

/**
 * np.cov and np.corrcoef against NumPy 2 (to 1e-12 relative): dtypes, layouts, strided row selections, one to many
 * super-blocks, ddof and bias, large means, degenerate shapes; bit-identical for every executor and for the vector
 * and scalar kernels.
 */
class LinalgCovTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    /**
     * Close to NumPy: covariance relative to the variables' scales ({@code sqrt(|C[i,i] C[j,j]|)}, real parts),
     * correlations absolutely, to 1e-12; complex results part by part; NaN and infinities where NumPy's (as
     * non-finite values: a divisor of 0 multiplies rounding noise by infinity differently in either library).
     */
    static void assertClose(NDArray actual, NumPyBatch.Result r, String where, boolean corr) {
        r.assertOk();
        NDArray want = r.array();
        assertThat(actual.dtype()).as(where).isEqualTo(want.dtype().kind().isComplex() ? DType.COMPLEX128
                : DType.FLOAT64);
        assertThat(actual.shape()).as(where).containsExactly(want.shape());
        NDArray a = actual.reshape(-1);
        NDArray w = want.reshape(-1);
        boolean complex = want.dtype().kind().isComplex();
        int s = actual.ndim() == 2 ? (int) actual.shape(0) : 1;
        for (int i = 0; i < a.size(); i++) {
            double[] x = complex ? a.getComplex(i) : new double[] {a.getDouble(i)};
            double[] y = complex ? w.getComplex(i) : new double[] {w.getDouble(i)};
            double scale = corr ? 1 : Math.sqrt(Math.abs(w.getDouble((i / s) * (s + 1)) * w.getDouble((i % s) * (s + 1))));
            for (int part = 0; part < x.length; part++) {
                if (Double.isNaN(y[part]) || Double.isInfinite(y[part])) {
                    if (Double.isFinite(x[part])) {
                        fail("%s element %d part %d: memmap4j %s, numpy %s", where, i, part, x[part], y[part]);
                    }
                    continue;
                }
                if (Math.abs(x[part] - y[part]) > 1e-12 * scale + 1e-300) {
                    fail("%s element %d part %d: memmap4j %s, numpy %s", where, i, part, x[part], y[part]);
                }
            }
        }
    }

    private static Oracle close(String where, Supplier<NDArray> actual, int result, boolean corr) {
        return new Oracle(where, result, actual::get, res -> assertClose(actual.get(), res.get(result), where, corr));
    }

    @Test
    void dtypesLayoutsAndShapesAgreeWithNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(41);
        String[] dtypes = {"float64", "float32", "float16", "int16", "uint8", "bool", "int64", ">f8", "<u4"};
        long[][] shapes = {{5, 100}, {3, 2500}, {1, 50}, {50}, {4, 1}, {4, 0}, {0, 5}, {2, 3}, {7, 1030}};
        for (String dt : dtypes) {
            for (long[] shape : shapes) {
                NDArray base = QuantileTestData.random(DType.of(dt), rnd.nextBoolean() ? Order.C : Order.F, rnd, 0,
                        shape);
                // No infinities: NumPy's BLAS and memmap4j would both give NaN, but not in the same entries. (Indexed
                // element by element: reshape(-1) of an F-ordered array is a copy, whose changes would be lost.)
                for (long i = 0; i < base.size(); i++) {
                    if (dt.contains("f")) {
                        long[] at = unravel(i, base.shape());
                        if (Double.isInfinite(base.getDouble(at))) {
                            base.setDouble(rnd.nextGaussian(), at);
                        }
                    }
                }
                assertThat(hasInfinity(base)).as(dt).isFalse();
                addAll(b, cases, dt + " " + Arrays.toString(shape), base, rnd);
            }
        }
        check(b, cases);
    }

    /** {@return the C-order multi-index of flat index i} */
    private static long[] unravel(long i, long[] shape) {
        long[] at = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = i % shape[d];
            i /= shape[d];
        }
        return at;
    }

    private static boolean hasInfinity(NDArray a) {
        for (long i = 0; i < a.size(); i++) {
            if (Double.isInfinite(a.getDouble(unravel(i, a.shape())))) {
                return true;
            }
        }
        return false;
    }

    /** cov, corrcoef, ddof and bias of one array and its views, against NumPy. */
    private static void addAll(NumPyBatch b, List<Oracle> cases, String name, NDArray base, Random rnd) {
        for (Map.Entry<String, NDArray> v : QuantileTestData.views(base).entrySet()) {
            NDArray a = v.getValue();
            if (a.ndim() == 2 && a.shape(0) > 100) {
                continue; // a transposed long array: thousands of variables, nothing new to test
            }
            String in = b.input(a);
            String where = name + " " + v.getKey();
            cases.add(close(where + " cov", () -> C.cov(a), b.add("r = np.cov(" + in + ")"), false));
            cases.add(close(where + " corrcoef", () -> C.corrcoef(a), b.add("r = np.corrcoef(" + in + ")"), true));
            int ddof = rnd.nextInt(4);
            cases.add(close(where + " ddof " + ddof, () -> C.cov(a, ddof),
                    b.add("r = np.cov(" + in + ", ddof=" + ddof + ")"), false));
            cases.add(close(where + " bias", () -> C.cov(a, true), b.add("r = np.cov(" + in + ", bias=True)"), false));
        }
    }

    @Test
    void complexAgreesWithNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(43);
        String[] dtypes = {"complex128", "complex64", ">c16", "<c8"};
        long[][] shapes = {{5, 100}, {3, 2500}, {1, 50}, {50}, {4, 1}, {4, 0}, {0, 5}, {2, 3}, {7, 1030}, {}, {3, 3}};
        for (String dt : dtypes) {
            for (long[] shape : shapes) {
                NDArray base = LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.of(dt), Order.C, rnd,
                        shape), rnd);
                addAll(b, cases, dt + " " + Arrays.toString(shape), rnd.nextBoolean() ? base : base.copy(Order.F), rnd);
            }
        }
        // Real parts only, imaginary parts only, a constant row (correlations 0 / 0), and an infinite element.
        NDArray mixed = LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.COMPLEX128, Order.C, rnd, 4, 9),
                rnd);
        for (int k = 0; k < 9; k++) {
            mixed.setComplex(mixed.getDouble(0, k), 0, 0, k);
            mixed.setComplex(0, mixed.getComplex(1, k)[1], 1, k);
            mixed.setComplex(2, -1, 2, k);
        }
        addAll(b, cases, "real, imaginary, constant rows", mixed, rnd);
        NDArray inf = mixed.copy();
        inf.setComplex(Double.POSITIVE_INFINITY, 1, 3, 4);
        addAll(b, cases, "an infinite element", inf, rnd);
        check(b, cases);
    }

    @Test
    void complexExactValuesDegenerateDivisorsAndLargeMeans() {
        NDArray x = NDArrays.empty(DType.COMPLEX128, 2, 3);
        double[][] v = {{1, 2, 3, -1, 0.5, 0.5}, {0, 2, 1, 0, -1, 1}};
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                x.setComplex(v[i][2 * k], v[i][2 * k + 1], i, k);
            }
        }
        // NumPy: [[4+0j, 2.75+0.25j], [2.75-0.25j, 2+0j]], exact in binary.
        NDArray cov = C.cov(x);
        assertThat(cov.dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(cov.getComplex(0, 0)).containsExactly(4.0, 0.0);
        assertThat(cov.getComplex(0, 1)).containsExactly(2.75, 0.25);
        assertThat(cov.getComplex(1, 0)).containsExactly(2.75, -0.25);
        assertThat(cov.getComplex(1, 1)).containsExactly(2.0, 0.0);
        assertThat(C.corrcoef(x.get("0")).getComplex()).containsExactly(1.0, 0.0);
        // A divisor of 0: NumPy's complex multiply by inf gives inf+nanj on the diagonal, infinities elsewhere.
        NDArray zero = C.cov(x, 3);
        assertThat(zero.getComplex(0, 0)[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(zero.getComplex(0, 0)[1]).isNaN();
        assertThat(zero.getComplex(0, 1)).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(zero.getComplex(1, 0)).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        // No columns: nan+nanj; no rows: NumPy's float64 0 x 0.
        double[] empty = C.cov(x.get(":, :0")).getComplex(1, 1);
        assertThat(Double.isNaN(empty[0]) && Double.isNaN(empty[1])).as(Arrays.toString(empty)).isTrue();
        assertThat(C.corrcoef(x.get(":0")).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(C.corrcoef(x.get(":0")).shape()).containsExactly(0, 0);
        // Means far above the spread, in both parts: the shift by the first element keeps the co-moments exact.
        NDArray far = NDArrays.empty(DType.COMPLEX64, 2, 5000);
        Random rnd = new Random(44);
        for (int k = 0; k < 5000; k++) {
            double re = rnd.nextGaussian();
            double im = rnd.nextGaussian();
            far.setComplex(1e6 + re, -1e6 + im, 0, k);
            far.setComplex(2e6 + 2 * im, 3e6 - re, 1, k);
        }
        NumPyBatch b = new NumPyBatch(dir);
        String in = b.input(far);
        int r = b.add("r = np.cov(" + in + ")");
        int rc = b.add("r = np.corrcoef(" + in + "[:, ::-3])");
        List<NumPyBatch.Result> res = b.run();
        assertClose(C.cov(far), res.get(r), "large complex means", false);
        assertClose(C.corrcoef(far.get(":, ::-3")), res.get(rc), "large complex means, reversed", true);
    }

    @Test
    void largeMeansStridedSensorRowsAndManyBlocks() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        // 50 sensors: correlated, with offsets far above their spread.
        NDArray a = NDArrays.empty(DType.FLOAT32, 50, 30_000);
        Randoms.fillNormal(a, 7);
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < 30_000; k++) {
                a.setDouble(1000.0 * i + a.getDouble(i, k) + 0.5 * a.getDouble(0, k), i, k);
            }
        }
        String in = b.input(a);
        NDArray sensors = a.get("::10, :10000");
        cases.add(close("every 10th sensor", () -> C.corrcoef(sensors),
                b.add("r = np.corrcoef(" + in + "[::10, :10000])"), true));
        cases.add(close("all sensors cov", () -> C.cov(a), b.add("r = np.cov(" + in + ")"), false));
        cases.add(close("reversed", () -> C.corrcoef(a.get("::-3, ::-7")),
                b.add("r = np.corrcoef(" + in + "[::-3, ::-7])"), true));
        NDArray big = NDArrays.empty(DType.FLOAT64, 3, 1_000_003);
        Randoms.fillNormal(big, 9);
        for (int k = 0; k < 1_000_003; k++) {
            big.setDouble(1e8 + big.getDouble(0, k), 0, k);
        }
        String bin = b.input(big);
        // More than 128 rows: blocks too large to keep are read twice, tile by tile.
        NDArray wide = NDArrays.empty(DType.FLOAT64, 150, 1100);
        Randoms.fillNormal(wide, 10);
        String win = b.input(wide);
        cases.add(close("150 rows", () -> C.cov(wide), b.add("r = np.cov(" + win + ")"), false));
        cases.add(close("150 rows corrcoef", () -> C.corrcoef(wide.get("::-1")), b.add("r = np.corrcoef(" + win
                + "[::-1])"), true));
        cases.add(close("1M columns, mean 1e8", () -> C.cov(big), b.add("r = np.cov(" + bin + ")"), false));
        check(b, cases);
    }

    @Test
    void bitIdenticalForEveryExecutorAndBothKernels() {
        NDArray a = NDArrays.empty(DType.FLOAT64, 6, 5000);
        Randoms.fillNormal(a, 3);
        NDArray want = C.cov(a);
        List<Compute> cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                QuantileTestData.assertIdentical(c.cov(a), want, "executor " + c.executor().parallelism() + " "
                        + c.executor().chunkBytes());
                QuantileTestData.assertIdentical(c.corrcoef(a.T().T()), C.corrcoef(a), "corrcoef");
            }
        } finally {
            QuantileTestData.close(cs);
        }
        QuantileTestData.assertIdentical(LinalgCov.cov(C, a, 1, false, false), want, "scalar kernel");
        NDArray odd = a.get(":, 3:4001");
        QuantileTestData.assertIdentical(LinalgCov.cov(C, odd, 0, false, false), LinalgCov.cov(C, odd, 0, false, true),
                "scalar kernel, odd widths");
        NDArray z = LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.COMPLEX64, Order.C, new Random(45),
                5, 5000), new Random(46));
        NDArray wantZ = C.corrcoef(z);
        cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                QuantileTestData.assertIdentical(c.corrcoef(z), wantZ, "complex, executor "
                        + c.executor().parallelism() + " " + c.executor().chunkBytes());
            }
        } finally {
            QuantileTestData.close(cs);
        }
        QuantileTestData.assertIdentical(LinalgCov.cov(C, z, 1, true, false), wantZ, "complex, scalar kernel");
    }

    @Test
    void complexTasksShipAndGiveTheLocalResults() throws Exception {
        try (NDArray z = Npy.create(dir.resolve("z.npy"), DType.COMPLEX64, Order.F, false, 4, 3000)) {
            z.assign(LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.COMPLEX64, Order.C, new Random(47),
                    4, 3000), new Random(48)));
            QuantileShippingTest.ShippingExecutor ex = new QuantileShippingTest.ShippingExecutor();
            QuantileTestData.assertIdentical(Compute.on(ex).corrcoef(z.get("::-1, 7:")), C.corrcoef(z.get("::-1, 7:")),
                    "shipped complex corrcoef");
            assertThat(ex.shipped.get()).isGreaterThan(0);
        }
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> C.cov(NDArrays.zeros(DType.FLOAT64, 2, 2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2 dimensions");
        assertThat(C.corrcoef(NDArrays.of(1.0, 2.0, 4.0)).getDouble()).isEqualTo(1.0);
        assertThat(C.cov(NDArrays.of(new double[][] {{1, 2, 3}, {2, 4, 6}})).getDouble(0, 1)).isEqualTo(2.0);
    }
}
