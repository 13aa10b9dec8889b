package org.memmap4j.compute;

import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;

/**
 * The reductions behind {@link Compute}: checks arguments as NumPy does, allocates the result and runs the
 * {@link ReduceEngine} with a {@link ReducePlan}.
 */
final class ReduceOps {

    private ReduceOps() {
    }

    /**
     * Reduces a over axes (null: all axes, like {@code axis=None}; empty: none, like {@code axis=()}).
     *
     * @param vector whether to use the vector kernels when available (tests compare both paths)
     */
    static NDArray reduce(Compute c, NDArray a, ReduceOp op, int[] axes, boolean keepdims, double ddof,
                          boolean vector) {
        Objects.requireNonNull(a, "a");
        if (a.isClosed()) {
            a.segment(); // throws the array's own "closed" message
        }
        int nd = a.ndim();
        boolean[] reduced = reducedAxes(axes, nd, op);
        long[] shape = a.shape();
        long outputs = 1;
        long length = 1;
        int outNd = 0;
        for (int i = 0; i < nd; i++) {
            if (reduced[i]) {
                length *= shape[i];
            } else {
                outputs *= shape[i];
            }
            outNd += reduced[i] && !keepdims ? 0 : 1;
        }
        if (length == 0 && outputs > 0 && op.needsElements()) {
            throw new IllegalArgumentException(op.family == ReduceOp.Family.ARG
                    ? "attempt to get " + op.messageName() + " of an empty sequence"
                    : "zero-size array to reduction operation " + op.numpyName + " which has no identity");
        }
        long[] outShape = new long[outNd];
        int[] outAxis = new int[nd];
        for (int i = 0, o = 0; i < nd; i++) {
            if (!reduced[i] || keepdims) {
                outShape[o] = reduced[i] ? 1 : shape[i];
                outAxis[i] = o++;
            } else {
                outAxis[i] = -1;
            }
        }
        DType outType = op.resultType(a.dtype());
        NDArray out = NDArrays.empty(outType, outShape);
        long[] outStrides = out.strides();
        long[] perAxis = new long[nd];
        for (int i = 0; i < nd; i++) {
            perAxis[i] = outAxis[i] < 0 ? 0 : outStrides[outAxis[i]];
        }
        ReducePlan plan = ReducePlan.of(shape, a.strides(), reduced, perAxis, op.family == ReduceOp.Family.ARG);
        ReduceEngine.run(c, a, out, plan, new ReduceEngine.Spec(op, ddof, vector));
        if ((op == ReduceOp.NANARGMIN || op == ReduceOp.NANARGMAX) && hasAllNaNSlice(out)) {
            throw new IllegalArgumentException("All-NaN slice encountered");
        }
        return out;
    }

    /** nanargmin/nanargmax write -1 for a slice without a number ({@link ReduceArg}); NumPy raises for any. */
    private static boolean hasAllNaNSlice(NDArray out) {
        java.lang.foreign.MemorySegment s = out.segment();
        long base = out.segmentOffset();
        for (long i = 0, n = out.size(); i < n; i++) {
            if (s.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, base + 8 * i) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Normalizes axes as NumPy: negative axes count from the end; out of range is NumPy's AxisError, repeated is
     * its "duplicate value in 'axis'". argmin/argmax of a 0-d array accept axis 0 or -1, as NumPy does.
     */
    static boolean[] reducedAxes(int[] axes, int nd, ReduceOp op) {
        boolean[] reduced = new boolean[nd];
        if (axes == null) {
            java.util.Arrays.fill(reduced, true);
            return reduced;
        }
        if (nd == 0 && op.family == ReduceOp.Family.ARG && axes.length == 1 && (axes[0] == 0 || axes[0] == -1)) {
            return reduced;
        }
        for (int ax : axes) {
            int a = ax < 0 ? ax + nd : ax;
            if (a < 0 || a >= nd) {
                // NumPy's argmin/argmax see a 0-d array as 1-d.
                int shown = nd == 0 && op.family == ReduceOp.Family.ARG ? 1 : nd;
                throw new IllegalArgumentException("axis " + ax + " is out of bounds for array of dimension " + shown);
            }
            if (reduced[a]) {
                throw new IllegalArgumentException("duplicate value in 'axis'");
            }
            reduced[a] = true;
        }
        return reduced;
    }
}
