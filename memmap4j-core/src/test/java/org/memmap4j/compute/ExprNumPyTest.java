package org.memmap4j.compute;

import static org.memmap4j.compute.ExprTesting.DTYPES;
import static org.memmap4j.compute.ExprTesting.values;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.NDArray;

/**
 * Elementwise operations against real NumPy 2: every pair of dtypes for every binary operation, Python scalars of
 * both kinds and out-of-range ints, every unary operation. Arithmetic, comparisons and rounding must give NumPy's
 * bits; transcendentals may differ by the documented ulps.
 */
class ExprNumPyTest {

    @TempDir
    Path dir;

    static final String[] BINARY = {"add", "subtract", "multiply", "divide", "floor_divide", "remainder",
        "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
        "logical_and", "logical_or", "logical_xor"};

    static Expr binary(String ufunc, Expr a, Expr b) {
        return switch (ufunc) {
            case "add" -> a.add(b);
            case "subtract" -> a.subtract(b);
            case "multiply" -> a.multiply(b);
            case "divide" -> a.divide(b);
            case "floor_divide" -> a.floorDivide(b);
            case "remainder" -> a.mod(b);
            case "power" -> a.power(b);
            case "maximum" -> a.maximum(b);
            case "minimum" -> a.minimum(b);
            case "equal" -> a.eq(b);
            case "not_equal" -> a.ne(b);
            case "less" -> a.lt(b);
            case "less_equal" -> a.le(b);
            case "greater" -> a.gt(b);
            case "greater_equal" -> a.ge(b);
            case "logical_and" -> a.and(b);
            case "logical_or" -> a.or(b);
            case "logical_xor" -> a.xor(b);
            default -> throw new IllegalArgumentException(ufunc);
        };
    }

    @Test
    void everyBinaryOperationOnEveryPairOfDtypesGivesNumPysBits() {
        ExprCases batch = new ExprCases(dir, "ExprNumPyTest");
        for (String ta : DTYPES) {
            NDArray a = values(ta, 0);
            String pa = batch.input(a);
            for (String tb : DTYPES) {
                NDArray b = values(tb, 1);
                String pb = batch.input(b);
                for (String op : BINARY) {
                    batch.add("r = np." + op + "(" + pa + ", " + pb + ")", () -> binary(op, Expr.of(a), Expr.of(b)), 0);
                }
                // Powers: non-negative integer exponents (negative ones raise for integers, checked elsewhere).
                NDArray e = values(tb, 2);
                String pe = batch.input(e);
                batch.add("r = np.power(" + pa + ", " + pe + ")", () -> Expr.of(a).power(Expr.of(e)), 1);
            }
        }
        batch.check();
    }

    @Test
    void pythonScalarsAreWeakAndOutOfRangeIntsAreRefusedExceptInComparisons() {
        ExprCases batch = new ExprCases(dir, "ExprNumPyTest");
        long[] ints = {3, -1, 0, 300, 1L << 40, Long.MAX_VALUE};
        double[] floats = {1.02, 0.1, -2.5, 1e300, Double.NaN};
        String[] ops = {"add", "subtract", "multiply", "divide", "floor_divide", "remainder", "less", "equal",
            "greater_equal", "maximum"};
        for (String t : DTYPES) {
            NDArray a = values(t, 0);
            String pa = batch.input(a);
            for (String op : ops) {
                for (long s : ints) {
                    batch.add("r = np." + op + "(" + pa + ", " + s + ")", () -> binary(op, Expr.of(a), Expr.scalar(s)), 0);
                    batch.add("r = np." + op + "(" + s + ", " + pa + ")", () -> binary(op, Expr.scalar(s), Expr.of(a)), 0);
                }
                for (double s : floats) {
                    String py = Double.isNaN(s) ? "float('nan')" : Double.toString(s);
                    batch.add("r = np." + op + "(" + pa + ", " + py + ")", () -> binary(op, Expr.of(a), Expr.scalar(s)), 0);
                }
                batch.add("r = np." + op + "(" + pa + ", True)", () -> binary(op, Expr.of(a), Expr.scalar(true)), 0);
            }
            batch.add("r = " + pa + " ** 2", () -> Expr.of(a).power(2), 0);
            batch.add("r = " + pa + " ** 0.5", () -> Expr.of(a).power(0.5), 0);
            batch.add("r = " + pa + " ** -1", () -> Expr.of(a).power(-1), 0);
            batch.add("r = " + pa + " ** 3", () -> Expr.of(a).power(3), 1);
            batch.add("r = np.where(" + pa + " > 1, " + pa + ", 1000)", () -> Expr.where(Expr.of(a).gt(1), Expr.of(a), Expr.scalar(1000)), 0);
            batch.add("r = np.where(" + pa + " > 1, 2.5, " + pa + ")", () -> Expr.where(Expr.of(a).gt(1), Expr.scalar(2.5), Expr.of(a)), 0);
            batch.add("r = np.clip(" + pa + ", -5, 1000)", () -> Expr.of(a).clip(-5, 1000), 0);
            batch.add("r = np.clip(" + pa + ", 0.5, 2.5)", () -> Expr.of(a).clip(0.5, 2.5), 0);
            batch.add("r = " + pa + ".astype('float32')", () -> Expr.of(a).astype(org.memmap4j.DType.FLOAT32), 0);
            batch.add("r = " + pa + ".astype('int16')", () -> Expr.of(a).astype(org.memmap4j.DType.INT16), 0);
        }
        batch.add("r = np.add(2, 3.5)", () -> Expr.scalar(2).add(3.5), 0);
        batch.add("r = np.multiply(np.int64(7), 3)", () -> Expr.scalar(7).multiply(3), 0);
        batch.check();
    }

    private static final String[] UNARY = {"negative", "absolute", "sqrt", "exp", "log", "log10", "sin", "cos", "tan",
        "floor", "ceil", "isnan", "isinf", "isfinite", "logical_not"};

    static Expr unary(String ufunc, Expr a) {
        return switch (ufunc) {
            case "negative" -> a.negative();
            case "absolute" -> a.abs();
            case "sqrt" -> a.sqrt();
            case "exp" -> a.exp();
            case "log" -> a.log();
            case "log10" -> a.log10();
            case "sin" -> a.sin();
            case "cos" -> a.cos();
            case "tan" -> a.tan();
            case "floor" -> a.floor();
            case "ceil" -> a.ceil();
            case "rint" -> a.round();
            case "isnan" -> a.isnan();
            case "isinf" -> a.isinf();
            case "isfinite" -> a.isfinite();
            case "logical_not" -> a.not();
            case "square" -> a.power(2);
            case "reciprocal" -> a.power(-1);
            case "conjugate" -> a.conj();
            case "real" -> a.real();
            case "imag" -> a.imag();
            default -> throw new IllegalArgumentException(ufunc);
        };
    }

    /** The documented tolerance: transcendentals within a few ulps, everything else exact. */
    private static int ulps(String ufunc, String dtype) {
        return switch (ufunc) {
            case "exp", "log", "log10", "sin", "cos", "tan" -> dtype.equals("float64") || dtype.endsWith("int64")
                    || dtype.endsWith("int32") ? 1 : dtype.equals("float32") || dtype.endsWith("int16") ? 4 : 1;
            default -> 0;
        };
    }

    @Test
    void everyUnaryOperationOnEveryDtypeMatchesNumPy() {
        ExprCases batch = new ExprCases(dir, "ExprNumPyTest");
        for (String t : DTYPES) {
            NDArray a = values(t, 0);
            String pa = batch.input(a);
            for (String op : UNARY) {
                batch.add("r = np." + op + "(" + pa + ")", () -> unary(op, Expr.of(a)), ulps(op, t));
            }
            batch.add("r = np.round(" + pa + ")", () -> Expr.of(a).round(), 0);
        }
        batch.check();
    }

    @Test
    void transcendentalsStayWithinTheDocumentedUlpsOnManyValues() {
        ExprCases batch = new ExprCases(dir, "ExprNumPyTest");
        java.util.Random rnd = new java.util.Random(7);
        for (String t : List.of("float16", "float32", "float64")) {
            double[] v = new double[4000];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (i % 4) {
                    case 0 -> rnd.nextDouble() * 20 - 10;
                    case 1 -> rnd.nextDouble() * 1e4;
                    case 2 -> Math.exp(rnd.nextGaussian() * 20);
                    default -> rnd.nextDouble() * 1e-3;
                };
            }
            NDArray a = org.memmap4j.NDArrays.of(v).astype(org.memmap4j.DType.of(t));
            String pa = batch.input(a);
            for (String op : List.of("exp", "log", "log10", "sin", "cos", "tan", "sqrt")) {
                batch.add("r = np." + op + "(" + pa + ")", () -> unary(op, Expr.of(a)), ulps(op, t));
            }
            batch.add("r = np.power(" + pa + ", 1.7)", () -> Expr.of(a).power(1.7), t.equals("float32") ? 4 : 1);
        }
        batch.check();
    }

    @Test
    void roundWithDecimalsOnEveryDtypeGivesNumPysBits() {
        ExprCases batch = new ExprCases(dir, "ExprNumPyTest");
        java.util.Random rnd = new java.util.Random(5);
        double[] v = new double[400];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (i % 8) {
                case 0 -> rnd.nextGaussian() * 1000;
                case 1 -> Math.rint(rnd.nextGaussian() * 1e4) / 1000 + 0.0005;
                case 2 -> (rnd.nextInt(2001) - 1000) * 0.5;
                case 3 -> (rnd.nextInt(2001) - 1000) * 5;
                case 4 -> rnd.nextGaussian() * 1e-3;
                case 5 -> Math.scalb(rnd.nextDouble(), 40 + rnd.nextInt(30));
                case 6 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    1.005, 2.675, -2.5, 0.125, 65504}[rnd.nextInt(10)];
                default -> rnd.nextGaussian() * 1e6;
            };
        }
        for (String t : DTYPES) {
            org.memmap4j.DType.Kind k = org.memmap4j.DType.of(t).kind();
            double[] w = v.clone();
            if (k.isInteger()) {
                // Within half the dtype's range, so that rounding to thousands cannot leave it: out-of-range float to
                // integer casts are undefined in C, and NumPy's SIMD and scalar casts disagree on them.
                double max = ExprScalar.maxOf(k) / 2.0;
                double min = ExprScalar.minOf(k) / 2.0;
                for (int i = 0; i < w.length; i++) {
                    w[i] = Double.isNaN(w[i]) ? 0 : Math.max(min, Math.min(max, w[i]));
                }
            }
            NDArray a = t.equals("bool") ? values(t, 0) : org.memmap4j.NDArrays.of(w).astype(org.memmap4j.DType.of(t));
            String pa = batch.input(a);
            for (int d = -3; d <= 5; d++) {
                int dd = d;
                batch.add("r = np.round(" + pa + ", " + d + ")", () -> Expr.of(a).round(dd), 0);
            }
            for (int d : new int[] {-20, -10, 9, 12, 22, 30}) {
                batch.add("r = np.round(" + pa + ", " + d + ")", () -> Expr.of(a).round(d), 0);
            }
        }
        batch.add("r = np.round(np.asarray(1234.5678), 2)", () -> Expr.scalar(1234.5678).round(2), 0);
        batch.add("r = np.round(np.asarray(1250), -2)", () -> Expr.scalar(1250).round(-2), 0);
        batch.check();
    }

    @Test
    void theTemperatureFormulaIsComputedStepByStepInFloat32() {
        ExprCases batch = new ExprCases(dir, "ExprNumPyTest");
        java.util.Random rnd = new java.util.Random(11);
        float[] v = new float[20000];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 200 - 100;
        }
        NDArray d = org.memmap4j.NDArrays.of(v);
        String pd = batch.input(d);
        batch.add("d = " + pd + "\nr = (d * 9 / 5 + 32) * 1.02",
                () -> Expr.of(d).multiply(9).divide(5).add(32).multiply(1.02), 0);
        NDArray h = d.astype(org.memmap4j.DType.FLOAT16);
        String ph = batch.input(h);
        batch.add("d = " + ph + "\nr = (d * 9 / 5 + 32) * 1.02",
                () -> Expr.of(h).multiply(9).divide(5).add(32).multiply(1.02), 0);
        batch.add("d = " + ph + "\nr = np.sqrt(d * d + 1.5) / (d - 0.25)",
                () -> Expr.of(h).multiply(Expr.of(h)).add(1.5).sqrt().divide(Expr.of(h).subtract(0.25)), 0);
        batch.check();
    }
}
