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
    public void gram(double[] tile, int rows, int w, double[] acc) {
        int body = w - w % LANES;
        for (int i = 0; i < rows; i++) {
            int j = 0;
            // Two rows j, j + 1 against row i: one load of row i feeds two sums.
            for (; j + 1 <= i; j += 2) {
                int p = i * (i + 1) / 2 + j;
                DoubleVector s0 = DoubleVector.fromArray(S, acc, LANES * p);
                DoubleVector s1 = DoubleVector.fromArray(S, acc, LANES * (p + 1));
                for (int k = 0; k < body; k += LANES) {
                    DoubleVector x = DoubleVector.fromArray(S, tile, i * w + k);
                    s0 = x.fma(DoubleVector.fromArray(S, tile, j * w + k), s0);
                    s1 = x.fma(DoubleVector.fromArray(S, tile, (j + 1) * w + k), s1);
                }
                s0.intoArray(acc, LANES * p);
                s1.intoArray(acc, LANES * (p + 1));
                tail(tile, i * w, j * w, body, w, acc, LANES * p);
                tail(tile, i * w, (j + 1) * w, body, w, acc, LANES * (p + 1));
            }
            for (; j <= i; j++) {
                dot(tile, i * w, tile, j * w, w, acc, LANES * (i * (i + 1) / 2 + j));
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

    private static void tail(double[] t, int ia, int ib, int from, int n, double[] acc, int at) {
        tail(t, ia, ib, from, n, acc, at, t);
    }

    /** The last {@code n % 4} elements, each to its own accumulator, as the scalar kernel adds them. */
    private static void tail(double[] a, int ia, int ib, int from, int n, double[] acc, int at, double[] b) {
        for (int k = from; k < n; k++) {
            acc[at + k - from] = Math.fma(a[ia + k], b[ib + k], acc[at + k - from]);
        }
    }
}
