package org.memmap4j.cli.plot;

import java.util.List;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;

/**
 * How {@code n} elements are shared out among {@code parts} pixel columns (or heatmap cells): part {@code j} covers
 * {@code [j*n//parts, (j+1)*n//parts)}, the boundaries NumPy computes with {@code np.arange(parts + 1) * n // parts}.
 * Parts differ in size by at most one element, and none is empty when {@code parts <= n}.
 */
final class Cuts {

    private Cuts() {
    }

    /** {@return {@code floor(j * n / parts)}, without overflow for any n} */
    static long at(long j, long n, long parts) {
        // n = q * parts + r, so j * n / parts = j * q + j * r / parts, and j * r < parts^2 fits a long.
        return j * (n / parts) + j * (n % parts) / parts;
    }

    /** {@return the {@code parts + 1} boundaries, from 0 to n} */
    static long[] all(long n, int parts) {
        long[] b = new long[parts + 1];
        for (int j = 0; j <= parts; j++) {
            b[j] = at(j, n, parts);
        }
        return b;
    }

    /**
     * Runs a job whose chunks each return {@code blocks} equal blocks of {@code perUnit} doubles per unit (e.g. the
     * chunk's minima, then its maxima), and joins the chunks' blocks into {@code blocks} arrays over all units.
     */
    static double[][] run(ChunkExecutor executor, ProgressListener progress, Job<double[]> job, int blocks, int perUnit) {
        int length = Math.toIntExact(Math.multiplyExact(job.units(), perUnit));
        double[][] out = new double[blocks][length];
        List<double[]> parts = executor.map(job, progress);
        int at = 0;
        for (double[] p : parts) {
            int m = p.length / blocks;
            for (int k = 0; k < blocks; k++) {
                System.arraycopy(p, k * m, out[k], at, m);
            }
            at += m;
        }
        return out;
    }
}
