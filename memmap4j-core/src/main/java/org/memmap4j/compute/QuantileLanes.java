package org.memmap4j.compute;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The geometry of a reduction over some axes: a <em>lane</em> is the set of elements that share the indices of
 * the kept axes, so an array of shape {@code (50, N)} reduced over axis 1 has 50 lanes of length N. Lanes are
 * numbered in C order of the kept axes (the order of the result), positions inside a lane in C order of the reduced
 * axes.
 *
 * <p>Two views of the same elements serve the two ways of reading them: {@link #movedShape}/{@link #movedStrides}
 * (kept axes first, then reduced ones) visits lane after lane in logical order; {@link #laneIds} gives each axis its
 * step in lane numbers (0 on reduced axes), so a loop that follows memory order can tell an element's lane from a
 * second, virtual operand.
 */
final class QuantileLanes implements Serializable {

    private static final long serialVersionUID = 1L;

    final long[] shape;
    final boolean[] reduced;
    final long lanes;
    final long length;
    final long[] outerShape;
    final long[] innerShape;
    final long[] movedShape;
    final long[] movedStrides;
    final long[] laneIds;

    /**
     * @param shape   the array's shape
     * @param strides the array's byte strides
     * @param axes    reduced axes (normalised, distinct), or null for all
     */
    QuantileLanes(long[] shape, long[] strides, int[] axes) {
        int nd = shape.length;
        this.shape = shape.clone();
        this.reduced = new boolean[nd];
        if (axes == null) {
            Arrays.fill(reduced, true);
        } else {
            for (int a : axes) {
                reduced[a] = true;
            }
        }
        int outer = 0;
        for (boolean r : reduced) {
            outer += r ? 0 : 1;
        }
        outerShape = new long[outer];
        innerShape = new long[nd - outer];
        movedShape = new long[nd];
        movedStrides = new long[nd];
        laneIds = new long[nd];
        int o = 0;
        int in = 0;
        long lanesCount = 1;
        long len = 1;
        for (int i = 0; i < nd; i++) {
            if (reduced[i]) {
                innerShape[in] = shape[i];
                movedShape[outer + in] = shape[i];
                movedStrides[outer + in] = strides[i];
                in++;
                len *= shape[i];
            } else {
                outerShape[o] = shape[i];
                movedShape[o] = shape[i];
                movedStrides[o] = strides[i];
                o++;
                lanesCount *= shape[i];
            }
        }
        long step = 1;
        for (int i = nd - 1; i >= 0; i--) {
            if (!reduced[i]) {
                laneIds[i] = step;
                step *= shape[i];
            }
        }
        this.lanes = lanesCount;
        this.length = len;
    }

    /** {@return the byte offset, from element (0, ..., 0), of position {@code pos} of lane {@code lane}} */
    long offset(long lane, long pos) {
        long off = 0;
        int nd = movedShape.length;
        int outer = outerShape.length;
        for (int i = nd - 1; i >= outer; i--) {
            long d = movedShape[i];
            off += (pos % d) * movedStrides[i];
            pos /= d;
        }
        for (int i = outer - 1; i >= 0; i--) {
            long d = movedShape[i];
            off += (lane % d) * movedStrides[i];
            lane /= d;
        }
        return off;
    }

    /** {@return the shape of a result with one value per lane} */
    long[] resultShape(boolean keepdims) {
        if (!keepdims) {
            return outerShape.clone();
        }
        long[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            if (reduced[i]) {
                s[i] = 1;
            }
        }
        return s;
    }

    /**
     * Normalises NumPy axis arguments: negative axes count from the end.
     *
     * @param axes the axes, or null for all
     * @param ndim the array's dimensions
     * @return the axes, or null for all
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    static int[] normalize(int[] axes, int ndim) {
        if (axes == null) {
            return null;
        }
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[ndim];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i];
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException("axis " + a + " is out of bounds for array of dimension " + ndim);
            }
            a = a < 0 ? a + ndim : a;
            if (seen[a]) {
                throw new IllegalArgumentException("repeated axis");
            }
            seen[a] = true;
            out[i] = a;
        }
        return out;
    }
}
