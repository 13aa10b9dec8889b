package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;
import org.memmap4j.DType.Kind;
import org.memmap4j.NDArray;
import org.memmap4j.internal.Elements;
import org.memmap4j.internal.StridedLoop;

/**
 * Reads an array, broadcast to the shape being evaluated, into a kernel buffer: any view, any byte order.
 * Contiguous rows of float32, float64 and 64-bit integers are bulk copies (with byte swapping when needed); other
 * rows, and complex elements (split into real and imaginary parts), go element by element.
 */
final class ExprLeafKernel extends ExprKernel implements StridedLoop.RowOp {

    private final ExprLayout layout;
    private final MemorySegment seg;
    private final DType type;
    private final int size;
    private int pos;

    ExprLeafKernel(NDArray array, long[] shape, int block) {
        super(array.dtype().kind(), block);
        NDArray view = java.util.Arrays.equals(array.shape(), shape) ? array : array.broadcastTo(shape);
        this.layout = new ExprLayout(view);
        this.seg = layout.seg;
        this.type = layout.type;
        this.size = layout.size;
    }

    @Override
    void compute(long from, int n) {
        pos = 0;
        layout.rows(from, n, this);
    }

    @Override
    public void row(long[] off, long[] stride, long n) {
        row(off[0], stride[0], (int) n);
    }

    private void row(long off, long st, int n) {
        int p = pos;
        pos += n;
        if (st == size) {
            switch (type.kind()) {
                case FLOAT32 -> { MemorySegment.copy(seg, (ValueLayout.OfFloat) type.layout(), off, f, p, n); return; }
                case FLOAT64 -> { MemorySegment.copy(seg, (ValueLayout.OfDouble) type.layout(), off, d, p, n); return; }
                case INT64, UINT64 -> { MemorySegment.copy(seg, (ValueLayout.OfLong) type.layout(), off, l, p, n); return; }
                default -> { }
            }
        }
        switch (dom) {
            case B -> {
                for (int i = 0; i < n; i++, off += st) {
                    b[p + i] = (byte) (seg.get(ValueLayout.JAVA_BYTE, off) != 0 ? 1 : 0);
                }
            }
            case L -> {
                for (int i = 0; i < n; i++, off += st) {
                    l[p + i] = Elements.getLong(seg, off, type);
                }
            }
            case F -> {
                if (type.kind() == Kind.FLOAT32) {
                    ValueLayout.OfFloat lay = (ValueLayout.OfFloat) type.layout();
                    for (int i = 0; i < n; i++, off += st) {
                        f[p + i] = seg.get(lay, off);
                    }
                } else {
                    ValueLayout.OfShort lay = (ValueLayout.OfShort) type.layout();
                    for (int i = 0; i < n; i++, off += st) {
                        f[p + i] = Float.float16ToFloat(seg.get(lay, off));
                    }
                }
            }
            case D -> {
                ValueLayout.OfDouble lay = (ValueLayout.OfDouble) type.layout();
                for (int i = 0; i < n; i++, off += st) {
                    d[p + i] = seg.get(lay, off);
                }
            }
            case C -> {
                // A complex dtype's layout is its component's, byte order included.
                if (type.kind() == Kind.COMPLEX64) {
                    ValueLayout.OfFloat lay = (ValueLayout.OfFloat) type.layout();
                    for (int i = 0; i < n; i++, off += st) {
                        d[p + i] = seg.get(lay, off);
                        di[p + i] = seg.get(lay, off + 4);
                    }
                } else {
                    ValueLayout.OfDouble lay = (ValueLayout.OfDouble) type.layout();
                    for (int i = 0; i < n; i++, off += st) {
                        d[p + i] = seg.get(lay, off);
                        di[p + i] = seg.get(lay, off + 8);
                    }
                }
            }
        }
    }
}
