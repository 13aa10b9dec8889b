package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.testing.NumPyBatch;

/**
 * Every reduction against NumPy 2: every dtype (and big-endian ones), C and F order, strided and reversed views,
 * transposes, several axis choices with and without keepdims, NaN/inf data, empty and 0-d arrays, errors.
 *
 * <p>Dtypes and shapes must equal NumPy's. Integer, bool, min/max, arg and count results must be identical. Float
 * results of sum/mean/var/std/prod are compared with NumPy's computation in float64 (complex128) cast to NumPy's
 * result dtype, within one unit in the last place of that dtype plus 1e-12 of the slice's scale (sum of magnitudes,
 * mean square, |product|): memmap4j accumulates in float64, so it is at least as accurate as NumPy, and much more
 * for float16/float32, whose NumPy results would need looser bounds.
 */
class ReduceNumPyTest {

    @TempDir
    Path dir;

    static final String[] DTYPES = {"|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f2", "<f4",
        "<f8", "<c8", "<c16", ">f4", ">f8", ">i4", ">c16"};

    static final ReduceOp[] OPS = ReduceOp.values();

    /** Float-valued results NumPy computes with its own accumulation order: compared with a tolerance. */
    static boolean approximate(ReduceOp op, DType in) {
        boolean floaty = in.kind().isFloat() || in.kind().isComplex();
        return switch (op.family) {
            case SUM, PROD -> floaty || op == ReduceOp.MEAN || op == ReduceOp.NANMEAN;
            case VAR -> true;
            default -> false;
        };
    }

    static String pyName(ReduceOp op) {
        return switch (op) {
            case MIN -> "min";
            case MAX -> "max";
            case NANMIN -> "nanmin";
            case NANMAX -> "nanmax";
            default -> op.numpyName;
        };
    }

    record Case(String label, NDArray input, ReduceOp op, int[] axes, boolean keepdims, double ddof) {
        String pyArgs() {
            StringBuilder sb = new StringBuilder();
            if (axes == null) {
                sb.append("axis=None");
            } else if (op.family == ReduceOp.Family.ARG) {
                sb.append("axis=").append(axes[0]);
            } else {
                sb.append("axis=(");
                for (int a : axes) {
                    sb.append(a).append(',');
                }
                sb.append(')');
            }
            if (keepdims) {
                sb.append(", keepdims=True");
            }
            if (op.family == ReduceOp.Family.VAR && ddof != 0) {
                sb.append(", ddof=").append(ddof);
            }
            return sb.toString();
        }

        NDArray run(boolean vector) {
            return ReduceOps.reduce(Compute.local(), input, op, axes == null ? null : axes.clone(), keepdims, ddof,
                    vector);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOpDtypeLayoutAndAxesLikeNumPy() {
        List<Case> cases = new ArrayList<>();
        long seed = 1;
        for (String d : DTYPES) {
            DType t = DType.of(d);
            for (boolean special : t.kind().isFloat() || t.kind().isComplex() ? new boolean[] {false, true}
                    : new boolean[] {false}) {
                NDArray base = ReduceTestData.random(t, seed++, special, 4, 5, 6);
                NDArray big = ReduceTestData.random(t, seed++, special, 9, 11, 12);
                List<NDArray> views = List.of(base, base.copy(Order.F), big.get("1::2, ::-2, 3:9"), base.transpose());
                String[] names = {"C", "F", "strided", "T"};
                for (int v = 0; v < views.size(); v++) {
                    String label = d + (special ? " nan/inf " : " ") + names[v];
                    for (ReduceOp op : OPS) {
                        boolean arg = op.family == ReduceOp.Family.ARG;
                        int[][] axesList = arg ? new int[][] {null, {0}, {1}, {-1}}
                                : new int[][] {null, {0}, {1}, {-1}, {0, 2}, {2, 0}};
                        for (int[] axes : axesList) {
                            cases.add(new Case(label, views.get(v), op, axes, false, 0));
                        }
                        // keepdims, axis=() and ddof on fewer combinations.
                        if (v == 0 || v == 2) {
                            cases.add(new Case(label, views.get(v), op, arg ? new int[] {1} : new int[] {1, 2}, true, 0));
                            cases.add(new Case(label, views.get(v), op, arg ? new int[] {0} : null, true, 0));
                            if (!arg) {
                                cases.add(new Case(label, views.get(v), op, new int[0], false, 0));
                            }
                            if (op.family == ReduceOp.Family.VAR) {
                                cases.add(new Case(label, views.get(v), op, new int[] {1}, false, 1));
                                cases.add(new Case(label, views.get(v), op, null, false, 2.5));
                                cases.add(new Case(label, views.get(v), op, new int[] {0}, false, 4));
                            }
                        }
                    }
                }
            }
        }
        return compare(cases);
    }

    @TestFactory
    Stream<DynamicTest> emptyAndZeroDimensionalArraysLikeNumPy() {
        List<Case> cases = new ArrayList<>();
        for (String d : new String[] {"|b1", "<i4", "<u8", "<f2", "<f4", "<f8", "<c16"}) {
            DType t = DType.of(d);
            for (long[] shape : new long[][] {{0}, {0, 3}, {3, 0}, {2, 0, 4}, {}, {1}, {1, 1}}) {
                NDArray a = ReduceTestData.random(t, 7, false, shape);
                for (ReduceOp op : OPS) {
                    List<int[]> axesList = new ArrayList<>();
                    axesList.add(null);
                    for (int ax = 0; ax < shape.length; ax++) {
                        axesList.add(new int[] {ax});
                    }
                    if (shape.length == 0 && op.family == ReduceOp.Family.ARG) {
                        axesList.add(new int[] {0});
                        axesList.add(new int[] {-1});
                    }
                    for (int[] axes : axesList) {
                        cases.add(new Case(d + " " + Arrays.toString(shape), a, op, axes, false, 0));
                        cases.add(new Case(d + " " + Arrays.toString(shape), a, op, axes, true, 0));
                    }
                }
            }
        }
        return compare(cases);
    }

    @TestFactory
    Stream<DynamicTest> badAxesAreRefusedWithNumPysMessages() {
        NDArray a = ReduceTestData.random(DType.FLOAT64, 3, false, 2, 3);
        List<Case> cases = new ArrayList<>();
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.VAR, ReduceOp.ARGMAX, ReduceOp.NANMIN}) {
            cases.add(new Case("2-d", a, op, new int[] {2}, false, 0));
            cases.add(new Case("2-d", a, op, new int[] {-3}, false, 0));
            if (op.family != ReduceOp.Family.ARG) {
                cases.add(new Case("2-d", a, op, new int[] {0, -2}, false, 0));
                cases.add(new Case("2-d", a, op, new int[] {1, 1}, false, 0));
            }
        }
        NDArray zero = ReduceTestData.random(DType.FLOAT64, 3, false);
        cases.add(new Case("0-d", zero, ReduceOp.MEAN, new int[] {-1}, false, 0));
        cases.add(new Case("0-d", zero, ReduceOp.ARGMAX, new int[] {1}, false, 0));
        return compare(cases);
    }

    /** The per-sensor shape, smaller: long rows reduced along either axis, both strategies against NumPy. */
    @TestFactory
    Stream<DynamicTest> longRowsAlongEitherAxisLikeNumPy() {
        NDArray a = ReduceTestData.random(DType.FLOAT32, 11, false, 50, 60_000);
        NDArray f = ReduceTestData.random(DType.FLOAT64, 12, true, 3, 1_100_000).get(":, ::-1");
        NDArray narrow = ReduceTestData.random(DType.FLOAT32, 13, true, 40_000, 20);
        List<Case> cases = new ArrayList<>();
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.STD, ReduceOp.VAR, ReduceOp.MIN,
            ReduceOp.MAX, ReduceOp.ARGMAX, ReduceOp.ARGMIN, ReduceOp.NANSTD, ReduceOp.NANMEAN, ReduceOp.NANMAX}) {
            for (int[] axes : new int[][] {null, {0}, {1}}) {
                cases.add(new Case("f4 (50, 60000)", a, op, axes, false, 0));
                cases.add(new Case("f8 nan (3, 1100000)[:, ::-1]", f, op, axes, false, 0));
                cases.add(new Case("f4 nan (40000, 20)", narrow, op, axes, false, 0));
            }
        }
        return compare(cases);
    }

    // ---- the comparison -----------------------------------------------------------------------------------------

    private Stream<DynamicTest> compare(List<Case> cases) {
        NumPyBatch batch = new NumPyBatch(dir);
        java.util.Map<NDArray, String> inputs = new java.util.IdentityHashMap<>();
        int[] direct = new int[cases.size()];
        int[] oracle = new int[cases.size()];
        int[] scale = new int[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String x = inputs.computeIfAbsent(c.input(), batch::input);
            String fn = "np." + pyName(c.op());
            String args = c.pyArgs();
            direct[i] = batch.add("x = " + x + "\nr = " + fn + "(x, " + args + ")");
            oracle[i] = scale[i] = -1;
            if (approximate(c.op(), c.input().dtype())) {
                String up = "xu = x.astype('c16' if x.dtype.kind == 'c' else 'f8')\n";
                oracle[i] = batch.add("x = " + x + "\n" + up + "d = " + fn + "(x, " + args + ")\nr = np.asarray("
                        + fn + "(xu, " + args + ")).astype(d.dtype)");
                String s = switch (c.op().family) {
                    case VAR -> "np.nanmean(np.abs(xu) ** 2, " + axesOnly(args) + ")";
                    case PROD -> "np.abs(" + fn + "(xu, " + args + "))";
                    default -> "np.nansum(np.abs(xu), " + axesOnly(args) + ")";
                };
                scale[i] = batch.add("x = " + x + "\n" + up + "r = np.asarray(" + s + ", dtype='f8')");
            }
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            NumPyBatch.Result want = results.get(direct[i]);
            NumPyBatch.Result orc = oracle[i] < 0 ? null : results.get(oracle[i]);
            NumPyBatch.Result sc = scale[i] < 0 ? null : results.get(scale[i]);
            String name = c.label() + " " + pyName(c.op()) + "(" + c.pyArgs() + ")";
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, want, orc, sc)));
        }
        return tests.stream();
    }

    /** Drops ddof: the scale snippets take only axis and keepdims. */
    private static String axesOnly(String args) {
        return args.replaceAll(", ddof=[0-9.]+", "");
    }

    private static void check(Case c, NumPyBatch.Result want, NumPyBatch.Result oracle, NumPyBatch.Result scale) {
        if (!want.ok()) {
            assertThatThrownBy(() -> c.run(true)).as(want.error() + ": " + want.message())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(want.message().strip());
            return;
        }
        NDArray got = c.run(true);
        // The scalar path must agree bit for bit.
        assertThat(NumPyBatch.bytes(c.run(false))).as("scalar path = vector path").isEqualTo(NumPyBatch.bytes(got));
        assertThat(got.dtype().descr()).as("dtype").isEqualTo(want.dtype());
        assertThat(got.shape()).as("shape").containsExactly(want.shape());
        NDArray exp = oracle == null ? want.array() : oracle.array();
        NDArray tol = scale == null ? null : scale.array();
        DType t = got.dtype();
        NDArray g = got.reshape(-1);
        NDArray e = exp.reshape(-1);
        for (long k = 0; k < got.size(); k++) {
            if (t.kind().isFloat() || t.kind().isComplex()) {
                double[] gv = t.kind().isComplex() ? g.getComplex(k) : new double[] {g.getDouble(k), 0};
                double[] ev = t.kind().isComplex() ? e.getComplex(k) : new double[] {e.getDouble(k), 0};
                boolean gnan = Double.isNaN(gv[0]) || Double.isNaN(gv[1]);
                boolean enan = Double.isNaN(ev[0]) || Double.isNaN(ev[1]);
                if (gnan || enan) {
                    assertThat(gnan).as("NaN at %d: got %s, want %s in %s(%s) of %s", k, Arrays.toString(gv),
                                    Arrays.toString(ev), pyName(c.op()), c.pyArgs(), c.label())
                            .isEqualTo(enan);
                    continue;
                }
                double s = tol == null ? 0 : tol.reshape(-1).getDouble(k);
                if (c.op() == ReduceOp.STD || c.op() == ReduceOp.NANSTD) {
                    s = Math.sqrt(s);
                }
                for (int part = 0; part < 2; part++) {
                    double bound = ulp(t, ev[part]) + 1e-12 * s;
                    if (!(gv[part] == ev[part] || Math.abs(gv[part] - ev[part]) <= bound)) {
                        fail("element %d: memmap4j %s, numpy %s (bound %s)", k, Arrays.toString(gv),
                                Arrays.toString(ev), bound);
                    }
                }
            } else {
                assertThat(g.getLong(k)).as("element %d", k).isEqualTo(e.getLong(k));
            }
        }
    }

    /** One unit in the last place of v in a float16/float32 result, 0 for float64 (covered by the scale term). */
    static double ulp(DType t, double v) {
        DType.Kind k = t.kind();
        if (k == DType.Kind.FLOAT32 || k == DType.Kind.COMPLEX64) {
            return Math.ulp((float) v);
        }
        if (k == DType.Kind.FLOAT16) {
            double a = Math.max(Math.abs(v), 0x1p-14);
            return Math.scalb(1.0, Math.getExponent(a) - 10);
        }
        return 0;
    }

    /** Unused-input guard: NDArrays is imported for helpers that make views. */
    static NDArray scalar(double v) {
        return NDArrays.of(v).reshape();
    }
}
