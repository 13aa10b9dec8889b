package org.memmap4j.compute;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.memmap4j.DType.Kind;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;

/**
 * The second pass of a selection: with the ranges of the first pass's chunks and the output offset of each, writes
 * every chunk's selected elements (or rows) contiguously at its offset. Its units are those chunks, so it does not
 * depend on the executor cutting the second job as it cut the first.
 */
final class MaskSelection implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Expr cond;
    private final Expr values;
    private final long[] condShape;
    private final long rowLen;
    private final long[] starts;
    private final long[] ends;
    private final long[] offsets;

    MaskSelection(Expr cond, Expr values, long[] condShape, long rowLen, long[] starts, long[] ends, long[] offsets) {
        this.cond = cond;
        this.values = values;
        this.condShape = condShape;
        this.rowLen = rowLen;
        this.starts = starts;
        this.ends = ends;
        this.offsets = offsets;
    }

    /** Writes the selection into out (C-contiguous, of the selected count's shape). */
    void write(Compute c, NDArray out, long selected) {
        if (selected == 0 || out.size() == 0) {
            return;
        }
        ArrayRef outRef = ArrayRef.of(out);
        List<ExprArray> leaves = ExprProgram.leaves(cond, values);
        long perChunk = Math.max(1, (ends[ends.length - 1] * rowLen * out.itemsize()) / starts.length);
        c.executor.map(new Job<Void>("select by " + cond, starts.length, perChunk, 1, (k0, k1) ->
                outRef.apply(o -> ExprProgram.withArrays(leaves, arrays -> {
                    for (int k = (int) k0; k < k1; k++) {
                        writeChunk(o, arrays, k);
                    }
                    return null;
                }))), c.progress);
    }

    private void writeChunk(NDArray out, java.util.IdentityHashMap<ExprArray, NDArray> arrays, int k) {
        ExprKernel m = cond.compileAs(new ExprContext(condShape, ExprProgram.BLOCK, arrays), Kind.BOOL);
        long[] valueShape = rowLen == 1 ? condShape : values.shape;
        ExprKernel v = values.compile(new ExprContext(valueShape, ExprProgram.BLOCK, arrays));
        // The output as one flat run of elements, so rows and elements alike are written at flat positions.
        ExprSink sink = new ExprSink(out.reshape(-1));
        long at = offsets[k] * rowLen;
        for (long p = starts[k]; p < ends[k]; p += ExprProgram.BLOCK) {
            int n = (int) Math.min(ExprProgram.BLOCK, ends[k] - p);
            m.compute(p, n);
            byte[] mask = m.b;
            if (rowLen == 1) {
                v.compute(p, n);
                int j = compact(v, mask, n);
                sink.write(v, 0, at, j);
                at += j;
            } else {
                for (int i = 0; i < n; ) {
                    if (mask[i] == 0) {
                        i++;
                        continue;
                    }
                    int r = i;
                    while (r < n && mask[r] != 0) {
                        r++;
                    }
                    long from = (p + i) * rowLen;
                    long to = (p + r) * rowLen;
                    ExprProgram.stream(v, sink, from, to, from - at);
                    at += to - from;
                    i = r;
                }
            }
        }
    }

    /** Moves the selected values to the front of the kernel's buffer; returns how many. */
    private static int compact(ExprKernel v, byte[] mask, int n) {
        int j = 0;
        switch (v.dom) {
            case B -> { for (int i = 0; i < n; i++) { if (mask[i] != 0) { v.b[j++] = v.b[i]; } } }
            case L -> { for (int i = 0; i < n; i++) { if (mask[i] != 0) { v.l[j++] = v.l[i]; } } }
            case F -> { for (int i = 0; i < n; i++) { if (mask[i] != 0) { v.f[j++] = v.f[i]; } } }
            case D -> { for (int i = 0; i < n; i++) { if (mask[i] != 0) { v.d[j++] = v.d[i]; } } }
            case C -> {
                for (int i = 0; i < n; i++) {
                    if (mask[i] != 0) {
                        v.di[j] = v.di[i];
                        v.d[j++] = v.d[i];
                    }
                }
            }
        }
        return j;
    }
}
