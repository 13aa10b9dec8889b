package org.memmap4j.compute;

import java.util.Arrays;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;

/**
 * NumPy's shape rules of {@code np.matmul} and {@code np.dot}, turned into a stack of 2-d products: for every
 * element {@code e} of a batch (a multi-index over {@link #batch}), {@code A_e (m x k) @ B_e (k x p)} is written to
 * {@code O_e (m x p)}. Each matrix is given by byte strides from its array's element (0, ..., 0): {@code a} holds A's
 * row and inner strides, {@code b} B's inner and column strides, {@code o} O's row and column strides; the batch
 * axes add {@code aBatch[d]}, {@code bBatch[d]} and {@code oBatch[d]} per index. An operand repeated along a batch
 * axis (broadcast, or absent) has stride 0 there, as has a 1-d operand along the row or column it lacks.
 *
 * <ul>
 *   <li>matmul: the last two axes of each operand are its matrix; a 1-d {@code a} is a row (1, K), a 1-d {@code b}
 *       a column (K, 1), and the added axis is not in the result. The other (batch) axes broadcast as in any NumPy
 *       operation; an {@code out} may have more leading axes still, over which the same products repeat (the
 *       gufunc rule: the operands broadcast to out's batch axes, never the other way).</li>
 *   <li>dot: {@code dot(a, b)[i..., j..., c] = sum(a[i..., :] * b[j..., :, c])}, the last axis of {@code a} against
 *       the second-to-last of {@code b} (the only one when 1-d): every batch element of {@code a} meets every one of
 *       {@code b}, in the result's axes {@code a.shape[:-1] + b.shape[:-2] + b.shape[-1:]}.</li>
 * </ul>
 *
 * <p>{@link #simplified()} drops length-1 batch axes and folds batch axes into the rows where A and O continue
 * their rows along them and B does not change (a stack of matrices times one matrix is one tall matrix product), so
 * that tiles stay large. Folding only regroups output elements: each element's sum, and so its bits, is the same.
 *
 * @param m      rows of each product (1 for a 1-d {@code a})
 * @param k      the inner length
 * @param p      columns of each product (1 for a 1-d {@code b})
 * @param a      A's row stride and inner stride
 * @param b      B's inner stride and column stride
 * @param o      O's row stride and column stride
 * @param batch  lengths of the batch axes
 * @param aBatch a's stride along each batch axis
 * @param bBatch b's stride along each batch axis
 * @param oBatch out's stride along each batch axis
 */
record LinalgLayout(long m, long k, long p, long[] a, long[] b, long[] o, long[] batch, long[] aBatch, long[] bBatch,
                    long[] oBatch) implements java.io.Serializable {

    /** matmul's gufunc signature, quoted in its messages as NumPy quotes it. */
    private static final String SIGNATURE = "(n?,k),(k,m?)->(n?,m?)";

    /**
     * Returns the shape of {@code dot(a, b)} or {@code matmul(a, b)}.
     *
     * @throws IllegalArgumentException if an operand is 0-d, the inner lengths differ, or (matmul) the batch axes do
     *                                  not broadcast; the message names both shapes
     */
    static long[] shape(boolean dot, NDArray a, NDArray b) {
        String name = dot ? "dot" : "matmul";
        if (a.ndim() == 0 || b.ndim() == 0) {
            int which = a.ndim() == 0 ? 0 : 1;
            throw new IllegalArgumentException(dot
                    ? "dot: Input operand " + which + " does not have enough dimensions (0-d operands are not "
                            + "supported; multiply instead)"
                    : "matmul: Input operand " + which + " does not have enough dimensions (has 0, gufunc core with "
                            + "signature " + SIGNATURE + " requires 1)");
        }
        int na = a.ndim();
        int nb = b.ndim();
        long k = a.shape(na - 1);
        int bInner = Math.max(0, nb - 2);
        long kb = b.shape(bInner);
        if (k != kb) {
            throw new IllegalArgumentException(dot
                    ? "shapes " + tuple(a.shape()) + " and " + tuple(b.shape()) + " not aligned: " + k + " (dim "
                            + (na - 1) + ") != " + kb + " (dim " + bInner + ")"
                    : name + ": Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                            + SIGNATURE + " (size " + kb + " is different from " + k + "): shapes " + tuple(a.shape())
                            + " and " + tuple(b.shape()));
        }
        long[] as = a.shape();
        long[] bs = b.shape();
        long[] aRows = Arrays.copyOf(as, na - 1);
        long[] bCols = nb == 1 ? new long[0] : concat(Arrays.copyOf(bs, nb - 2), new long[] {bs[nb - 1]});
        if (dot) {
            return concat(aRows, bCols);
        }
        long[] batch = broadcast(batchShape(as), batchShape(bs), () -> "matmul: operands could not be broadcast "
                + "together: a " + tuple(as) + " has batch shape " + tuple(batchShape(as)) + ", b " + tuple(bs)
                + " batch shape " + tuple(batchShape(bs)));
        return concat(batch, core(na, nb, as, bs));
    }

    /**
     * Checks that {@code out} can take a product of shape {@code shape}: equal for dot; for matmul the same core
     * axes, and batch axes that the result's broadcast to (the same, or more leading ones).
     *
     * @throws IllegalArgumentException if it cannot, naming both shapes
     */
    static void checkOut(boolean dot, NDArray a, NDArray b, long[] shape, NDArray out) {
        long[] os = out.shape();
        if (Arrays.equals(os, shape)) {
            return;
        }
        String message = "out has shape " + tuple(os) + ", the result " + tuple(shape);
        int coreNd = (a.ndim() > 1 ? 1 : 0) + (b.ndim() > 1 ? 1 : 0);
        if (dot || os.length < shape.length) {
            throw new IllegalArgumentException(message);
        }
        int nb = os.length - coreNd;
        long[] outBatch = Arrays.copyOf(os, nb);
        long[] batch = Arrays.copyOf(shape, shape.length - coreNd);
        long[] joint = broadcast(batch, outBatch, () -> message);
        if (!Arrays.equals(joint, outBatch)
                || !Arrays.equals(Arrays.copyOfRange(os, nb, os.length), Arrays.copyOfRange(shape, batch.length,
                        shape.length))) {
            throw new IllegalArgumentException(message + " (matmul's out may only add leading axes)");
        }
    }

    /** {@return the layout of the product of a and b into out, whose shape {@link #checkOut} accepted} */
    static LinalgLayout of(boolean dot, NDArray a, NDArray b, NDArray out) {
        int na = a.ndim();
        int nb = b.ndim();
        long[] as = a.strides();
        long[] bs = b.strides();
        long[] os = out.strides();
        long m = na > 1 ? a.shape(na - 2) : 1;
        long k = a.shape(na - 1);
        long p = nb > 1 ? b.shape(nb - 1) : 1;
        long[] aCore = {na > 1 ? as[na - 2] : 0, as[na - 1]};
        long[] bCore = {bs[Math.max(0, nb - 2)], nb > 1 ? bs[nb - 1] : 0};
        int nd = out.ndim();
        int aBat = Math.max(0, na - 2);
        int bBat = Math.max(0, nb - 2);
        if (dot) {
            // Out's axes: a's batch, a's row, b's batch, b's column; every a-batch meets every b-batch.
            int rowAxis = na > 1 ? na - 2 : -1;
            long[] oCore = {rowAxis >= 0 ? os[rowAxis] : 0, nb > 1 ? os[nd - 1] : 0};
            long[] batch = concat(Arrays.copyOf(a.shape(), aBat), Arrays.copyOf(b.shape(), bBat));
            long[] oBatch = concat(Arrays.copyOf(os, aBat), Arrays.copyOfRange(os, na - 1, na - 1 + bBat));
            return new LinalgLayout(m, k, p, aCore, bCore, oCore, batch, concat(Arrays.copyOf(as, aBat),
                    new long[bBat]), concat(new long[aBat], Arrays.copyOf(bs, bBat)), oBatch);
        }
        int coreNd = (na > 1 ? 1 : 0) + (nb > 1 ? 1 : 0);
        int nbatch = nd - coreNd;
        long[] oCore = {na > 1 ? os[nbatch] : 0, nb > 1 ? os[nd - 1] : 0};
        long[] batch = Arrays.copyOf(out.shape(), nbatch);
        return new LinalgLayout(m, k, p, aCore, bCore, oCore, batch, batchStrides(a, aBat, batch),
                batchStrides(b, bBat, batch), Arrays.copyOf(os, nbatch));
    }

    /**
     * Strides of an operand's leading {@code n} axes along the batch axes they align with from the right: 0 where
     * it is broadcast (length 1) or has no axis.
     */
    private static long[] batchStrides(NDArray x, int n, long[] batch) {
        long[] s = new long[batch.length];
        for (int i = 0; i < n; i++) {
            if (x.shape(i) != 1) {
                s[batch.length - n + i] = x.strides()[i];
            }
        }
        return s;
    }

    /** {@return the number of batch elements} */
    long batches() {
        long n = 1;
        for (long l : batch) {
            n *= l;
        }
        return n;
    }

    /**
     * Returns the byte offsets of batch element {@code e} (the last batch axis fastest) in a, b and out, into
     * {@code at[0..2]}.
     */
    void offsets(long e, long[] at) {
        long xa = 0;
        long xb = 0;
        long xo = 0;
        for (int d = batch.length - 1; d >= 0; d--) {
            long i = e % batch[d];
            e /= batch[d];
            xa += i * aBatch[d];
            xb += i * bBatch[d];
            xo += i * oBatch[d];
        }
        at[0] = xa;
        at[1] = xb;
        at[2] = xo;
    }

    /**
     * Returns this layout without length-1 batch axes, and with every batch axis folded into the rows along which B
     * stays the same and A and O continue their rows ({@code stride == m * rowStride} for both; any strides when
     * there is one row).
     */
    LinalgLayout simplified() {
        long rows = m;
        long aRow = a[0];
        long oRow = o[0];
        boolean[] keep = new boolean[batch.length];
        int kept = 0;
        // Innermost first: in a C-ordered stack the last batch axis is the one that continues the rows.
        for (int d = batch.length - 1; d >= 0; d--) {
            if (batch[d] == 1) {
                continue;
            }
            boolean fold = bBatch[d] == 0 && (rows == 1 || (aBatch[d] == rows * aRow && oBatch[d] == rows * oRow));
            if (fold) {
                if (rows == 1) {
                    aRow = aBatch[d];
                    oRow = oBatch[d];
                }
                rows *= batch[d];
            } else {
                keep[d] = true;
                kept++;
            }
        }
        long[][] out = new long[4][kept];
        for (int d = 0, j = 0; d < batch.length; d++) {
            if (keep[d]) {
                out[0][j] = batch[d];
                out[1][j] = aBatch[d];
                out[2][j] = bBatch[d];
                out[3][j] = oBatch[d];
                j++;
            }
        }
        return new LinalgLayout(rows, k, p, new long[] {aRow, a[1]}, b, new long[] {oRow, o[1]}, out[0], out[1],
                out[2], out[3]);
    }

    /** matmul's core output axes: (m) when a is 2-d or more, then (p) when b is. */
    private static long[] core(int na, int nb, long[] as, long[] bs) {
        long[] c = new long[(na > 1 ? 1 : 0) + (nb > 1 ? 1 : 0)];
        int i = 0;
        if (na > 1) {
            c[i++] = as[na - 2];
        }
        if (nb > 1) {
            c[i] = bs[nb - 1];
        }
        return c;
    }

    private static long[] batchShape(long[] s) {
        return Arrays.copyOf(s, Math.max(0, s.length - 2));
    }

    /** NumPy's broadcasting of two shapes, with the caller's message when they do not broadcast. */
    private static long[] broadcast(long[] x, long[] y, java.util.function.Supplier<String> message) {
        try {
            return NDArrays.broadcastShapes(x, y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message.get(), e);
        }
    }

    private static long[] concat(long[] x, long[] y) {
        long[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    /** {@return a shape as NumPy prints it: {@code (3,4)}, {@code (5,)}, {@code ()}} */
    static String tuple(long[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i > 0 ? "," : "").append(s[i]);
        }
        return sb.append(s.length == 1 ? ",)" : ")").toString();
    }
}
