package org.memmap4j.cli.plot;

import java.util.Objects;
import org.memmap4j.Index;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.exec.RangeTask;

/**
 * The min/max envelope of rows of data, one (min, max) pair per pixel column: what a line plot of every element
 * would draw, from one parallel pass over the data and with memory for the envelope only, so a line of
 * 20,000,000 points plots as fast as the data can be read.
 *
 * <p>A row of {@code n} elements is cut into {@code c = min(columns, n)} pixel columns; column {@code j} covers
 * elements {@code [j*n//c, (j+1)*n//c)}. Its minimum and maximum skip NaN, as {@code np.nanmin} and
 * {@code np.nanmax} of that slice do; a column of NaN only has NaN for both (a gap in the line).
 */
public final class Decimator {

    private static final int BLOCK = 4096;

    private Decimator() {
    }

    /**
     * The envelope of some rows.
     *
     * @param starts the first element of each column, and the row length after the last: {@code columns + 1}
     *               values from 0 to n
     * @param min    per row, the smallest non-NaN element of each column (NaN if it has none)
     * @param max    per row, the largest non-NaN element of each column (NaN if it has none)
     */
    public record Envelope(long[] starts, double[][] min, double[][] max) {

        /**
         * Validates the envelope.
         *
         * @throws NullPointerException     if an array is null
         * @throws IllegalArgumentException if the rows of min and max do not all have one value per column
         */
        public Envelope {
            Objects.requireNonNull(starts, "starts");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.length != max.length) {
                throw new IllegalArgumentException("min has " + min.length + " rows, max " + max.length);
            }
            for (int r = 0; r < min.length; r++) {
                if (min[r].length != starts.length - 1 || max[r].length != starts.length - 1) {
                    throw new IllegalArgumentException("row " + r + " does not have " + (starts.length - 1) + " columns");
                }
            }
        }

        /** {@return the number of rows (lines)} */
        public int rows() {
            return min.length;
        }

        /** {@return the number of pixel columns} */
        public int columns() {
            return starts.length - 1;
        }

        /** {@return the number of elements in a row} */
        public long length() {
            return starts[starts.length - 1];
        }
    }

    /**
     * Computes the envelope of a 1-d array (one row) or of every row of a 2-d array, in one parallel pass.
     *
     * @param a        the data: 1-d or 2-d, any real dtype, any view (strided, reversed, transposed)
     * @param columns  the most pixel columns per row, at least 1; rows shorter than this get one column per element
     * @param executor where the chunks run
     * @param progress hears the bytes read
     * @return the envelope, with {@code min(columns, n)} columns
     * @throws IllegalArgumentException if a is not 1-d or 2-d, has no elements, is complex, or columns is below 1
     * @throws IllegalStateException    if a is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public static Envelope envelope(NDArray a, int columns, ChunkExecutor executor, ProgressListener progress) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(progress, "progress");
        Samples.requireReal(a);
        if (a.ndim() != 1 && a.ndim() != 2) {
            throw new IllegalArgumentException("an envelope needs 1-d or 2-d data, got " + a.ndim() + "-d");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        if (a.size() == 0) {
            throw new IllegalArgumentException("no elements to plot (shape " + java.util.Arrays.toString(a.shape()) + ")");
        }
        long n = a.shape(a.ndim() - 1);
        int rows = a.ndim() == 2 ? Math.toIntExact(a.shape(0)) : 1;
        int cols = (int) Math.min(columns, n);
        long perColumn = (n + cols - 1) / cols;
        Job<double[]> job = new Job<>("plot envelope", (long) rows * cols, Math.max(1, perColumn * a.itemsize()), 1,
                task(ArrayRef.of(a), n, cols));
        double[][] mm = Cuts.run(executor, progress, job, 2, 1);
        double[][] min = new double[rows][];
        double[][] max = new double[rows][];
        for (int r = 0; r < rows; r++) {
            min[r] = java.util.Arrays.copyOfRange(mm[0], r * cols, (r + 1) * cols);
            max[r] = java.util.Arrays.copyOfRange(mm[1], r * cols, (r + 1) * cols);
        }
        return new Envelope(Cuts.all(n, cols), min, max);
    }

    /**
     * Computes the envelope of some rows of a 2-d array, one parallel pass per row over a view of it (no copy, as
     * {@code a[[r0, r1]]} would make).
     *
     * @param a        the data: 2-d, any real dtype, any view
     * @param rows     the rows, each in {@code [0, a.shape(0))}; at least one
     * @param columns  the most pixel columns per row, at least 1
     * @param executor where the chunks run
     * @param progress hears the bytes read, row after row
     * @return the envelope, one envelope row per entry of rows
     * @throws IllegalArgumentException if a is not 2-d, has no columns, is complex, rows is empty or holds a row
     *                                  out of range, or columns is below 1
     * @throws IllegalStateException    if a is closed
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public static Envelope envelope(NDArray a, int[] rows, int columns, ChunkExecutor executor, ProgressListener progress) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(rows, "rows");
        if (a.ndim() != 2) {
            throw new IllegalArgumentException("rows of an envelope need 2-d data, got " + a.ndim() + "-d");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to plot");
        }
        double[][] min = new double[rows.length][];
        double[][] max = new double[rows.length][];
        long[] starts = null;
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= a.shape(0)) {
                throw new IllegalArgumentException("row " + rows[k] + " is out of range for " + a.shape(0) + " rows");
            }
            Envelope e = envelope(a.get(Index.at(rows[k])), columns, executor, progress);
            starts = e.starts();
            min[k] = e.min()[0];
            max[k] = e.max()[0];
        }
        return new Envelope(starts, min, max);
    }

    /** Units are (row, column) pairs in row-major order; a chunk returns its minima, then its maxima. */
    private static RangeTask<double[]> task(ArrayRef ref, long n, int cols) {
        return (from, to) -> ref.apply(arr -> {
            Samples samples = Samples.of(arr);
            long rowStride = arr.ndim() == 2 ? arr.strides()[0] : 0;
            long step = arr.strides()[arr.ndim() - 1];
            long base = arr.segmentOffset();
            int m = (int) (to - from);
            double[] out = new double[2 * m];
            // Columns may be a single element: no bigger buffer than the widest column (tiny chunks are many).
            double[] buf = new double[(int) Math.min(BLOCK, (n + cols - 1) / cols)];
            for (int i = 0; i < m; i++) {
                long r = (from + i) / cols;
                long j = (from + i) % cols;
                long lo = Cuts.at(j, n, cols);
                long hi = Cuts.at(j + 1, n, cols);
                long off = base + r * rowStride + lo * step;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (long k = lo; k < hi; k += BLOCK) {
                    int b = (int) Math.min(BLOCK, hi - k);
                    samples.read(off + (k - lo) * step, step, b, buf);
                    for (int q = 0; q < b; q++) {
                        // NaN fails both comparisons: skipped, as np.nanmin/np.nanmax skip it.
                        double v = buf[q];
                        if (v < min) {
                            min = v;
                        }
                        if (v > max) {
                            max = v;
                        }
                    }
                }
                if (min > max) {
                    // Only NaN in this column (an infinite element would have set both).
                    min = Double.NaN;
                    max = Double.NaN;
                }
                out[i] = min;
                out[m + i] = max;
            }
            return out;
        });
    }
}
