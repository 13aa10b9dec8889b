package org.memmap4j.cli.plot;

import java.util.Arrays;
import java.util.Objects;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.exec.RangeTask;

/**
 * A 2-d array averaged down to a grid of at most so many cells, for a heatmap: one parallel pass, memory for the
 * grid only. Rows are cut into {@code gr = min(maxRows, R)} bands, band {@code i} covering rows
 * {@code [i*R//gr, (i+1)*R//gr)}, and columns likewise; each cell is the mean of its block skipping NaN
 * ({@code np.nanmean}), NaN when the block holds only NaN. An array that fits keeps one cell per element.
 */
public final class BlockMeans {

    private static final int BLOCK = 4096;

    private BlockMeans() {
    }

    /**
     * The averaged grid.
     *
     * @param rowStarts the first source row of each grid row, then the row count: {@code rows + 1} values
     * @param colStarts the first source column of each grid column, then the column count
     * @param mean      {@code mean[i][j]}: the NaN-skipping mean of the block of grid cell (i, j)
     */
    public record Grid(long[] rowStarts, long[] colStarts, double[][] mean) {

        /**
         * Validates the grid.
         *
         * @throws NullPointerException     if an array is null
         * @throws IllegalArgumentException if mean is not {@code rows x columns}
         */
        public Grid {
            Objects.requireNonNull(rowStarts, "rowStarts");
            Objects.requireNonNull(colStarts, "colStarts");
            Objects.requireNonNull(mean, "mean");
            if (mean.length != rowStarts.length - 1) {
                throw new IllegalArgumentException("mean has " + mean.length + " rows, expected " + (rowStarts.length - 1));
            }
            for (double[] row : mean) {
                if (row.length != colStarts.length - 1) {
                    throw new IllegalArgumentException("a row of mean has " + row.length + " cells, expected "
                            + (colStarts.length - 1));
                }
            }
        }

        /** {@return the number of grid rows} */
        public int rows() {
            return rowStarts.length - 1;
        }

        /** {@return the number of grid columns} */
        public int columns() {
            return colStarts.length - 1;
        }
    }

    /**
     * Averages a 2-d array down to at most {@code maxRows x maxCols} cells in one parallel pass.
     *
     * @param a        the data: 2-d, any real dtype, any view
     * @param maxRows  the most grid rows, at least 1
     * @param maxCols  the most grid columns, at least 1
     * @param executor where the chunks run
     * @param progress hears the bytes read
     * @return the grid: {@code min(maxRows, R) x min(maxCols, C)} cells
     * @throws IllegalArgumentException if a is not 2-d, has no elements, is complex, or a maximum is below 1
     * @throws IllegalStateException    if a is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public static Grid of(NDArray a, int maxRows, int maxCols, ChunkExecutor executor, ProgressListener progress) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(progress, "progress");
        Samples.requireReal(a);
        if (a.ndim() != 2) {
            throw new IllegalArgumentException("a heatmap needs 2-d data, got " + a.ndim() + "-d");
        }
        if (maxRows < 1 || maxCols < 1) {
            throw new IllegalArgumentException("the grid needs at least 1 x 1 cells, got " + maxRows + " x " + maxCols);
        }
        if (a.size() == 0) {
            throw new IllegalArgumentException("no elements to plot (shape " + Arrays.toString(a.shape()) + ")");
        }
        long rows = a.shape(0);
        long cols = a.shape(1);
        int gr = (int) Math.min(maxRows, rows);
        int gc = (int) Math.min(maxCols, cols);
        long bandBytes = (rows + gr - 1) / gr * cols * a.itemsize();
        Job<double[]> job = new Job<>("heatmap", gr, Math.max(1, bandBytes), 1, task(ArrayRef.of(a), rows, gr, gc));
        double[] flat = Cuts.run(executor, progress, job, 1, gc)[0];
        double[][] mean = new double[gr][];
        for (int i = 0; i < gr; i++) {
            mean[i] = Arrays.copyOfRange(flat, i * gc, (i + 1) * gc);
        }
        return new Grid(Cuts.all(rows, gr), Cuts.all(cols, gc), mean);
    }

    /** Units are grid rows; a chunk returns the cells of its grid rows, row after row. */
    private static RangeTask<double[]> task(ArrayRef ref, long rows, int gr, int gc) {
        return (from, to) -> ref.apply(arr -> {
            Samples samples = Samples.of(arr);
            long[] cuts = Cuts.all(arr.shape(1), gc);
            long rowStride = arr.strides()[0];
            long step = arr.strides()[1];
            long base = arr.segmentOffset();
            double[] out = new double[(int) (to - from) * gc];
            double[] sum = new double[gc];
            long[] count = new long[gc];
            double[] buf = new double[(int) Math.min(BLOCK, (arr.shape(1) + gc - 1) / gc)];
            for (long i = from; i < to; i++) {
                Arrays.fill(sum, 0);
                Arrays.fill(count, 0);
                for (long r = Cuts.at(i, rows, gr); r < Cuts.at(i + 1, rows, gr); r++) {
                    for (int j = 0; j < gc; j++) {
                        double s = 0;
                        long c = 0;
                        for (long k = cuts[j]; k < cuts[j + 1]; k += BLOCK) {
                            int b = (int) Math.min(BLOCK, cuts[j + 1] - k);
                            samples.read(base + r * rowStride + k * step, step, b, buf);
                            for (int q = 0; q < b; q++) {
                                double v = buf[q];
                                if (v == v) {
                                    s += v;
                                    c++;
                                }
                            }
                        }
                        sum[j] += s;
                        count[j] += c;
                    }
                }
                int at = (int) (i - from) * gc;
                for (int j = 0; j < gc; j++) {
                    out[at + j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
                }
            }
            return out;
        });
    }
}
