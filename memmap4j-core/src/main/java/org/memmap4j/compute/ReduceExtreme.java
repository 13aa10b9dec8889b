package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * min, max, nanmin, nanmax. Floats follow {@link Math#max}/{@link Math#min}: NaN propagates, and -0.0 orders below
 * +0.0, which makes the result independent of the order (NumPy keeps the first of two equal zeros instead). The
 * nan-variants ignore NaN and give NaN for an all-NaN slice. Integers compare exactly (uint64 through a flipped sign
 * bit); complex numbers compare lexicographically, and the first element with a NaN part wins, as in NumPy.
 */
final class ReduceExtreme extends ReducePick {

    @Serial
    private static final long serialVersionUID = 1L;

    ReduceExtreme(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
    }

    private void offer(int j, double x) {
        if (skipNaN && Double.isNaN(x)) {
            return;
        }
        if (!has[j]) {
            v[j] = x;
            has[j] = true;
        } else {
            v[j] = max ? Math.max(v[j], x) : Math.min(v[j], x);
        }
    }

    private void offer(int j, long x) {
        if (!has[j] || (max ? x > lv[j] : x < lv[j])) {
            lv[j] = x;
            has[j] = true;
        }
    }

    private void offer(int j, double re, double im) {
        boolean nan = Double.isNaN(re) || Double.isNaN(im);
        if (skipNaN && nan) {
            return;
        }
        if (has[j]) {
            if (complexNaN(j)) {
                return;
            }
            if (!nan && !beats(re, im, j)) {
                return;
            }
        }
        v[j] = re;
        vIm[j] = im;
        has[j] = true;
    }

    @Override
    boolean sliceRun(MemorySegment s, long off, long n, long pos) {
        offer(0, kernels.extreme(s, off, n, f64, max, skipNaN));
        return true;
    }

    @Override
    void sliceBuf(int m, long pos) {
        feed(0, m, false);
    }

    @Override
    boolean tileRun(int k, MemorySegment s, long col, int m, long[] rowOff, int count, long first) {
        if (skipNaN) {
            return false;
        }
        kernels.extremeTile(s, col, m, rowOff, count, first == firstRow, f64, max, v, k);
        java.util.Arrays.fill(has, k, k + m, true);
        return true;
    }

    @Override
    boolean columnsRun(int k, MemorySegment s, long off, int m, long r) {
        for (int i = 0; i < m; i++) {
            double x = f64 ? s.get(ReduceRead.F64, off + 8L * i) : s.get(ReduceRead.F32, off + 4L * i);
            offer(k + i, x);
        }
        return true;
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        feed(k, m, true);
    }

    private void feed(int k, int m, boolean columns) {
        for (int i = 0; i < m; i++) {
            int j = columns ? k + i : k;
            switch (carrier) {
                case LONG -> offer(j, sc.lv[i]);
                case DOUBLE -> offer(j, sc.re[i]);
                case COMPLEX -> offer(j, sc.re[i], sc.im[i]);
            }
        }
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceExtreme r = (ReduceExtreme) right;
        for (int j = 0; j < width; j++) {
            if (r.has[j]) {
                switch (carrier) {
                    case LONG -> offer(j, r.lv[j]);
                    case DOUBLE -> offer(j, r.v[j]);
                    case COMPLEX -> offer(j, r.v[j], r.vIm[j]);
                }
            }
        }
    }

    @Override
    void write(int j, MemorySegment out, long off, DType outType) {
        switch (carrier) {
            case LONG -> writeLong(out, off, outType, flip ? lv[j] ^ Long.MIN_VALUE : lv[j]);
            case DOUBLE -> writeDouble(out, off, outType, has[j] ? v[j] : Double.NaN);
            case COMPLEX -> writeComplex(out, off, outType, has[j] ? v[j] : Double.NaN,
                    has[j] ? vIm[j] : Double.NaN);
        }
    }
}
