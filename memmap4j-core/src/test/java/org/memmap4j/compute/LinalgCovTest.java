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

    /** Close to NumPy: covariance relative to the variables' scales, correlations absolutely; NaN where NumPy's. */
    static void assertClose(NDArray actual, NumPyBatch.Result r, String where, boolean corr) {
        r.assertOk();
        NDArray want = r.array();
        assertThat(actual.dtype()).as(where).isEqualTo(DType.FLOAT64);
        assertThat(actual.shape()).as(where).containsExactly(want.shape());
        NDArray a = actual.reshape(-1);
        NDArray w = want.reshape(-1);
        int s = actual.ndim() == 2 ? (int) actual.shape(0) : 1;
        for (int i = 0; i < a.size(); i++) {
            double x = a.getDouble(i);
            double y = w.getDouble(i);
            if (Double.isNaN(y) || Double.isInfinite(y)) {
                // A divisor of 0 multiplies by infinity: 0 gives NaN, rounding noise +-inf, in either library.
                if (Double.isFinite(x)) {
                    fail("%s element %d: memmap4j %s, numpy %s", where, i, x, y);
                }
                continue;
            }
            double scale = corr ? 1 : Math.sqrt(Math.abs(w.getDouble((i / s) * (s + 1)) * w.getDouble((i % s) * (s + 1))));
            if (Math.abs(x - y) > 1e-12 * scale + 1e-300) {
                fail("%s element %d: memmap4j %s, numpy %s", where, i, x, y);
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
                // No infinities: NumPy's BLAS and memmap4j would both give NaN, but not in the same entries.
                for (long i = 0; i < base.size(); i++) {
                    if (dt.startsWith("f") || dt.contains("f")) {
                        double v = base.reshape(-1).getDouble(i);
                        if (Double.isInfinite(v)) {
                            base.reshape(-1).setDouble(rnd.nextGaussian(), i);
                        }
                    }
                }
                for (Map.Entry<String, NDArray> v : QuantileTestData.views(base).entrySet()) {
                    NDArray a = v.getValue();
                    if (a.ndim() == 2 && a.shape(0) > 100) {
                        continue; // a transposed long array: thousands of variables, nothing new to test
                    }
                    String in = b.input(a);
                    String name = dt + " " + Arrays.toString(shape) + " " + v.getKey();
                    cases.add(close(name + " cov", () -> C.cov(a), b.add("r = np.cov(" + in + ")"), false));
                    cases.add(close(name + " corrcoef", () -> C.corrcoef(a), b.add("r = np.corrcoef(" + in + ")"),
                            true));
                    int ddof = rnd.nextInt(4);
                    cases.add(close(name + " ddof " + ddof, () -> C.cov(a, ddof),
                            b.add("r = np.cov(" + in + ", ddof=" + ddof + ")"), false));
                    cases.add(close(name + " bias", () -> C.cov(a, true), b.add("r = np.cov(" + in + ", bias=True)"),
                            false));
                }
            }
        }
        check(b, cases);
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
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> C.cov(NDArrays.zeros(DType.FLOAT64, 2, 2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2 dimensions");
        assertThatThrownBy(() -> C.corrcoef(NDArrays.zeros(DType.COMPLEX128, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(C.corrcoef(NDArrays.of(1.0, 2.0, 4.0)).getDouble()).isEqualTo(1.0);
        assertThat(C.cov(NDArrays.of(new double[][] {{1, 2, 3}, {2, 4, 6}})).getDouble(0, 1)).isEqualTo(2.0);
    }
}
