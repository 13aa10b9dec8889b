package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.testing.NumPyBatch.arange;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;
import static org.memmap4j.testing.NumPyBatch.negatedArange;
import static org.memmap4j.testing.NumPyBatch.pyArange;
import static org.memmap4j.testing.NumPyBatch.pyNegatedArange;
import static org.memmap4j.testing.NumPyBatch.pyTuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assignment against NumPy: {@code a[...] = b} with broadcasting, overlapping self-assignment, and scalars with
 * NumPy 2's rules for Python ints and floats ({@code a[i] = 300} into int8 raises OverflowError; NaN into an
 * integer array raises ValueError).
 */
class AssignmentTest {

    @TempDir
    Path dir;

    // ---- broadcasting -------------------------------------------------------------------------------------------

    private static final long[][][] BROADCASTS = {
        {{2, 3}, {3}}, {{2, 3}, {2, 1}}, {{2, 3}, {1, 3}}, {{2, 3}, {}}, {{2, 3}, {1, 1, 3}}, {{2, 3}, {1, 2, 3}},
        {{2, 3}, {1, 1, 1, 1}}, {{4, 1, 3}, {5, 1}}, {{4, 5, 3}, {5, 1}}, {{4, 5, 3}, {4, 1, 1}}, {{0, 3}, {3}},
        {{0, 3}, {1, 3}}, {{3}, {1}}, {{}, {}}, {{}, {1}}, {{}, {1, 1}},
        // incompatible
        {{2, 3}, {2}}, {{2, 3}, {3, 2}}, {{2, 3}, {2, 2, 3}}, {{2, 3}, {4}}, {{0, 3}, {2, 3}}, {{}, {2}}, {{3}, {0}},
    };

    @TestFactory
    Stream<DynamicTest> assignBroadcastsLikeNumPy() {
        NumPyBatch batch = new NumPyBatch(dir);
        for (long[][] c : BROADCASTS) {
            batch.add("a = " + pyArange("<f8", c[0]) + "\na[...] = " + pyNegatedArange("<i2", c[1]) + "\nr = a");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < BROADCASTS.length; i++) {
            long[][] c = BROADCASTS[i];
            NumPyBatch.Result r = results.get(i);
            tests.add(DynamicTest.dynamicTest(pyTuple(c[1]) + " into " + pyTuple(c[0]), () -> {
                NDArray a = arange("<f8", c[0]);
                NDArray v = negatedArange("<i2", c[1]);
                if (r.ok()) {
                    a.assign(v);
                    assertSameArray(a, r);
                } else {
                    assertThatThrownBy(() -> a.assign(v)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("could not broadcast input array from shape " + pyTuple(c[1]) + " into shape " + pyTuple(c[0]));
                }
            }));
        }
        return tests.stream();
    }

    // ---- overlapping self-assignment ------------------------------------------------------------------------------

    private static final String[][] OVERLAPS = {
        {"1:", ":-1"}, {":-1", "1:"}, {"::-1", "..."}, {"2:", ":-2"}, {":-2", "2:"}, {"::2", "1::2"}, {"1::2", "::-2"},
        {"1:, 1:", ":-1, :-1"}, {":-1, :-1", "1:, 1:"}, {"...", "::-1, ::-1"}, {":, ::-1", "..."},
        {"1:", "0"}, {"1:3, 1:3", "0:2, 2:4"}, {"...", "T"}, {"::-1", "T"}, {"1:", "T[:-1]"},
    };

    @TestFactory
    Stream<DynamicTest> overlappingSelfAssignment() {
        NumPyBatch batch = new NumPyBatch(dir);
        for (String[] c : OVERLAPS) {
            batch.add("a = " + pyArange("<i4", 4, 4) + "\na[" + c[0] + "] = " + source("a", c[1]) + "\nr = a");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < OVERLAPS.length; i++) {
            String[] c = OVERLAPS[i];
            NumPyBatch.Result r = results.get(i);
            tests.add(DynamicTest.dynamicTest("a[" + c[0] + "] = " + source("a", c[1]), () -> {
                NDArray a = arange("<i4", 4, 4);
                NDArray src = c[1].equals("T") ? a.T() : c[1].startsWith("T[") ? a.T().get(c[1].substring(2, c[1].length() - 1)) : a.get(c[1]);
                a.set(c[0], src);
                assertSameArray(a, r);
            }));
        }
        return tests.stream();
    }

    private static String source(String name, String expr) {
        return expr.startsWith("T") ? name + "." + expr : name + "[" + expr + "]";
    }

    @Test
    void overlappingAssignThroughDifferentDtypeViews() {
        // The same bytes seen as int32 and float32: assign must read all of the source before writing.
        NDArray a = arange("<i4", 8);
        NDArray f = a.view(DType.FLOAT32);
        a.get("1:").assign(f.get(":-1"));
        assertThat(a.getLong(0)).isZero();
        for (long k = 1; k < 8; k++) {
            assertThat(a.getLong(k)).isEqualTo((long) Float.intBitsToFloat((int) (k - 1)));
        }
    }

    // ---- scalars with Python's rules ------------------------------------------------------------------------------

    static final String[] DTYPES = {"bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float16", "float32", "float64", "complex64", "complex128"};

    static final long[] LONGS = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32769, 65535, 65536,
        2147483647L, 2147483648L, -2147483649L, 4294967295L, 4294967296L, (1L << 53) + 1, (1L << 62) + (1L << 38) + 1,
        Long.MAX_VALUE, Long.MIN_VALUE};

    static final double[] DOUBLES = {0.0, -0.0, 0.5, -0.5, -0.9, 1.5, 127.9, -128.9, 255.5, 256.0, -1.5, 65504.0,
        65520.0, 1e-8, 2147483647.9, -2147483648.9, 4294967295.5, 4294967296.0, 0x1p63, -0x1p63, 0x1p64 - 2048, 0x1p64,
        1e19, 1e20, 3.5e38, 1e300, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** Python's literal for a double, exactly. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "float('nan')";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "float('inf')" : "float('-inf')";
        }
        return "float.fromhex('" + Double.toHexString(d) + "')";
    }

    private record Scalar(String dtype, String literal, String how, Consumer<NDArray> java) {
    }

    @TestFactory
    Stream<DynamicTest> scalarsFollowPythonRules() {
        List<Scalar> cases = new ArrayList<>();
        for (String dt : DTYPES) {
            for (long v : LONGS) {
                String lit = Long.toString(v);
                cases.add(new Scalar(dt, lit, "a[1] = v", a -> a.setLong(v, 1)));
                cases.add(new Scalar(dt, lit, "a[::2] = v", a -> a.set("::2", v)));
                cases.add(new Scalar(dt, lit, "a.fill(v)", a -> a.fill(v)));
            }
            for (double v : DOUBLES) {
                String lit = pyFloat(v);
                cases.add(new Scalar(dt, lit, "a[1] = v", a -> a.setDouble(v, 1)));
                cases.add(new Scalar(dt, lit, "a[::-2] = v", a -> a.set("::-2", v)));
                cases.add(new Scalar(dt, lit, "a[...] = v", a -> a.fill(v)));
            }
            for (boolean v : new boolean[] {true, false}) {
                String lit = v ? "True" : "False";
                cases.add(new Scalar(dt, lit, "a[1] = v", a -> a.setBoolean(v, 1)));
                cases.add(new Scalar(dt, lit, "a.fill(v)", a -> a.fill(v)));
            }
        }
        NumPyBatch batch = new NumPyBatch(dir);
        for (Scalar c : cases) {
            batch.add("a = np.arange(3).astype('" + c.dtype() + "')\nv = " + c.literal() + "\n" + c.how() + "\nr = a");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (String dt : DTYPES) {
            tests.add(DynamicTest.dynamicTest(dt, () -> {
                for (int i = 0; i < cases.size(); i++) {
                    Scalar c = cases.get(i);
                    if (!c.dtype().equals(dt)) {
                        continue;
                    }
                    NumPyBatch.Result r = results.get(i);
                    NDArray a = NDArrays.arange(DType.of(dt), 3);
                    if (r.ok()) {
                        c.java().accept(a);
                        assertSameArray(a, r);
                    } else {
                        String numpy = r.error() + ": " + r.message();
                        assertThatThrownBy(() -> c.java().accept(a)).as("v = %s; %s -> NumPy %s", c.literal(), c.how(), numpy)
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessage(r.message().startsWith("Python int too large") ? javaTooLarge(c.literal(), dt) : r.message());
                        // Nothing was written.
                        assertThat(a.getLong(1)).isEqualTo(1);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** memmap4j's message where NumPy says "Python int too large to convert to C long": it names the value. */
    private static String javaTooLarge(String literal, String dtype) {
        double d = literal.startsWith("float.fromhex") ? Double.parseDouble(literal.substring(15, literal.length() - 2)) : Double.NaN;
        return "Python integer " + new java.math.BigDecimal(d).toBigInteger() + " out of bounds for " + dtype;
    }

    @Test
    void scalarsOnlyInsideLongRangeForUint64() {
        // A Java long cannot hold 2**64 - 1; setDouble reaches the doubles below 2**64, assign() every value.
        NDArray a = NDArrays.empty(DType.UINT64, 2);
        a.setDouble(0x1p64 - 2048, 0);
        assertThat(Long.toUnsignedString(a.getLong(0))).isEqualTo("18446744073709549568");
        assertThatThrownBy(() -> a.setLong(-1, 0)).hasMessage("Python integer -1 out of bounds for uint64");
        NDArray max = NDArrays.of(-1L).view(DType.UINT64);
        a.get("1:").assign(max);
        assertThat(Long.toUnsignedString(a.getLong(1))).isEqualTo("18446744073709551615");
    }

    @Test
    void complexScalarsKeepTheRealPartInRealArrays() {
        // A deliberate difference: NumPy raises TypeError for a[i] = 1+2j into a real array; memmap4j keeps the real
        // part, as NumPy's array cast (a[i] = np.complex128(1+2j)) does.
        NDArray a = NDArrays.empty(DType.INT16, 2);
        a.setComplex(300.7, 5, 0);
        assertThat(a.getLong(0)).isEqualTo(300);
        NDArray c = NDArrays.empty(DType.COMPLEX64, 2).fillComplex(1.5, -2);
        assertThat(c.getComplex(1)).containsExactly(1.5, -2.0);
        NDArray b = NDArrays.empty(DType.BOOL, 2);
        b.setComplex(0, 1, 1);
        assertThat(b.getBoolean(1)).isTrue();
    }

    @Test
    void readOnlyDestinationsAreRefused() {
        NDArray a = arange("<f4", 3);
        NDArray bc = a.broadcastTo(2, 3);
        assertThatThrownBy(() -> bc.assign(a)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> bc.setDouble(1, 0, 0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> bc.set("0", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> bc.fill(1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
