package org.memmap4j.internal;

import org.memmap4j.DType;
import java.util.Arrays;

/**
 * Visits the elements of one or more operands of a common shape, one innermost row at a time.
 *
 * <p>Like NumPy's nditer, it first simplifies the iteration: dimensions of length 1 are dropped, and adjacent
 * dimensions that every operand lays out contiguously are merged, so a contiguous array of any rank becomes one
 * row and a row operation can use a bulk copy. When the caller does not need logical (C) order, axes are also
 * sorted by the first operand's strides so that scans follow memory.
 */
public final class StridedLoop {

    /** Work on one row: {@code n} elements starting at byte offsets {@code off[k]}, stepping {@code stride[k]}. */
    @FunctionalInterface
    public interface RowOp {
        void row(long[] off, long[] stride, long n);
    }

    private final long[] shape;
    private final long[][] strides; // [operand][axis]
    private final long size;

    /**
     * Prepares a loop.
     *
     * @param shape        the common shape
     * @param strides      byte strides per operand, each of length shape.length
     * @param logicalOrder true to visit in C order of the shape; false to follow the first operand's memory
     */
    public StridedLoop(long[] shape, long[][] strides, boolean logicalOrder) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        this.size = n;
        int ops = strides.length;
        Integer[] axes = new Integer[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        if (!logicalOrder) {
            // Largest |stride| outermost; a stable sort keeps C order among ties (e.g. broadcast axes).
            Arrays.sort(axes, (a, b) -> Long.compare(Math.abs(strides[0][b]), Math.abs(strides[0][a])));
        }
        long[] sh = new long[shape.length];
        long[][] st = new long[ops][shape.length];
        int nd = 0;
        for (int ax : axes) {
            if (shape[ax] == 1) {
                continue;
            }
            sh[nd] = shape[ax];
            for (int k = 0; k < ops; k++) {
                st[k][nd] = strides[k][ax];
            }
            nd++;
        }
        // Merge axis i into i+1 when every operand steps over axis i exactly as a run of axis i+1.
        int out = 0;
        for (int i = 0; i < nd; i++) {
            if (out > 0) {
                boolean mergeable = true;
                for (int k = 0; k < ops && mergeable; k++) {
                    mergeable = st[k][out - 1] == st[k][i] * sh[i];
                }
                if (mergeable) {
                    sh[out - 1] *= sh[i];
                    for (int k = 0; k < ops; k++) {
                        st[k][out - 1] = st[k][i];
                    }
                    continue;
                }
            }
            sh[out] = sh[i];
            for (int k = 0; k < ops; k++) {
                st[k][out] = st[k][i];
            }
            out++;
        }
        if (out == 0) {
            // Only length-1 axes, or none (0-d): one row of one element.
            if (sh.length == 0) {
                sh = new long[1];
                st = new long[ops][1];
            }
            out = 1;
            sh[0] = 1;
        }
        this.shape = Arrays.copyOf(sh, out);
        this.strides = new long[ops][];
        for (int k = 0; k < ops; k++) {
            this.strides[k] = Arrays.copyOf(st[k], out);
        }
    }

    /** Total number of elements visited. */
    public long size() {
        return size;
    }

    /**
     * Runs the loop over every element.
     *
     * @param base byte offset of element (0, ..., 0) per operand
     * @param op   the row operation
     */
    public void run(long[] base, RowOp op) {
        run(base, 0, size, op);
    }

    /**
     * Runs the loop over the elements at positions {@code [from, to)} of the iteration order (C order of the
     * simplified shape): the unit of work of one chunk. Rows are cut at the range ends.
     *
     * @param base byte offset of element (0, ..., 0) per operand
     * @param from first position
     * @param to   position after the last
     * @param op   the row operation
     */
    public void run(long[] base, long from, long to, RowOp op) {
        if (from >= to) {
            return;
        }
        int nd = shape.length;
        int ops = base.length;
        long[] inner = new long[ops];
        for (int k = 0; k < ops; k++) {
            inner[k] = strides[k][nd - 1];
        }
        long rowLen = shape[nd - 1];
        long[] idx = new long[nd];
        long[] off = base.clone();
        long rest = from;
        for (int ax = nd - 1; ax >= 0; ax--) {
            idx[ax] = rest % shape[ax];
            rest /= shape[ax];
            for (int k = 0; k < ops; k++) {
                off[k] += idx[ax] * strides[k][ax];
            }
        }
        long[] rowOff = new long[ops];
        long remaining = to - from;
        while (true) {
            long n = Math.min(rowLen - idx[nd - 1], remaining);
            System.arraycopy(off, 0, rowOff, 0, ops);
            op.row(rowOff, inner, n);
            remaining -= n;
            if (remaining == 0) {
                return;
            }
            // Back to the start of the row, then the odometer over the outer axes (no multiplications per row).
            for (int k = 0; k < ops; k++) {
                off[k] -= idx[nd - 1] * inner[k];
            }
            idx[nd - 1] = 0;
            int ax = nd - 2;
            while (ax >= 0) {
                idx[ax]++;
                for (int k = 0; k < ops; k++) {
                    off[k] += strides[k][ax];
                }
                if (idx[ax] < shape[ax]) {
                    break;
                }
                for (int k = 0; k < ops; k++) {
                    off[k] -= strides[k][ax] * shape[ax];
                }
                idx[ax] = 0;
                ax--;
            }
        }
    }
}
