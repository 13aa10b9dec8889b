package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import org.memmap4j.internal.StridedLoop;
import org.memmap4j.internal.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.memmap4j.testing.NumPyBatch.arange;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;
import static org.memmap4j.testing.NumPyBatch.pyArange;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk data movement: {@link StridedLoop}'s row chunking (dropped length-1 axes, merged contiguous axes, axes
 * sorted by stride) and {@link Copy}'s cast and fill over non-contiguous, negative-stride, broadcast, empty, 0-d and
 * F-ordered operands. Random layouts are checked against naive per-element loops, larger ones against NumPy.
 */
class CopyTest {

    @TempDir
    Path dir;

    private static final long SEED = 20261122L;

    /** A random view of a fresh array: random shape (0 to 4 axes, lengths 0 to 5), order, slicing, transposition. */
    static NDArray randomView(Random rnd, DType dtype) {
        int nd = rnd.nextInt(5);
        long[] shape = new long[nd];
        for (int i = 0; i < nd; i++) {
            shape[i] = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(5);
        }
        NDArray a = NDArrays.empty(dtype, rnd.nextBoolean() ? Order.C : Order.F, shape);
        NDArrays.fillArange(a);
        List<Index> items = new ArrayList<>();
        for (int i = 0; i < nd; i++) {
            long step = (1 + rnd.nextInt(2)) * (rnd.nextBoolean() ? 1 : -1);
            items.add(switch (rnd.nextInt(4)) {
                case 0 -> Index.all();
                case 1 -> Index.slice(null, null, step);
                case 2 -> Index.slice((long) rnd.nextInt(3), null, step);
                default -> rnd.nextInt(3) == 0 ? Index.newAxis() : Index.slice(null, (long) -rnd.nextInt(3), step);
            });
        }
        NDArray v = a.get(items.toArray(Index[]::new));
        if (v.ndim() > 1 && rnd.nextBoolean()) {
            List<Integer> perm = new ArrayList<>();
            for (int i = 0; i < v.ndim(); i++) {
                perm.add(i);
            }
            java.util.Collections.shuffle(perm, rnd);
            v = v.transpose(perm.stream().mapToInt(Integer::intValue).toArray());
        }
        return v;
    }

    /** Byte offsets of every element of a view in C order, by nested loops over the index. */
    static long[] naiveOffsets(long[] shape, long[] strides, long base) {
        long n = NDArray.sizeOf(shape);
        long[] out = new long[(int) n];
        long[] idx = new long[shape.length];
        for (int k = 0; k < n; k++) {
            long off = base;
            for (int i = 0; i < shape.length; i++) {
                off += idx[i] * strides[i];
            }
            out[k] = off;
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return out;
    }

    /** Runs a loop over two operands and returns the visited (offset0, offset1) pairs, one long[2] each. */
    static List<long[]> visit(StridedLoop loop, long[] base) {
        List<long[]> seen = new ArrayList<>();
        loop.run(base, (off, st, n) -> {
            for (long i = 0; i < n; i++) {
                seen.add(new long[] {off[0] + i * st[0], off[1] + i * st[1]});
            }
        });
        return seen;
    }

    @Test
    void loopVisitsEveryElementOnceInEitherOrder() {
        Random rnd = new Random(SEED);
        for (int iter = 0; iter < 500; iter++) {
            NDArray a = randomView(rnd, DType.INT32);
            // The second operand: another layout of the same shape, sometimes broadcast along an axis.
            NDArray b = NDArrays.empty(DType.INT64, rnd.nextBoolean() ? Order.C : Order.F, a.shape());
            if (a.ndim() > 0 && rnd.nextBoolean()) {
                long[] sh = a.shape();
                sh[rnd.nextInt(sh.length)] = 1;
                b = NDArrays.empty(DType.INT64, sh).broadcastTo(a.shape());
            }
            long[] ea = naiveOffsets(a.shape, a.strides, a.offset);
            long[] eb = naiveOffsets(b.shape, b.strides, b.offset);
            String what = "shape " + Arrays.toString(a.shape) + " strides " + Arrays.toString(a.strides) + " / "
                    + Arrays.toString(b.strides);

            StridedLoop logical = new StridedLoop(a.shape, new long[][] {a.strides, b.strides}, true);
            assertThat(logical.size()).isEqualTo(a.size());
            List<long[]> seen = visit(logical, new long[] {a.offset, b.offset});
            assertThat(seen).as(what).hasSize(ea.length);
            for (int k = 0; k < ea.length; k++) {
                assertThat(seen.get(k)).as("%s, element %d in C order", what, k).containsExactly(ea[k], eb[k]);
            }

            // In memory order the pairs are the same, in some order.
            List<long[]> any = visit(new StridedLoop(a.shape, new long[][] {a.strides, b.strides}, false), new long[] {a.offset, b.offset});
            List<String> want = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (int k = 0; k < ea.length; k++) {
                want.add(ea[k] + ":" + eb[k]);
                got.add(any.get(k)[0] + ":" + any.get(k)[1]);
            }
            assertThat(got).as(what).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    @Test
    void contiguousOperandsBecomeOneRow() {
        record Rows(int count, long length) {
        }
        Function<NDArray[], Rows> rows = ops -> {
            int[] count = {0};
            long[] len = {0};
            long[][] strides = Arrays.stream(ops).map(o -> o.strides).toArray(long[][]::new);
            new StridedLoop(ops[0].shape, strides, false).run(new long[ops.length], (off, st, n) -> {
                count[0]++;
                len[0] = n;
            });
            return new Rows(count[0], len[0]);
        };
        NDArray c = arange("<f8", 4, 5, 6);
        NDArray f = c.copy(Order.F);
        assertThat(rows.apply(new NDArray[] {c})).isEqualTo(new Rows(1, 120));
        assertThat(rows.apply(new NDArray[] {c, arange("<f4", 4, 5, 6)})).isEqualTo(new Rows(1, 120));
        // F order is followed in memory order: one row as well.
        assertThat(rows.apply(new NDArray[] {f})).isEqualTo(new Rows(1, 120));
        // Length-1 axes are dropped before merging.
        assertThat(rows.apply(new NDArray[] {c.get(":, None, :, None, :")})).isEqualTo(new Rows(1, 120));
        // Every other column: 3 elements of stride 16 span the 48-byte row stride, so all axes still merge.
        assertThat(rows.apply(new NDArray[] {c.get(":, :, ::2")})).isEqualTo(new Rows(1, 60));
        // Every fourth column: 2 elements of stride 32 do not span a row; the outer axes merge into 20 rows.
        assertThat(rows.apply(new NDArray[] {c.get(":, :, ::4")})).isEqualTo(new Rows(20, 2));
        // Dropping the last column: the two outer axes still merge (stride 240 = 5 * 48).
        assertThat(rows.apply(new NDArray[] {c.get(":, :, :5")})).isEqualTo(new Rows(20, 5));
        assertThat(rows.apply(new NDArray[] {c.get(":, :4")})).isEqualTo(new Rows(4, 24));
        // 0-d and empty.
        assertThat(rows.apply(new NDArray[] {arange("<f8")})).isEqualTo(new Rows(1, 1));
        assertThat(rows.apply(new NDArray[] {arange("<f8", 3, 0, 2)})).isEqualTo(new Rows(0, 0));
    }

    @Test
    void castCopiesMatchElementwiseCasts() {
        Random rnd = new Random(SEED + 1);
        DType[] types = {DType.BOOL, DType.INT8, DType.UINT16, DType.of(">i4"), DType.INT64, DType.UINT64, DType.FLOAT16,
            DType.of(">f4"), DType.FLOAT64, DType.COMPLEX64, DType.of(">c16")};
        for (int iter = 0; iter < 400; iter++) {
            NDArray src = randomView(rnd, types[rnd.nextInt(types.length)]);
            DType to = types[rnd.nextInt(types.length)];
            NDArray dst = randomLayout(rnd, to, src.shape());
            NDArray before = dst.copy();
            dst.assign(src);
            long[] so = naiveOffsets(src.shape, src.strides, src.offset);
            long[] dof = naiveOffsets(dst.shape, dst.strides, dst.offset);
            MemorySegment one = MemorySegment.ofArray(new byte[to.itemSize()]);
            for (int k = 0; k < so.length; k++) {
                Elements.cast(src.rawSegment(), so[k], src.dtype, one, 0, to);
                assertThat(dst.rawSegment().asSlice(dof[k], to.itemSize()).mismatch(one))
                        .as("%s -> %s, element %d of %s", src.dtype, to, k, Arrays.toString(src.shape)).isEqualTo(-1);
            }
            assertThat(before.shape()).containsExactly(dst.shape());
        }
    }

    /** A destination of the given shape in a random layout: C, F, or a reversed strided view of a larger array. */
    private static NDArray randomLayout(Random rnd, DType dtype, long[] shape) {
        return switch (rnd.nextInt(3)) {
            case 0 -> NDArrays.empty(dtype, shape);
            case 1 -> NDArrays.empty(dtype, Order.F, shape);
            default -> {
                long[] big = shape.clone();
                Index[] items = new Index[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    big[i] = shape[i] * 2;
                    items[i] = Index.slice(null, null, -2);
                }
                yield NDArrays.empty(dtype, big).get(items);
            }
        };
    }

    @Test
    void fillWritesExactlyTheView() {
        Random rnd = new Random(SEED + 2);
        for (int iter = 0; iter < 300; iter++) {
            DType t = rnd.nextBoolean() ? DType.INT16 : DType.of(">f8");
            NDArray v = randomView(rnd, t);
            NDArray whole = NDArray.contiguous(v.storage, t, new long[] {v.storage.segment().byteSize() / t.itemSize()}, Order.C, 0);
            NDArray before = whole.copy();
            long value = rnd.nextBoolean() ? 0 : -7;
            v.fill(value);
            // Every element of the view holds the value; every other element is unchanged.
            boolean[] inView = new boolean[(int) whole.size()];
            for (long off : naiveOffsets(v.shape, v.strides, v.offset)) {
                inView[(int) (off / t.itemSize())] = true;
            }
            for (int k = 0; k < inView.length; k++) {
                assertThat(whole.getLong(k)).as("element %d of the storage, view %s", k, Arrays.toString(v.shape))
                        .isEqualTo(inView[k] ? value : before.getLong(k));
            }
        }
    }

    // ---- larger arrays against NumPy ----------------------------------------------------------------------------

    /** A NumPy expression on {@code a = arange(...)} and the memmap4j equivalent. */
    record Case(String name, String py, Function<NDArray, NDArray> java) {
    }

    @TestFactory
    Stream<DynamicTest> largerLayoutsLikeNumPy() {
        long[] shape = {64, 33, 17};
        List<Case> cases = List.of(
                new Case("F copy", "r = np.asfortranarray(a)", a -> a.copy(Order.F)),
                new Case("reversed strided astype f4", "r = a[::-1, 1::2, ::-3].astype('<f4')",
                        a -> a.get("::-1, 1::2, ::-3").astype(DType.FLOAT32)),
                new Case("F view astype >i2", "r = np.asfortranarray(a)[5:, ::-2].astype('>i2')",
                        a -> a.copy(Order.F).get("5:, ::-2").astype(DType.of(">i2"))),
                new Case("transpose astype c8 F", "r = a.transpose(2, 0, 1).astype('<c8', order='F')",
                        a -> a.transpose(2, 0, 1).astype(DType.COMPLEX64, Order.F)),
                new Case("assign transposed", "b = np.zeros((17, 33, 64), '<u2')\nb[...] = a.T\nr = b",
                        a -> NDArrays.empty(DType.UINT16, 17, 33, 64).assign(a.T())),
                new Case("assign broadcast row", "b = np.zeros((64, 33, 17), '<f2')\nb[::-1] = a[3]\nr = b", a -> {
                    NDArray b = NDArrays.empty(DType.FLOAT16, 64, 33, 17);
                    b.get("::-1").assign(a.get("3"));
                    return b;
                }),
                new Case("self assign shifted", "a[1:, :, 1:] = a[:-1, :, :-1]\nr = a", a -> {
                    a.get("1:, :, 1:").assign(a.get(":-1, :, :-1"));
                    return a;
                }),
                new Case("self assign reversed", "a[...] = a[::-1, ::-1]\nr = a", a -> a.assign(a.get("::-1, ::-1"))),
                new Case("fill strided", "a[::3, 2::5, ::-1] = 9.5\nr = a", a -> {
                    a.get("::3, 2::5, ::-1").fill(9.5);
                    return a;
                }),
                new Case("fill zero F", "b = np.asfortranarray(a)\nb[:, 1:-1] = 0\nr = b", a -> {
                    NDArray b = a.copy(Order.F);
                    b.get(":, 1:-1").fill(0.0);
                    return b;
                }),
                new Case("ravel of transpose", "r = a.T.ravel()", a -> a.T().ravel()),
                new Case("reshape of strided", "r = a[:, ::2].reshape(-1, 17, order='F')", a -> a.get(":, ::2").reshape(Order.F, -1, 17)));
        NumPyBatch batch = new NumPyBatch(dir);
        for (Case c : cases) {
            batch.add("a = " + pyArange("<f8", shape) + "\n" + c.py());
        }
        List<NumPyBatch.Result> results = batch.run();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () ->
                assertSameArray(c.java().apply(arange("<f8", shape)), results.get(cases.indexOf(c)))));
    }

    /** tofile of non-contiguous arrays larger than the write buffer (1 MiB), read back by np.fromfile. */
    @Test
    void writeToStreamsLargeStridedArrays() {
        NDArray a = arange("<f8", 700, 700);
        NDArray c = arange(">i4", 300, 301, 5);
        NumPyBatch batch = new NumPyBatch(dir);
        batch.add("r = " + batch.input(a.T()) + " == " + pyArange("<f8", 700, 700) + ".T\ninfo = r.all()");
        batch.add("r = " + batch.input(c.get("::-1, 1::3, ::-2")) + " == " + pyArange(">i4", 300, 301, 5) + "[::-1, 1::3, ::-2]\n"
                + "info = r.all()");
        batch.add("r = " + batch.input(a.get("5:6, 3:3")) + "\ninfo = r.shape == (1, 0)");
        batch.add("r = " + batch.input(arange("<u2").get("None, None")) + "\ninfo = r.shape == (1, 1) and r[0, 0] == 0");
        for (NumPyBatch.Result r : batch.run()) {
            assertThat(r.info()).as(r.code()).isEqualTo("True");
        }
    }
}
