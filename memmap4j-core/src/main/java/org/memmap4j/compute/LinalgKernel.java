package org.memmap4j.compute;

/**
 * Dense double kernels of covariance and matrix products, with a fixed order of operations: every sum is four
 * interleaved accumulators (element {@code c} goes to accumulator {@code c % 4}, each updated with one fused
 * multiply-add), combined at the end as {@code (a0 + a1) + (a2 + a3)}. {@link VectorLinalgKernel} runs the four
 * accumulators as the lanes of a 256-bit vector; this scalar version runs them one by one with {@link Math#fma}, so
 * both give the same bits.
 */
interface LinalgKernel {

    /** Accumulators per sum. */
    int LANES = 4;

    /** The portable kernel. */
    LinalgKernel SCALAR = new Scalar();

    /** The kernel in use: vectorized when the Vector API is available. */
    LinalgKernel INSTANCE = Vectorization.load(LinalgKernel.class, "org.memmap4j.compute.VectorLinalgKernel", SCALAR);

    /**
     * Adds, for every pair of rows {@code i >= j} of a row-major tile ({@code rows} rows of {@code w} columns, row
     * {@code r} at {@code t[off + r * ld]}), the tile's sum of products of the two rows to {@code m2[p]},
     * {@code p = i (i + 1) / 2 + j}: four accumulators from zero, combined, then added.
     */
    void gram(double[] t, int off, int ld, int rows, int w, double[] m2);

    /**
     * Adds {@code a[ia + k] * b[ib + k]} for {@code k < n} to the accumulators {@code acc[at, at + 4)}, element
     * {@code k} to accumulator {@code k % 4}.
     */
    void dot(double[] a, int ia, double[] b, int ib, int n, double[] acc, int at);

    /** {@return the four accumulators at {@code acc[at]} combined as {@code (a0 + a1) + (a2 + a3)}} */
    static double sum(double[] acc, int at) {
        return (acc[at] + acc[at + 1]) + (acc[at + 2] + acc[at + 3]);
    }

    /** One accumulator at a time. */
    final class Scalar implements LinalgKernel {

        @Override
        public void gram(double[] t, int off, int ld, int rows, int w, double[] m2) {
            double[] acc = new double[LANES];
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j <= i; j++, p++) {
                    java.util.Arrays.fill(acc, 0);
                    dot(t, off + i * ld, t, off + j * ld, w, acc, 0);
                    m2[p] += LinalgKernel.sum(acc, 0);
                }
            }
        }

        @Override
        public void dot(double[] a, int ia, double[] b, int ib, int n, double[] acc, int at) {
            double a0 = acc[at];
            double a1 = acc[at + 1];
            double a2 = acc[at + 2];
            double a3 = acc[at + 3];
            int k = 0;
            for (; k + LANES <= n; k += LANES) {
                a0 = Math.fma(a[ia + k], b[ib + k], a0);
                a1 = Math.fma(a[ia + k + 1], b[ib + k + 1], a1);
                a2 = Math.fma(a[ia + k + 2], b[ib + k + 2], a2);
                a3 = Math.fma(a[ia + k + 3], b[ib + k + 3], a3);
            }
            if (k < n) {
                a0 = Math.fma(a[ia + k], b[ib + k], a0);
            }
            if (k + 1 < n) {
                a1 = Math.fma(a[ia + k + 1], b[ib + k + 1], a1);
            }
            if (k + 2 < n) {
                a2 = Math.fma(a[ia + k + 2], b[ib + k + 2], a2);
            }
            acc[at] = a0;
            acc[at + 1] = a1;
            acc[at + 2] = a2;
            acc[at + 3] = a3;
        }
    }
}
