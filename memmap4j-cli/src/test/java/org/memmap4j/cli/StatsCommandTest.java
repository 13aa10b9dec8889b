package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memmap4j.cli.CliTest.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.cli.CliTest.Result;
import org.memmap4j.compute.Compute;
import org.memmap4j.testing.NumPy;

/** {@code memmap4j stats} against NumPy's sum, mean, std, var, min, max and median. */
class StatsCommandTest {

    @TempDir
    Path dir;

    /**
     * Checks the --json output of each case against NumPy: the keys in order, count, and every statistic in NumPy's
     * result shape; exact where NumPy's answer is exact (integer sums, min, max, median), else within a tolerance of
     * the result dtype (our sums are more accurate than NumPy's float32 ones, not bit-identical); JSON ints for
     * integer results, bools for bool min/max, {@code [re, im]} for complex ones (each part checked as a float).
     * Arguments: quadruples of (file, python expression of the selection with f the file, axis as python, our JSON).
     */
    private static final String CHECK = """
            import json, warnings
            warnings.simplefilter('ignore')
            NAMES = ['count', 'sum', 'mean', 'std', 'var', 'min', 'max', 'median']
            def dec(v):
                if isinstance(v, list):
                    return [dec(x) for x in v]
                return {'nan': np.nan, 'inf': np.inf, '-inf': -np.inf}[v] if isinstance(v, str) else v
            def leaves(v):
                return [y for x in v for y in leaves(x)] if isinstance(v, list) else [v]
            args = sys.argv[1:]
            for k in range(0, len(args), 4):
                f, expr, axis, out = args[k:k + 4]
                a = eval(expr)
                axis = eval(axis)
                o = json.loads(out)
                where = expr + ' axis=' + str(axis)
                assert list(o) == NAMES, (where, list(o))
                n = a.size if axis is None else int(np.prod([a.shape[i] for i in np.atleast_1d(axis)]))
                assert o['count'] == n and type(o['count']) is int, (where, o['count'], n)
                for name in NAMES[1:]:
                    e = np.asarray(getattr(np, name)(a, axis=axis))
                    got = o[name]
                    kinds = {type(x) for x in leaves(got)} if isinstance(got, list) else {type(got)}
                    if e.dtype.kind == 'b':
                        assert kinds <= {bool}, (where, name, kinds)
                    elif e.dtype.kind in 'iu':
                        assert kinds <= {int}, (where, name, kinds)
                    else:
                        assert kinds <= {float, str}, (where, name, kinds)
                    if e.dtype.kind == 'c':
                        # [re, im] pairs: compare each part as an array of the part's float dtype.
                        part = np.float32 if e.dtype.itemsize == 8 else np.float64
                        g = np.array(dec(got), dtype=part)
                        assert g.shape == e.shape + (2,), (where, name, g.shape, e.shape)
                        pairs = [(g[..., 0], e.real, np.abs(a.real.astype('f8'))), (g[..., 1], e.imag, np.abs(a.imag.astype('f8')))]
                    else:
                        g = np.array(dec(got), dtype=e.dtype)
                        assert g.shape == e.shape, (where, name, g.shape, e.shape)
                        pairs = [(g, e, np.abs(a.astype('f8')))]
                    for g, e, magnitude in pairs:
                        if name in ('min', 'max', 'median') or e.dtype.kind in 'biu':
                            ok = np.array_equal(g, e, equal_nan=e.dtype.kind == 'f')
                            assert ok, (where, name, g, e)
                        else:
                            rtol = {2: 1e-2, 4: 2e-6}.get(e.dtype.itemsize, 1e-12)
                            scale = np.sum(magnitude, axis=axis) / (max(n, 1) if name == 'mean' else 1) if name in ('sum', 'mean') else 0
                            x, y = g.astype('f8'), e.astype('f8')
                            with np.errstate(invalid='ignore'):
                                close = (x == y) | (np.isnan(x) & np.isnan(y)) | (np.abs(x - y) <= rtol * (np.abs(y) + scale))
                            assert np.all(close), (where, name, x, y)
            print('ok')
            """;

    /** The cases of one file: pairs of (SLICE or null, --axis or null), and the selection's python expression. */
    private List<Object> cases(Path file, String load, String[][] cases, String... extra) {
        List<Object> args = new ArrayList<>();
        for (String[] c : cases) {
            List<Object> cli = new ArrayList<>(List.of("stats", file, "--json"));
            if (c[0] != null) {
                cli.add(c[0]);
            }
            if (c[1] != null) {
                cli.add("--axis");
                cli.add(c[1]);
            }
            cli.addAll(List.of(extra));
            Result r = run(cli.toArray());
            assertThat(r.code()).as(cli + ": " + r.err()).isZero();
            String selection = load + (c[0] == null ? "" : "[" + c[0] + "]");
            String axis = c[1] == null ? "None" : c[1].contains(",") ? "(" + c[1] + ")" : c[1];
            args.addAll(List.of(file, selection, axis, r.out()));
        }
        return args;
    }

    private static final String[][] AXES_2D = {{null, null}, {null, "0"}, {null, "1"}, {null, "-1"}, {"3:, ::2", "0"}, {"-1", null}};

    @Test
    void everyDtypeAndAxisMatchesNumPy() {
        Path f8 = dir.resolve("f8.npy");
        Path f4 = dir.resolve("f4.npy");
        Path f2 = dir.resolve("f2.npy");
        Path i4 = dir.resolve("i4.npy");
        Path u1 = dir.resolve("u1.npy");
        Path b = dir.resolve("b.npy");
        NumPy.run("""
                r = np.random.default_rng(5)
                np.save(sys.argv[1], r.normal(3, 2, (4, 5, 6)))
                x = r.normal(0, 1, (37, 53)).astype('f4'); x[3, 7] = np.nan; x[5, :4] = np.inf; x[6, 1] = -np.inf; x[:, 9] = np.nan
                np.save(sys.argv[2], np.asfortranarray(x))
                np.save(sys.argv[3], r.uniform(-10, 10, (20, 10)).astype('f2'))
                np.save(sys.argv[4], r.integers(-10**6, 10**6, (50, 40)).astype('i4'))
                np.save(sys.argv[5], r.integers(0, 256, (30, 31)).astype('u1'))
                np.save(sys.argv[6], r.random((9, 11)) < 0.3)
                """, f8, f4, f2, i4, u1, b);
        List<Object> args = new ArrayList<>();
        args.addAll(cases(f8, "np.load(f)", new String[][] {{null, null}, {null, "0"}, {null, "1"}, {null, "2"}, {null, "-1"},
                {null, "0,2"}, {null, "2,0,1"}, {"1:3, ..., ::-2", "1"}, {":, 2", null}}));
        args.addAll(cases(f4, "np.load(f)", AXES_2D));
        args.addAll(cases(f2, "np.load(f)", AXES_2D));
        args.addAll(cases(i4, "np.load(f)", AXES_2D));
        args.addAll(cases(u1, "np.load(f)", AXES_2D));
        args.addAll(cases(b, "np.load(f)", AXES_2D));
        assertThat(NumPy.run(CHECK, args.toArray())).isEqualTo("ok");
    }

    @Test
    void complexDataMatchesNumPyWholeAndAlongAxes() {
        Path c16 = dir.resolve("c16.npy");
        Path c8 = dir.resolve("c8.npy");
        Path nan = dir.resolve("nan.npy");
        Path ties = dir.resolve("ties.npy");
        NumPy.run("""
                r = np.random.default_rng(3)
                def cplx(shape):
                    return r.normal(0, 2, shape) + 1j * r.normal(1, 3, shape)
                np.save(sys.argv[1], cplx((4, 5, 6)))
                x = cplx((37, 53)).astype('c8'); x[5, :4] += np.inf; x[6, 1] = complex(-np.inf, 2)
                np.save(sys.argv[2], np.asfortranarray(x))
                y = cplx((9, 8)); y[1, 2] = complex(np.nan, 1); y[2, 3] = complex(4, np.nan); y[3, :] = complex(np.nan, np.nan)
                y[4, 1] = complex(np.nan, 5); y[4, 2] = complex(7, np.nan)
                np.save(sys.argv[3], y)
                # Ties on the real part: the imaginary part decides, in sort and median.
                np.save(sys.argv[4], (r.integers(-2, 3, (30, 7)) + 1j * r.integers(-9, 9, (30, 7))).astype('c8'))
                """, c16, c8, nan, ties);
        List<Object> args = new ArrayList<>();
        args.addAll(cases(c16, "np.load(f)", new String[][] {{null, null}, {null, "0"}, {null, "1"}, {null, "-1"},
                {null, "0,2"}, {"1:3, ..., ::-2", "1"}, {":, 2", null}}));
        args.addAll(cases(c8, "np.load(f)", AXES_2D));
        args.addAll(cases(nan, "np.load(f)", AXES_2D));
        args.addAll(cases(ties, "np.load(f)", AXES_2D));
        args.addAll(cases(ties, "np.load(f)", new String[][] {{null, null}, {null, "0"}}, "--threads", "2", "--chunk-bytes", "64"));
        assertThat(NumPy.run(CHECK, args.toArray())).isEqualTo("ok");
    }

    @Test
    void complexTextPrintsNumPysComplexScalars() {
        // Halves and small integers: the sums are exact, so the text equals NumPy's (std and var aside, compared
        // as numbers).
        Path f = dir.resolve("z.npy");
        NumPy.run("np.save(sys.argv[1], (np.arange(-7, 17) / 2 - 1j * (np.arange(24) % 5)).reshape(4, 6))", f);
        Result r = run("stats", f);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).extracting(l -> l.substring(0, 8).strip()).containsExactlyElementsOf(StatsCommand.NAMES);
        List<String> numpy = NumPy.run("""
                a = np.load(sys.argv[1])
                print(a.size)
                for name in ['sum', 'mean', 'std', 'var', 'min', 'max', 'median']:
                    print(getattr(np, name)(a))
                """, f).lines().toList();
        for (int k = 0; k < lines.size(); k++) {
            String ours = lines.get(k).substring(8);
            if (k == 3 || k == 4) {
                assertThat(Double.parseDouble(ours)).isCloseTo(Double.parseDouble(numpy.get(k)), org.assertj.core.data.Percentage.withPercentage(1e-12));
            } else {
                assertThat(ours).as(lines.get(k)).isEqualTo(numpy.get(k));
            }
        }
        assertThat(lines.get(1)).isEqualTo("sum     (54-46j)");
        // Along an axis: one row per index, complex cells as NumPy prints them.
        Result rows = run("stats", f, "--axis", "0");
        assertThat(rows.code()).as(rows.err()).isZero();
        String want = NumPy.run("""
                a = np.load(sys.argv[1])
                for j in range(6):
                    l = a[:, j]
                    print(j, 4, l.sum(), l.mean(), l.std(), l.var(), l.min(), l.max(), np.median(l))
                """, f);
        List<String> got = rows.out().lines().skip(1).toList();
        for (int j = 0; j < 6; j++) {
            assertThat(got.get(j).strip().split(" +")).as(got.get(j)).containsExactly(want.lines().toList().get(j).split(" "));
        }
        // JSON: [re, im] pairs for the complex statistics, numbers for std and var.
        assertThat(run("stats", f, "--json").out()).startsWith("{\"count\":24,\"sum\":[54.0,-46.0],\"mean\":[");
        // An empty selection: nan+nanj for the complex statistics, as NumPy's mean and median give.
        Result empty = run("stats", f, "0:0", "--json");
        assertThat(empty.out()).isEqualTo("{\"count\":0,\"sum\":[0.0,0.0],\"mean\":[\"nan\",\"nan\"],\"std\":\"nan\","
                + "\"var\":\"nan\",\"min\":[\"nan\",\"nan\"],\"max\":[\"nan\",\"nan\"],\"median\":[\"nan\",\"nan\"]}");
        assertThat(run("stats", f, "0:0").out()).contains("\nmedian  (nan+nanj)").contains("\nsum     0j\n");
        Result lanes = run("stats", f, ":, 0:0", "--axis", "1");
        assertThat(lanes.out().lines().skip(1)).hasSize(4).allSatisfy(l -> assertThat(l.split(" +"))
                .endsWith("0", "0j", "(nan+nanj)", "nan", "nan", "(nan+nanj)", "(nan+nanj)", "(nan+nanj)"));
    }

    @Test
    void wideIntegersWrapTheSumAndTakeTheMeanPass() {
        Path i8 = dir.resolve("i8.npy");
        Path u8 = dir.resolve("u8.npy");
        Path small = dir.resolve("small.npy");
        NumPy.run("""
                r = np.random.default_rng(7)
                np.save(sys.argv[1], r.integers(2**61, 2**63 - 1, (8, 6), dtype='i8'))
                np.save(sys.argv[2], r.integers(2**63, 2**64 - 1, (8, 6), dtype='u8', endpoint=True))
                np.save(sys.argv[3], r.integers(-2**40, 2**40, 100, dtype='i8'))
                """, i8, u8, small);
        List<Object> args = new ArrayList<>();
        args.addAll(cases(i8, "np.load(f)", AXES_2D));
        args.addAll(cases(u8, "np.load(f)", AXES_2D));
        args.addAll(cases(small, "np.load(f)", new String[][] {{null, null}, {"::7", "0"}}));
        assertThat(NumPy.run(CHECK, args.toArray())).isEqualTo("ok");
    }

    @Test
    void rawByteSwappedAndNpzInputs() {
        Path raw = dir.resolve("be.f4");
        Path npz = dir.resolve("two.npz");
        NumPy.run("""
                r = np.random.default_rng(9)
                r.normal(0, 5, (30, 20)).astype('>f4').tofile(sys.argv[1])
                np.savez(sys.argv[2], a=np.arange(10), b=r.integers(-50, 50, (6, 7)).astype('i2'))
                """, raw, npz);
        List<Object> args = new ArrayList<>();
        args.addAll(cases(raw, "np.fromfile(f, '>f4').reshape(30, 20)", AXES_2D, "--dtype", ">f4", "--shape", "30,20"));
        args.addAll(cases(npz, "np.load(f)['b']", AXES_2D, "--member", "b"));
        assertThat(NumPy.run(CHECK, args.toArray())).isEqualTo("ok");
        Result noMember = run("stats", npz);
        assertThat(noMember.code()).isEqualTo(1);
        assertThat(noMember.err()).contains("--member");
    }

    @Test
    void tinyChunksAndThreadCountsGiveTheSameOutput() {
        Path f = dir.resolve("t.npy");
        NumPy.run("x = np.random.default_rng(1).normal(0, 1, (300, 70)).astype('f4'); x[17, 3] = np.nan; np.save(sys.argv[1], x)", f);
        for (String[] c : new String[][] {{}, {"--axis", "0"}, {"--axis", "1"}, {"5:, ::3", "--axis", "0"}}) {
            List<Object> base = new ArrayList<>(List.of("stats", f, "--json"));
            base.addAll(List.of((Object[]) c));
            Result ref = run(base.toArray());
            assertThat(ref.code()).as(ref.err()).isZero();
            for (String[] exec : new String[][] {{"--threads", "1"}, {"--threads", "3", "--chunk-bytes", "64"}, {"--threads", "2", "--chunk-bytes", "1"}}) {
                List<Object> args = new ArrayList<>(base);
                args.addAll(List.of((Object[]) exec));
                assertThat(run(args.toArray()).out()).as(args.toString()).isEqualTo(ref.out());
            }
            assertThat(NumPy.run(CHECK, f, "np.load(f)" + (c.length == 3 ? "[" + c[0] + "]" : ""),
                    c.length == 0 ? "None" : c[c.length - 1], ref.out())).isEqualTo("ok");
        }
    }

    @Test
    void textPrintsNumPysScalarsAlignedByName() {
        Path f = dir.resolve("i.npy");
        Path g = dir.resolve("g.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(-7, 17, dtype='i2').reshape(4, 6)); np.save(sys.argv[2], np.array([0.1, 0.2, 0.7], 'f4'))", f, g);
        Result r = run("stats", f);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).extracting(l -> l.substring(0, 8).strip()).containsExactlyElementsOf(StatsCommand.NAMES);
        assertThat(lines).allSatisfy(l -> assertThat(l.charAt(7)).isEqualTo(' ').satisfies(x -> assertThat(l.charAt(8)).isNotEqualTo(' ')));
        List<String> numpy = NumPy.run("""
                a = np.load(sys.argv[1])
                print(a.size)
                for name in ['sum', 'mean', 'std', 'var', 'min', 'max', 'median']:
                    print(getattr(np, name)(a))
                """, f).lines().toList();
        for (int k = 0; k < lines.size(); k++) {
            String ours = lines.get(k).substring(8);
            if (k == 3 || k == 4) { // std and var: another summation order, equal to within rounding
                assertThat(Double.parseDouble(ours)).isCloseTo(Double.parseDouble(numpy.get(k)), org.assertj.core.data.Percentage.withPercentage(1e-12));
            } else {
                assertThat(ours).as(lines.get(k)).isEqualTo(numpy.get(k));
            }
        }
        // float32 results print in float32's shortest digits, as NumPy prints np.float32.
        String text = run("stats", g).out();
        assertThat(text).contains("min     0.1\n").contains("max     0.7\n")
                .contains("sum     " + NumPy.run("print(np.sum(np.array([0.1, 0.2, 0.7], 'f4'), dtype='f8').astype('f4'))"));
        assertThat(run("stats", g, "--json").out()).contains("\"min\":0.1,\"max\":0.7,");
    }

    @Test
    void textAlongAnAxisIsOneRowPerIndexOfTheKeptAxes() {
        Path f = dir.resolve("c.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(24, dtype='i8').reshape(2, 3, 4))", f);
        Result r = run("stats", f, "--axis", "1");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1 + 8);
        assertThat(lines.getFirst().split(" +")).containsExactly("index", "count", "sum", "mean", "std", "var", "min", "max", "median");
        String rows = NumPy.run("""
                a = np.load(sys.argv[1])
                for i in range(2):
                    for j in range(4):
                        l = a[i, :, j]
                        print(f'{i},{j}', 3, l.sum(), l.mean(), l.std(), l.var(), l.min(), l.max(), np.median(l))
                """, f);
        for (int k = 0; k < 8; k++) {
            assertThat(lines.get(k + 1).strip().split(" +")).as(lines.get(k + 1)).containsExactly(rows.lines().toList().get(k).split(" "));
        }
        // Right-aligned columns: every line is as long as the header.
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isEqualTo(lines.getFirst().length()));
        // Reducing every axis prints the totals.
        assertThat(run("stats", f, "--axis", "0,1,2").out()).isEqualTo(run("stats", f).out());
    }

    @Test
    void emptySelectionWarnsAndGivesNan() {
        Path f = dir.resolve("e.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(10, dtype='i4').reshape(2, 5))", f);
        Result r = run("stats", f, "0:0", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"count\":0,\"sum\":0,\"mean\":\"nan\",\"std\":\"nan\",\"var\":\"nan\",\"min\":\"nan\",\"max\":\"nan\",\"median\":\"nan\"}");
        assertThat(r.err()).contains("warning").contains("empty selection").contains(f.toString());
        // Kept axes empty: no results, nothing is nan, no warning.
        Result none = run("stats", f, "0:0", "--axis", "1", "--json");
        assertThat(none.out()).isEqualTo("{\"count\":5,\"sum\":[],\"mean\":[],\"std\":[],\"var\":[],\"min\":[],\"max\":[],\"median\":[]}");
        assertThat(none.err()).isEmpty();
        Result lanes = run("stats", f, ":, 0:0", "--axis", "1");
        assertThat(lanes.code()).isZero();
        assertThat(lanes.out().lines()).hasSize(3);
        assertThat(lanes.out().lines().skip(1)).allSatisfy(l -> assertThat(l.split(" +")).hasSize(9).endsWith("0", "0", "nan", "nan", "nan", "nan", "nan", "nan"));
    }

    @Test
    void errorsNameTheFile() {
        Path f = dir.resolve("x.npy");
        NumPy.run("np.save(sys.argv[1], np.zeros((2, 3)))", f);
        Result axis = run("stats", f, "--axis", "2");
        assertThat(axis.code()).isEqualTo(1);
        assertThat(axis.err()).isEqualTo("memmap4j: " + f + ": axis 2 is out of bounds for array of dimension 2");
        assertThat(run("stats", f, "--threads", "0").err()).contains("--threads must be at least 1");
        assertThat(run("stats", f, "5").err()).isEqualTo("memmap4j: " + f + ": index 5 is out of bounds for axis 0 with size 2");
        assertThat(run("stats", f, "--axis", "1,-1").err()).isEqualTo("memmap4j: " + f + ": duplicate value in 'axis'");
        assertThat(run("stats", f, "--axis", "x").code()).isEqualTo(2);
    }

    @Test
    void meanFromTheSumIsComputesMeanBitForBit() {
        Compute c = Compute.local();
        for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.UINT8, DType.BOOL}) {
            NDArray a = NDArrays.empty(DType.FLOAT64, 40, 33);
            c.fillNormal(a, 3);
            NDArray x = c.eval(org.memmap4j.compute.Expr.of(a).multiply(t == DType.BOOL ? 1 : 1e5).astype(t));
            for (int[] axes : new int[][] {null, {0}, {1}}) {
                NDArray mean = Statistics.meanFromSum(t.kind(), c.sum(x, axes, false), c.min(x, axes, false), c.max(x, axes, false),
                        axes == null ? x.size() : x.shape(axes[0]));
                assertThat(mean).as(t.toString()).isNotNull();
                assertThat(NDArrays.arrayEqual(mean, c.mean(x, axes, false))).as(t + " " + java.util.Arrays.toString(axes)).isTrue();
            }
        }
        // complex128: NumPy's division by the count as a complex number, as Compute.mean; complex64 takes the pass.
        NDArray re = NDArrays.empty(DType.FLOAT64, 40, 33);
        NDArray im = NDArrays.empty(DType.FLOAT64, 40, 33);
        c.fillNormal(re, 4);
        c.fillNormal(im, 5);
        NDArray z = c.eval(org.memmap4j.compute.Expr.of(re).add(org.memmap4j.compute.Expr.of(im).multiply(org.memmap4j.compute.Expr.scalar(0, 1))));
        z.setComplex(Double.POSITIVE_INFINITY, 1, 3, 4); // row 3 and column 4: an infinite part makes the other NaN
        assertThat(z.dtype()).isEqualTo(DType.COMPLEX128);
        for (int[] axes : new int[][] {null, {0}, {1}}) {
            NDArray mean = Statistics.meanFromSum(DType.Kind.COMPLEX128, c.sum(z, axes, false), c.min(z, axes, false),
                    c.max(z, axes, false), axes == null ? z.size() : z.shape(axes[0]));
            NDArray want = Statistics.flat(c.mean(z, axes, false));
            assertThat(mean.dtype()).isEqualTo(want.dtype());
            for (long i = 0; i < want.size(); i++) {
                double[] x = Statistics.flat(mean).getComplex(i);
                double[] y = want.getComplex(i);
                for (int p = 0; p < 2; p++) { // the same bits, any NaN equal to any NaN
                    assertThat(Double.doubleToLongBits(x[p])).as("complex128 " + java.util.Arrays.toString(axes) + " " + i)
                            .isEqualTo(Double.doubleToLongBits(y[p]));
                }
            }
        }
        assertThat(Double.isNaN(c.mean(z).getComplex()[1])).isTrue();
        NDArray z8 = z.astype(DType.COMPLEX64);
        assertThat(Statistics.meanFromSum(DType.Kind.COMPLEX64, c.sum(z8), c.min(z8), c.max(z8), z8.size())).isNull();
        // Integers too large for an exact float64 sum take the mean pass.
        NDArray big = NDArrays.of(1L << 52, 1L, 3L);
        assertThat(Statistics.meanFromSum(DType.Kind.INT64, c.sum(big), c.min(big), c.max(big), 3)).isNull();
        // So does a float32 sum that overflowed while its elements are finite.
        NDArray f = NDArrays.of(3e38f, 3e38f);
        assertThat(Statistics.meanFromSum(DType.Kind.FLOAT32, c.sum(f), c.min(f), c.max(f), 2)).isNull();
    }
}
