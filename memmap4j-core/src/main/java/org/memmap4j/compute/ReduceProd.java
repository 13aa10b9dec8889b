package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * prod, nanprod: integers and bool multiply in int64 arithmetic, wrapping like NumPy (the order does not matter);
 * floats multiply in float64, sequentially within a block, and complex numbers with NumPy's formula; nanprod reads
 * NaN as 1 (complex: an element with a NaN part as 1 + 0j, as NumPy's {@code _replace_nan}). Blocks merge by
 * multiplication in a fixed tree.
 */
final class ReduceProd extends ReduceAcc {

    @Serial
    private static final long serialVersionUID = 1L;

    private long[] lp;
    private double[] re;
    private double[] im;

    ReduceProd(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
    }

    @Override
    void clear(int w) {
        switch (carrier) {
            case LONG -> {
                lp = zeros(lp, w);
                java.util.Arrays.fill(lp, 1L);
            }
            case DOUBLE -> {
                re = zeros(re, w);
                java.util.Arrays.fill(re, 1.0);
            }
            case COMPLEX -> {
                re = zeros(re, w);
                java.util.Arrays.fill(re, 1.0);
                im = zeros(im, w);
            }
        }
    }

    private void times(int j, double xr, double xi) {
        double a = re[j];
        double b = im[j];
        re[j] = a * xr - b * xi;
        im[j] = a * xi + b * xr;
    }

    @Override
    void sliceBuf(int m, long pos) {
        feed(0, m, false);
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        feed(k, m, true);
    }

    /** Multiplies in m converted elements; nanprod reads NaN as 1 (complex: an element with a NaN part as 1 + 0j). */
    private void feed(int k, int m, boolean columns) {
        for (int i = 0; i < m; i++) {
            int j = columns ? k + i : k;
            switch (carrier) {
                case LONG -> lp[j] *= sc.lv[i];
                case DOUBLE -> {
                    double x = sc.re[i];
                    if (!(skipNaN && x != x)) {
                        re[j] *= x;
                    }
                }
                case COMPLEX -> {
                    double xr = sc.re[i];
                    double xi = sc.im[i];
                    if (skipNaN && (xr != xr || xi != xi)) {
                        // NumPy multiplies by the 1 + 0j it puts in: an infinite product then gets NaN parts.
                        times(j, 1, 0);
                    } else {
                        times(j, xr, xi);
                    }
                }
            }
        }
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceProd r = (ReduceProd) right;
        for (int j = 0; j < width; j++) {
            switch (carrier) {
                case LONG -> lp[j] *= r.lp[j];
                case DOUBLE -> re[j] *= r.re[j];
                case COMPLEX -> times(j, r.re[j], r.im[j]);
            }
        }
    }

    @Override
    void write(int j, MemorySegment out, long off, DType outType) {
        switch (carrier) {
            case LONG -> writeLong(out, off, outType, lp[j]);
            case DOUBLE -> writeDouble(out, off, outType, re[j]);
            case COMPLEX -> writeComplex(out, off, outType, re[j], im[j]);
        }
    }
}
