package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.internal.StridedLoop;

/**
 * {@code np.cumsum} along an axis or over the flattened array, into memory or into a given array (a memmap), in a
 * fixed accumulation order that does not depend on threads or chunks:
 *
 * <ul>
 *   <li>Lanes of at most {@link #BLOCK} elements are summed in one sequential pass each: NumPy's order exactly.</li>
 *   <li>Longer lanes are cut into blocks of {@link #BLOCK} elements (fewer along an axis whose lanes interleave in
 *       memory: {@code BLOCK / lanes} positions of all lanes at once, read in memory order). Pass 1 sums every block
 *       sequentially from its first element; the block offsets are then the sequential sums of the previous blocks'
 *       totals (offset of block 1 = total of block 0); pass 2 starts each block from its offset and adds its
 *       elements one by one, writing every running sum. Integers are exact; floats equal NumPy's for the first two
 *       blocks of each lane and differ later only by the rounding of block totals.</li>
 * </ul>
 *
 * Passes run in rounds of a bounded number of blocks ({@link RadixRounds}), so heap holds block totals of one
 * round, never a whole lane.
 */
final class CumulativeOps {

    /** Elements per block of a long lane. */
    static final int BLOCK = 1 << 16;

    private CumulativeOps() {
    }

    static NDArray cumsum(Compute c, NDArray a, Integer axis, NDArray out) {
        Objects.requireNonNull(a, "a");
        long[] shape = axis == null ? new long[] {a.size()} : a.shape();
        int ax = axis == null ? -1 : QuantileLanes.normalize(new int[] {axis}, a.ndim())[0];
        DType.Kind t = out == null ? LinalgTypes.sumType(a.dtype().kind())
                : LinalgTypes.promote(a.dtype().kind(), out.dtype().kind());
        if (out == null) {
            out = NDArrays.empty(DType.of(t), shape);
        } else {
            checkOut(a, out, shape, axis == null);
        }
        if (a.size() == 0) {
            return out;
        }
        long[] moved;
        long[] inMoved;
        long[] outMoved;
        long lanes;
        long len;
        if (axis == null) {
            // One lane: the elements in C order, written to consecutive positions of the 1-d output.
            moved = a.shape();
            inMoved = a.strides();
            outMoved = new long[moved.length];
            long step = out.strides()[0];
            for (int i = moved.length - 1; i >= 0; i--) {
                outMoved[i] = step;
                step *= moved[i];
            }
            lanes = 1;
            len = a.size();
        } else {
            QuantileLanes gi = new QuantileLanes(a.shape(), a.strides(), new int[] {ax});
            QuantileLanes go = new QuantileLanes(out.shape(), out.strides(), new int[] {ax});
            moved = gi.movedShape;
            inMoved = gi.movedStrides;
            outMoved = go.movedStrides;
            lanes = gi.lanes;
            len = gi.length;
        }
        Plan p = new Plan(new CumulativeSum(t), moved, inMoved, outMoved, lanes, len, ArrayRef.of(a), ArrayRef.of(out));
        if (len <= BLOCK) {
            p.shortLanes(c, a.itemsize());
        } else if (axis != null && lanes > 1 && interleaved(a, ax)) {
            p.blockMajor(c, a, ax, out);
        } else {
            p.laneMajor(c, a.itemsize());
        }
        return out;
    }

    /** True when another axis steps through memory faster than the summed one: lanes interleave. */
    private static boolean interleaved(NDArray a, int axis) {
        long s = Math.abs(a.strides()[axis]);
        for (int i = 0; i < a.ndim(); i++) {
            if (i != axis && a.shape(i) > 1 && Math.abs(a.strides()[i]) < s) {
                return true;
            }
        }
        return false;
    }

    private static void checkOut(NDArray a, NDArray out, long[] shape, boolean flat) {
        if (!Arrays.equals(out.shape(), shape)) {
            throw new IllegalArgumentException("out has shape " + Arrays.toString(out.shape()) + ", the result "
                    + Arrays.toString(shape));
        }
        if (!out.isWritable()) {
            throw new IllegalArgumentException("out is read-only");
        }
        if (out.mayShareMemory(a)) {
            boolean same = out.dtype().equals(a.dtype()) && start(out) == start(a)
                    && (flat ? a.isCContiguous() && out.strides()[0] == a.itemsize()
                    : Arrays.equals(out.strides(), a.strides()));
            if (!same) {
                throw new IllegalArgumentException("out shares memory with a but not element for element: "
                        + "in-place cumsum needs out to be a itself");
            }
        }
    }

    private static long start(NDArray x) {
        return x.segment().address() + x.segmentOffset();
    }

    /** What the tasks need: serializable, so that tasks can be shipped. */
    private record Plan(CumulativeSum sum, long[] moved, long[] inMoved, long[] outMoved, long lanes, long len,
                        ArrayRef in, ArrayRef out) implements java.io.Serializable {

        /** Lanes of at most one block: one sequential pass per lane, many lanes per chunk. */
        void shortLanes(Compute c, int itemsize) {
            RangeTask<Void> task = (from, to) -> in.apply(a -> out.apply(o -> {
                CumulativeSum.State st = new CumulativeSum.State(1);
                walk(a, o, st, from * len, to * len, true);
                return null;
            }));
            c.executor.map(new Job<>("cumsum", lanes, len * itemsize, 1, task), c.progress);
        }

        /**
         * Visits C-order positions {@code [from, to)} of the lanes view (lane after lane), summing into lane slot 0
         * and restarting at every lane boundary when {@code restart}.
         */
        void walk(NDArray a, NDArray o, CumulativeSum.State st, long from, long to, boolean write) {
            MemorySegment is = a.segment();
            MemorySegment os = write ? o.segment() : null;
            DType it = a.dtype();
            DType ot = o.dtype();
            long[] pos = {from % len};
            new StridedLoop(moved, new long[][] {inMoved, outMoved}, true)
                    .run(new long[] {a.segmentOffset(), o.segmentOffset()}, from, to, (off, s, n) -> {
                        for (long i = 0; i < n; ) {
                            long take = Math.min(n - i, len - pos[0]);
                            sum.row(is, off[0] + i * s[0], s[0], it, os, off[1] + i * s[1], s[1], ot, take, st, 0);
                            i += take;
                            pos[0] += take;
                            if (pos[0] == len) {
                                pos[0] = 0;
                                st.started[0] = false;
                            }
                        }
                    });
        }

        /** Long lanes, block after block of each lane in turn. */
        void laneMajor(Compute c, int itemsize) {
            long nb = (len + BLOCK - 1) / BLOCK;
            long units = Math.multiplyExact(lanes, nb);
            RangeTask<long[]> totals = (from, to) -> in.apply(a -> out.apply(o -> {
                long[] t = new long[(int) (2 * (to - from))];
                for (long u = from; u < to; u++) {
                    CumulativeSum.State st = new CumulativeSum.State(1);
                    walk(a, o, st, position(u, nb), end(u, nb), false);
                    t[(int) (2 * (u - from))] = st.v[0];
                    t[(int) (2 * (u - from)) + 1] = st.v[1];
                }
                return t;
            }));
            long[] carry = new long[2];
            RadixRounds.runRounds(c, "cumsum totals", units, (long) BLOCK * itemsize, 1, 16, totals,
                    (from, to, parts) -> {
                        long[] offsets = new long[(int) (2 * (to - from))];
                        boolean[] started = new boolean[(int) (to - from)];
                        long[] t = concat(parts);
                        for (long u = from; u < to; u++) {
                            int k = (int) (u - from);
                            boolean first = u % nb == 0;
                            started[k] = !first;
                            offsets[2 * k] = carry[0];
                            offsets[2 * k + 1] = carry[1];
                            sum.add(carry, 0, !first, t, k);
                        }
                        RangeTask<Void> write = (f, e) -> in.apply(a -> out.apply(o -> {
                            for (long u = f; u < e; u++) {
                                int k = (int) (u - from);
                                CumulativeSum.State st = new CumulativeSum.State(1);
                                st.v[0] = offsets[2 * k];
                                st.v[1] = offsets[2 * k + 1];
                                st.started[0] = started[k];
                                walk(a, o, st, position(u, nb), end(u, nb), true);
                            }
                            return null;
                        }));
                        map(c, "cumsum", from, to, (long) BLOCK * itemsize, write);
                    });
        }

        private long position(long unit, long nb) {
            return unit / nb * len + unit % nb * BLOCK;
        }

        private long end(long unit, long nb) {
            return unit / nb * len + Math.min(len, (unit % nb + 1) * BLOCK);
        }

        /** Long lanes that interleave in memory: blocks of axis positions across all lanes, read in memory order. */
        void blockMajor(Compute c, NDArray a0, int ax, NDArray out0) {
            int m = Math.toIntExact(lanes);
            long step = Math.max(1, BLOCK / lanes);
            long nb = (len + step - 1) / step;
            long[] shape = a0.shape();
            long[] laneIds = new QuantileLanes(shape, a0.strides(), new int[] {ax}).laneIds;
            long unitBytes = step * lanes * a0.itemsize();
            RangeTask<long[]> totals = (from, to) -> in.apply(a -> out.apply(o -> {
                long[] t = new long[(int) (2 * m * (to - from))];
                for (long u = from; u < to; u++) {
                    CumulativeSum.State st = new CumulativeSum.State(m);
                    across(a, o, st, ax, laneIds, u * step, Math.min(len, (u + 1) * step), false);
                    System.arraycopy(st.v, 0, t, (int) (2 * m * (u - from)), 2 * m);
                }
                return t;
            }));
            long[] carry = new long[2 * m];
            boolean[] carried = new boolean[m];
            RadixRounds.runRounds(c, "cumsum totals", nb, unitBytes, 1, 16L * m, totals, (from, to, parts) -> {
                long[] t = concat(parts);
                long[] offsets = new long[(int) (2 * m * (to - from))];
                boolean[] started = new boolean[(int) (to - from)];
                for (long u = from; u < to; u++) {
                    int k = (int) (u - from);
                    started[k] = u > 0;
                    System.arraycopy(carry, 0, offsets, 2 * m * k, 2 * m);
                    for (int lane = 0; lane < m; lane++) {
                        sum.add(carry, lane, carried[lane], t, m * k + lane);
                        carried[lane] = true;
                    }
                }
                RangeTask<Void> write = (f, e) -> in.apply(a -> out.apply(o -> {
                    for (long u = f; u < e; u++) {
                        int k = (int) (u - from);
                        CumulativeSum.State st = new CumulativeSum.State(m);
                        System.arraycopy(offsets, 2 * m * k, st.v, 0, 2 * m);
                        Arrays.fill(st.started, started[k]);
                        across(a, o, st, ax, laneIds, u * step, Math.min(len, (u + 1) * step), true);
                    }
                    return null;
                }));
                map(c, "cumsum", from, to, unitBytes, write);
            });
        }

        /** Axis positions {@code [p0, p1)} of every lane, in memory order; lane slots from a virtual operand. */
        void across(NDArray a, NDArray o, CumulativeSum.State st, int ax, long[] laneIds, long p0, long p1,
                    boolean write) {
            MemorySegment is = a.segment();
            MemorySegment os = write ? o.segment() : null;
            DType it = a.dtype();
            DType ot = o.dtype();
            long[] shape = a.shape();
            shape[ax] = p1 - p0;
            long[] ist = a.strides();
            long[] ost = o.strides();
            new StridedLoop(shape, new long[][] {ist, ost, laneIds}, false).run(
                    new long[] {a.segmentOffset() + p0 * ist[ax], o.segmentOffset() + p0 * ost[ax], 0},
                    (off, s, n) -> {
                        if (s[2] == 0) {
                            sum.row(is, off[0], s[0], it, os, off[1], s[1], ot, n, st, (int) off[2]);
                        } else {
                            for (long i = 0; i < n; i++) {
                                sum.row(is, off[0] + i * s[0], s[0], it, os, off[1] + i * s[1], s[1], ot, 1, st,
                                        (int) (off[2] + i * s[2]));
                            }
                        }
                    });
        }

        private static long[] concat(List<long[]> parts) {
            int n = 0;
            for (long[] p : parts) {
                n += p.length;
            }
            long[] t = new long[n];
            int at = 0;
            for (long[] p : parts) {
                System.arraycopy(p, 0, t, at, p.length);
                at += p.length;
            }
            return t;
        }

        /** Runs the writing pass over the units of one round. */
        private static void map(Compute c, String name, long from, long to, long unitBytes, RangeTask<Void> task) {
            RangeTask<Void> shifted = (f, e) -> task.run(from + f, from + e);
            c.executor.map(new Job<>(name, to - from, unitBytes, 1, shifted), ProgressListener.NONE);
        }
    }
}
