package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.testing.NumPyBatch;

/**
 * nanargmin, nanargmax and nanprod through {@link Compute} against NumPy: NaN before and after infinities, NaN
 * runs longer than the vector kernels' blocks, complex NaN parts, every axis with and without keepdims, all-NaN and
 * empty slices, on one and two threads with tiny and default chunks.
 */
class ReduceNanArgTest {

    @TempDir
    Path dir;

    private static final List<Compute> COMPUTES = List.of(Compute.on(ChunkExecutor.local(1, 64)),
            Compute.on(ChunkExecutor.local(2, 64)), Compute.on(ChunkExecutor.local(2, 4096)), Compute.local());

    /** Values with NaN runs, infinities of both signs and ties; complex NaN in either part. */
    static NDArray data(DType t, long seed, long... shape) {
        NDArray a = NDArrays.empty(t, shape);
        NDArray flat = a.reshape(-1);
        SplittableRandom rnd = new SplittableRandom(seed);
        long n = flat.size();
        long run = rnd.nextLong(Math.max(1, n / 3));
        for (long i = 0; i < n; i++) {
            double re;
            double im = rnd.nextInt(8) - 4;
            int r = rnd.nextInt(20);
            if (i < run && seed % 2 == 0) {
                re = Double.NaN;
            } else if (r < 3) {
                re = Double.NaN;
            } else if (r == 3) {
                re = Double.POSITIVE_INFINITY;
            } else if (r == 4) {
                re = Double.NEGATIVE_INFINITY;
            } else if (r == 5) {
                re = 0.5;
                im = Double.NaN;
            } else {
                re = rnd.nextInt(2000) - 1000;
            }
            if (t.kind().isComplex()) {
                flat.setComplex(re, im, i);
            } else if (t.kind().isFloat()) {
                flat.setDouble(re, i);
            } else {
                // Unchecked, as astype: negative values wrap for unsigned dtypes.
                org.memmap4j.internal.Elements.castLong(a.segment(), a.segmentOffset() + i * t.itemSize(), t,
                        Double.isFinite(re) ? (long) re : i);
            }
        }
        return a;
    }

    private record Case(String label, int at, Function<Compute, NDArray> run) {
    }

    @Test
    void nanReductionsMatchNumPyOnEveryLayoutAxisAndExecutor() {
        NumPyBatch batch = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        String[] dtypes = {"<f2", "<f4", "<f8", ">f8", "<c8", "<c16", "<i4", "<u8", "|b1"};
        long seed = 2;
        for (String d : dtypes) {
            DType t = DType.of(d);
            List<NDArray> arrays = List.of(data(t, seed++, 3000), data(t, seed++, 3000), data(t, seed++, 7, 1300),
                    data(t, seed++, 7, 1300).copy(Order.F), data(t, seed++, 1300, 9).get("::-2, 1:"), data(t, seed++, 5, 4, 60));
            for (NDArray a : arrays) {
                String x = batch.input(a);
                String label = d + " " + java.util.Arrays.toString(a.shape());
                for (String f : new String[] {"nanargmin", "nanargmax"}) {
                    boolean min = f.equals("nanargmin");
                    cases.add(new Case(label + " " + f, batch.add("r = np." + f + "(" + x + ")"),
                            c -> min ? c.nanargmin(a) : c.nanargmax(a)));
                    for (int axis = -1; axis < a.ndim(); axis++) {
                        int ax = axis;
                        for (boolean keep : new boolean[] {false, true}) {
                            cases.add(new Case(label + " " + f + " axis " + ax + " keepdims " + keep,
                                    batch.add("r = np." + f + "(" + x + ", axis=" + ax + ", keepdims=" + (keep ? "True" : "False") + ")"),
                                    c -> min ? c.nanargmin(a, ax, keep) : c.nanargmax(a, ax, keep)));
                        }
                    }
                }
                // Products as memmap4j computes them (in float64, rounded once): NumPy's, on the float64 (complex128)
                // array, cast to NumPy's result dtype.
                String up = "x = " + x + "\nu = x.astype('c16' if x.dtype.kind == 'c' else 'f8' if x.dtype.kind == 'f' else x.dtype)\n";
                boolean real = t.kind().isFloat() || t.kind().isComplex();
                NDArray scaled = real ? Compute.local().eval(Expr.of(a).divide(990).add(1)) : a;
                cases.add(new Case(label + " nanprod", batch.add(up + "s = (x / 990 + 1).astype(u.dtype) if x.dtype.kind in 'fc' else u\n"
                        + "r = np.asarray(np.nanprod(s)).astype(np.nanprod(x[:0]).dtype)"), c -> c.nanprod(scaled)));
                cases.add(new Case(label + " nanprod axis 0 keepdims", batch.add(up + "r = np.nanprod(u, axis=0, keepdims=True)"
                        + ".astype(np.nanprod(x[:0], axis=0, keepdims=True).dtype)"), c -> c.nanprod(a, new int[] {0}, true)));
            }
        }
        List<NumPyBatch.Result> results = batch.run();
        int raised = 0;
        for (Case k : cases) {
            NumPyBatch.Result r = results.get(k.at());
            for (Compute c : COMPUTES) {
                if (!r.ok()) {
                    raised++;
                    assertThatThrownBy(() -> k.run().apply(c)).as(k.label()).isInstanceOf(IllegalArgumentException.class)
                            .hasMessage(r.message().strip());
                    continue;
                }
                NDArray got = k.run().apply(c);
                if (k.label().contains("nanprod") && (got.dtype().kind().isFloat() || got.dtype().kind().isComplex())) {
                    assertThat(got.dtype().descr()).as(k.label()).isEqualTo(r.dtype());
                    assertProductClose(got, r.array(), k.label());
                } else {
                    NumPyBatch.assertSameArray(got, r);
                }
            }
        }
        assertThat(raised).as("all-NaN slices met").isGreaterThan(0);
    }

    /** Products: NaN where NumPy's float64 product has NaN, else within 4 ulps of the dtype (plus rounding order). */
    private static void assertProductClose(NDArray got, NDArray want, String label) {
        NDArray g = got.reshape(-1);
        NDArray w = want.reshape(-1);
        boolean complex = got.dtype().kind().isComplex();
        for (long k = 0; k < g.size(); k++) {
            double[] gv = complex ? g.getComplex(k) : new double[] {g.getDouble(k), 0};
            double[] wv = complex ? w.getComplex(k) : new double[] {w.getDouble(k), 0};
            for (int p = 0; p < 2; p++) {
                if (Double.isNaN(wv[p]) || Double.isNaN(gv[p])) {
                    assertThat(Double.isNaN(gv[p])).as("%s element %d part %d: %s vs %s", label, k, p, gv[p], wv[p])
                            .isEqualTo(Double.isNaN(wv[p]));
                    continue;
                }
                double ulp = ReduceNumPyTest.ulp(got.dtype(), wv[p]);
                double tol = 4 * (ulp == 0 ? Math.ulp(wv[p]) * 64 : ulp);
                assertThat(Math.abs(gv[p] - wv[p]) <= tol || gv[p] == wv[p]).as("%s element %d part %d: %s vs %s", label,
                        k, p, gv[p], wv[p]).isTrue();
            }
        }
    }

    @Test
    void allNaNAndEmptySlicesAreRefusedWithNumPysMessages() {
        Compute c = Compute.on(ChunkExecutor.local(2, 64));
        NDArray nan = NDArrays.of(Double.NaN, 2.0, Double.NaN, 1.0).reshape(2, 2);
        assertThat(c.nanargmin(nan).getLong()).isEqualTo(3);
        assertThat(c.nanargmax(nan, 1).getLong(1)).isEqualTo(1);
        assertThatThrownBy(() -> c.nanargmin(nan, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("All-NaN slice encountered");
        assertThatThrownBy(() -> c.nanargmax(nan, 0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("All-NaN slice encountered");
        assertThatThrownBy(() -> c.nanargmin(NDArrays.empty(DType.FLOAT32, 0, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt to get argmin of an empty sequence");
        assertThatThrownBy(() -> c.nanargmax(NDArrays.empty(DType.FLOAT32, 0, 3), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt to get argmax of an empty sequence");
        assertThat(c.nanargmax(NDArrays.empty(DType.FLOAT32, 0, 3), 1).shape()).containsExactly(0);
        // NaN counts as +inf for nanargmin: before an infinity, its position wins the tie, as in NumPy.
        assertThat(c.nanargmin(NDArrays.of(Double.NaN, Double.POSITIVE_INFINITY)).getLong()).isEqualTo(0);
        assertThat(c.nanargmax(NDArrays.of(Double.NaN, Double.POSITIVE_INFINITY)).getLong()).isEqualTo(1);
        assertThat(c.nanprod(NDArrays.of(Double.NaN, Double.NaN)).getDouble()).isEqualTo(1.0);
        assertThat(c.nanprod(NDArrays.of(new long[] {3, 4})).getLong()).isEqualTo(12);
    }
}
