package org.memmap4j.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LinalgKernel} with the Vector API: the four accumulators of a sum are the lanes of one 256-bit vector,
 * updated by vector fused multiply-adds, so results equal the scalar kernel's bit for bit. Pairs of rows are taken
 * two by two (four sums per loop), reusing each loaded vector twice. Loaded by name, only when
 * jdk.incubator.vector is present.
 */
final class VectorLinalgKernel implements LinalgKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    /** Public for {@link Vectorization#load}. */
    public VectorLinalgKernel() {
    }

    @Override
    public void gram(double[] tile, int rows, int w, double[] m2) {
        int body = w - w % LANES;
        double[] acc = new double[2 * LANES];
        for (int i = 0; i < rows; i++) {
            int j = 0;
            // Two rows j, j + 1 against row i: one load of row i feeds two sums.
            for (; j + 1 <= i; j += 2) {
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = DoubleVector.zero(S);
                for (int k = 0; k < body; k += LANES) {
                    DoubleVector x = DoubleVector.fromArray(S, tile, i * w + k);
                    s0 = x.fma(DoubleVector.fromArray(S, tile, j * w + k), s0);
                    s1 = x.fma(DoubleVector.fromArray(S, tile, (j + 1) * w + k), s1);
                }
                s0.intoArray(acc, 0);
                s1.intoArray(acc, LANES);
                tail(tile, i * w, j * w, body, w, acc, 0, tile);
                tail(tile, i * w, (j + 1) * w, body, w, acc, LANES, tile);
                int p = i * (i + 1) / 2 + j;
                m2[p] += LinalgKernel.sum(acc, 0);
                m2[p + 1] += LinalgKernel.sum(acc, LANES);
            }
            for (; j <= i; j++) {
                java.util.Arrays.fill(acc, 0, LANES, 0);
                dot(tile, i * w, tile, j * w, w, acc, 0);
                m2[i * (i + 1) / 2 + j] += LinalgKernel.sum(acc, 0);
            }
        }
    }

    @Override
    public void dot(double[] a, int ia, double[] b, int ib, int n, double[] acc, int at) {
        int body = n - n % LANES;
        DoubleVector s = DoubleVector.fromArray(S, acc, at);
        for (int k = 0; k < body; k += LANES) {
            s = DoubleVector.fromArray(S, a, ia + k).fma(DoubleVector.fromArray(S, b, ib + k), s);
        }
        s.intoArray(acc, at);
        tail(a, ia, ib, body, n, acc, at, b);
    }

    /** The last {@code n % 4} elements, each to its own accumulator, as the scalar kernel adds them. */
    private static void tail(double[] a, int ia, int ib, int from, int n, double[] acc, int at, double[] b) {
        for (int k = from; k < n; k++) {
            acc[at + k - from] = Math.fma(a[ia + k], b[ib + k], acc[at + k - from]);
        }
    }
}
