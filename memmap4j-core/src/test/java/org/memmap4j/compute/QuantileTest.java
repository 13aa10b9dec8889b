package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.QuantileTestData.check;
import static org.memmap4j.compute.QuantileTestData.same;
import static org.memmap4j.compute.QuantileTestData.pyAxes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.QuantileTestData.Oracle;
import org.memmap4j.testing.NumPyBatch;

/**
 * median, percentile and quantile against NumPy 2: every real dtype and byte order, views of every layout, axes and
 * keepdims, NaN and infinities, empty and 0-d arrays; results must be equal to NumPy's, not close.
 */
class QuantileTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    private static final double[] SCALAR_Q = {0, 12.5, 50, 70.7, 99.9, 100};

    @Test
    void smallArraysOfEveryDtypeAndLayoutEqualNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(11);
        long[][] shapes = {{}, {1}, {2}, {7}, {64}, {4, 9}, {3, 5, 6}, {3, 0}, {0}};
        for (String dt : QuantileTestData.REAL) {
            for (long[] shape : shapes) {
                NDArray base = QuantileTestData.random(DType.of(dt), rnd.nextBoolean() ? Order.C : Order.F, rnd,
                        0, shape);
                for (Map.Entry<String, NDArray> v : QuantileTestData.views(base).entrySet()) {
                    addCases(b, cases, dt + " " + Arrays.toString(shape) + " " + v.getKey(), v.getValue(), rnd);
                }
            }
        }
        check(b, cases);
    }

    private static void addCases(NumPyBatch b, List<Oracle> cases, String name, NDArray a, Random rnd) {
        String in = b.input(a);
        int nd = a.ndim();
        List<int[]> axesList = new ArrayList<>();
        axesList.add(null);
        for (int ax = -nd; ax < nd; ax += 1 + rnd.nextInt(2)) {
            axesList.add(new int[] {ax});
        }
        if (nd >= 2) {
            axesList.add(new int[] {nd - 1, 0});
        }
        boolean bool = a.dtype().kind().isBool();
        for (int[] axes : axesList) {
            boolean keep = rnd.nextBoolean();
            String ax = pyAxes(axes) + ", keepdims=" + (keep ? "True" : "False");
            cases.add(same(name + " median " + ax, () -> C.median(a, axes, keep),
                    b.add("r = np.median(" + in + ", axis=" + ax + ")")));
            double q = SCALAR_Q[rnd.nextInt(SCALAR_Q.length)];
            cases.add(same(name + " percentile " + q + " " + ax, () -> C.percentile(a, q, axes, keep),
                    b.add("r = np.percentile(" + in + ", " + q + ", axis=" + ax + ")")));
            double[] qs = {0, 25, 33.3, 50, 99, 100};
            cases.add(same(name + " percentile [..] " + ax, () -> C.percentile(a, qs, axes, keep),
                    b.add("r = np.percentile(" + in + ", [0, 25, 33.3, 50, 99, 100], axis=" + ax + ")")));
            double fq = rnd.nextDouble();
            cases.add(same(name + " quantile " + fq + " " + ax, () -> C.quantile(a, fq, axes, keep),
                    b.add("r = np.quantile(" + in + ", " + fq + ", axis=" + ax + ")")));
            cases.add(same(name + " quantile [..] " + ax, () -> C.quantile(a, new double[] {0.1, fq}, axes, keep),
                    b.add("r = np.quantile(" + in + ", [0.1, " + fq + "], axis=" + ax + ")")));
        }
        cases.add(same(name + " median()", () -> C.median(a), b.add("r = np.median(" + in + ")")));
        if (!bool) {
            cases.add(same(name + " quantile(0.5)", () -> C.quantile(a, 0.5),
                    b.add("r = np.quantile(" + in + ", 0.5)")));
            cases.add(same(name + " percentile([50])", () -> C.percentile(a, new double[] {50}),
                    b.add("r = np.percentile(" + in + ", [50])")));
        }
    }

    @Test
    void nanInALaneMakesThatLaneNaNAndInfinitiesInterpolateAsInNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(5);
        for (String dt : new String[] {"float16", "float32", "float64", ">f8"}) {
            NDArray a = QuantileTestData.random(DType.of(dt), Order.C, rnd, 0.05, 6, 40);
            for (Map.Entry<String, NDArray> v : QuantileTestData.views(a).entrySet()) {
                addCases(b, cases, dt + " nan " + v.getKey(), v.getValue(), rnd);
            }
            double[][] special = {{1, Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                {1, 2, Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY, 0, 0, 1}, {Double.NaN, 1, 2}};
            for (double[] s : special) {
                NDArray x = NDArrays.of(s).astype(DType.of(dt));
                addCases(b, cases, dt + " " + Arrays.toString(s), x, rnd);
            }
        }
        check(b, cases);
    }

    @Test
    void integerInterpolationWrapsLikeNumPy() {
        // np.percentile(np.int8([-100, 100]), 50) is 128.0: b - a wraps in int8, as NumPy's _lerp computes it.
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Object[][] data = {{"int8", new long[] {-100, 100}}, {"int64", new long[] {Long.MIN_VALUE, Long.MAX_VALUE}},
            {"uint64", new long[] {0, -1}}, {"uint32", new long[] {0, 0xFFFF_FFFFL}}, {"int16", new long[] {-30000, 30000}}};
        for (Object[] d : data) {
            NDArray a = NDArrays.of((long[]) d[1]).astype(DType.of((String) d[0]));
            String in = b.input(a);
            for (double q : new double[] {10, 50, 75}) {
                cases.add(same(d[0] + " " + q, () -> C.percentile(a, q), b.add("r = np.percentile(" + in + ", " + q + ")")));
            }
            cases.add(same(d[0] + " median", () -> C.median(a), b.add("r = np.median(" + in + ")")));
        }
        check(b, cases);
        assertThat(C.percentile(NDArrays.of(new long[] {-100, 100}).astype(DType.INT8), 50).getDouble()).isEqualTo(128.0);
    }

    @Test
    void errorsAreIllegalArguments() {
        NDArray f = NDArrays.of(1.0, 2.0);
        assertThatThrownBy(() -> C.percentile(f, 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Percentiles must be in the range [0, 100]");
        assertThatThrownBy(() -> C.quantile(f, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Quantiles must be in the range [0, 1]");
        assertThatThrownBy(() -> C.quantile(f, new double[] {0.5, -0.1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> C.median(f, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 1 is out of bounds for array of dimension 1");
        assertThatThrownBy(() -> C.median(NDArrays.zeros(DType.FLOAT64, 2, 2), new int[] {0, -2}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated axis");
        assertThatThrownBy(() -> C.percentile(NDArrays.zeros(DType.COMPLEX128, 3), 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real numbers");
        assertThatThrownBy(() -> C.percentile(NDArrays.of(true, false), 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("boolean subtract");
        assertThatThrownBy(() -> C.percentile(NDArrays.zeros(DType.FLOAT32, 0), 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of bounds");
        assertThat(C.median(NDArrays.zeros(DType.FLOAT32, 0)).getDouble()).isNaN();
    }
}
