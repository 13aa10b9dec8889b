package org.memmap4j.compute;

import java.io.Serial;
import org.memmap4j.DType;

/**
 * The common part of the accumulators that pick one element per output (min/max and argmin/argmax): the current
 * candidate of each output in its carrier (long, double, or complex parts) and whether there is one yet.
 */
abstract class ReducePick extends ReduceAcc {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Looking for the largest element (max, nanmax, argmax), else the smallest. */
    final boolean max;
    boolean[] has;
    long[] lv;
    double[] v;
    double[] vIm;

    ReducePick(ReduceOp op, DType in, ReduceKernels kernels) {
        super(op, in, kernels);
        this.max = op.largest();
    }

    @Override
    void clear(int w) {
        has = falses(has, w);
        switch (carrier) {
            case LONG -> lv = zeros(lv, w);
            case DOUBLE -> v = zeros(v, w);
            case COMPLEX -> {
                v = zeros(v, w);
                vIm = zeros(vIm, w);
            }
        }
    }

    /** Whether output j's complex candidate has a NaN part (NumPy's complex NaN). */
    final boolean complexNaN(int j) {
        return Double.isNaN(v[j]) || Double.isNaN(vIm[j]);
    }

    /** Whether the complex (re, im) beats output j's candidate strictly, in NumPy's lexicographic order. */
    final boolean beats(double re, double im, int j) {
        return max ? greater(re, im, v[j], vIm[j]) : greater(v[j], vIm[j], re, im);
    }

    /** NumPy's lexicographic order of complex numbers: a > b. */
    static boolean greater(double ar, double ai, double br, double bi) {
        return ar > br || (ar == br && ai > bi);
    }
}
