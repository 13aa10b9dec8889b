package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * argmin, argmax: the position of the first NaN (for floats, or complex with a NaN part), else of the first
 * element equal to the extreme, as NumPy. Positions are slice positions in C order of the reduced axes, which the
 * engine guarantees for these operations. A partial keeps its candidate and position; merging prefers the left
 * partial on ties and a NaN found earlier, so the result is the same for any block structure.
 */
final class ReduceArg extends ReducePick {

    @Serial
    private static final long serialVersionUID = 1L;

    private long[] idx;

    ReduceArg(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
    }

    @Override
    void clear(int w) {
        super.clear(w);
        idx = zeros(idx, w);
    }

    private void offer(int j, double x, long at) {
        if (has[j]) {
            double cur = v[j];
            if (Double.isNaN(cur) || !(Double.isNaN(x) || (max ? x > cur : x < cur))) {
                return;
            }
        }
        v[j] = x;
        idx[j] = at;
        has[j] = true;
    }

    private void offer(int j, long x, long at) {
        if (!has[j] || (max ? x > lv[j] : x < lv[j])) {
            lv[j] = x;
            idx[j] = at;
            has[j] = true;
        }
    }

    private void offer(int j, double re, double im, long at) {
        if (has[j]) {
            if (complexNaN(j)) {
                return;
            }
            boolean nan = Double.isNaN(re) || Double.isNaN(im);
            if (!nan && !beats(re, im, j)) {
                return;
            }
        }
        v[j] = re;
        vIm[j] = im;
        idx[j] = at;
        has[j] = true;
    }

    @Override
    boolean sliceRun(MemorySegment s, long off, long n, long pos) {
        if (has[0] && Double.isNaN(v[0])) {
            return true;
        }
        long at = kernels.arg(s, off, n, f64, max);
        offer(0, ReduceLanes.read(s, off + at * (f64 ? 8 : 4), f64), pos + at);
        return true;
    }

    @Override
    void sliceBuf(int m, long pos) {
        for (int i = 0; i < m; i++) {
            switch (carrier) {
                case LONG -> offer(0, sc.lv[i], pos + i);
                case DOUBLE -> offer(0, sc.re[i], pos + i);
                case COMPLEX -> offer(0, sc.re[i], sc.im[i], pos + i);
            }
        }
    }

    @Override
    boolean tileRun(int k, MemorySegment s, long col, int m, long[] rowOff, int count, long first) {
        if (first + count > 1L << 53) {
            return false; // the kernel carries positions as doubles
        }
        kernels.argTile(s, col, m, rowOff, count, first, first == firstRow, f64, max, v, idx, k);
        java.util.Arrays.fill(has, k, k + m, true);
        return true;
    }

    @Override
    boolean columnsRun(int k, MemorySegment s, long off, int m, long r) {
        for (int i = 0; i < m; i++) {
            double x = f64 ? s.get(ReduceRead.F64, off + 8L * i) : s.get(ReduceRead.F32, off + 4L * i);
            offer(k + i, x, r);
        }
        return true;
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        for (int i = 0; i < m; i++) {
            switch (carrier) {
                case LONG -> offer(k + i, sc.lv[i], r);
                case DOUBLE -> offer(k + i, sc.re[i], r);
                case COMPLEX -> offer(k + i, sc.re[i], sc.im[i], r);
            }
        }
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceArg r = (ReduceArg) right;
        for (int j = 0; j < width; j++) {
            if (r.has[j]) {
                switch (carrier) {
                    case LONG -> offer(j, r.lv[j], r.idx[j]);
                    case DOUBLE -> offer(j, r.v[j], r.idx[j]);
                    case COMPLEX -> offer(j, r.v[j], r.vIm[j], r.idx[j]);
                }
            }
        }
    }

    @Override
    void write(int j, MemorySegment out, long off, DType outType) {
        writeLong(out, off, outType, idx[j]);
    }
}
