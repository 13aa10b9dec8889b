package org.memmap4j.compute;

import java.io.Serial;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;

/**
 * var, std, nanvar, nanstd in one pass, in float64. A partial is (count, reference, mean - reference, M2) per output, per component for
 * complex (whose variance is that of the real part plus that of the imaginary part); partials merge with Chan's
 * formula. Slice mode uses {@link ReduceLanes.Var}; columns mode sums {@code d = x - k} and {@code d * d} per
 * output with k the output's first counted element of the block, which bounds the cancellation in
 * {@code M2 = sum(d^2) - sum(d)^2 / n} (k is a data value, so {@code (mean - k)^2 <= M2}).
 *
 * <p>The divisor is {@code max(n - ddof, 0)} for var/std (so x/0 gives inf or NaN, as NumPy), and the nan-variants
 * give NaN when {@code n - ddof <= 0}, as NumPy's nanvar.
 */
final class ReduceVar extends ReduceAcc {

    @Serial
    private static final long serialVersionUID = 1L;

    private final double ddof;
    private final boolean complex;
    private long[] n;
    // Means are kept relative to a reference (a shift the data were summed against): see ReduceLanes.chan.
    private double[] ref;
    private double[] mean;
    private double[] m2;
    private double[] refIm;
    private double[] meanIm;
    private double[] m2Im;
    // Columns mode: shift, sum of deviations, sum of squares per output (and per imaginary part).
    private transient double[] k;
    private transient double[] sd;
    private transient double[] sq;
    private transient double[] kIm;
    private transient double[] sdIm;
    private transient double[] sqIm;

    ReduceVar(ReduceOp op, DType in, double ddof, ReduceKernels kernels) {
        super(op, in, kernels);
        this.ddof = ddof;
        this.complex = carrier == ReduceOp.Carrier.COMPLEX;
    }

    @Override
    void clear(int w) {
        n = zeros(n, w);
        ref = zeros(ref, w);
        mean = zeros(mean, w);
        m2 = zeros(m2, w);
        if (complex) {
            refIm = zeros(refIm, w);
            meanIm = zeros(meanIm, w);
            m2Im = zeros(m2Im, w);
        }
        if (slices) {
            sc.var(false, skipNaN).reset();
            sc.var(true, skipNaN).reset();
        } else {
            k = zeros(k, w);
            sd = zeros(sd, w);
            sq = zeros(sq, w);
            if (complex) {
                kIm = zeros(kIm, w);
                sdIm = zeros(sdIm, w);
                sqIm = zeros(sqIm, w);
            }
        }
    }

    @Override
    boolean sliceRun(MemorySegment s, long off, long count, long pos) {
        sc.var(false, skipNaN).addRun(kernels, s, off, count, f64);
        return true;
    }

    @Override
    void sliceBuf(int m, long pos) {
        ReduceLanes.Var a = sc.var(false, skipNaN);
        double[] xr = sc.re;
        if (!complex) {
            for (int i = 0; i < m; i++) {
                a.add(xr[i]);
            }
            return;
        }
        ReduceLanes.Var b = sc.var(true, skipNaN);
        double[] xi = sc.im;
        for (int i = 0; i < m; i++) {
            if (skipNaN && (Double.isNaN(xr[i]) || Double.isNaN(xi[i]))) {
                a.skip();
                b.skip();
            } else {
                a.add(xr[i]);
                b.add(xi[i]);
            }
        }
    }

    @Override
    boolean tileRun(int k0, MemorySegment s, long col, int m, long[] rowOff, int count, long first) {
        if (skipNaN) {
            return false;
        }
        kernels.shiftTile(s, col, m, rowOff, count, first == firstRow, f64, k, sd, sq, k0);
        return true;
    }

    @Override
    boolean columnsRun(int k0, MemorySegment s, long off, int m, long r) {
        if (skipNaN) {
            return false;
        }
        double[] kk = k;
        double[] sum = sd;
        double[] sqs = sq;
        if (r == firstRow) {
            // The first row is the shift (its deviations are 0, or NaN for NaN and infinities: still added below).
            for (int i = 0; i < m; i++) {
                kk[k0 + i] = f64 ? s.get(ReduceRead.F64, off + 8L * i) : s.get(ReduceRead.F32, off + 4L * i);
            }
        }
        if (f64) {
            for (int i = 0; i < m; i++) {
                int j = k0 + i;
                double d = s.get(ReduceRead.F64, off + 8L * i) - kk[j];
                sum[j] += d;
                sqs[j] = Math.fma(d, d, sqs[j]);
            }
        } else {
            for (int i = 0; i < m; i++) {
                int j = k0 + i;
                double d = s.get(ReduceRead.F32, off + 4L * i) - kk[j];
                sum[j] += d;
                sqs[j] = Math.fma(d, d, sqs[j]);
            }
        }
        return true;
    }

    @Override
    void columnsBuf(int k0, int m, long r) {
        double[] xr = sc.re;
        double[] xi = sc.im;
        // Without NaN skipping every output counts every row (the count is set at the end of the block) and the
        // shift is the first row's element.
        boolean first = r == firstRow;
        for (int i = 0; i < m; i++) {
            int j = k0 + i;
            double x = xr[i];
            if (skipNaN && (Double.isNaN(x) || (complex && Double.isNaN(xi[i])))) {
                continue;
            }
            if (skipNaN ? n[j] == 0 : first) {
                k[j] = x;
                if (complex) {
                    kIm[j] = xi[i];
                }
            }
            double d = x - k[j];
            sd[j] += d;
            sq[j] = Math.fma(d, d, sq[j]);
            if (complex) {
                double e = xi[i] - kIm[j];
                sdIm[j] += e;
                sqIm[j] = Math.fma(e, e, sqIm[j]);
            }
            if (skipNaN) {
                n[j]++;
            }
        }
    }

    @Override
    void finish() {
        if (slices) {
            sc.var(false, skipNaN).finish(n, ref, mean, m2, 0);
            if (complex) {
                long[] count = new long[1];
                sc.var(true, skipNaN).finish(count, refIm, meanIm, m2Im, 0);
            }
        } else {
            if (!skipNaN) {
                java.util.Arrays.fill(n, rows);
            }
            for (int j = 0; j < width; j++) {
                long c = n[j];
                if (c > 0) {
                    ref[j] = k[j];
                    mean[j] = sd[j] / c;
                    m2[j] = Math.max(0.0, sq[j] - sd[j] * (sd[j] / c));
                    if (complex) {
                        refIm[j] = kIm[j];
                        meanIm[j] = sdIm[j] / c;
                        m2Im[j] = Math.max(0.0, sqIm[j] - sdIm[j] * (sdIm[j] / c));
                    }
                }
            }
            k = sd = sq = kIm = sdIm = sqIm = null;
        }
        super.finish();
    }

    @Override
    void merge(ReduceAcc right) {
        ReduceVar r = (ReduceVar) right;
        for (int j = 0; j < width; j++) {
            long t = ReduceLanes.chan(n, ref, mean, m2, j, r.n[j], r.ref[j], r.mean[j], r.m2[j]);
            if (complex) {
                ReduceLanes.chan(n, refIm, meanIm, m2Im, j, r.n[j], r.refIm[j], r.meanIm[j], r.m2Im[j]);
            }
            n[j] = t;
        }
    }

    @Override
    void write(int j, MemorySegment out, long off, DType outType) {
        double total = complex ? m2[j] + m2Im[j] : m2[j];
        double dof = n[j] - ddof;
        double v = skipNaN ? (dof > 0 ? total / dof : Double.NaN) : total / Math.max(dof, 0.0);
        if (op == ReduceOp.STD || op == ReduceOp.NANSTD) {
            v = Math.sqrt(v);
        }
        writeDouble(out, off, outType, v);
    }
}
