package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.testing.NumPyBatch.arange;
import static org.memmap4j.testing.NumPyBatch.assertRaisesLike;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;
import static org.memmap4j.testing.NumPyBatch.assertSameView;
import static org.memmap4j.testing.NumPyBatch.pyArange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic indexing (integers, slices, {@code ...}, {@code None}) from strings and typed {@link Index} items: shape,
 * byte strides and values of the view equal NumPy's, and writes through views reach the array.
 */
class IndexingTest {

    @TempDir
    Path dir;

    private static final Long[] BOUNDS = {null, -9L, -8L, -7L, -3L, -1L, 0L, 1L, 3L, 6L, 7L, 8L, 9L};
    private static final Long[] STEPS = {null, 1L, 2L, 3L, -1L, -2L, -3L, 6L, -6L, 10L, -10L};

    private static String sliceText(Long start, Long stop, Long step, boolean trailingColon) {
        String s = (start == null ? "" : start) + ":" + (stop == null ? "" : stop);
        return step != null ? s + ":" + step : trailingColon ? s + ":" : s;
    }

    /** Every combination of omitted, negative, in-range and out-of-range bounds and steps, on lengths 0, 1 and 7. */
    @TestFactory
    Stream<DynamicTest> slicesOfOneAxis() {
        NumPyBatch batch = new NumPyBatch(dir);
        record Case(long n, Long start, Long stop, Long step, String text) { }
        List<Case> cases = new ArrayList<>();
        for (long n : new long[] {0, 1, 7}) {
            for (Long step : STEPS) {
                for (Long start : BOUNDS) {
                    for (Long stop : BOUNDS) {
                        String text = sliceText(start, stop, step, cases.size() % 2 == 0);
                        cases.add(new Case(n, start, stop, step, text));
                        batch.add("r = " + pyArange("<i4", n) + "[" + text + "]");
                    }
                }
            }
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (long n : new long[] {0, 1, 7}) {
            for (Long step : STEPS) {
                tests.add(DynamicTest.dynamicTest("length " + n + ", step " + step, () -> {
                    NDArray a = arange("<i4", n);
                    for (int i = 0; i < cases.size(); i++) {
                        Case c = cases.get(i);
                        if (c.n() != n || c.step() != step) {
                            continue;
                        }
                        assertSameView(a.get(c.text()), results.get(i));
                        Index typed = Index.slice(c.start(), c.stop(), c.step() == null ? 1 : c.step());
                        assertSameView(a.get(typed), results.get(i));
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** Steps and bounds near the limits of a long must not overflow the length computation. */
    @TestFactory
    Stream<DynamicTest> extremeSlices() {
        String max = Long.toString(Long.MAX_VALUE);
        String min = Long.toString(Long.MIN_VALUE);
        return compare("<i2", new long[] {10}, List.of(
                "::" + max, "::-" + max, "1:9:" + max, "9:1:-" + max, max + "::-1", min + ":", ":" + min, min + ":" + max,
                max + ":" + min + ":-1", "-" + max + ":" + max + ":3", "::" + (Long.MAX_VALUE / 2)));
    }

    private static final List<String> EXPRESSIONS = List.of(
            "", "1", "-1", "-4", "3", "1, 2", "1, 2, 3", "-4, -5, -6", "3, 4, 5", ":", "::", "...", "..., 1", "1, ...",
            "1, ..., 2", "..., -1, :", "None", "None, 1", "..., None", "1, None, ::2", ":, None, :, None", "None, None, ..., None",
            "::-1, ::-2, ::-3", "1:3, -2:, :-1", "0,", "1:1", "3:1", "::-1, 5:0:-2", ":, :, :", "2, :, 4", "-1:-5:-2, ..., 1:2",
            "::2, ::2, ::2", "None, ::-1, None, 2", "1:2, 1:2, 1:2", "..., None, None", " 1 , : ", "+1, -0", "None:None:None, 1",
            "0:0, :, :", "::-1, 100:, :", "-100:100, -100:100:-1");

    private static final List<String> ERRORS = List.of(
            "4", "-5", "0, 5", "0, 0, 6", "0, 0, -7", "0, 0, 0, 0", "..., ...", "None, 0, 0, 0, 0", "::0", "1.5", "x", "1:2:3:4",
            "0,,1", "[", "1]");

    @TestFactory
    Stream<DynamicTest> expressionsOn3dArray() {
        return compare("<i4", new long[] {4, 5, 6}, EXPRESSIONS);
    }

    @TestFactory
    Stream<DynamicTest> expressionsOnBigEndianFloats() {
        return compare(">f8", new long[] {4, 5, 6}, EXPRESSIONS);
    }

    @TestFactory
    Stream<DynamicTest> expressionsOn0dArray() {
        return compare("<u2", new long[0], List.of("", "...", "None", "..., None", "None, ...", "0", ":", "..., 0"));
    }

    @TestFactory
    Stream<DynamicTest> expressionsOnEmptyArray() {
        return compare("<i8", new long[] {3, 0, 2}, List.of("", "1", "1, :, 1", ":, 5:", "..., ::-1", "None, 2", "1, 0"));
    }

    @TestFactory
    Stream<DynamicTest> errorsLikeNumPy() {
        return compare("<i4", new long[] {4, 5, 6}, ERRORS);
    }

    /** Compares a[expr] for each expression: view metadata and values, or the error. */
    private Stream<DynamicTest> compare(String dtype, long[] shape, List<String> exprs) {
        NumPyBatch batch = new NumPyBatch(dir);
        for (String e : exprs) {
            // A full integer index gives a NumPy scalar, memmap4j a 0-d view: compare with the array's dtype kept.
            batch.add("a = " + pyArange(dtype, shape) + "\nr = a[" + (e.isBlank() ? "()" : e) + "]\n"
                    + "r = r if isinstance(r, np.ndarray) else np.asarray(r, a.dtype)");
        }
        List<NumPyBatch.Result> results = batch.run();
        return exprs.stream().map(e -> DynamicTest.dynamicTest("a[" + e + "]", () -> {
            NumPyBatch.Result r = results.get(exprs.indexOf(e));
            NDArray a = arange(dtype, shape);
            if (r.ok()) {
                NDArray v = a.get(e);
                assertSameView(v, r);
                if (v.size() > 0) {
                    assertThat(v.mayShareMemory(a)).isTrue();
                }
            } else {
                assertRaisesLike(() -> a.get(e), r);
            }
        }));
    }

    /** a[e1][e2][e3] in NumPy and in memmap4j, then writes through the last view reach a. */
    @TestFactory
    Stream<DynamicTest> viewsOfViewsOfViews() {
        String[][] chains = {
            {"1:, ::-1", "::2, 1", "::-1"},
            {"::-1, None", "2:, :, 1:4", "..., ::-2"},
            {"..., ::3", "None, 1:3", ":, ::-1, -1"},
            {"::-2, ::-2, ::-2", "1", "::-1, ::-1"},
            {":, 2", ":, None", "1:3, :, ::-1"},
            {"3", "4", "5, ..."},
            {"-1, -1", "::-1", "1:4:2"},
            {"1:3, 1:4, 1:5", "::-1, ::-1, ::-1", "0, ..., 0"},
            {"::-1", "::-1", "::-1"},
            {"None", "None", "0, 0, 1:3, 2:4, 3:5"},
        };
        NumPyBatch batch = new NumPyBatch(dir);
        String base = pyArange("<i8", 4, 5, 6);
        for (String[] c : chains) {
            batch.add("r = " + base + "[" + c[0] + "][" + c[1] + "][" + c[2] + "]");
            batch.add("a = " + base + "\nv = a[" + c[0] + "][" + c[1] + "][" + c[2] + "]\n"
                    + "v[...] = -1 - np.arange(v.size).reshape(v.shape)\nr = a");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < chains.length; i++) {
            String[] c = chains[i];
            NumPyBatch.Result view = results.get(2 * i);
            NumPyBatch.Result written = results.get(2 * i + 1);
            tests.add(DynamicTest.dynamicTest("a[" + String.join("][", c) + "]", () -> {
                NDArray a = arange("<i8", 4, 5, 6);
                NDArray v = a.get(c[0]).get(c[1]).get(c[2]);
                assertSameView(v, view);
                // v[...] = -1 - arange(v.size)
                v.assign(NumPyBatch.negatedArange("<i8", v.shape()));
                assertSameArray(a, written);
            }));
        }
        return tests.stream();
    }

    @Test
    void typedItemsEqualParsedOnes() {
        NDArray a = arange("<i4", 4, 5, 6);
        Index[][] typed = {
            {Index.at(1), Index.slice(null, null, -2), Index.newAxis(), Index.ellipsis()},
            {Index.ellipsis(), Index.from(2)},
            {Index.to(-1), Index.all(), Index.at(-1)},
            {Index.slice(3, 1), Index.slice(1L, 4L, 2)},
        };
        String[] parsed = {"1, ::-2, None, ...", "..., 2:", ":-1, :, -1", "3:1, 1:4:2"};
        for (int i = 0; i < typed.length; i++) {
            NDArray x = a.get(typed[i]);
            NDArray y = a.get(parsed[i]);
            assertThat(x.shape()).containsExactly(y.shape());
            assertThat(x.strides()).containsExactly(y.strides());
            assertThat(NDArrays.arrayEqual(x, y)).isTrue();
            assertThat(Index.parse(parsed[i])).containsExactly(typed[i]);
        }
    }

    @Test
    void indexItemsPrintAsPython() {
        assertThat(Index.parse("1, ::-2, None, ..., 2:5, :7, 1:2:3")).extracting(Object::toString)
                .containsExactly("1", "::-2", "None", "...", "2:5", ":7", "1:2:3");
    }

    @Test
    void zeroStepIsRefused() {
        assertThatThrownBy(() -> Index.slice(1L, 2L, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice step cannot be zero");
        assertThatThrownBy(() -> Index.parse("::0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slice step cannot be zero");
    }

    @Test
    void parseErrorsNameTheExpression() {
        assertThatThrownBy(() -> Index.parse("1.5")).hasMessage(
                "invalid index '1.5': '1.5' is not an integer, slice, '...', None or list (only integers are valid indices)");
        assertThatThrownBy(() -> Index.parse("0,,1")).hasMessage("invalid index '0,,1': empty index item");
        assertThatThrownBy(() -> Index.parse("1]")).hasMessage("invalid index '1]': unbalanced ']'");
    }

    @Test
    void elementAccessChecksBounds() {
        NDArray a = arange("<i4", 4, 5);
        assertThat(a.getLong(-1, -1)).isEqualTo(19);
        assertThat(a.getLong(1, 2)).isEqualTo(7);
        assertThatThrownBy(() -> a.getLong(4, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 4 is out of bounds for axis 0 with size 4");
        assertThatThrownBy(() -> a.getLong(0, -6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index -6 is out of bounds for axis 1 with size 5");
        assertThatThrownBy(() -> a.getLong(0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("expected 2 indices for a 2-d array, got 1");
        assertThatThrownBy(() -> a.getLong()).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("can only convert an array of size 1 to a scalar; this array has shape (4, 5)");
        assertThat(a.get("2, 3").getLong()).isEqualTo(13);
        assertThat(a.get("2:3, 3:4").getLong()).isEqualTo(13);
    }

    @Test
    void writesThroughAViewReachTheArray() {
        NDArray a = arange("<f4", 3, 4);
        NDArray col = a.get(":, -1");
        col.setDouble(-5, 1);
        assertThat(a.getDouble(1, 3)).isEqualTo(-5);
        a.get("::-1, ::-1").get("0").fill(9.0);
        assertThat(a.get("2").getDouble(0)).isEqualTo(9);
        assertThat(a.get("2").getDouble(3)).isEqualTo(9);
        assertThat(a.get("1").getDouble(0)).isEqualTo(4);
    }
}
