package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * argmin, argmax: the position of the first NaN (for floats, or complex with a NaN part), else of the first
 * element equal to the extreme, as NumPy. Positions are slice positions in C order of the reduced axes, which the
 * engine guarantees for these operations. A partial keeps its candidate and position; merging prefers the left
 * partial on ties and a NaN found earlier, so the result is the same for any block structure.
 *
 * <p>nanargmin, nanargmax: NumPy's {@code _replace_nan}: a NaN element (complex: with a NaN part) counts as +inf
 * (nanargmin) or -inf (nanargmax; complex: ±inf + 0j), then as argmin/argmax, so a NaN's position is the answer when
 * the extreme is that infinity and the NaN comes first. A slice without a number gets -1, which the caller turns into
 * NumPy's "All-NaN slice encountered".
 */
final class ReduceArg extends ReducePick {

    @Serial
    private static final long serialVersionUID = 1L;

    private long[] idx;
    /** nan-variants of float and complex inputs: NaN counts as {@link #nanValue}. */
    private final boolean nanAsInf;
    private final double nanValue;
    /** With nanAsInf: whether output j has met a number. */
    private boolean[] seen;

    ReduceArg(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
        this.nanAsInf = skipNaN && carrier != ReduceOp.Carrier.LONG;
        this.nanValue = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    void clear(int w) {
        super.clear(w);
        idx = zeros(idx, w);
        seen = falses(seen, w);
    }

    /** A float element: in nan-variants NaN is replaced (and a number marks its output as seen). */
    private void feed(int j, double x, long at) {
        if (nanAsInf) {
            if (x != x) {
                x = nanValue;
            } else {
                seen[j] = true;
            }
        }
        offer(j, x, at);
    }

    /** A complex element: in nan-variants one with a NaN part becomes nanValue + 0j. */
    private void feed(int j, double re, double im, long at) {
        if (nanAsInf) {
            if (re != re || im != im) {
                re = nanValue;
                im = 0;
            } else {
                seen[j] = true;
            }
        }
        offer(j, re, im, at);
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
        if (!nanAsInf && has[0] && Double.isNaN(v[0])) {
            return true;
        }
        int size = f64 ? 8 : 4;
        long at = kernels.arg(s, off, n, f64, max, nanAsInf);
        double x = ReduceLanes.read(s, off + at * size, f64);
        if (nanAsInf && x != x) {
            // The best of the run is a NaN counted as an infinity: numbers equal to it may follow.
            offer(0, nanValue, pos + at);
            seen[0] |= hasNumber(s, off, size, n);
        } else {
            feed(0, x, pos + at);
        }
        return true;
    }

    /** Whether any of n float elements, stride bytes apart from off, is a number. */
    private boolean hasNumber(MemorySegment s, long off, long stride, long n) {
        for (long i = 0; i < n; i++) {
            double x = ReduceLanes.read(s, off + i * stride, f64);
            if (x == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    void sliceBuf(int m, long pos) {
        for (int i = 0; i < m; i++) {
            switch (carrier) {
                case LONG -> offer(0, sc.lv[i], pos + i);
                case DOUBLE -> feed(0, sc.re[i], pos + i);
                case COMPLEX -> feed(0, sc.re[i], sc.im[i], pos + i);
            }
        }
    }

    @Override
    boolean tileRun(int k, MemorySegment s, long col, int m, long[] rowOff, int count, long first) {
        if (first + count > 1L << 53) {
            return false; // the kernel carries positions as doubles
        }
        kernels.argTile(s, col, m, rowOff, count, first, first == firstRow, f64, max, nanAsInf, v, idx, k);
        java.util.Arrays.fill(has, k, k + m, true);
        for (int i = 0; nanAsInf && i < m; i++) {
            // A candidate other than the NaN stand-in is a number; else look for one in this tile's column.
            if (v[k + i] != nanValue) {
                seen[k + i] = true;
            } else if (!seen[k + i]) {
                long c = col + (long) i * (f64 ? 8 : 4);
                for (int t = 0; t < count && !seen[k + i]; t++) {
                    seen[k + i] = hasNumber(s, c + rowOff[t], 0, 1);
                }
            }
        }
        return true;
    }

    @Override
    boolean columnsRun(int k, MemorySegment s, long off, int m, long r) {
        for (int i = 0; i < m; i++) {
            double x = f64 ? s.get(ReduceRead.F64, off + 8L * i) : s.get(ReduceRead.F32, off + 4L * i);
            feed(k + i, x, r);
        }
        return true;
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        for (int i = 0; i < m; i++) {
            switch (carrier) {
                case LONG -> offer(k + i, sc.lv[i], r);
                case DOUBLE -> feed(k + i, sc.re[i], r);
                case COMPLEX -> feed(k + i, sc.re[i], sc.im[i], r);
            }
        }
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceArg r = (ReduceArg) right;
        for (int j = 0; j < width; j++) {
            if (r.has[j]) {
                // The right partial's candidates are already replaced: offered as they are.
                switch (carrier) {
                    case LONG -> offer(j, r.lv[j], r.idx[j]);
                    case DOUBLE -> offer(j, r.v[j], r.idx[j]);
                    case COMPLEX -> offer(j, r.v[j], r.vIm[j], r.idx[j]);
                }
                seen[j] |= r.seen[j];
            }
        }
    }

    @Override
    void write(int j, MemorySegment out, long off, DType outType) {
        writeLong(out, off, outType, nanAsInf && !seen[j] ? -1 : idx[j]);
    }
}
