package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.LinalgMatmulTest.add;
import static org.memmap4j.compute.LinalgMatmulTest.parse;
import static org.memmap4j.compute.QuantileTestData.check;

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
import org.memmap4j.Randoms;
import org.memmap4j.compute.QuantileTestData.Oracle;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.NumPy;
import org.memmap4j.testing.NumPyBatch;

/**
 * matmul of stacks (batch axes broadcast, 1-d operands promoted) and dot of N-d arrays against NumPy 2: shapes,
 * every pair of dtypes, views of every layout, memmapped operands and outs (with out's extra leading axes), errors;
 * identical bits for every executor (tiny chunks included), both kernels, and whether a stack is folded into one
 * tall product or not. Tolerances are {@link LinalgMatmulTest#assertProduct}'s: integers and bool exact, floats
 * within 4 units of the result dtype's rounding of {@code sum |a| |b|} (float32 results are rounded once from
 * float64 sums, NumPy's BLAS sums in float32).
 */
class LinalgMatmulBatchTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    /** matmul shapes: broadcast 1 against n, 3-d @ 2-d, 2-d @ 3-d, 1-d against N-d, 4-d, empty, and mismatches. */
    private static final String[][] MATMUL = {
        {"(2, 3, 4)", "(2, 4, 5)"}, {"(1, 3, 4)", "(5, 4, 2)"}, {"(5, 3, 4)", "(1, 4, 2)"}, {"(5, 3, 4)", "(4, 2)"},
        {"(3, 4)", "(5, 4, 2)"}, {"(4,)", "(5, 4, 2)"}, {"(5, 3, 4)", "(4,)"}, {"(4,)", "(2, 3, 4, 2)"},
        {"(2, 1, 3, 4)", "(3, 4, 5)"}, {"(2, 3, 1, 4)", "(3, 4, 5)"}, {"(1, 1, 3, 4)", "(2, 2, 4, 1)"},
        {"(2, 1, 3, 4)", "(1, 3, 4, 2)"}, {"(3, 1, 4)", "(3, 4, 1)"}, {"(0, 3, 4)", "(4, 5)"}, {"(2, 3, 0)", "(2, 0, 5)"},
        {"(2, 0, 4)", "(4, 3)"}, {"(4,)", "(4,)"}, {"(2, 3, 4)", "(3, 4, 5)"}, {"(2, 3, 4)", "(2, 5, 4)"},
        {"(4,)", "(2, 5, 3)"}, {"(2, 3, 4)", "(5,)"}, {"(2, 1, 3, 4)", "(2, 3, 4, 5)"},
        {"(5, 1, 4)", "(4, 2)"}, {"(2, 3, 1, 4)", "(4, 5)"}};

    /** dot shapes: every stacked matrix of a against every one of b, and mismatches. */
    private static final String[][] DOT = {
        {"(2, 3, 4)", "(5, 4, 6)"}, {"(2, 3, 4)", "(4,)"}, {"(4,)", "(2, 4, 3)"}, {"(2, 3, 4)", "(4, 6)"},
        {"(3, 4)", "(2, 4, 5)"}, {"(2, 1, 4)", "(3, 2, 4, 2)"}, {"(2, 3, 4)", "(5, 3, 6)"}, {"(5,)", "(2, 4, 3)"},
        {"(2, 0, 4)", "(3, 4, 2)"}, {"(2, 3, 0)", "(0, 2)"}};

    @Test
    void shapesOfMatmulAndDotAgreeWithNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(61);
        for (String op : new String[] {"matmul", "dot"}) {
            for (String[] s : op.equals("matmul") ? MATMUL : DOT) {
                // float64 @ int16 (mixed), and int64 @ int64 (exact, wrapping).
                NDArray x = QuantileTestData.finite(DType.FLOAT64, Order.C, rnd, parse(s[0]));
                NDArray y = QuantileTestData.random(DType.INT16, Order.C, rnd, 0, parse(s[1]));
                NDArray xi = QuantileTestData.random(DType.INT64, Order.C, rnd, 0, parse(s[0]));
                NDArray yi = QuantileTestData.random(DType.INT64, Order.F, rnd, 0, parse(s[1]));
                String px = b.input(x);
                String py = b.input(y);
                String pxi = b.input(xi);
                String pyi = b.input(yi);
                boolean dot = op.equals("dot");
                add(b, cases, s[0] + " " + op + " " + s[1], () -> dot ? C.dot(x, y) : C.matmul(x, y), px, py, op);
                add(b, cases, s[0] + " " + op + " " + s[1] + " int64", () -> dot ? C.dot(xi, yi) : C.matmul(xi, yi),
                        pxi, pyi, op);
            }
        }
        check(b, cases);
    }

    @Test
    void everyPairOfDtypesOnBroadcastStacks() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(62);
        String[] dtypes = {"bool", "int8", "uint8", "int16", "uint32", "int64", "uint64", "float16", "float32",
            "float64", "complex64", "complex128", ">f8", ">i4", ">c8"};
        for (String da : dtypes) {
            for (String db : dtypes) {
                NDArray a = LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.of(da), Order.C, rnd, 2, 1, 3,
                        4), rnd);
                NDArray v = LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.of(db), Order.C, rnd, 3, 4, 2),
                        rnd).copy(Order.F);
                String pa = b.input(a);
                String pv = b.input(v);
                add(b, cases, da + " @ " + db, () -> C.matmul(a, v), pa, pv, "matmul");
                NDArray x = v.get("1, :, 0");
                String px = b.input(x);
                add(b, cases, da + " @ " + db + " vector", () -> C.matmul(a, x), pa, px, "matmul");
                add(b, cases, da + " dot " + db, () -> C.dot(a, v), pa, pv, "dot");
            }
        }
        check(b, cases);
    }

    @Test
    void viewsOfEveryLayoutManyTilesAndFoldedStacks() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(63);
        NDArray base = QuantileTestData.finite(DType.FLOAT64, Order.C, rnd, 6, 8, 10);
        NDArray other = QuantileTestData.random(DType.INT32, Order.C, rnd, 0, 6, 10, 7);
        String pBase = b.input(base);
        String pOther = b.input(other);
        for (Map.Entry<String, NDArray> va : QuantileTestData.views(base).entrySet()) {
            NDArray a = va.getValue();
            // b to match a's last axis: (6, 10, 7) sliced to a's inner length, viewed the same ways.
            for (Map.Entry<String, NDArray> vb : QuantileTestData.views(other.get(":, :" + a.shape(2))).entrySet()) {
                NDArray y = vb.getValue();
                String pa = b.input(a);
                String py = b.input(y);
                add(b, cases, va.getKey() + " @ " + vb.getKey(), () -> C.matmul(a, y), pa, py, "matmul");
                add(b, cases, va.getKey() + " @ " + vb.getKey() + "[0]", () -> C.matmul(a, y.get("0")), pa,
                        py + "[0]", "matmul");
            }
        }
        NDArray neg = base.get("::-2, 1::3, ::-1");
        String pNeg = pBase + "[::-2, 1::3, ::-1]";
        NDArray tr = QuantileTestData.random(DType.INT32, Order.C, rnd, 0, 3, 7, 10);
        String pTr = b.input(tr);
        add(b, cases, "negative strides @ transposed stack", () -> C.matmul(neg, tr.get("::-1").swapaxes(1, 2)), pNeg,
                pTr + "[::-1].swapaxes(1, 2)", "matmul");
        add(b, cases, "broadcastTo stack", () -> C.matmul(base.get("0").broadcastTo(4, 8, 10), other.get("0")),
                "np.broadcast_to(" + pBase + "[0], (4, 8, 10))", pOther + "[0]", "matmul");
        add(b, cases, "dot of views", () -> C.dot(neg.transpose(1, 0, 2), other.get("::2, ::-1").T()),
                pNeg + ".transpose(1, 0, 2)", pOther + "[::2, ::-1].T", "dot");
        // Many tiles per batch element, float32 and wrapping int64.
        NDArray big = NDArrays.empty(DType.FLOAT32, 3, 130, 300);
        Randoms.fillNormal(big, 1);
        NDArray bigB = NDArrays.empty(DType.FLOAT32, 3, 300, 70);
        Randoms.fillNormal(bigB, 2);
        String pBig = b.input(big);
        String pBigB = b.input(bigB);
        add(b, cases, "float32 tiles", () -> C.matmul(big, bigB), pBig, pBigB, "matmul");
        add(b, cases, "float32 folded stack", () -> C.matmul(big, bigB.get("1")), pBig, pBigB + "[1]", "matmul");
        NDArray ints = QuantileTestData.random(DType.INT64, Order.F, rnd, 0, 2, 70, 300);
        NDArray ints2 = QuantileTestData.random(DType.INT64, Order.C, rnd, 0, 300, 66);
        String pInts = b.input(ints);
        String pInts2 = b.input(ints2);
        add(b, cases, "int64 stack (wrapping)", () -> C.matmul(ints, ints2), pInts, pInts2, "matmul");
        add(b, cases, "int64 dot stack (wrapping)", () -> C.dot(ints2.T(), ints.get("::-1").T()), pInts2 + ".T",
                pInts + "[::-1].T", "dot");
        check(b, cases);
    }

    @Test
    void identicalForEveryExecutorKernelAndFolding() {
        NDArray a = NDArrays.empty(DType.FLOAT32, 5, 70, 90);
        Randoms.fillNormal(a, 5);
        NDArray v = NDArrays.empty(DType.FLOAT64, 5, 90, 66);
        Randoms.fillNormal(v, 6);
        NDArray w = v.get("2");
        NDArray lv = NDArrays.empty(DType.FLOAT64, 2, 2, 300_001);
        Randoms.fillNormal(lv, 7);
        NDArray li = QuantileTestData.random(DType.INT32, Order.C, new Random(8), 0, 3, 2, 300_001);
        NDArray want = C.matmul(a, v);
        NDArray wantFolded = C.matmul(a, w);
        NDArray wantLong = C.matmul(lv, lv.swapaxes(1, 2));
        NDArray wantInt = C.matmul(li, li.get("0").T());
        NDArray wantDot = C.dot(a, v);
        List<Compute> cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                String where = "executor " + c.executor().parallelism() + " " + c.executor().chunkBytes();
                QuantileTestData.assertIdentical(c.matmul(a, v), want, where);
                QuantileTestData.assertIdentical(c.matmul(a, w), wantFolded, where + " folded");
                QuantileTestData.assertIdentical(c.matmul(lv, lv.swapaxes(1, 2)), wantLong, where + " segments");
                QuantileTestData.assertIdentical(c.matmul(li, li.get("0").T()), wantInt, where + " int segments");
                QuantileTestData.assertIdentical(c.dot(a, v), wantDot, where + " dot");
            }
        } finally {
            QuantileTestData.close(cs);
        }
        QuantileTestData.assertIdentical(LinalgMatmul.product(C, a, v, null, "matmul", false), want, "scalar kernel");
        QuantileTestData.assertIdentical(LinalgMatmul.product(C, lv, lv.swapaxes(1, 2), null, "matmul", false),
                wantLong, "scalar kernel, segments");
        // An F-ordered stack is not one tall matrix (not folded): the same bits all the same.
        QuantileTestData.assertIdentical(C.matmul(a.copy(Order.F), w), wantFolded, "unfolded stack");
        // Each batch element equals the 2-d product of its matrices; dot pairs every a-matrix with every v-matrix.
        for (int e = 0; e < 5; e++) {
            QuantileTestData.assertIdentical(want.get(String.valueOf(e)), C.matmul(a.get(String.valueOf(e)),
                    v.get(String.valueOf(e))), "batch element " + e);
            QuantileTestData.assertIdentical(wantDot.get(e + ", :, 3"), C.matmul(a.get(String.valueOf(e)),
                    v.get("3")), "dot element " + e);
        }
    }

    @Test
    void memmappedOperandsAndOutsIncludingOutsExtraLeadingAxes() throws Exception {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Path fa = dir.resolve("a.npy");
        Path fb = dir.resolve("b.npy");
        try (NDArray a = Npy.create(fa, DType.FLOAT32, Order.C, false, 4, 50, 60);
             NDArray v = Npy.create(fb, DType.INT16, Order.F, false, 60, 30);
             NDArray out = Npy.create(dir.resolve("o.npy"), DType.FLOAT32, Order.F, false, 4, 50, 30);
             NDArray wide = Npy.create(dir.resolve("w.npy"), DType.FLOAT32, Order.C, false, 2, 4, 50, 30);
             NDArray vec = Npy.create(dir.resolve("v.npy"), DType.COMPLEX128, Order.C, false, 3, 60)) {
            Randoms.fillNormal(a, 9);
            v.assign(QuantileTestData.random(DType.INT16, Order.C, new Random(10), 0, 60, 30));
            vec.assign(LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.COMPLEX128, Order.C,
                    new Random(11), 3, 60), new Random(12)));
            String pa = "np.load(r'" + fa + "', mmap_mode='r')";
            String pb = "np.load(r'" + fb + "', mmap_mode='r')";
            assertThat(C.matmul(a, v, out)).isSameAs(out);
            assertThat(C.matmul(a, v, wide)).isSameAs(wide);
            out.flush();
            wide.flush();
            add(b, cases, "memmap out", () -> out, pa, pb, "matmul");
            int wideResult = b.add("r = np.matmul(" + pa + ", " + pb + ", out=np.empty((2, 4, 50, 30), np.float32))");
            cases.add(new Oracle("out with an extra leading axis", wideResult, wide::size,
                    res -> QuantileTestData.assertIdentical(wide, C.matmul(a, v)
                            .broadcastTo(2, 4, 50, 30).copy(), "wide out")));
            NDArray vecOut = NDArrays.empty(DType.COMPLEX128, 3, 4, 50);
            add(b, cases, "stack @ memmapped complex vectors", () -> C.matmul(a, vec.get(":, None, :, None"),
                    vecOut.get(":, :, :, None")), pa, "np.load(r'" + dir.resolve("v.npy")
                    + "', mmap_mode='r')[:, None, :, None]", "matmul");
            check(b, cases);
        }
        try (NDArray back = Npy.open(dir.resolve("o.npy"), Mode.READ_ONLY);
             NDArray a = Npy.open(fa, Mode.READ_ONLY);
             NDArray v = Npy.open(fb, Mode.READ_ONLY)) {
            QuantileTestData.assertIdentical(back.copy(), C.matmul(a, v), "memmap out, read back");
            assertThatThrownBy(() -> C.matmul(a, v, back)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void tasksShipWithTheirLayoutsAndGiveTheLocalResults() throws Exception {
        try (NDArray a = Npy.create(dir.resolve("a.npy"), DType.FLOAT32, Order.C, false, 3, 40, 50);
             NDArray v = Npy.create(dir.resolve("v.npy"), DType.COMPLEX64, Order.F, false, 3, 50, 20);
             NDArray l = Npy.create(dir.resolve("l.npy"), DType.FLOAT64, Order.C, false, 2, 2, 300_001);
             NDArray o1 = Npy.create(dir.resolve("o1.npy"), DType.COMPLEX64, Order.C, false, 3, 40, 20);
             NDArray o2 = Npy.create(dir.resolve("o2.npy"), DType.FLOAT32, Order.C, false, 2, 3, 40, 50);
             NDArray o3 = Npy.create(dir.resolve("o3.npy"), DType.FLOAT64, Order.C, false, 2, 2, 2)) {
            C.fillNormal(a, 31);
            v.assign(LinalgMatmulTest.withImaginary(QuantileTestData.finite(DType.COMPLEX64, Order.C, new Random(32),
                    3, 50, 20), new Random(33)));
            C.fillNormal(l, 34);
            QuantileShippingTest.ShippingExecutor ex = new QuantileShippingTest.ShippingExecutor();
            Compute shipped = Compute.on(ex);
            shipped.matmul(a, v, o1);
            QuantileTestData.assertIdentical(o1, C.matmul(a, v), "complex stack");
            NDArray square = a.get("0, :, :40");
            shipped.matmul(a.get(":, :, :40"), square, o2.get(":, :, :, :40"));
            QuantileTestData.assertIdentical(o2.get("1, :, :, :40").copy(), C.matmul(a.get(":, :, :40"), square),
                    "folded stack, out with an extra axis");
            shipped.matmul(l, l.swapaxes(1, 2), o3);
            QuantileTestData.assertIdentical(o3, C.matmul(l, l.swapaxes(1, 2)), "split inner dimension");
            assertThat(ex.shipped.get()).isGreaterThan(3);
        }
    }

    /** The forked program: a.npy @ b.npy into o1.npy, a.npy @ c.npy into o2.npy, all memory-mapped. */
    public static void main(String[] args) throws Exception {
        Path d = Path.of(args[0]);
        try (NDArray a = Npy.open(d.resolve("a.npy"), Mode.READ_ONLY);
             NDArray b = Npy.open(d.resolve("b.npy"), Mode.READ_ONLY);
             NDArray c = Npy.open(d.resolve("c.npy"), Mode.READ_ONLY);
             NDArray o1 = Npy.open(d.resolve("o1.npy"), Mode.READ_WRITE);
             NDArray o2 = Npy.open(d.resolve("o2.npy"), Mode.READ_WRITE)) {
            Compute.local().matmul(a, b, o1);   // a stack times one matrix: folded into one tall product
            Compute.local().matmul(a, c, o2);   // a stack times a stack: one product per batch element
            o1.flush();
            o2.flush();
            System.out.println(Runtime.getRuntime().maxMemory());
        }
    }

    @Test
    void aJvmWithA32MegabyteHeapMultipliesAStackTwiceItsSize() throws Exception {
        try (NDArray a = Npy.create(dir.resolve("a.npy"), DType.FLOAT32, Order.C, false, 32, 1024, 512);
             NDArray b = Npy.create(dir.resolve("b.npy"), DType.FLOAT64, Order.C, false, 512, 16);
             NDArray c = Npy.create(dir.resolve("c.npy"), DType.FLOAT32, Order.F, false, 32, 512, 4);
             NDArray o1 = Npy.create(dir.resolve("o1.npy"), DType.FLOAT64, Order.C, false, 32, 1024, 16);
             NDArray o2 = Npy.create(dir.resolve("o2.npy"), DType.FLOAT32, Order.C, false, 32, 1024, 4)) {
            C.fillNormal(a, 21);   // 64 MiB: twice the forked JVM's heap
            C.fillNormal(b, 22);
            C.fillNormal(c, 23);
        }
        ForkedJvm r = ForkedJvm.run(null, List.of("-Xmx32m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED"), LinalgMatmulBatchTest.class, dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(Long.parseLong(r.out().strip())).isLessThanOrEqualTo(32L << 20);
        // float64 against NumPy's float64 BLAS; float32 within one unit of NumPy's float64 product rounded.
        String[] got = NumPy.run("import os; d = sys.argv[1]; L = lambda n: np.load(os.path.join(d, n + '.npy'), "
                + "mmap_mode='r'); a, b, c, o1, o2 = (L(n) for n in ('a', 'b', 'c', 'o1', 'o2')); "
                + "e1 = max(float(np.max(np.abs(o1[i] - a[i] @ b) / (np.abs(a[i]) @ np.abs(b)))) for i in range(32)); "
                + "x = [a[i].astype(np.float64) @ c[i].astype(np.float64) for i in range(32)]; "
                + "e2 = max(float(np.max(np.abs(o2[i] - x[i]) / (2.0**-23 * np.abs(x[i]) + 2.0**-50 "
                + "* (np.abs(a[i]) @ np.abs(c[i])) + 1e-45))) for i in range(32)); print(e1, e2)", dir).split(" ");
        assertThat(Double.parseDouble(got[0])).isLessThan(0x1p-50);
        assertThat(Double.parseDouble(got[1])).isLessThanOrEqualTo(1.0);
    }

    @Test
    void errorsNameTheShapes() {
        NDArray a = NDArrays.zeros(DType.FLOAT64, 2, 3, 4);
        assertThatThrownBy(() -> C.matmul(a, NDArrays.zeros(DType.FLOAT64, 3, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not be broadcast")
                .hasMessageContaining("(2,3,4)").hasMessageContaining("(3,4,5)");
        assertThatThrownBy(() -> C.matmul(a, NDArrays.zeros(DType.FLOAT64, 2, 5, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input operand 1 has a mismatch in its core dimension 0")
                .hasMessageContaining("(size 5 is different from 4)").hasMessageContaining("(2,3,4) and (2,5,4)");
        assertThatThrownBy(() -> C.matmul(NDArrays.zeros(DType.FLOAT64, 5), a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(5,) and (2,3,4)");
        assertThatThrownBy(() -> C.matmul(NDArrays.zeros(DType.FLOAT64), a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input operand 0 does not have enough dimensions");
        NDArray b = NDArrays.zeros(DType.FLOAT64, 4, 5);
        for (long[] bad : new long[][] {{1, 3, 5}, {3, 5}, {2, 3, 6}, {2, 5, 3}, {3, 3, 5}}) {
            assertThatThrownBy(() -> C.matmul(a, b, NDArrays.zeros(DType.FLOAT64, bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("out has shape " + LinalgLayout.tuple(bad) + ", the result (2,3,5)");
        }
        NDArray ok = NDArrays.zeros(DType.FLOAT64, 3, 2, 3, 5);
        assertThat(C.matmul(a, b, ok)).isSameAs(ok);
        assertThatThrownBy(() -> C.dot(a, NDArrays.zeros(DType.FLOAT64, 5, 3, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shapes (2,3,4) and (5,3,6) not aligned: 4 (dim 2) != 3 (dim 1)");
        assertThatThrownBy(() -> C.dot(a, b, NDArrays.zeros(DType.FLOAT64, 3, 2, 3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out has shape (3,2,3,5), the result (2,3,5)");
        NDArray stack = NDArrays.zeros(DType.FLOAT64, 2, 4, 4);
        assertThatThrownBy(() -> C.matmul(stack, stack.get("0"), stack.get(":, :, :"))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("share memory");
    }
}
