package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;
import org.memmap4j.DType.Kind;
import org.memmap4j.NDArray;
import org.memmap4j.internal.Elements;
import org.memmap4j.internal.StridedLoop;

/**
 * Writes kernel values to an output at C-order flat positions, cast to the output's dtype with NumPy's unsafe
 * array casting (the caller has already applied the casting rule it wants): any view, any byte order. Contiguous
 * rows of the kernel's own float32, float64, 64-bit integer or bool type are bulk copies.
 */
final class ExprSink implements StridedLoop.RowOp {

    private final ExprLayout layout;
    private final MemorySegment seg;
    private final DType type;
    private final int size;
    private ExprKernel src;
    private int pos;

    /** A sink over an array's elements, in its own shape. */
    ExprSink(NDArray out) {
        this.layout = new ExprLayout(out);
        this.seg = layout.seg;
        this.type = layout.type;
        this.size = layout.size;
    }

    /** A sink over contiguous native memory, as {@link Expr#evaluate} writes. */
    ExprSink(MemorySegment seg, DType type) {
        this.layout = new ExprLayout(seg, type, 0, new long[] {seg.byteSize() / type.itemSize()}, new long[] {type.itemSize()});
        this.seg = seg;
        this.type = type;
        this.size = type.itemSize();
    }

    /** Writes the first n values of a kernel to the output positions {@code [at, at + n)}. */
    void write(ExprKernel k, int from, long at, int n) {
        src = k;
        pos = from;
        layout.rows(at, n, this);
    }

    @Override
    public void row(long[] off, long[] stride, long n) {
        row(off[0], stride[0], (int) n);
    }

    private void row(long off, long st, int n) {
        ExprKernel k = src;
        int p = pos;
        pos += n;
        Kind to = type.kind();
        if (st == size) {
            if (to == Kind.FLOAT32 && k.kind == Kind.FLOAT32) {
                MemorySegment.copy(k.f, p, seg, (ValueLayout.OfFloat) type.layout(), off, n);
                return;
            }
            if (to == Kind.FLOAT64 && k.kind == Kind.FLOAT64) {
                MemorySegment.copy(k.d, p, seg, (ValueLayout.OfDouble) type.layout(), off, n);
                return;
            }
            if ((to == Kind.INT64 || to == Kind.UINT64) && k.dom == ExprKernel.Dom.L) {
                MemorySegment.copy(k.l, p, seg, (ValueLayout.OfLong) type.layout(), off, n);
                return;
            }
            if (to == Kind.BOOL && k.dom == ExprKernel.Dom.B) {
                // Comparisons into a bool array (a mask file): their 0/1 bytes are NumPy's bool bytes.
                MemorySegment.copy(k.b, p, seg, ValueLayout.JAVA_BYTE, off, n);
                return;
            }
        }
        if (to == Kind.FLOAT32 && k.kind == Kind.FLOAT32) {
            ValueLayout.OfFloat lay = (ValueLayout.OfFloat) type.layout();
            for (int i = 0; i < n; i++, off += st) {
                seg.set(lay, off, k.f[p + i]);
            }
            return;
        }
        switch (k.dom) {
            case B -> {
                for (int i = 0; i < n; i++, off += st) {
                    Elements.castLong(seg, off, type, k.b[p + i]);
                }
            }
            case L -> {
                if (k.kind == Kind.UINT64 && !to.isInteger() && !to.isBool()) {
                    for (int i = 0; i < n; i++, off += st) {
                        double v = to == Kind.FLOAT32 || to == Kind.COMPLEX64
                                ? Elements.unsignedToFloat(k.l[p + i]) : Elements.unsignedToDouble(k.l[p + i]);
                        Elements.castDouble(seg, off, type, v);
                    }
                } else {
                    for (int i = 0; i < n; i++, off += st) {
                        Elements.castLong(seg, off, type, k.l[p + i]);
                    }
                }
            }
            case F -> {
                if (to == Kind.FLOAT16) {
                    // float -> half in one rounding (a float16 kernel's values are already exact halves).
                    ValueLayout.OfShort lay = (ValueLayout.OfShort) type.layout();
                    for (int i = 0; i < n; i++, off += st) {
                        seg.set(lay, off, Float.floatToFloat16(k.f[p + i]));
                    }
                } else {
                    for (int i = 0; i < n; i++, off += st) {
                        Elements.castDouble(seg, off, type, k.f[p + i]);
                    }
                }
            }
            case D -> {
                for (int i = 0; i < n; i++, off += st) {
                    Elements.castDouble(seg, off, type, k.d[p + i]);
                }
            }
            case C -> complexRow(k, p, off, st, n);
        }
    }

    /** Writes complex values: into their own kind part by part, into others with NumPy's complex casts. */
    private void complexRow(ExprKernel k, int p, long off, long st, int n) {
        Kind to = type.kind();
        if (to == Kind.COMPLEX64 && k.kind == Kind.COMPLEX64) {
            ValueLayout.OfFloat lay = (ValueLayout.OfFloat) type.layout();
            for (int i = 0; i < n; i++, off += st) {
                seg.set(lay, off, (float) k.d[p + i]);
                seg.set(lay, off + 4, (float) k.di[p + i]);
            }
        } else if (to == Kind.COMPLEX128 && k.kind == Kind.COMPLEX128) {
            ValueLayout.OfDouble lay = (ValueLayout.OfDouble) type.layout();
            for (int i = 0; i < n; i++, off += st) {
                seg.set(lay, off, k.d[p + i]);
                seg.set(lay, off + 8, k.di[p + i]);
            }
        } else {
            for (int i = 0; i < n; i++, off += st) {
                Elements.castComplex(seg, off, type, k.d[p + i], k.di[p + i]);
            }
        }
    }
}
