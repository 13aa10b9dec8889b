package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.testing.NumPyBatch.arange;
import static org.memmap4j.testing.NumPyBatch.assertRaisesLike;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;
import static org.memmap4j.testing.NumPyBatch.pyArange;
import static org.memmap4j.testing.NumPyBatch.pyTuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advanced indexing against NumPy: integer arrays (one or several, broadcast together, with the broadcast axes
 * placed where NumPy places them), boolean masks over all or some axes, list syntax in strings, get and set with
 * repeated positions, and the errors.
 */
class AdvancedIndexingTest {

    @TempDir
    Path dir;

    /** An index: Python's text between the brackets, and memmap4j's items. */
    record Idx(String py, Supplier<Index[]> java) {
        /** One item of an index. */
        record Part(String py, Supplier<Index> java) {
        }

        static Idx text(String s) {
            return new Idx(s, () -> Index.parse(s));
        }
    }

    /** A bool mask of the given shape, true where the C-order position is a multiple of m. */
    static Idx.Part mask(long m, long... shape) {
        return new Idx.Part("(np.arange(" + NDArray.sizeOf(shape) + ").reshape(" + pyTuple(shape) + ") % " + m + " == 0)", () -> {
            NDArray b = NDArrays.empty(DType.BOOL, shape);
            for (long k = 0; k < b.size(); k++) {
                b.setFlat(k, k % m == 0 ? 1 : 0);
            }
            return Index.array(b);
        });
    }

    /** An integer index array of a dtype. */
    static Idx.Part ints(String dtype, long... values) {
        StringBuilder py = new StringBuilder("np.array([");
        for (long v : values) {
            py.append(dtype.equals("u8") ? Long.toUnsignedString(v) : Long.toString(v)).append(", ");
        }
        py.append("], dtype='").append(dtype).append("')");
        return new Idx.Part(py.toString(), () -> Index.array(NDArrays.of(values).astype(DType.of(dtype))));
    }

    static Idx.Part text(String s) {
        return new Idx.Part(s, () -> {
            Index[] items = Index.parse(s);
            assertThat(items).hasSize(1);
            return items[0];
        });
    }

    /** Joins parts into one index, as Python's comma does. */
    static Idx of(Idx.Part... parts) {
        List<String> py = new ArrayList<>();
        for (Idx.Part p : parts) {
            py.add(p.py());
        }
        return new Idx(String.join(", ", py), () -> {
            Index[] items = new Index[parts.length];
            for (int i = 0; i < parts.length; i++) {
                items[i] = parts[i].java().get();
            }
            return items;
        });
    }

    static final long[] X = {3, 4, 5};

    static List<Idx> getCases() {
        List<Idx> c = new ArrayList<>();
        for (String s : new String[] {
            "[0, 2, -1]", "[[0, 1], [1, 0]]", "[]", "[2, 0, 2, 0]", "[True, False, True]", "[True, False, True], 1",
            "[False, False, False]", "[True, True, True], ::-1",
            // one array among slices: stays in place
            ":, [0, 2]", ":, :, [4, 0, -1]", "..., [1, 2]", "None, [1, 2]", "[1, 2], None", ":, None, [1, 2]", "1:, [[1], [3]]",
            // several arrays: adjacent ones stay in place, separated ones go first
            "0, :, [1, 2]", ":, 1, [0, 1]", "[0, 1], :, 2", "1, :, [0, 1]", ":, [0, 2], [1, 3]", "[0, 2], :, [1, 3]",
            "[0, 2], [1, 3]", "[[0], [2]], [1, 3]", "[0, 2], 1:3, [1, 3]", "[0, 1], None, [1, 2]", "1, [0, 1], 2",
            "-1, [-1, -2], ::-1", "[[[1]]], :, [2]", "[0, 1], [[0], [1], [2]]", "1, [0, 1], None, 2", "[1], [2], [3]",
            "[2, 1], ..., [0, 0]", "::-1, [3, 0], ::2", "[], :, []", "[[0, 1]], [[1], [2]], [[3]]",
            // errors
            "[0, 3]", ":, [4]", "None, [5]", ":, None, [-5]", "[0, 1], [0, 1, 2]", "[True, False]", "[[True, False, True, False]]",
            "[0, [1]]", "[0.5]", "[0, 1], ..., [0], ...",
        }) {
            c.add(Idx.text(s));
        }
        c.add(of(mask(3, 3, 4, 5)));
        c.add(of(mask(7, 3, 4, 5), text("...")));
        c.add(of(mask(1, 3, 4, 5)));
        c.add(of(mask(100, 3, 4, 5)));
        c.add(of(mask(2, 3, 4)));
        c.add(of(text(":"), mask(2, 4, 5)));
        c.add(of(mask(2, 3), text("1")));
        c.add(of(text("..."), mask(2, 5)));
        c.add(of(text("None"), mask(3, 3, 4, 5)));
        c.add(of(mask(2, 3), text(":"), mask(2, 5)));
        c.add(of(mask(2, 3, 4), ints("i8", 0, 4, 1)));
        c.add(of(mask(2, 3, 5)));
        c.add(of(mask(2, 4, 5)));
        c.add(of(mask(2, 3, 4, 5, 1)));
        c.add(of(ints("i1", -1, 0)));
        c.add(of(ints("u1", 2, 0), text(":"), ints("i2", 3)));
        c.add(of(ints("u8", 1, 2)));
        c.add(of(ints("i4", 0, 1), ints("u4", 4, 3)));
        c.add(of(ints("u8", 3)));
        c.add(of(ints("u8", Long.MIN_VALUE)));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> getLikeNumPy() {
        List<Idx> cases = getCases();
        NumPyBatch batch = new NumPyBatch(dir);
        for (Idx c : cases) {
            batch.add("x = " + pyArange("<i4", X) + "\nr = x[" + c.py() + "]");
            batch.add("x = " + pyArange("<f8", X) + "[::-1, :, ::2].T\nr = x.T[" + c.py() + "]");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Idx c = cases.get(i);
            NumPyBatch.Result contiguous = results.get(2 * i);
            NumPyBatch.Result strided = results.get(2 * i + 1);
            tests.add(DynamicTest.dynamicTest("x[" + c.py() + "]", () -> {
                checkGet(arange("<i4", X), c, contiguous);
                // The same index on a strided, reversed view of another dtype.
                checkGet(arange("<f8", X).get("::-1, :, ::2"), c, strided);
            }));
        }
        return tests.stream();
    }

    private static void checkGet(NDArray x, Idx c, NumPyBatch.Result r) {
        if (r.ok()) {
            NDArray got = x.get(c.java().get());
            assertSameArray(got, r);
            assertThat(got.mayShareMemory(x)).isFalse();
        } else {
            assertRaisesLike(() -> x.get(c.java().get()), r);
        }
    }

    // ---- set -------------------------------------------------------------------------------------------------------

    /** A value to assign: Python's expression, and memmap4j's call given the destination and index. */
    record Value(String py, String name, Function<long[], NDArray> java) {
    }

    /** {@code -1 - arange(size).reshape(shape)} as int16. */
    static Value negated(long... shape) {
        return new Value(NumPyBatch.pyNegatedArange("<i2", shape), "-1-arange" + pyTuple(shape),
                s -> NumPyBatch.negatedArange("<i2", shape));
    }

    record SetCase(Idx idx, Value value) {
    }

    static List<SetCase> setCases() {
        List<SetCase> c = new ArrayList<>();
        Value seven = new Value("7", "7", s -> null);
        for (Idx i : getCases()) {
            c.add(new SetCase(i, seven));
        }
        // Values of the result's shape, broadcast to it, with repeated positions (the last write wins), and errors.
        c.add(new SetCase(Idx.text("[0, 2, -1]"), negated(3, 4, 5)));
        c.add(new SetCase(Idx.text("[0, 2, -1]"), negated(4, 5)));
        c.add(new SetCase(Idx.text("[0, 2, -1]"), negated(1, 1, 5)));
        c.add(new SetCase(Idx.text("[0, 2, -1]"), negated(1, 1, 1, 5)));
        c.add(new SetCase(Idx.text("[0, 0, 0]"), negated(3, 1, 1)));
        c.add(new SetCase(Idx.text("[1, 0, 1, 0]"), negated(4, 4, 5)));
        c.add(new SetCase(Idx.text("[[1, 1], [1, 1]], [2, 2], 3"), negated(2, 2)));
        c.add(new SetCase(Idx.text("0, :, [1, 2]"), negated(2, 4)));
        c.add(new SetCase(Idx.text("0, :, [1, 2]"), negated(4, 2)));
        c.add(new SetCase(Idx.text(":, [0, 2], [1, 3]"), negated(3, 2)));
        c.add(new SetCase(Idx.text("[0, 2], :, [1, 3]"), negated(2, 4)));
        c.add(new SetCase(Idx.text("[0, 2], :, [1, 3]"), negated(2, 1)));
        c.add(new SetCase(Idx.text("[0, 2, -1]"), negated(3)));
        c.add(new SetCase(Idx.text("[0, 2, -1]"), negated(2, 4, 5)));
        c.add(new SetCase(of(mask(3, 3, 4, 5)), negated(20)));
        c.add(new SetCase(of(mask(3, 3, 4, 5)), negated(1)));
        c.add(new SetCase(of(mask(3, 3, 4, 5)), negated()));
        c.add(new SetCase(of(mask(3, 3, 4, 5)), negated(19)));
        c.add(new SetCase(of(mask(3, 3, 4, 5)), negated(1, 20)));
        c.add(new SetCase(of(mask(100, 3, 4, 5)), negated(0)));
        c.add(new SetCase(of(mask(2, 3, 4)), negated(6, 5)));
        c.add(new SetCase(of(mask(2, 3, 4)), negated(5)));
        c.add(new SetCase(of(mask(2, 3, 4)), negated(6, 1)));
        c.add(new SetCase(of(text(":"), mask(2, 4, 5)), negated(10)));
        c.add(new SetCase(of(text(":"), mask(2, 4, 5)), negated(3, 10)));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> setLikeNumPy() {
        List<SetCase> cases = setCases();
        NumPyBatch batch = new NumPyBatch(dir);
        for (SetCase c : cases) {
            batch.add("x = " + pyArange("<i4", X) + "\nx[" + c.idx().py() + "] = " + c.value().py() + "\nr = x");
            batch.add("b = " + pyArange("<f8", X) + "\nx = b[::-1, :, ::2].T.T\nx[" + c.idx().py() + "] = "
                    + c.value().py() + "\nr = b");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            SetCase c = cases.get(i);
            NumPyBatch.Result contiguous = results.get(2 * i);
            NumPyBatch.Result strided = results.get(2 * i + 1);
            tests.add(DynamicTest.dynamicTest("x[" + c.idx().py() + "] = " + c.value().name(), () -> {
                NDArray x = arange("<i4", X);
                checkSet(x, x, c, contiguous);
                NDArray b = arange("<f8", X);
                checkSet(b, b.get("::-1, :, ::2"), c, strided);
            }));
        }
        return tests.stream();
    }

    private static void checkSet(NDArray base, NDArray x, SetCase c, NumPyBatch.Result r) {
        Runnable set = () -> {
            if (c.value().py().equals("7")) {
                x.set(c.idx().java().get(), 7L);
            } else {
                x.set(c.idx().java().get(), c.value().java().apply(null));
            }
        };
        if (r.ok()) {
            set.run();
            assertSameArray(base, r);
        } else if (r.error().equals("ValueError") && r.message().startsWith("shape mismatch: value array")) {
            assertThatThrownBy(set::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(NumPyBatch.spaced(r.message()));
        } else {
            assertRaisesLike(set::run, r);
        }
    }

    @Test
    void setFromOverlappingValue() {
        NDArray x = arange("<i8", 6);
        // x[[0, 1, 2]] = x[3:] and x[[5, 4, 3]] = x[:3] read the whole value before writing.
        x.set("[1, 2, 3]", x.get(":3"));
        assertThat(x.get("...").getLong(3)).isEqualTo(2);
        assertThat(x.getLong(1)).isZero();
        NDArray y = arange("<i8", 6);
        y.set(new Index[] {Index.array(NDArrays.of(true, true, true, true, false, false))}, y.get("2:"));
        assertThat(new long[] {y.getLong(0), y.getLong(1), y.getLong(2), y.getLong(3)}).containsExactly(2, 3, 4, 5);
    }

    @Test
    void listsMixingBooleansAndIntegersAreRefused() {
        // A deliberate difference: NumPy reads [True, 1] as the integers [1, 1], which is almost always a mistake.
        assertThatThrownBy(() -> arange("<i4", 3).get("[True, 1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid index '[True, 1]': a list index mixes booleans and integers");
    }

    @Test
    void indexArraysMustBeIntegerOrBool() {
        assertThatThrownBy(() -> Index.array(NDArrays.of(1.0, 2.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arrays used as indices must be of integer or boolean type, got float64");
    }

    @Test
    void getIsACopy() {
        NDArray x = arange("<i4", 3, 4);
        NDArray rows = x.get("[0, 2]");
        rows.fill(-1L);
        assertThat(x.getLong(0, 0)).isZero();
        assertThat(Index.of(0, -1)).isInstanceOf(Index.Array.class);
        assertThat(x.get(Index.of(0, -1), Index.at(1)).getLong(1)).isEqualTo(9);
    }
}
