package org.memmap4j.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LinalgKernel} with the Vector API: the four accumulators of a sum are the lanes of one 256-bit vector,
 * updated by vector fused multiply-adds, so results equal the scalar kernel's bit for bit. The Gram matrix is
 * computed in register blocks of 3 x 4 row pairs. Loaded by name, only when jdk.incubator.vector is present.
 */
final class VectorLinalgKernel implements LinalgKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    /** Public for {@link Vectorization#load}. */
    public VectorLinalgKernel() {
    }

    @Override
    public void gram(double[] tile, int off, int ld, int rows, int w, double[] m2) {
        // Blocks of 3 x 4 row pairs: 7 loads feed 12 sums per step (12 accumulators stay in registers). Each pair's
        // sum is still its own four lanes over the columns, so the result is the scalar kernel's.
        double[] acc = new double[LANES];
        int i0 = 0;
        for (; i0 + 3 <= rows; i0 += 3) {
            int jEnd = i0 + 3;
            int j0 = 0;
            for (; j0 + 4 <= jEnd; j0 += 4) {
                block(tile, off, ld, w, i0, j0, m2);
            }
            for (int j = j0; j < jEnd; j++) {
                for (int i = Math.max(i0, j); i < i0 + 3; i++) {
                    single(tile, off, ld, w, i, j, acc, m2);
                }
            }
        }
        for (int i = i0; i < rows; i++) {
            for (int j = 0; j <= i; j++) {
                single(tile, off, ld, w, i, j, acc, m2);
            }
        }
    }

    private void single(double[] tile, int off, int ld, int w, int i, int j, double[] acc, double[] m2) {
        java.util.Arrays.fill(acc, 0);
        dot(tile, off + i * ld, tile, off + j * ld, w, acc, 0);
        m2[i * (i + 1) / 2 + j] += LinalgKernel.sum(acc, 0);
    }

    /** Rows i0..i0+2 against rows j0..j0+3; pairs with j > i are computed and dropped. */
    private static void block(double[] t, int off, int ld, int w, int i0, int j0, double[] m2) {
        int body = w - w % LANES;
        int a0 = off + i0 * ld;
        int a1 = a0 + ld;
        int a2 = a1 + ld;
        int b0 = off + j0 * ld;
        int b1 = b0 + ld;
        int b2 = b1 + ld;
        int b3 = b2 + ld;
        DoubleVector s00 = DoubleVector.zero(S);
        DoubleVector s01 = DoubleVector.zero(S);
        DoubleVector s02 = DoubleVector.zero(S);
        DoubleVector s03 = DoubleVector.zero(S);
        DoubleVector s10 = DoubleVector.zero(S);
        DoubleVector s11 = DoubleVector.zero(S);
        DoubleVector s12 = DoubleVector.zero(S);
        DoubleVector s13 = DoubleVector.zero(S);
        DoubleVector s20 = DoubleVector.zero(S);
        DoubleVector s21 = DoubleVector.zero(S);
        DoubleVector s22 = DoubleVector.zero(S);
        DoubleVector s23 = DoubleVector.zero(S);
        for (int k = 0; k < body; k += LANES) {
            DoubleVector x0 = DoubleVector.fromArray(S, t, a0 + k);
            DoubleVector x1 = DoubleVector.fromArray(S, t, a1 + k);
            DoubleVector x2 = DoubleVector.fromArray(S, t, a2 + k);
            DoubleVector y = DoubleVector.fromArray(S, t, b0 + k);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            s20 = x2.fma(y, s20);
            y = DoubleVector.fromArray(S, t, b1 + k);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            s21 = x2.fma(y, s21);
            y = DoubleVector.fromArray(S, t, b2 + k);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            s22 = x2.fma(y, s22);
            y = DoubleVector.fromArray(S, t, b3 + k);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
            s23 = x2.fma(y, s23);
        }
        // Lanes out through an array of doubles: an array of vectors would make every accumulator an object.
        double[] lanes = new double[12 * LANES];
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, 4);
        s02.intoArray(lanes, 8);
        s03.intoArray(lanes, 12);
        s10.intoArray(lanes, 16);
        s11.intoArray(lanes, 20);
        s12.intoArray(lanes, 24);
        s13.intoArray(lanes, 28);
        s20.intoArray(lanes, 32);
        s21.intoArray(lanes, 36);
        s22.intoArray(lanes, 40);
        s23.intoArray(lanes, 44);
        for (int di = 0; di < 3; di++) {
            for (int dj = 0; dj < 4; dj++) {
                int i = i0 + di;
                int j = j0 + dj;
                if (j <= i) {
                    int at = LANES * (di * 4 + dj);
                    tail(t, off + i * ld, off + j * ld, body, w, lanes, at, t);
                    m2[i * (i + 1) / 2 + j] += LinalgKernel.sum(lanes, at);
                }
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
