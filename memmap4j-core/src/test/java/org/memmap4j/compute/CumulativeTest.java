package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.QuantileTestData.check;
import static org.memmap4j.compute.QuantileTestData.same;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.format.Npy;
import org.memmap4j.compute.QuantileTestData.Oracle;
import org.memmap4j.testing.NumPyBatch;

/**
 * np.cumsum against NumPy 2: dtypes of every kind and byte order, views, every axis and the flattened array,
 * outputs of other dtypes (NumPy's accumulation dtype), in place and into a memmap; long lanes in blocks (exact for
 * integers, NumPy's floats up to block rounding), identical for every executor.
 */
class CumulativeTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    @Test
    void everyDtypeLayoutAndAxisEqualsNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(31);
        List<String> dtypes = new ArrayList<>(Arrays.asList(QuantileTestData.REAL));
        dtypes.addAll(List.of("complex64", "complex128", ">c16"));
        long[][] shapes = {{}, {0}, {1}, {7}, {4, 9}, {3, 5, 6}, {2, 0}};
        String[] outTypes = {"float64", "int8", "float32", "int64", "uint16", "complex128", "bool", "float16"};
        for (String dt : dtypes) {
            for (long[] shape : shapes) {
                NDArray base = QuantileTestData.random(DType.of(dt), rnd.nextBoolean() ? Order.C : Order.F, rnd, 0.02,
                        shape);
                for (Map.Entry<String, NDArray> v : QuantileTestData.views(base).entrySet()) {
                    NDArray a = v.getValue();
                    String in = b.input(a);
                    String name = dt + " " + Arrays.toString(shape) + " " + v.getKey();
                    cases.add(same(name + " flat", () -> C.cumsum(a), b.add("r = np.cumsum(" + in + ")")));
                    for (int ax = -a.ndim(); ax < a.ndim(); ax++) {
                        int axis = ax;
                        cases.add(same(name + " axis " + ax, () -> C.cumsum(a, axis),
                                b.add("r = np.cumsum(" + in + ", axis=" + ax + ")")));
                    }
                    String ot = outTypes[rnd.nextInt(outTypes.length)];
                    if (a.ndim() > 0) {
                        int axis = rnd.nextInt(a.ndim());
                        cases.add(same(name + " out " + ot, () -> C.cumsum(a, axis, NDArrays.empty(DType.of(ot),
                                a.shape())), b.add("o = np.empty(" + NumPyBatch.pyTuple(a.shape()) + ", dtype='" + ot
                                + "')\nnp.cumsum(" + in + ", axis=" + axis + ", out=o)\nr = o")));
                    }
                    cases.add(same(name + " flat out " + ot, () -> C.cumsum(a, NDArrays.empty(DType.of(ot),
                            a.size())), b.add("o = np.empty(" + a.size() + ", dtype='" + ot + "')\nnp.cumsum(" + in
                            + ", out=o)\nr = o")));
                }
            }
        }
        check(b, cases);
    }

    @Test
    void longLanesAreExactForIntegersAndBlockwiseForFloats() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(32);
        NDArray i32 = QuantileTestData.random(DType.INT32, Order.C, rnd, 0, 2, 150_001);
        String p = b.input(i32);
        cases.add(same("int32 flat", () -> C.cumsum(i32), b.add("r = np.cumsum(" + p + ")")));
        cases.add(same("int32 rows", () -> C.cumsum(i32, 1), b.add("r = np.cumsum(" + p + ", axis=1)")));
        NDArray t = i32.T();
        cases.add(same("int32 interleaved", () -> C.cumsum(t, 0), b.add("r = np.cumsum(" + p + ".T, axis=0)")));
        NDArray u8 = QuantileTestData.random(DType.UINT8, Order.F, rnd, 0, 70_000, 3);
        String pu = b.input(u8);
        cases.add(same("uint8 -> int8 out", () -> C.cumsum(u8, 0, NDArrays.empty(DType.INT8, 70_000, 3)),
                b.add("o = np.empty((70000, 3), 'int8')\nnp.cumsum(" + pu + ", axis=0, out=o)\nr = o")));
        check(b, cases);

        // Floats: the first two blocks of a lane are NumPy's sequential sums; later ones close to them.
        NDArray f = NDArrays.empty(DType.FLOAT64, 3, 200_000);
        org.memmap4j.Randoms.fillNormal(f, 34);
        NDArray got = C.cumsum(f, 1);
        for (int lane = 0; lane < 3; lane++) {
            double run = 0;
            double scale = 0;
            for (int i = 0; i < 200_000; i++) {
                double x = f.getDouble(lane, i);
                run = i == 0 ? x : run + x;
                scale += Math.abs(x);
                if (i < 2 * CumulativeOps.BLOCK) {
                    assertThat(got.getDouble(lane, i)).as("lane %d position %d", lane, i).isEqualTo(run);
                } else {
                    assertThat(got.getDouble(lane, i)).isCloseTo(run, org.assertj.core.data.Offset.offset(scale * 1e-12));
                }
            }
        }
        // The documented order, computed here block by block, is what runs (float32 makes rounding visible).
        NDArray g = NDArrays.empty(DType.FLOAT32, 300_000);
        org.memmap4j.Randoms.fillNormal(g, 35);
        NDArray want = NDArrays.empty(DType.FLOAT32, 300_000);
        float offset = 0;
        for (int blk = 0; blk * CumulativeOps.BLOCK < 300_000; blk++) {
            float run = 0;
            float total = 0;
            for (int i = blk * CumulativeOps.BLOCK; i < Math.min(300_000, (blk + 1) * CumulativeOps.BLOCK); i++) {
                float x = (float) g.getDouble(i);
                run = i == 0 ? x : (i == blk * CumulativeOps.BLOCK ? offset + x : run + x);
                total = i == blk * CumulativeOps.BLOCK ? x : total + x;
                want.setDouble(run, i);
            }
            offset = blk == 0 ? total : offset + total;
        }
        QuantileTestData.assertIdentical(C.cumsum(g), want, "documented float32 order");
    }

    @Test
    void sameBytesOnEveryExecutorInPlaceAndIntoAMemmap() throws Exception {
        Random rnd = new Random(33);
        NDArray f = QuantileTestData.random(DType.FLOAT32, Order.C, rnd, 0, 70_000, 4);
        NDArray want = C.cumsum(f, 0);
        NDArray wantFlat = C.cumsum(f.T());
        List<Compute> cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                if (c.executor().chunkBytes() >= 4096) {
                    QuantileTestData.assertIdentical(c.cumsum(f, 0), want, "axis 0 " + c.executor().parallelism());
                    QuantileTestData.assertIdentical(c.cumsum(f.T()), wantFlat, "flat " + c.executor().parallelism());
                }
                NDArray small = f.get(":300");
                QuantileTestData.assertIdentical(c.cumsum(small, 1), C.cumsum(small, 1), "short lanes");
            }
        } finally {
            QuantileTestData.close(cs);
        }
        // Into a memmap, and in place.
        Path file = dir.resolve("out.npy");
        try (NDArray out = Npy.create(file, DType.FLOAT64, Order.C, false, 70_000, 4)) {
            C.cumsum(f, 0, out);
            out.flush();
        }
        try (NDArray back = Npy.open(file, Mode.READ_ONLY)) {
            NDArray expect = C.cumsum(f, 0, NDArrays.empty(DType.FLOAT64, 70_000, 4));
            QuantileTestData.assertIdentical(back.copy(), expect, "memmap out");
        }
        NDArray x = f.copy();
        NDArray y = C.cumsum(x, 0, x);
        assertThat(y).isSameAs(x);
        QuantileTestData.assertIdentical(x, want, "in place");
    }

    @Test
    void errors() {
        NDArray a = NDArrays.of(1.0, 2.0, 3.0);
        assertThatThrownBy(() -> C.cumsum(a, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> C.cumsum(a, 0, NDArrays.empty(DType.FLOAT64, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> C.cumsum(a, 0, a.get("::-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shares memory");
        assertThat(C.cumsum(NDArrays.of(1L, 2L, 3L)).getLong(2)).isEqualTo(6);
    }
}
