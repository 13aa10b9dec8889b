package org.memmap4j;

import org.memmap4j.internal.StridedLoop;
import org.memmap4j.internal.Elements;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/** Element-wise copy with casting, and fill, over strided views: the bulk data movement of the core. */
final class Copy {

    private Copy() {
    }

    /**
     * Copies src into dst (same shape) with NumPy's unsafe casting. Same dtypes move bytes: contiguous rows with
     * one bulk copy, strided rows element by element; other pairs convert through {@link Elements#cast}.
     */
    static void cast(NDArray src, NDArray dst) {
        StridedLoop loop = new StridedLoop(dst.shape, new long[][] {dst.strides, src.strides}, false);
        MemorySegment d = dst.rawSegment();
        MemorySegment s = src.rawSegment();
        DType to = dst.dtype;
        DType from = src.dtype;
        int size = to.itemSize();
        StridedLoop.RowOp op;
        if (from.equals(to)) {
            op = (off, st, n) -> {
                if (st[0] == size && st[1] == size) {
                    MemorySegment.copy(s, off[1], d, off[0], n * size);
                } else {
                    for (long i = 0, a = off[0], b = off[1]; i < n; i++, a += st[0], b += st[1]) {
                        MemorySegment.copy(s, b, d, a, size);
                    }
                }
            };
        } else {
            op = (off, st, n) -> {
                for (long i = 0, a = off[0], b = off[1]; i < n; i++, a += st[0], b += st[1]) {
                    Elements.cast(s, b, from, d, a, to);
                }
            };
        }
        try {
            loop.run(new long[] {dst.offset, src.offset}, op);
        } catch (IllegalStateException e) {
            throw src.isClosed() ? src.translate(e) : dst.translate(e);
        } catch (InternalError e) {
            throw NDArray.fault(e, src, dst);
        }
    }

    /** Encodes one element of a dtype into a fresh segment with the given writer. */
    static MemorySegment scalar(DType t, Consumer<MemorySegment> writer) {
        MemorySegment one = MemorySegment.ofArray(new byte[t.itemSize()]);
        writer.accept(one);
        return one;
    }

    /** Writes the encoded element {@code one} to every element of dst. */
    static void fill(NDArray dst, MemorySegment one) {
        int size = dst.itemsize();
        boolean zero = one.mismatch(MemorySegment.ofArray(new byte[size])) < 0;
        MemorySegment d = dst.rawSegment();
        StridedLoop loop = new StridedLoop(dst.shape, new long[][] {dst.strides}, false);
        try {
            loop.run(new long[] {dst.offset}, (off, st, n) -> {
                if (st[0] == size) {
                    MemorySegment row = d.asSlice(off[0], n * size);
                    if (zero) {
                        row.fill((byte) 0);
                        return;
                    }
                    // Write one element, then double the filled prefix with bulk copies.
                    MemorySegment.copy(one, 0, row, 0, size);
                    long filled = size;
                    long total = n * size;
                    while (filled < total) {
                        long chunk = Math.min(filled, total - filled);
                        MemorySegment.copy(row, 0, row, filled, chunk);
                        filled += chunk;
                    }
                } else {
                    for (long i = 0, a = off[0]; i < n; i++, a += st[0]) {
                        MemorySegment.copy(one, 0, d, a, size);
                    }
                }
            });
        } catch (IllegalStateException e) {
            throw dst.translate(e);
        } catch (InternalError e) {
            throw NDArray.fault(e, dst);
        }
    }


    /** Writes one element given its byte offset and its C-order flat position. */
    @FunctionalInterface
    interface FlatWriter {
        void write(MemorySegment s, long off, DType t, long flatIndex);
    }

    /** Calls f for every element of a, in C order, with the element's flat position: fills that depend on position. */
    static void fillByPosition(NDArray a, FlatWriter f) {
        a.checkWritable();
        MemorySegment s = a.rawSegment();
        DType t = a.dtype;
        long[] k = {0};
        try {
            new StridedLoop(a.shape, new long[][] {a.strides}, true).run(new long[] {a.offset}, (off, st, n) -> {
                for (long i = 0, p = off[0]; i < n; i++, p += st[0]) {
                    f.write(s, p, t, k[0]++);
                }
            });
        } catch (IllegalStateException e) {
            throw a.translate(e);
        } catch (InternalError e) {
            throw NDArray.fault(e, a);
        }
    }
}
