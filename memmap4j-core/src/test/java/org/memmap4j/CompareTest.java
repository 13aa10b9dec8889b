package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NDArrays#arrayEqual} and {@link NDArrays#allclose} against {@code np.array_equal} and {@code np.allclose}:
 * NaN and infinities, equal_nan, broadcasting, mixed dtypes and byte orders, uint64 against int64, strided views.
 */
class CompareTest {

    @TempDir
    Path dir;

    private static final String NAN = "float('nan')";
    private static final String INF = "float('inf')";

    /** Pairs of Python expressions for a and b. */
    private static final String[][] PAIRS = {
        {"np.arange(6.0)", "np.arange(6.0)"},
        {"np.arange(6.0)", "np.arange(6)"},
        {"np.arange(6.0).reshape(2, 3)", "np.arange(6.0)"},
        {"np.arange(6.0).reshape(2, 3)", "np.arange(3.0)"},
        {"np.arange(3.0)", "np.arange(6.0).reshape(2, 3)[:1]"},
        {"np.arange(6.0).reshape(2, 3)", "np.arange(8.0).reshape(2, 4)"},
        {"np.zeros((2, 3))", "np.zeros(3)"},
        {"np.zeros((2, 3))", "np.zeros((4, 1, 1))"},
        {"np.array([1.0, " + NAN + ", 3.0])", "np.array([1.0, " + NAN + ", 3.0])"},
        {"np.array([1.0, " + NAN + ", 3.0])", "np.array([1.0, 2.0, " + NAN + "])"},
        {"np.array([" + NAN + "])", "np.array([" + NAN + "], dtype='f4')"},
        {"np.array([" + INF + ", -" + INF + "])", "np.array([" + INF + ", -" + INF + "])"},
        {"np.array([" + INF + "])", "np.array([-" + INF + "])"},
        {"np.array([" + INF + "])", "np.array([1e308])"},
        {"np.array([1e308])", "np.array([" + INF + "])"},
        {"np.array([" + INF + "])", "np.array([" + NAN + "])"},
        {"np.array([0.0])", "np.array([-0.0])"},
        {"np.array([1.0, 2.0])", "np.array([1.0 + 1e-6, 2.0 - 1e-6])"},
        {"np.array([1.0])", "np.array([1.0 + 1.1e-5])"},
        {"np.array([0.0])", "np.array([1e-8])"},
        {"np.array([0.0])", "np.array([1.1e-8])"},
        {"np.array([1e-8])", "np.array([0.0])"},
        {"np.array([100.0])", "np.array([100.001])"},
        {"np.array([100.001])", "np.array([100.0])"},
        {"np.array([2**53 + 1])", "np.array([2.0**53])"},
        {"np.array([2**53 + 1])", "np.array([2**53])"},
        {"np.array([2**64 - 1], dtype='u8')", "np.array([-1])"},
        {"np.array([2**63], dtype='u8')", "np.array([-2**63])"},
        {"np.array([2**53 + 1], dtype='u8')", "np.array([2**53])"},
        {"np.array([5], dtype='u8')", "np.array([5])"},
        {"np.array([2**64 - 1], dtype='u8')", "np.array([2**64 - 1], dtype='u8')"},
        {"np.array([2**64 - 1], dtype='u8')", "np.array([2.0**64])"},
        {"np.array([True, False])", "np.array([1, 0])"},
        {"np.array([True, False])", "np.array([1.0, 0.0])"},
        {"np.array([True, True])", "np.array([1, 2])"},
        {"np.array([1 + 2j])", "np.array([1 + 2j])"},
        {"np.array([1 + 0j])", "np.array([1.0])"},
        {"np.array([1 + 1e-9j])", "np.array([1.0])"},
        {"np.array([1 + 2j])", "np.array([1 + 2.00001j])"},
        {"np.array([complex(" + NAN + ", 1)])", "np.array([complex(" + NAN + ", 2)])"},
        {"np.array([complex(1, " + NAN + ")])", "np.array([complex(" + NAN + ", 1)])"},
        {"np.array([complex(" + INF + ", 1)])", "np.array([complex(" + INF + ", 2)])"},
        {"np.array([complex(" + INF + ", 1)])", "np.array([complex(" + INF + ", 1)])"},
        {"np.array([complex(" + INF + ", 0)])", "np.array([" + INF + "])"},
        {"np.array([0.1], dtype='f4')", "np.array([0.1])"},
        {"np.array([1.0], dtype='f4')", "np.array([1.0 + 1e-5], dtype='f4')"},
        {"np.array([1.0], dtype='f4')", "np.array([1.0 + 1.2e-5], dtype='f4')"},
        {"np.array([1.0], dtype='f2')", "np.array([1.0009765625], dtype='f2')"},
        {"np.array([1000.0], dtype='f2')", "np.array([1000.5], dtype='f2')"},
        {"np.array([3.0], dtype='f2')", "np.array([3], dtype='i8')"},
        {"np.arange(6, dtype='>f8')", "np.arange(6, dtype='<f8')"},
        {"np.arange(6, dtype='>i4')", "np.arange(6, dtype='<u2')"},
        {"np.arange(12.0).reshape(3, 4)[::-1, ::2]", "np.arange(12.0).reshape(3, 4)[::-1, ::2].copy()"},
        {"np.arange(12.0).reshape(3, 4).T", "np.arange(12.0).reshape(4, 3)"},
        {"np.zeros((0, 3))", "np.zeros((0, 3))"},
        {"np.zeros((0, 3))", "np.zeros((3, 0))"},
        {"np.zeros((0, 3))", "np.zeros(3)"},
        {"np.array(2.0)", "np.array(2.0)"},
        {"np.array(2.0)", "np.array([2.0, 2.0])"},
        {"np.array([2.0, 2.0])", "np.array(2)"},
    };

    /** The comparisons: NumPy's call, and memmap4j's. */
    private static final String[] CALLS = {
        "np.array_equal(a, b)", "np.array_equal(a, b, equal_nan=True)", "np.allclose(a, b)",
        "np.allclose(a, b, equal_nan=True)", "np.allclose(a, b, rtol=0, atol=0)", "np.allclose(a, b, rtol=0.1, atol=0)",
    };

    private static boolean call(int k, NDArray a, NDArray b) {
        return switch (k) {
            case 0 -> NDArrays.arrayEqual(a, b);
            case 1 -> NDArrays.arrayEqual(a, b, true);
            case 2 -> NDArrays.allclose(a, b);
            case 3 -> NDArrays.allclose(a, b, 1e-5, 1e-8, true);
            case 4 -> NDArrays.allclose(a, b, 0, 0, false);
            case 5 -> NDArrays.allclose(a, b, 0.1, 0, false);
            default -> throw new AssertionError(k);
        };
    }

    @TestFactory
    Stream<DynamicTest> compareLikeNumPy() {
        NumPyBatch batch = new NumPyBatch(dir);
        for (String[] p : PAIRS) {
            batch.add("r = " + p[0]);
            batch.add("r = " + p[1]);
            StringBuilder calls = new StringBuilder("a = " + p[0] + "\nb = " + p[1] + "\nout = []\n");
            for (String c : CALLS) {
                calls.append("try:\n    out.append(str(bool(").append(c).append(")))\nexcept ValueError:\n    out.append('ValueError')\n");
            }
            calls.append("info = ' '.join(out)");
            batch.add(calls.toString());
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < PAIRS.length; i++) {
            String[] p = PAIRS[i];
            NumPyBatch.Result ra = results.get(3 * i);
            NumPyBatch.Result rb = results.get(3 * i + 1);
            String[] want = results.get(3 * i + 2).info().split(" ");
            tests.add(DynamicTest.dynamicTest(p[0] + " vs " + p[1], () -> {
                NDArray a = view(ra.array(), p[0]);
                NDArray b = view(rb.array(), p[1]);
                for (int k = 0; k < CALLS.length; k++) {
                    int call = k;
                    if (want[k].equals("ValueError")) {
                        assertThatThrownBy(() -> call(call, a, b)).as(CALLS[k]).isInstanceOf(IllegalArgumentException.class)
                                .hasMessageStartingWith("shape mismatch");
                    } else {
                        assertThat(call(k, a, b)).as(CALLS[k]).isEqualTo(Boolean.parseBoolean(want[k].toLowerCase(java.util.Locale.ROOT)));
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** NumPy hands over C-ordered bytes; rebuild the strided views the expressions make, so strides are exercised too. */
    private static NDArray view(NDArray contiguous, String expr) {
        if (expr.endsWith("[::-1, ::2]")) {
            NDArray base = NDArrays.arange(DType.FLOAT64, 12).reshape(3, 4);
            return base.get("::-1, ::2");
        }
        if (expr.endsWith(".T")) {
            return NDArrays.arange(DType.FLOAT64, 12).reshape(3, 4).T();
        }
        return contiguous;
    }

    @Test
    void complexNanCountsAsNanWhicheverPartIsNan() {
        NDArray a = NDArrays.empty(DType.COMPLEX128, 1).fillComplex(Double.NaN, 1);
        NDArray b = NDArrays.empty(DType.COMPLEX128, 1).fillComplex(2, Double.NaN);
        assertThat(NDArrays.arrayEqual(a, b, true)).isTrue();
        assertThat(NDArrays.arrayEqual(a, b, false)).isFalse();
    }
}
