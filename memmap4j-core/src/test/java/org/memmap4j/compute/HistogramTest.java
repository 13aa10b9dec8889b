package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.QuantileTestData.assertSameValues;
import static org.memmap4j.compute.QuantileTestData.check;
import static org.memmap4j.compute.QuantileTestData.py;

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
import org.memmap4j.compute.QuantileTestData.Oracle;
import org.memmap4j.testing.NumPyBatch;

/**
 * np.histogram against NumPy 2: counts and edges (dtype and bits) for every real dtype, layout and byte order,
 * automatic and given ranges, explicit edges with duplicates and infinities, values on edges, NaN, empty arrays;
 * the same counts for every executor.
 */
class HistogramTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    private static void add(NumPyBatch b, List<Oracle> cases, String where, Supplier<Histogram> h, String call) {
        int counts = b.add("r = " + call + "[0]");
        int edges = b.add("r = " + call + "[1]");
        cases.add(new Oracle(where, counts, h::get, res -> {
            Histogram got = h.get();
            assertSameValues(got.counts(), res.get(counts), where + " counts");
            assertSameValues(got.edges(), res.get(edges), where + " edges");
        }));
    }

    @Test
    void everyDtypeLayoutAndBinningEqualsNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(21);
        long[][] shapes = {{0}, {1}, {50}, {7, 13}};
        for (String dt : QuantileTestData.REAL) {
            for (long[] shape : shapes) {
                NDArray base = QuantileTestData.random(DType.of(dt), rnd.nextBoolean() ? Order.C : Order.F, rnd, 0,
                        shape);
                for (Map.Entry<String, NDArray> v : QuantileTestData.views(base).entrySet()) {
                    NDArray a = v.getValue();
                    String in = b.input(a);
                    String name = dt + " " + Arrays.toString(shape) + " " + v.getKey();
                    int bins = new int[] {1, 3, 10, 17}[rnd.nextInt(4)];
                    add(b, cases, name + " bins=" + bins, () -> C.histogram(a, bins),
                            "np.histogram(" + in + ", bins=" + bins + ")");
                    double[][] ranges = {{-3, 5.5}, {0, 1}, {2, 2}, {-0.1, 0.7}, {-20, 20}};
                    double[] r = ranges[rnd.nextInt(ranges.length)];
                    add(b, cases, name + " bins=" + bins + " range=" + Arrays.toString(r),
                            () -> C.histogram(a, bins, r[0], r[1]),
                            "np.histogram(" + in + ", bins=" + bins + ", range=(" + py(r[0]) + ", " + py(r[1]) + "))");
                    double[][] edgeSets = {{-10, -1, 0, 0.5, 2, 40}, {0, 1, 1, 2}, {Double.NEGATIVE_INFINITY, 0,
                        Double.POSITIVE_INFINITY}, {3}};
                    double[] e = edgeSets[rnd.nextInt(edgeSets.length)];
                    StringBuilder pe = new StringBuilder("[");
                    for (double x : e) {
                        pe.append(py(x)).append(", ");
                    }
                    add(b, cases, name + " edges=" + Arrays.toString(e), () -> C.histogram(a, e),
                            "np.histogram(" + in + ", bins=np.array(" + pe + "], dtype=float))");
                }
            }
        }
        check(b, cases);
    }

    @Test
    void valuesWithinAnUlpOfEdgesAndNaNCountAsInNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        for (String dt : new String[] {"float16", "float32", "float64"}) {
            DType t = DType.of(dt);
            // Each tenth of [0, 1] with its neighbours one ulp away, in the dtype.
            List<Double> vals = new ArrayList<>();
            for (int i = 0; i <= 10; i++) {
                double x = i / 10.0;
                double r = HistogramOps.arith(t.kind()).round(x);
                vals.add(r);
                vals.add(HistogramOps.arith(t.kind()).round(Math.nextUp(r) + (dt.equals("float16") ? 1e-3 : 0)));
                vals.add(HistogramOps.arith(t.kind()).round(Math.nextDown(r) - (dt.equals("float16") ? 1e-3 : 0)));
            }
            vals.add(Double.NaN);
            NDArray a = NDArrays.of(vals.stream().mapToDouble(Double::doubleValue).toArray()).astype(t);
            String in = b.input(a);
            for (int bins : new int[] {3, 7, 10, 30}) {
                add(b, cases, dt + " " + bins, () -> C.histogram(a, bins, 0, 1),
                        "np.histogram(" + in + ", bins=" + bins + ", range=(0, 1))");
                add(b, cases, dt + " " + bins + " (0.1, 0.9)", () -> C.histogram(a, bins, 0.1, 0.9),
                        "np.histogram(" + in + ", bins=" + bins + ", range=(0.1, 0.9))");
            }
            add(b, cases, dt + " auto with NaN", () -> C.histogram(a, 4), "np.histogram(" + in + ", bins=4)");
            NDArray clean = a.get(":-1");
            String ci = b.input(clean);
            for (int bins : new int[] {3, 7, 10, 30}) {
                add(b, cases, dt + " auto " + bins, () -> C.histogram(clean, bins),
                        "np.histogram(" + ci + ", bins=" + bins + ")");
            }
        }
        check(b, cases);
    }

    @Test
    void largeArraysCountTheSameOnEveryExecutorAsNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        NDArray a = QuantileTestData.random(DType.FLOAT32, Order.C, new Random(2), 0.001, 1000, 1000);
        String in = b.input(a);
        int auto = b.add("r = np.histogram(" + in + ", bins=100, range=(-2, 3))[0]");
        int edges = b.add("r = np.histogram(" + in + ", bins=[-1e9, -1, 0, 0.25, 1, 1e9])[0]");
        List<NumPyBatch.Result> res = b.run();
        List<Compute> cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                if (c.executor().chunkBytes() < 4096) {
                    continue;
                }
                assertSameValues(c.histogram(a.T(), 100, -2, 3).counts(), res.get(auto), "range " + c.executor());
                assertSameValues(c.histogram(a, new double[] {-1e9, -1, 0, 0.25, 1, 1e9}).counts(), res.get(edges),
                        "edges " + c.executor());
            }
            NDArray normal = NDArrays.empty(DType.FLOAT64, 300_000);
            org.memmap4j.Randoms.fillNormal(normal, 3);
            for (String dt : new String[] {"float32", "float64", "int16"}) {
                NDArray x = normal.astype(DType.of(dt));
                QuantileTestData.assertIdentical(HistogramOps.uniform(C, x, 37, null, false).counts(),
                        C.histogram(x, 37).counts(), "scalar index kernel, auto range " + dt);
                QuantileTestData.assertIdentical(HistogramOps.uniform(C, x, 37, new double[] {-1, 1}, false).counts(),
                        C.histogram(x, 37, -1, 1).counts(), "scalar index kernel, range " + dt);
            }
            NDArray small = a.get("::50, ::7");
            Histogram want = C.histogram(small, 9, -1, 1);
            for (Compute c : cs) {
                QuantileTestData.assertIdentical(c.histogram(small, 9, -1, 1).counts(), want.counts(), "tiny chunks");
            }
        } finally {
            QuantileTestData.close(cs);
        }
    }

    @Test
    void errors() {
        NDArray a = NDArrays.of(1.0, 2.0);
        assertThatThrownBy(() -> C.histogram(a, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> C.histogram(a, 3, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max must be larger than min");
        assertThatThrownBy(() -> C.histogram(a, 3, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not finite");
        assertThatThrownBy(() -> C.histogram(a, new double[] {0, 2, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monotonically");
        assertThatThrownBy(() -> C.histogram(NDArrays.of(1.0, Double.NaN), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autodetected range of [nan, nan]");
        assertThatThrownBy(() -> C.histogram(NDArrays.zeros(DType.COMPLEX64, 2), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> C.histogram(NDArrays.of(1.0, 1.0 + Math.ulp(1.0)), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Too many bins");
        Histogram h = C.histogram(NDArrays.of(0.5, 1.5, 2.5, 3.0), 3, 0, 3);
        assertThat(h.counts().getLong(2)).isEqualTo(2);
    }
}
