package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * sum, nansum, mean, nanmean. Integers and bool sum exactly in int64 arithmetic, wrapping like NumPy (the order
 * does not matter); floats and complex parts sum in float64 in the fixed pairwise order of {@link ReduceLanes}
 * (slice mode) or sequentially per output within a block (columns mode), and blocks merge pairwise. NaN is skipped
 * by the nan-variants exactly as NumPy's replacement by 0 (a complex element with a NaN part is skipped whole);
 * the mean divides by the number of elements counted.
 */
final class ReduceSum extends ReduceAcc {

    @Serial
    private static final long serialVersionUID = 1L;

    private long[] count;
    private long[] lsum;
    private double[] re;
    private double[] im;

    ReduceSum(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
    }

    @Override
    void clear(int w) {
        count = zeros(count, w);
        switch (carrier) {
            case LONG -> lsum = zeros(lsum, w);
            case DOUBLE -> re = zeros(re, w);
            case COMPLEX -> {
                re = zeros(re, w);
                im = zeros(im, w);
            }
        }
        if (slices && carrier != ReduceOp.Carrier.LONG) {
            sc.sum(false).reset();
            sc.sum(true).reset();
        }
    }

    @Override
    boolean sliceRun(MemorySegment s, long off, long n, long pos) {
        count[0] += sc.sum(false).addRun(kernels, s, off, n, f64, skipNaN);
        return true;
    }

    @Override
    void sliceBuf(int m, long pos) {
        switch (carrier) {
            case LONG -> {
                long[] lv = sc.lv;
                long t = 0;
                for (int i = 0; i < m; i++) {
                    t += lv[i];
                }
                lsum[0] += t;
                count[0] += m;
            }
            case DOUBLE -> {
                double[] x = sc.re;
                ReduceLanes.Sum a = sc.sum(false);
                long c = 0;
                for (int i = 0; i < m; i++) {
                    if (skipNaN && Double.isNaN(x[i])) {
                        a.skip();
                    } else {
                        a.add(x[i]);
                        c++;
                    }
                }
                count[0] += c;
            }
            case COMPLEX -> {
                double[] xr = sc.re;
                double[] xi = sc.im;
                ReduceLanes.Sum a = sc.sum(false);
                ReduceLanes.Sum b = sc.sum(true);
                long c = 0;
                for (int i = 0; i < m; i++) {
                    if (skipNaN && (Double.isNaN(xr[i]) || Double.isNaN(xi[i]))) {
                        a.skip();
                        b.skip();
                    } else {
                        a.add(xr[i]);
                        b.add(xi[i]);
                        c++;
                    }
                }
                count[0] += c;
            }
        }
    }

    @Override
    boolean tileRun(int k, MemorySegment s, long col, int n, long[] rowOff, int count, long first) {
        if (skipNaN) {
            return false;
        }
        kernels.addTile(s, col, n, rowOff, count, f64, re, k);
        return true;
    }

    @Override
    boolean columnsRun(int k, MemorySegment s, long off, int n, long r) {
        if (skipNaN) {
            return false;
        }
        double[] a = re;
        if (f64) {
            for (int i = 0; i < n; i++) {
                a[k + i] += s.get(ReduceRead.F64, off + 8L * i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                a[k + i] += s.get(ReduceRead.F32, off + 4L * i);
            }
        }
        return true;
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        // Without NaN skipping every output counts every row: the count is set from rows at the end of the block.
        switch (carrier) {
            case LONG -> {
                long[] lv = sc.lv;
                for (int i = 0; i < m; i++) {
                    lsum[k + i] += lv[i];
                }
            }
            case DOUBLE -> {
                double[] x = sc.re;
                if (!skipNaN) {
                    for (int i = 0; i < m; i++) {
                        re[k + i] += x[i];
                    }
                    return;
                }
                for (int i = 0; i < m; i++) {
                    if (!Double.isNaN(x[i])) {
                        re[k + i] += x[i];
                        count[k + i]++;
                    }
                }
            }
            case COMPLEX -> {
                double[] xr = sc.re;
                double[] xi = sc.im;
                for (int i = 0; i < m; i++) {
                    if (!(skipNaN && (Double.isNaN(xr[i]) || Double.isNaN(xi[i])))) {
                        re[k + i] += xr[i];
                        im[k + i] += xi[i];
                        if (skipNaN) {
                            count[k + i]++;
                        }
                    }
                }
            }
        }
    }

    @Override
    void finish() {
        if (!slices && !(skipNaN && carrier != ReduceOp.Carrier.LONG)) {
            java.util.Arrays.fill(count, rows);
        }
        if (slices && carrier != ReduceOp.Carrier.LONG) {
            re[0] = sc.sum(false).finish();
            if (carrier == ReduceOp.Carrier.COMPLEX) {
                im[0] = sc.sum(true).finish();
            }
        }
        super.finish();
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceSum r = (ReduceSum) right;
        for (int i = 0; i < width; i++) {
            count[i] += r.count[i];
            switch (carrier) {
                case LONG -> lsum[i] += r.lsum[i];
                case DOUBLE -> re[i] += r.re[i];
                case COMPLEX -> {
                    re[i] += r.re[i];
                    im[i] += r.im[i];
                }
            }
        }
    }

    @Override
    void write(int k, MemorySegment out, long off, DType outType) {
        boolean mean = op == ReduceOp.MEAN || op == ReduceOp.NANMEAN;
        switch (carrier) {
            case LONG -> writeLong(out, off, outType, lsum[k]);
            case DOUBLE -> writeDouble(out, off, outType, mean ? re[k] / count[k] : re[k]);
            case COMPLEX -> {
                if (mean) {
                    // NumPy divides by the count as a complex number (Smith's algorithm with imaginary part 0):
                    // an infinite part then makes the other part NaN, and the division is a multiplication by 1/n.
                    double n = count[k];
                    double scl = 1.0 / n;
                    double r = n == 0 ? re[k] / 0.0 : (re[k] + im[k] * 0.0) * scl;
                    double i = n == 0 ? im[k] / 0.0 : (im[k] - re[k] * 0.0) * scl;
                    writeComplex(out, off, outType, r, i);
                } else {
                    writeComplex(out, off, outType, re[k], im[k]);
                }
            }
        }
    }
}
