package org.memmap4j.compute;

import java.io.Serial;
import java.io.Serializable;
import org.memmap4j.DType.Kind;

/**
 * The partial result of a reduction under a mask over one chunk, and the fixed order that makes it independent of
 * chunking: positions are grouped in super-blocks of {@link #ALIGN} (chunk boundaries fall on them) and sub-blocks
 * of {@link #SUB}. A float sum adds each selected element to lane {@code i % 32} (float) or {@code i % 16}
 * (double) of its sub-block, sums the lanes in order in double, sums a super-block's sub-block sums in double, and
 * adds each super-block's sum to an exact accumulator ({@link MaskExactSum}), which merges across chunks exactly.
 * Integer sums wrap in 64 bits (exact modulo 2^64, so order-free); min and max are order-free too.
 */
final class MaskReducer implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Positions per super-block: the job alignment. */
    static final long ALIGN = 1L << 16;
    /** Positions per sub-block: the span of one set of lanes. */
    static final int SUB = 1024;

    /** What is reduced. */
    enum What { SUM, MEAN, MIN, MAX, COUNT }

    final What what;
    /** The kind values are accumulated in: FLOAT32 (float lanes), FLOAT64, INT64, UINT64, COMPLEX64 or COMPLEX128. */
    final Kind acc;
    long count;
    long lsum;
    final MaskExactSum exact = new MaskExactSum();
    /** The imaginary parts' sum of a complex reduction. */
    final MaskExactSum exactIm = new MaskExactSum();
    double dext;
    /** The imaginary part of a complex extreme (its real part is {@link #dext}). */
    double dextIm;
    long lext;
    boolean any;
    private double superSum;
    private double superSumIm;
    private transient float[] fl;
    private transient double[] dl;

    MaskReducer(What what, Kind acc) {
        this.what = what;
        this.acc = acc;
        this.dext = what == What.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.lext = acc == Kind.UINT64 ? (what == What.MIN ? -1L : 0) : (what == What.MIN ? Long.MAX_VALUE : Long.MIN_VALUE);
    }

    float[] floatLanes() {
        if (fl == null) {
            fl = new float[MaskKernels.F_LANES];
        }
        java.util.Arrays.fill(fl, 0);
        return fl;
    }

    double[] doubleLanes() {
        if (dl == null) {
            dl = new double[MaskKernels.D_LANES];
        }
        java.util.Arrays.fill(dl, 0);
        return dl;
    }

    /** Ends a sub-block of a float32 sum: its lanes, summed in order in double. */
    void endSub(float[] lanes) {
        double s = 0;
        for (float x : lanes) {
            s += x;
        }
        superSum += s;
    }

    /** Ends a sub-block of a float64 sum. */
    void endSub(double[] lanes) {
        double s = 0;
        for (double x : lanes) {
            s += x;
        }
        superSum += s;
    }

    /** Ends a super-block: its sum goes to the exact accumulator. */
    void endSuper() {
        exact.add(superSum);
        exactIm.add(superSumIm);
        superSum = 0;
        superSumIm = 0;
    }

    /**
     * Accumulates one evaluated block: n values (in the accumulation kind; null for a count) and their mask. The
     * block starts at a multiple of {@link #SUB} from its super-block's start.
     */
    void block(ExprKernel v, byte[] m, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += m[i];
        }
        count += k;
        if (what == What.COUNT || k == 0 && (what == What.MIN || what == What.MAX)) {
            return;
        }
        if (acc.isComplex()) {
            complexBlock(v, m, n);
            return;
        }
        if (what == What.MIN || what == What.MAX) {
            any = true;
            extreme(v, m, n);
            return;
        }
        switch (acc) {
            case FLOAT32 -> {
                float[] x = v.f;
                for (int s = 0; s < n; s += SUB) {
                    float[] lanes = floatLanes();
                    int e = Math.min(n, s + SUB);
                    int i = s;
                    // Groups of 32 as plain elementwise loops over the lanes, which C2 vectorises. An unselected
                    // element adds +0.0 (its bits masked off): lanes start at +0.0 and a sum of floats is -0.0
                    // only if every term is, so this equals not adding it, as the vector kernels' masked add.
                    for (; i + MaskKernels.F_LANES <= e; i += MaskKernels.F_LANES) {
                        for (int j = 0; j < MaskKernels.F_LANES; j++) {
                            lanes[j] += Float.intBitsToFloat(Float.floatToRawIntBits(x[i + j]) & -m[i + j]);
                        }
                    }
                    for (; i < e; i++) {
                        lanes[i - s & (MaskKernels.F_LANES - 1)] += Float.intBitsToFloat(Float.floatToRawIntBits(x[i]) & -m[i]);
                    }
                    endSub(lanes);
                }
            }
            case FLOAT64 -> {
                double[] x = v.d;
                for (int s = 0; s < n; s += SUB) {
                    double[] lanes = doubleLanes();
                    int e = Math.min(n, s + SUB);
                    int i = s;
                    for (; i + MaskKernels.D_LANES <= e; i += MaskKernels.D_LANES) {
                        for (int j = 0; j < MaskKernels.D_LANES; j++) {
                            lanes[j] += Double.longBitsToDouble(Double.doubleToRawLongBits(x[i + j]) & -(long) m[i + j]);
                        }
                    }
                    for (; i < e; i++) {
                        lanes[i - s & (MaskKernels.D_LANES - 1)] += Double.longBitsToDouble(Double.doubleToRawLongBits(x[i]) & -(long) m[i]);
                    }
                    endSub(lanes);
                }
            }
            default -> {
                long[] x = v.l;
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += m[i] != 0 ? x[i] : 0;
                }
                lsum += s;
            }
        }
    }

    private void extreme(ExprKernel v, byte[] m, int n) {
        boolean min = what == What.MIN;
        switch (v.dom) {
            case F -> {
                for (int i = 0; i < n; i++) {
                    if (m[i] != 0) {
                        dext = min ? Math.min(dext, v.f[i]) : Math.max(dext, v.f[i]);
                    }
                }
            }
            case D -> {
                for (int i = 0; i < n; i++) {
                    if (m[i] != 0) {
                        dext = min ? Math.min(dext, v.d[i]) : Math.max(dext, v.d[i]);
                    }
                }
            }
            default -> {
                boolean u = acc == Kind.UINT64;
                for (int i = 0; i < n; i++) {
                    if (m[i] != 0) {
                        long x = v.l[i];
                        int c = u ? Long.compareUnsigned(x, lext) : Long.compare(x, lext);
                        if (min ? c < 0 : c > 0) {
                            lext = x;
                        }
                    }
                }
            }
        }
    }

    /**
     * A block of complex values: each part summed in double per sub-block (then exactly across sub-blocks, so within
     * an ulp of the exact sum), or the extreme in NumPy's lexicographic order, where the first value with a NaN part
     * wins (as NumPy's complex minimum and maximum keep their first operand when it has one).
     */
    private void complexBlock(ExprKernel v, byte[] m, int n) {
        if (what == What.MIN || what == What.MAX) {
            boolean max = what == What.MAX;
            for (int i = 0; i < n; i++) {
                if (m[i] != 0) {
                    if (!any || !ExprComplexMath.keepsFirst(dext, dextIm, v.d[i], v.di[i], max)) {
                        dext = v.d[i];
                        dextIm = v.di[i];
                    }
                    any = true;
                }
            }
            return;
        }
        for (int s = 0; s < n; s += SUB) {
            double re = 0;
            double im = 0;
            for (int i = s, e = Math.min(n, s + SUB); i < e; i++) {
                if (m[i] != 0) {
                    re += v.d[i];
                    im += v.di[i];
                }
            }
            superSum += re;
            superSumIm += im;
        }
    }

    /** Merges the partial of the next chunk into this one. */
    void merge(MaskReducer o) {
        count += o.count;
        lsum += o.lsum;
        exact.add(o.exact);
        exactIm.add(o.exactIm);
        if (o.any) {
            if (!any) {
                dext = o.dext;
                dextIm = o.dextIm;
                lext = o.lext;
            } else if (acc.isComplex()) {
                if (!ExprComplexMath.keepsFirst(dext, dextIm, o.dext, o.dextIm, what == What.MAX)) {
                    dext = o.dext;
                    dextIm = o.dextIm;
                }
            } else if (acc.isFloat()) {
                dext = what == What.MIN ? Math.min(dext, o.dext) : Math.max(dext, o.dext);
            } else {
                int c = acc == Kind.UINT64 ? Long.compareUnsigned(o.lext, lext) : Long.compare(o.lext, lext);
                if (what == What.MIN ? c < 0 : c > 0) {
                    lext = o.lext;
                }
            }
            any = true;
        }
    }
}
