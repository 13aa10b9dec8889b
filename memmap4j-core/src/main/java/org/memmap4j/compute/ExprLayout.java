package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.internal.StridedLoop;

/**
 * Where the elements at C-order flat positions of a view lie in its memory: reading operands and writing outputs
 * both walk positions [from, from + n) as rows of (byte offset, byte stride, count). A C-contiguous layout is one
 * row with no loop to set up; any other goes through {@link StridedLoop}.
 */
final class ExprLayout {

    final MemorySegment seg;
    final DType type;
    final int size;
    private final long base;
    /** Null when every position p lies at base + p * itemsize. */
    private final StridedLoop loop;
    private final long[] baseArr;

    ExprLayout(NDArray view) {
        this(view.segment(), view.dtype(), view.segmentOffset(), view.shape(), view.strides());
    }

    ExprLayout(MemorySegment seg, DType type, long base, long[] shape, long[] strides) {
        this.seg = seg;
        this.type = type;
        this.size = type.itemSize();
        this.base = base;
        this.loop = isCContiguous(shape, strides, size) ? null : new StridedLoop(shape, new long[][] {strides}, true);
        this.baseArr = new long[] {base};
    }

    /** True if the strides are C-contiguous for the shape (axes of length 1 may have any stride). */
    static boolean isCContiguous(long[] shape, long[] strides, long itemSize) {
        long s = itemSize;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != s) {
                return false;
            }
            s *= shape[i];
        }
        return true;
    }

    /** Visits positions [from, from + n) in order, as rows. */
    void rows(long from, int n, StridedLoop.RowOp op) {
        if (loop == null) {
            op.row(new long[] {base + from * size}, new long[] {size}, n);
        } else {
            loop.run(baseArr, from, from + n, op);
        }
    }
}
