package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.memmap4j.compute.QuantileTestData.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.Randoms;
import org.memmap4j.format.Npy;
import org.memmap4j.compute.QuantileTestData.Oracle;
import org.memmap4j.testing.NumPyBatch;

/**
 * dot and matmul against NumPy 2: result dtypes of every pair of dtypes, integers exact (wrapping), floats within
 * their dtype's rounding, 1-d and 2-d operands of every layout, empty shapes, many tiles and split inner dimensions,
 * into memmaps; identical for every executor and for both kernels.
 */
class LinalgMatmulTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    /**
     * Equal dtype and shape; integers and bool exactly. Float results are checked twice, per part for complex:
     * <ul>
     *   <li>against NumPy's own product within its rounding: {@code c * eps * sum |a| |b|} with {@code eps} the
     *       result dtype's and {@code c = 4} for float64 and complex128, {@code c = max(4, K)} for float32,
     *       complex64 and float16, whose products NumPy sums in that dtype (float32 BLAS, float16 in float32), with
     *       an error bound that grows with the inner length K: there memmap4j is the more accurate one;</li>
     *   <li>against NumPy's product of the operands in float64 (complex128), which memmap4j rounds once to the
     *       result dtype: within one unit of the result dtype ({@code eps * |exact|}, plus its smallest subnormal)
     *       and the two float64 sums' rounding ({@code 4 * 2^-52 * sum |a| |b|}).</li>
     * </ul>
     */
    static void assertProduct(NDArray actual, NumPyBatch.Result r, NumPyBatch.Result bound, NumPyBatch.Result exact,
                              String where) {
        r.assertOk();
        NDArray want = r.array();
        assertThat(actual.dtype().kind()).as("dtype " + where).isEqualTo(want.dtype().kind());
        assertThat(actual.shape()).as("shape " + where).containsExactly(want.shape());
        NDArray a = actual.reshape(-1);
        NDArray w = want.reshape(-1);
        NDArray bd = bound.array().reshape(-1);
        NDArray ex = exact.array().reshape(-1);
        DType.Kind k = actual.dtype().kind();
        boolean narrow = k == DType.Kind.FLOAT16 || k == DType.Kind.FLOAT32 || k == DType.Kind.COMPLEX64;
        double eps = switch (k) {
            case FLOAT16 -> 0x1p-10;
            case FLOAT32, COMPLEX64 -> 0x1p-23;
            default -> 0x1p-52;
        };
        double tiny = k == DType.Kind.FLOAT16 ? 0x1p-24 : narrow ? Float.MIN_VALUE : Double.MIN_VALUE;
        double c = narrow ? Math.max(4, Long.parseLong(bound.info())) : 4;
        for (long i = 0; i < a.size(); i++) {
            if (k.isInteger() || k.isBool()) {
                if (a.getLong(i) != w.getLong(i)) {
                    fail("%s element %d: memmap4j %d, numpy %d", where, i, a.getLong(i), w.getLong(i));
                }
                continue;
            }
            double tol = c * eps * bd.getDouble(i) + tiny;
            double[] x = k.isComplex() ? a.getComplex(i) : new double[] {a.getDouble(i)};
            double[] y = k.isComplex() ? w.getComplex(i) : new double[] {w.getDouble(i)};
            double[] z = k.isComplex() ? ex.getComplex(i) : new double[] {ex.getDouble(i)};
            for (int part = 0; part < x.length; part++) {
                if (!close(x[part], y[part], tol)) {
                    fail("%s element %d: memmap4j %s, numpy %s (tolerance %s)", where, i, x[part], y[part], tol);
                }
                double tolExact = eps * Math.abs(z[part]) + 4 * 0x1p-52 * bd.getDouble(i) + tiny;
                if (narrow && !close(x[part], z[part], tolExact)) {
                    fail("%s element %d: memmap4j %s, numpy in float64 %s (tolerance %s)", where, i, x[part],
                            z[part], tolExact);
                }
            }
        }
    }

    /**
     * Gives a C-contiguous complex array new finite imaginary parts (draws like {@link QuantileTestData#random}'s,
     * without its infinities; no -0.0) and returns it; other dtypes are returned unchanged.
     */
    static NDArray withImaginary(NDArray a, Random rnd) {
        assertThat(a.isCContiguous()).as("withImaginary writes through a flat view").isTrue();
        if (a.dtype().kind().isComplex()) {
            NDArray flat = a.reshape(-1);
            for (long i = 0; i < a.size(); i++) {
                double im = rnd.nextDouble() < 0.3 ? rnd.nextInt(9) - 4 : Math.scalb(rnd.nextGaussian(), rnd.nextInt(9) - 4);
                flat.setComplex(flat.getDouble(i), im == 0 ? 0.0 : im, i);
            }
        }
        return a;
    }

    private static boolean close(double x, double y, double tol) {
        return Double.compare(x, y) == 0 || Math.abs(x - y) <= tol || (Double.isNaN(x) && Double.isNaN(y));
    }

    /**
     * Adds a comparison of {@code actual} with {@code np.<op>(pa, pb)} ({@link #assertProduct}), with the bound of
     * rounding {@code op(|a|, |b|)} (and the inner length K as its info) and the product in float64 from NumPy too;
     * where NumPy raises, {@code actual} must throw.
     */
    static void add(NumPyBatch b, List<Oracle> cases, String where, Supplier<NDArray> actual, String pa,
                    String pb, String op) {
        String x = "x = np.asarray(" + pa + "); y = np.asarray(" + pb + "); ";
        int result = b.add("r = np." + op + "(" + pa + ", " + pb + ")");
        int bound = b.add(x + "info = x.shape[-1] if x.ndim else 0; r = np." + op + "(np.abs(x.astype(complex)), "
                + "np.abs(y.astype(complex))) if x.ndim * y.ndim > 0 else 0");
        int exact = b.add(x + "r = np." + op + "(x.astype(np.result_type(x, np.float64)), "
                + "y.astype(np.result_type(y, np.float64)))");
        cases.add(new Oracle(where, result, actual::get,
                res -> assertProduct(actual.get(), res.get(result), res.get(bound), res.get(exact), where)));
    }

    @Test
    void everyPairOfDtypesGivesNumPysDtypeAndValues() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(51);
        String[] dtypes = {"bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16",
            "float32", "float64", "complex64", "complex128", ">f8", ">i4"};
        for (String da : dtypes) {
            for (String db : dtypes) {
                NDArray a = QuantileTestData.finite(DType.of(da), Order.C, rnd, 3, 4);
                NDArray v = QuantileTestData.finite(DType.of(db), Order.F, rnd, 4, 5);
                String pa = b.input(a);
                String pv = b.input(v);
                add(b, cases, da + " @ " + db, () -> C.matmul(a, v), pa, pv, "matmul");
                NDArray x = v.get(":, 1");
                String px = b.input(x);
                add(b, cases, da + " dot " + db + " vector", () -> C.dot(a, x), pa, px, "dot");
            }
        }
        check(b, cases);
    }

    @Test
    void shapesLayoutsTilesAndSplitInnerDimensions() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Oracle> cases = new ArrayList<>();
        Random rnd = new Random(52);
        NDArray big = NDArrays.empty(DType.FLOAT64, 130, 600);
        Randoms.fillNormal(big, 1);
        NDArray bigB = NDArrays.empty(DType.FLOAT32, 600, 70);
        Randoms.fillNormal(bigB, 2);
        String pa = b.input(big);
        String pb = b.input(bigB);
        add(b, cases, "tiles", () -> C.matmul(big, bigB), pa, pb, "matmul");
        add(b, cases, "transposed", () -> C.matmul(bigB.T(), big.T()), pb + ".T", pa + ".T", "matmul");
        add(b, cases, "strided", () -> C.dot(big.get("::-3, 1::2"), bigB.get("::2, ::-1")), pa + "[::-3, 1::2]",
                pb + "[::2, ::-1]", "dot");
        NDArray ints = QuantileTestData.random(DType.INT64, Order.F, rnd, 0, 70, 300);
        NDArray ints2 = QuantileTestData.random(DType.INT32, Order.C, rnd, 0, 300, 66);
        String pi = b.input(ints);
        String pi2 = b.input(ints2);
        add(b, cases, "int64 tiles (wrapping)", () -> C.matmul(ints, ints2), pi, pi2, "matmul");
        String[][] shapes = {{"(0, 3)", "(3, 2)"}, {"(2, 0)", "(0, 3)"}, {"(3,)", "(3,)"}, {"(0,)", "(0,)"},
            {"(3,)", "(3, 4)"}, {"(4, 3)", "(3,)"}, {"(3, 4)", "(5,)"}, {"(2, 3)", "(2, 3)"}};
        for (String[] s : shapes) {
            long[] sa = parse(s[0]);
            long[] sb = parse(s[1]);
            NDArray x = QuantileTestData.finite(DType.FLOAT64, Order.C, rnd, sa);
            NDArray y = QuantileTestData.random(DType.INT16, Order.C, rnd, 0, sb);
            String px = b.input(x);
            String py = b.input(y);
            add(b, cases, s[0] + " @ " + s[1], () -> C.matmul(x, y), px, py, "matmul");
            add(b, cases, s[0] + " dot " + s[1], () -> C.dot(x, y), px, py, "dot");
        }
        // Inner dimensions beyond one segment: summed per segment, segments in order.
        NDArray lv = NDArrays.empty(DType.FLOAT64, 3, 600_001);
        Randoms.fillNormal(lv, 3);
        NDArray lw = NDArrays.empty(DType.FLOAT32, 600_001);
        Randoms.fillNormal(lw, 4);
        String plv = b.input(lv);
        String plw = b.input(lw);
        add(b, cases, "long matrix-vector", () -> C.dot(lv, lw), plv, plw, "dot");
        add(b, cases, "long vector-vector", () -> C.dot(lw, lv.get("1")), plw, plv + "[1]", "dot");
        NDArray li = QuantileTestData.random(DType.UINT64, Order.C, rnd, 0, 600_001);
        String pli = b.input(li);
        add(b, cases, "long uint64 (wrapping)", () -> C.dot(li, li.get("::-1")), pli, pli + "[::-1]", "dot");
        check(b, cases);
    }

    /** {@return the shape written as a Python tuple, e.g. {@code "(2, 3)"} or {@code "(4,)"}} */
    static long[] parse(String t) {
        String body = t.replaceAll("[() ]", "");
        return body.isEmpty() ? new long[0] : java.util.Arrays.stream(body.split(",")).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }

    @Test
    void intoMemmapsIdenticalForEveryExecutorAndKernel() throws Exception {
        NDArray a = NDArrays.empty(DType.FLOAT32, 150, 260);
        Randoms.fillNormal(a, 5);
        NDArray v = NDArrays.empty(DType.FLOAT64, 260, 70);
        Randoms.fillNormal(v, 6);
        NDArray want = C.matmul(a, v);
        List<Compute> cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                QuantileTestData.assertIdentical(c.matmul(a, v), want, "executor " + c.executor().parallelism());
            }
        } finally {
            QuantileTestData.close(cs);
        }
        QuantileTestData.assertIdentical(LinalgMatmul.product(C, a, v, null, "matmul", false), want, "scalar kernel");
        NDArray lv = NDArrays.empty(DType.FLOAT64, 2, 300_001);
        Randoms.fillNormal(lv, 7);
        QuantileTestData.assertIdentical(LinalgMatmul.product(C, lv, lv.T(), null, "dot", false), C.dot(lv, lv.T()),
                "scalar kernel, split inner dimension");
        Path file = dir.resolve("c.npy");
        try (NDArray out = Npy.create(file, DType.FLOAT64, Order.F, false, 150, 70)) {
            assertThat(C.matmul(a, v, out)).isSameAs(out);
            out.flush();
        }
        try (NDArray back = Npy.open(file, Mode.READ_ONLY)) {
            QuantileTestData.assertIdentical(back.copy(), want, "memmap out");
        }
        NDArray f32 = NDArrays.empty(DType.FLOAT32, 150, 70);
        C.dot(a, v, f32);
        assertThat(f32.getDouble(3, 4)).isEqualTo((double) (float) want.getDouble(3, 4));
    }

    @Test
    void errors() {
        NDArray a = NDArrays.zeros(DType.FLOAT64, 3, 4);
        assertThatThrownBy(() -> C.dot(a, NDArrays.zeros(DType.FLOAT64, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shapes (3,4) and (5,) not aligned: 4 (dim 1) != 5 (dim 0)");
        assertThatThrownBy(() -> C.matmul(a, NDArrays.zeros(DType.FLOAT64))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not have enough dimensions");
        assertThatThrownBy(() -> C.matmul(NDArrays.zeros(DType.FLOAT64, 2, 2, 2), a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2,2,2) and (3,4)");
        assertThatThrownBy(() -> C.matmul(a, a.T(), NDArrays.zeros(DType.FLOAT64, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        NDArray sq = NDArrays.zeros(DType.FLOAT64, 3, 3);
        assertThatThrownBy(() -> C.matmul(sq, sq, sq)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share memory");
        assertThat(C.dot(NDArrays.of(1.0, 2.0), NDArrays.of(3.0, 4.0)).getDouble()).isEqualTo(11.0);
    }
}
