package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memmap4j.compute.QuantileTestData.assertSameValues;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.internal.Elements;
import org.memmap4j.testing.NumPyBatch;

/**
 * The out-of-core path of order statistics: {@link RadixSelect} against a sort of the same keys (both kernels, with
 * and without a sample, samples that miss, every key width, interleaved lanes), and long lanes end to end against
 * NumPy, identical for every executor.
 */
class QuantileRadixTest {

    @TempDir
    Path dir;

    /** The keys of every lane, sorted: what selection must agree with. */
    private static long[][] sortedLanes(NDArray a, QuantileLanes g) {
        long[][] out = new long[(int) g.lanes][(int) g.length];
        MemorySegment s = a.segment();
        for (int lane = 0; lane < g.lanes; lane++) {
            for (int p = 0; p < g.length; p++) {
                out[lane][p] = RadixKeys.key(s, a.segmentOffset() + g.offset(lane, p), a.dtype());
            }
            Arrays.sort(out[lane]);
        }
        return out;
    }

    private static void assertSelects(Compute c, NDArray a, int[] axes, long[] ranks, String where) {
        QuantileLanes g = new QuantileLanes(a.shape(), a.strides(), axes);
        long[][] sorted = sortedLanes(a, g);
        long nanKey = RadixKeys.maxKey(a.dtype().kind());
        for (boolean sample : new boolean[] {false, true}) {
            for (boolean vector : new boolean[] {false, true}) {
                boolean[] nan = new boolean[(int) g.lanes];
                long[] keys = RadixSelect.select(c, a, g, ranks, sample, nan, vector);
                for (int lane = 0; lane < g.lanes; lane++) {
                    long[] s = sorted[lane];
                    boolean hasNaN = a.dtype().kind().isFloat() && s[s.length - 1] == nanKey;
                    String w = where + " lane " + lane + " sample=" + sample + " vector=" + vector;
                    assertThat(nan[lane]).as(w).isEqualTo(hasNaN);
                    if (!hasNaN) {
                        for (int i = 0; i < ranks.length; i++) {
                            assertThat(keys[lane * ranks.length + i]).as(w + " rank " + ranks[i])
                                    .isEqualTo(s[(int) ranks[i]]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void selectionEqualsSortingForEveryKeyWidthLayoutAndKernel() {
        Random rnd = new Random(3);
        String[] dtypes = {"int8", "uint8", "int16", "uint16", "float16", "int32", "uint32", "float32", "int64",
            "uint64", "float64", ">f4", ">i8", ">u4"};
        try (var ex = org.memmap4j.exec.ChunkExecutor.local(2, 8192)) {
            Compute c = Compute.on(ex);
            for (String dt : dtypes) {
                NDArray a = QuantileTestData.random(DType.of(dt), Order.C, rnd, 0, 3, 70_000);
                if (a.dtype().kind().isFloat()) {
                    a.setDouble(Double.NaN, 1, 5); // lane 1 of axis 1 holds a NaN
                }
                long[] ranks = {0, 1, 17, 34_999, 35_000, 69_998, 69_999};
                assertSelects(c, a, new int[] {1}, ranks, dt + " rows");
                assertSelects(c, a.get("::-1, ::-3"), new int[] {1}, new long[] {0, 11_666, 23_332}, dt + " reversed");
                // Lanes across memory: every element of a row belongs to another lane.
                assertSelects(c, a.T(), new int[] {0}, new long[] {5, 35_000}, dt + " columns");
                assertSelects(c, a, null, new long[] {0, 104_999, 105_000, 209_999}, dt + " all");
            }
            // Interleaved lanes: a C-ordered (N, 10) array reduced over axis 0, each row holding one element of
            // every lane (the vector kernel compares a row against per-lane bounds).
            for (String dt : new String[] {"float32", "int32", "uint32", "float64", ">f4"}) {
                NDArray a = QuantileTestData.random(DType.of(dt), Order.C, rnd, 0, 70_000, 10);
                if (a.dtype().kind().isFloat()) {
                    a.setDouble(Double.NaN, 123, 7);
                }
                assertSelects(c, a, new int[] {0}, new long[] {0, 34_999, 35_000, 69_999}, dt + " interleaved");
                assertSelects(c, a.get(":, 1:"), new int[] {0}, new long[] {17, 50_000}, dt + " interleaved view");
            }
        }
    }

    @Test
    void aSampleThatMissesCostsAPassNotACorrectAnswer() {
        // Every sampled position holds the largest value, so each bracket lies far above its rank.
        int n = 200_000;
        NDArray a = QuantileTestData.random(DType.FLOAT64, Order.C, new Random(8), 0, n);
        QuantileLanes g = new QuantileLanes(a.shape(), a.strides(), null);
        int m = (int) Math.min(RadixSelect.SAMPLE_MAX, n / 64);
        for (int i = 0; i < m; i++) {
            long pos = (long) ((2.0 * i + 1) * n / (2.0 * m));
            a.setDouble(1e300 + i, pos);
        }
        assertSelects(Compute.local(), a, null, new long[] {0, n / 2, n - m - 1, n - 1}, "adversarial");
        assertThat(g.length).isEqualTo(n);
    }

    @Test
    void longLanesEqualNumPyForEveryExecutor() {
        NumPyBatch b = new NumPyBatch(dir);
        Random rnd = new Random(17);
        record Big(String name, NDArray a, String py, int[] axes) {
        }
        List<Big> bigs = new ArrayList<>();
        NDArray f = QuantileTestData.random(DType.FLOAT32, Order.C, rnd, 0, 1_200_000);
        bigs.add(new Big("float32 1.2M", f, b.input(f), null));
        NDArray i64 = QuantileTestData.random(DType.INT64, Order.C, rnd, 0, 2, 300_000);
        String p = b.input(i64);
        bigs.add(new Big("int64 rows", i64, p, new int[] {1}));
        bigs.add(new Big("int64 columns", i64.T(), p + ".T", new int[] {0}));
        for (String dt : new String[] {"uint64", "float16", "int8", ">f8", "uint32"}) {
            NDArray x = QuantileTestData.random(DType.of(dt), Order.F, rnd, 0, 300_001, 2);
            if (dt.equals(">f8")) {
                x.setDouble(Double.NaN, 7, 1);
            }
            bigs.add(new Big(dt, x, b.input(x), new int[] {0}));
        }
        List<int[]> ids = new ArrayList<>();
        for (Big big : bigs) {
            String ax = QuantileTestData.pyAxes(big.axes());
            ids.add(new int[] {b.add("r = np.median(" + big.py() + ", axis=" + ax + ")"),
                b.add("r = np.percentile(" + big.py() + ", [0, 0.01, 50, 99.99, 100], axis=" + ax + ")"),
                b.add("r = np.quantile(" + big.py() + ", 0.3, axis=" + ax + ")")});
        }
        List<NumPyBatch.Result> res = b.run();
        Compute c = Compute.local();
        for (int i = 0; i < bigs.size(); i++) {
            Big big = bigs.get(i);
            NDArray median = c.median(big.a(), big.axes(), false);
            assertSameValues(median, res.get(ids.get(i)[0]), big.name() + " median");
            assertSameValues(c.percentile(big.a(), new double[] {0, 0.01, 50, 99.99, 100}, big.axes(), false),
                    res.get(ids.get(i)[1]), big.name() + " percentiles");
            assertSameValues(c.quantile(big.a(), 0.3, big.axes(), false), res.get(ids.get(i)[2]),
                    big.name() + " quantile");
        }
        // The same answer on 1, 2 and 4 threads and any chunk size.
        List<Compute> cs = QuantileTestData.executors();
        try {
            NDArray x = bigs.get(1).a();
            NDArray want = c.percentile(x, new double[] {1, 50, 99}, new int[] {1}, false);
            for (Compute other : cs) {
                if (other.executor().chunkBytes() >= 4096) {
                    QuantileTestData.assertIdentical(other.percentile(x, new double[] {1, 50, 99}, new int[] {1}, false),
                            want, "threads " + other.executor().parallelism());
                }
            }
        } finally {
            QuantileTestData.close(cs);
        }
    }

    @Test
    void directAndRadixPathsAgreeAndAnyExecutorGivesTheSameBytes() {
        Random rnd = new Random(4);
        NDArray a = QuantileTestData.random(DType.FLOAT32, Order.C, rnd, 0.0, 40, 50);
        List<Compute> cs = QuantileTestData.executors();
        try {
            NDArray want = Compute.local().median(a, 1);
            for (Compute c : cs) {
                QuantileTestData.assertIdentical(c.median(a, 1), want, "executor " + c.executor().parallelism());
            }
        } finally {
            QuantileTestData.close(cs);
        }
        // The same lanes through radix selection give the keys the in-memory path picked.
        QuantileLanes g = new QuantileLanes(a.shape(), a.strides(), new int[] {1});
        QuantileMath plan = QuantileMath.median(DType.Kind.FLOAT32, 50);
        boolean[] nan = new boolean[40];
        long[] keys = RadixSelect.select(Compute.local(), a, g, plan.ranks, false, nan);
        NDArray direct = Compute.local().median(a, 1);
        for (int lane = 0; lane < 40; lane++) {
            double v = plan.value(0, keys, lane * plan.ranks.length, nan[lane]);
            assertThat(v).isEqualTo(direct.getDouble(lane));
        }
        assertThat(Elements.getDouble(direct.segment(), 0, DType.FLOAT32)).isEqualTo(direct.getDouble(0));
    }
}
