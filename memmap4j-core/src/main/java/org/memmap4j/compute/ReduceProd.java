package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * prod: integers and bool multiply in int64 arithmetic, wrapping like NumPy (the order does not matter); floats
 * multiply in float64, sequentially within a block, and complex numbers with NumPy's formula. Blocks merge by
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
        for (int i = 0; i < m; i++) {
            switch (carrier) {
                case LONG -> lp[0] *= sc.lv[i];
                case DOUBLE -> re[0] *= sc.re[i];
                case COMPLEX -> times(0, sc.re[i], sc.im[i]);
            }
        }
    }

    @Override
    void columnsBuf(int k, int m, long r) {
        for (int i = 0; i < m; i++) {
            switch (carrier) {
                case LONG -> lp[k + i] *= sc.lv[i];
                case DOUBLE -> re[k + i] *= sc.re[i];
                case COMPLEX -> times(k + i, sc.re[i], sc.im[i]);
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
