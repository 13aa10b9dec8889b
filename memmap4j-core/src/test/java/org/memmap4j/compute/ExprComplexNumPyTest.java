package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.ExprTesting.COMPLEX_DTYPES;
import static org.memmap4j.compute.ExprTesting.DTYPES;
import static org.memmap4j.compute.ExprTesting.SMALL;
import static org.memmap4j.compute.ExprTesting.complexValues;
import static org.memmap4j.compute.ExprTesting.randomComplex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.testing.NumPyBatch;

/**
 * Complex expressions against real NumPy 2: every operation on complex64 and complex128 with every other dtype, on
 * values whose parts meet every special case (signed zeros, NaN, infinities, huge, tiny), Python scalars of all
 * kinds, layouts, outputs. Arithmetic, comparisons, abs and rounding must give NumPy's bits; sqrt, exp, log and
 * log10 stay within 2 ulps per part, non-integral powers within the documented bound.
 */
class ExprComplexNumPyTest {

    @TempDir
    Path dir;

    /** A dtype's test values: the complex grid for complex dtypes, the real specials (169 of them) otherwise. */
    private static NDArray operand(String dtype, int variant) {
        if (DType.of(dtype).kind().isComplex()) {
            return complexValues(dtype, variant);
        }
        NDArray twelve = ExprTesting.values(dtype, variant);
        NDArray v = NDArrays.empty(DType.of(dtype), 169);
        for (int i = 0; i < 169; i++) {
            v.set(String.valueOf(i), twelve.get(String.valueOf((i * 5 + variant) % 12)));
        }
        return v;
    }

    @Test
    void everyBinaryOperationOfComplexWithEveryDtypeGivesNumPysBits() {
        ExprCases batch = new ExprCases(dir, "ExprComplexNumPyTest");
        List<String> all = new ArrayList<>(DTYPES);
        all.addAll(COMPLEX_DTYPES);
        for (String ta : all) {
            for (String tb : all) {
                if (!DType.of(ta).kind().isComplex() && !DType.of(tb).kind().isComplex()) {
                    continue;
                }
                NDArray a = operand(ta, 0);
                NDArray b = operand(tb, 1);
                String pa = batch.input(a);
                String pb = batch.input(b);
                for (String op : ExprNumPyTest.BINARY) {
                    batch.add("r = np." + op + "(" + pa + ", " + pb + ")", () -> ExprNumPyTest.binary(op, Expr.of(a), Expr.of(b)), 0);
                }
            }
        }
        batch.check();
    }

    private static final String[] UNARY = {"negative", "absolute", "isnan", "isinf", "isfinite", "logical_not", "rint",
        "square", "reciprocal", "conjugate", "real", "imag", "floor", "ceil", "sqrt", "exp", "log", "log10", "sin", "cos",
        "tan"};

    /**
     * The documented tolerance: glibc's functions within 2 ulps per part, everything else exact, except sin, cos and
     * tan. Those of complex64 are computed in float64 and rounded once (within 1 ulp of the exact value), while the
     * glibc float versions NumPy calls are up to 3 (sin, cos) and 6 (tan) ulps off; and complex128 tan is a quotient
     * of products of sin, cos, sinh and cosh, each within an ulp of glibc's.
     */
    static int ulps(String ufunc, String dtype) {
        boolean single = dtype.equals("complex64");
        return switch (ufunc) {
            case "sqrt", "exp", "log", "log10" -> 2;
            case "sin", "cos" -> single ? 3 : 2;
            case "tan" -> single ? 6 : 4;
            default -> 0;
        };
    }

    @Test
    void manyRandomValuesGiveNumPysBitsOrStayWithinTheDocumentedUlps() {
        ExprCases batch = new ExprCases(dir, "ExprComplexNumPyTest");
        for (String t : COMPLEX_DTYPES) {
            NDArray a = randomComplex(t, 1, 20_000, 8);
            NDArray b = randomComplex(t, 2, 20_000, 8);
            NDArray m = randomComplex(t, 3, 20_000, 2);
            NDArray e = randomComplex(t, 4, 20_000, 0.7);
            String pa = batch.input(a);
            String pb = batch.input(b);
            String pm = batch.input(m);
            String pe = batch.input(e);
            for (String op : new String[] {"multiply", "divide", "add", "subtract", "less", "maximum"}) {
                batch.add("r = np." + op + "(" + pa + ", " + pb + ")", () -> ExprNumPyTest.binary(op, Expr.of(a), Expr.of(b)), 0);
            }
            for (String op : new String[] {"absolute", "square", "reciprocal", "sqrt", "log", "log10", "sin", "cos", "tan"}) {
                batch.add("r = np." + op + "(" + pa + ")", () -> ExprNumPyTest.unary(op, Expr.of(a)), ulps(op, t));
                batch.add("r = np." + op + "(" + pm + ")", () -> ExprNumPyTest.unary(op, Expr.of(m)), ulps(op, t));
            }
            batch.add("r = np.exp(" + pm + ")", () -> Expr.of(m).exp(), t.equals("complex64") ? 3 : 2);
            for (int k : new int[] {3, -3, 7, 99, -99, -2, 0, 1}) {
                batch.add("r = " + pe + " ** " + k + ".0", () -> Expr.of(e).power(k * 1.0), 0);
            }
        }
        batch.check();
    }

    @Test
    void pythonScalarsCastsAndWherePromoteAsNep50() {
        ExprCases batch = new ExprCases(dir, "ExprComplexNumPyTest");
        List<String> all = new ArrayList<>(DTYPES);
        all.addAll(COMPLEX_DTYPES);
        for (String t : all) {
            NDArray a = operand(t, 0);
            String pa = batch.input(a);
            boolean complex = DType.of(t).kind().isComplex();
            batch.add("r = np.add(" + pa + ", 1+2j)", () -> Expr.of(a).add(Expr.scalar(1, 2)), 0);
            batch.add("r = np.multiply(complex(float('nan'), 1), " + pa + ")", () -> Expr.scalar(Double.NaN, 1).multiply(Expr.of(a)), 0);
            batch.add("r = np.divide(" + pa + ", 0.5-3j)", () -> Expr.of(a).divide(Expr.scalar(0.5, -3)), 0);
            batch.add("r = np.equal(" + pa + ", 3+0j)", () -> Expr.of(a).eq(Expr.scalar(3, 0)), 0);
            batch.add("r = np.where(np.isnan(" + pa + "), 2-1j, " + pa + ")",
                    () -> Expr.where(Expr.of(a).isnan(), Expr.scalar(2, -1), Expr.of(a)), 0);
            batch.add("r = " + pa + ".astype('complex64')", () -> Expr.of(a).astype(DType.COMPLEX64), 0);
            batch.add("r = " + pa + ".astype('complex128')", () -> Expr.of(a).astype(DType.COMPLEX128), 0);
            if (!complex) {
                continue;
            }
            for (String u : all) {
                if (u.equals("uint32")) {
                    // NaN, infinities and huge values out of uint32's range: undefined in C, and NumPy's SIMD and
                    // scalar casts disagree (see Elements.castDouble).
                    continue;
                }
                batch.add("r = " + pa + ".astype('" + u + "')", () -> Expr.of(a).astype(DType.of(u)), 0);
            }
            batch.add("r = " + pa + " * 1.5", () -> Expr.of(a).multiply(1.5), 0);
            batch.add("r = " + pa + " + 3", () -> Expr.of(a).add(3), 0);
            batch.add("r = " + pa + " - True", () -> Expr.of(a).subtract(Expr.scalar(true)), 0);
            batch.add("r = " + pa + " < 1e30", () -> Expr.of(a).lt(1e30), 0);
            batch.add("r = np.clip(" + pa + ", -1, 2)", () -> Expr.of(a).clip(-1, 2), 0);
            batch.add("r = np.clip(" + pa + ", 0.5-1j, 3+0.5j)", () -> Expr.of(a).clip(Expr.scalar(0.5, -1), Expr.scalar(3, 0.5)), 0);
            batch.add("r = np.logical_and(" + pa + ", 0.0)", () -> Expr.of(a).and(Expr.scalar(0.0)), 0);
            for (String e : new String[] {"2", "-1", "0.5", "3", "-2", "2.0", "-1.0", "(2+0j)", "0", "True"}) {
                Expr ex = switch (e) {
                    case "0.5", "2.0", "-1.0" -> Expr.scalar(Double.parseDouble(e));
                    case "(2+0j)" -> Expr.scalar(2, 0);
                    case "True" -> Expr.scalar(true);
                    default -> Expr.scalar(Long.parseLong(e));
                };
                batch.add("r = " + pa + " ** " + e, () -> Expr.of(a).power(ex), e.equals("0.5") ? 2 : 0);
            }
            for (int d = -3; d <= 5; d++) {
                int dd = d;
                batch.add("r = np.round(" + pa + ", " + d + ")", () -> Expr.of(a).round(dd), 0);
            }
        }
        batch.add("r = np.asarray(1+2j) * (3-4j)", () -> Expr.scalar(1, 2).multiply(Expr.scalar(3, -4)), 0);
        batch.add("r = np.asarray(2.5) + 1j", () -> Expr.scalar(2.5).add(Expr.scalar(0, 1)), 0);
        batch.add("r = np.abs(np.asarray(3+4j))", () -> Expr.scalar(3, 4).abs(), 0);
        batch.check();
    }

    @Test
    void layoutsBroadcastingEmptyArraysAndOutputs() throws java.io.IOException {
        ExprCases batch = new ExprCases(dir, "ExprComplexNumPyTest");
        for (String t : List.of("<c8", "<c16", ">c8", ">c16")) {
            NDArray grid = complexValues(t.substring(1).equals("c8") ? "complex64" : "complex128", 0);
            NDArray a = NDArrays.empty(DType.of(t), 13, 13);
            a.reshape(-1).set(":", grid);
            NDArray f = a.copy(Order.F);
            NDArray view = a.get("::2, ::-3");
            NDArray col = a.get(":, 4:5");
            NDArray row = complexValues("complex128", 1).get("0:13").reshape(1, 13);
            String pa = batch.input(a);
            String pf = "np.asfortranarray(" + pa + ")";
            String pc = batch.input(col);
            String pr = batch.input(row);
            batch.add("r = " + pf + " * " + pa + ".T", () -> Expr.of(f).multiply(Expr.of(a.transpose())), 0);
            batch.add("r = " + pa + "[::2, ::-3] / " + pf + "[::2, ::3]",
                    () -> Expr.of(view).divide(Expr.of(f.get("::2, ::3"))), 0);
            batch.add("r = " + pc + " * " + pr + " - " + pa, () -> Expr.of(col).multiply(Expr.of(row)).subtract(Expr.of(a)), 0);
            batch.add("r = np.sqrt(" + pa + "[::2, ::-3])", () -> Expr.of(view).sqrt(), 2);
            batch.add("r = np.abs(" + pf + ")", () -> Expr.of(f).abs(), 0);
            batch.add("r = np.zeros((0, 3), '" + t + "') * 1j", () -> Expr.of(NDArrays.empty(DType.of(t), 0, 3)).multiply(Expr.scalar(0, 1)), 0);
        }
        batch.check();

        // Outputs: into existing arrays (same_kind casts only), and into .npy files.
        NDArray x = complexValues("complex64", 0).reshape(13, 13);
        NDArray out128 = NDArrays.zeros(DType.COMPLEX128, 13, 13);
        SMALL.evalInto(Expr.of(x).multiply(Expr.of(x)), out128);
        NDArray want128 = SMALL.eval(Expr.of(x).multiply(Expr.of(x)).astype(DType.COMPLEX128));
        assertThat(NumPyBatch.bytes(out128)).isEqualTo(NumPyBatch.bytes(want128));
        NDArray out64 = NDArrays.zeros(DType.COMPLEX64, 13, 13).get("::-1, :");
        SMALL.evalInto(Expr.of(x).astype(DType.COMPLEX128).divide(3), out64);
        assertThat(NumPyBatch.bytes(out64)).isEqualTo(NumPyBatch.bytes(SMALL.eval(Expr.of(x).astype(DType.COMPLEX128).divide(3)
                .astype(DType.COMPLEX64))));
        assertThatThrownBy(() -> SMALL.evalInto(Expr.of(x), NDArrays.zeros(DType.FLOAT32, 13, 13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same_kind");
        SMALL.evalInto(Expr.of(x).abs(), NDArrays.zeros(DType.FLOAT64, 13, 13));
        Path file = dir.resolve("c.npy");
        try (NDArray written = SMALL.evalToNpy(Expr.of(x).exp(), file, false)) {
            assertThat(written.dtype()).isEqualTo(DType.COMPLEX64);
            assertThat(NumPyBatch.bytes(written)).isEqualTo(NumPyBatch.bytes(SMALL.eval(Expr.of(x).exp())));
        }
        NumPyBatch check = new NumPyBatch(dir.resolve("again"));
        java.nio.file.Files.createDirectories(dir.resolve("again"));
        int at = check.add("r = np.load(r'" + file + "')\ninfo = r.dtype.str");
        NumPyBatch.assertSameArray(SMALL.eval(Expr.of(x).exp()), check.run().get(at));
    }

    @Test
    void resultsDoNotDependOnThreadsOrChunks() {
        NDArray a = randomComplex("complex64", 9, 50_001, 3);
        NDArray b = randomComplex("complex128", 10, 50_001, 3);
        Expr e = Expr.of(a).multiply(Expr.of(b)).divide(Expr.of(a).add(Expr.scalar(0.5, -1))).sqrt().add(Expr.of(a).abs())
                .power(Expr.scalar(1.5, 0.25));
        byte[] reference = NumPyBatch.bytes(Compute.local().eval(e));
        for (int threads : new int[] {1, 2}) {
            for (long chunk : new long[] {64, 4096, 1 << 20}) {
                try (org.memmap4j.exec.ChunkExecutor ex = org.memmap4j.exec.ChunkExecutor.local(threads, chunk)) {
                    assertThat(NumPyBatch.bytes(Compute.on(ex).eval(e))).as("threads=%d chunk=%d", threads, chunk)
                            .isEqualTo(reference);
                }
            }
        }
    }

    @Test
    void complexValuesAreSelectedAndCounted() {
        NDArray x = complexValues("complex128", 0);
        Expr m = Expr.of(x).real().gt(0.5);
        NDArray picked = SMALL.extract(m, Expr.of(x));
        assertThat(picked.dtype()).isEqualTo(DType.COMPLEX128);
        long n = 0;
        for (long i = 0; i < x.size(); i++) {
            double[] v = x.getComplex(i);
            if (v[0] > 0.5) {
                assertThat(picked.getComplex(n)).containsExactly(v);
                n++;
            }
        }
        assertThat(picked.size()).isEqualTo(n);
        // Four values are zero: both parts +0.0 or -0.0.
        assertThat(SMALL.countNonzero(Expr.of(x))).isEqualTo(165);
    }

    /**
     * Sum, mean, min and max under a mask, as NumPy's on the selection: each part of a sum is summed exactly and
     * rounded once (NumPy's pairwise sums are within 16 ulps of that here, where parts cancel), extremes in NumPy's lexicographic order with the first value that
     * has a NaN part winning; on the special-value grid (NaN, infinities, signed zeros) and on random values, with
     * tiny chunks; nothing selected: NaN means, and min/max refused as NumPy refuses them.
     */
    @Test
    void complexValuesAreReducedUnderAMaskAsNumPyReducesTheSelection() {
        NumPyBatch batch = new NumPyBatch(dir);
        List<java.util.function.Supplier<NDArray>> got = new ArrayList<>();
        List<Integer> ulps = new ArrayList<>();
        try (org.memmap4j.exec.ChunkExecutor tiny = org.memmap4j.exec.ChunkExecutor.local(2, 64)) {
            Compute small = Compute.on(tiny);
            for (String t : COMPLEX_DTYPES) {
                for (NDArray x : List.of(complexValues(t, 0), randomComplex(t, 7, 5000, 2))) {
                    String px = batch.input(x);
                    NDArray finite = NDArrays.empty(DType.BOOL, x.size());
                    for (long i = 0; i < x.size(); i++) {
                        double[] v = x.getComplex(i);
                        finite.setBoolean(Double.isFinite(v[0]) && Double.isFinite(v[1]) && i % 3 != 0, i);
                    }
                    String pf = batch.input(finite);
                    Expr masks[] = {Expr.of(x).real().gt(0.5), Expr.of(finite), Expr.of(x).real().gt(1e300)};
                    String[] py = {px + ".real > 0.5", pf, px + ".real > 1e300"};
                    for (int k = 0; k < masks.length; k++) {
                        Expr m = masks[k];
                        String sel = px + "[" + py[k] + "]";
                        // NumPy sums each part pairwise (complex64 in float32), some ulps from the exact sum that
                        // memmap4j rounds once where terms of both signs cancel (as the random imaginary parts do).
                        int sumUlps = 16;
                        batch.add("r = " + sel + ".sum()");
                        got.add(() -> small.sumWhere(Expr.of(x), m));
                        ulps.add(sumUlps);
                        batch.add("r = " + sel + ".mean()");
                        got.add(() -> SMALL.meanWhere(Expr.of(x), m));
                        ulps.add(sumUlps);
                        batch.add("r = " + sel + ".min()");
                        got.add(() -> small.minWhere(Expr.of(x), m));
                        ulps.add(0);
                        batch.add("r = " + sel + ".max()");
                        got.add(() -> SMALL.maxWhere(Expr.of(x), m));
                        ulps.add(0);
                    }
                }
            }
            List<NumPyBatch.Result> rs = batch.run();
            for (int i = 0; i < rs.size(); i++) {
                NumPyBatch.Result r = rs.get(i);
                if (!r.ok()) {
                    assertThatThrownBy(got.get(i)::get).as(r.label()).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("zero-size array");
                } else {
                    ExprTesting.assertClose(got.get(i).get(), r, ulps.get(i));
                }
            }
        }
    }

    /**
     * Non-integral powers are exp(b * log(a)), as glibc's cpow: the rounding error of b * log(a) is magnified by its
     * size. Each part must lie within (4 + 4 |b log a|) units in the last place of the result's magnitude.
     */
    @Test
    void nonIntegralPowersStayWithinTheDocumentedBound() {
        NumPyBatch batch = new NumPyBatch(dir);
        record Power(NDArray base, Expr expr, int at, double[] exp) {
        }
        List<Power> powers = new ArrayList<>();
        for (String t : COMPLEX_DTYPES) {
            NDArray e = randomComplex(t, 4, 20_000, 0.7);
            String pe = batch.input(e);
            for (double[] b : new double[][] {{1.7, 0}, {0.5, -1.5}, {-2.25, 0.125}}) {
                Expr ex = b[1] == 0 ? Expr.scalar(b[0]) : Expr.scalar(b[0], b[1]);
                powers.add(new Power(e, Expr.of(e).power(ex), batch.add("r = " + pe + " ** complex(" + b[0] + ", " + b[1] + ")"), b));
            }
            powers.add(new Power(e, Expr.of(e).power(Expr.of(e)), batch.add("r = " + pe + " ** " + pe), null));
        }
        List<NumPyBatch.Result> results = batch.run();
        for (Power p : powers) {
            assertPowerBound(SMALL.eval(p.expr()), results.get(p.at()), p.base(), p.exp());
        }
    }

    /** exp null: the base is its own exponent. */
    private static void assertPowerBound(NDArray got, NumPyBatch.Result want, NDArray base, double[] exp) {
        assertThat(got.dtype().descr()).isEqualTo(want.dtype());
        boolean single = got.dtype().kind() == DType.Kind.COMPLEX64;
        NDArray w = want.array();
        double worst = 0;
        for (long k = 0; k < got.size(); k++) {
            double[] a = base.getComplex(k);
            double[] b = exp == null ? a : exp;
            double lr = Math.log(Math.hypot(a[0], a[1]));
            double li = Math.atan2(a[1], a[0]);
            double size = Math.hypot(b[0] * lr - b[1] * li, b[0] * li + b[1] * lr);
            double[] g = got.getComplex(k);
            double[] e = w.getComplex(k);
            double mag = Math.hypot(e[0], e[1]);
            double unit = single ? Math.ulp((float) mag) : Math.ulp(mag);
            for (int p = 0; p < 2; p++) {
                if (Double.compare(g[p], e[p]) == 0 || (Double.isNaN(g[p]) && Double.isNaN(e[p]))) {
                    continue;
                }
                double err = Math.abs(g[p] - e[p]) / unit;
                worst = Math.max(worst, err / (4 + 4 * size));
                assertThat(err).as("element %d part %d: memmap4j (%s, %s), numpy (%s, %s), |b log a| = %s, %s", k, p,
                        g[0], g[1], e[0], e[1], size, want.label()).isLessThanOrEqualTo(4 + 4 * size);
            }
        }
        System.out.println("power: worst " + worst + " of the bound for " + want.label());
    }

    /**
     * Powers of the special values: NaN, infinite and finite parts where NumPy has them. (Signs and values are not
     * compared: with infinite or huge parts, b log a is so large that its last bit decides them.)
     */
    @Test
    void powersOfSpecialValuesGiveNaNAndInfinityWhereNumPyDoes() {
        NumPyBatch batch = new NumPyBatch(dir);
        List<Runnable> checks = new ArrayList<>();
        List<List<NumPyBatch.Result>> results = new ArrayList<>();
        for (String t : COMPLEX_DTYPES) {
            NDArray a = complexValues(t, 0);
            NDArray b = complexValues(t, 1);
            int at = batch.add("r = np.power(" + batch.input(a) + ", " + batch.input(b) + ")");
            checks.add(() -> {
                NDArray got = SMALL.eval(Expr.of(a).power(Expr.of(b)));
                NDArray want = results.get(0).get(at).array();
                for (long k = 0; k < got.size(); k++) {
                    double[] g = got.getComplex(k);
                    double[] e = want.getComplex(k);
                    for (int p = 0; p < 2; p++) {
                        assertThat(kind(g[p])).as("element %d part %d: memmap4j (%s, %s), numpy (%s, %s) for %s ** %s", k, p,
                                g[0], g[1], e[0], e[1], java.util.Arrays.toString(a.getComplex(k)),
                                java.util.Arrays.toString(b.getComplex(k))).isEqualTo(kind(e[p]));
                    }
                }
            });
        }
        results.add(batch.run());
        checks.forEach(Runnable::run);
    }

    private static String kind(double v) {
        return v != v ? "NaN" : Double.isInfinite(v) ? "infinite" : "finite";
    }

    @Test
    void everyUnaryOperationOnComplexMatchesNumPy() {
        ExprCases batch = new ExprCases(dir, "ExprComplexNumPyTest");
        for (String t : COMPLEX_DTYPES) {
            NDArray a = complexValues(t, 0);
            String pa = batch.input(a);
            for (String op : UNARY) {
                batch.add("r = np." + op + "(" + pa + ")", () -> ExprNumPyTest.unary(op, Expr.of(a)), ulps(op, t));
            }
        }
        batch.check();
    }
}
