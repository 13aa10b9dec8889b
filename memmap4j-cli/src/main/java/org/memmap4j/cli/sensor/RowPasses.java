package org.memmap4j.cli.sensor;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;

/**
 * The per-sensor passes over the processed readings that NumPy's own order of arithmetic decides: float32 sums with
 * min and max, float32 sums of squared deviations, and counts beyond a threshold. Each pass is one parallel job
 * over the segments of every row ({@link PairwiseSum}); a segment's results depend only on its elements, so the
 * answers are the same for any thread count and chunk size, and the heap holds a few numbers per segment whatever
 * the array's size.
 */
final class RowPasses {

    /** Computes a segment's results into {@code out[at .. at + width)}. */
    @FunctionalInterface
    private interface SegmentFunction extends Serializable {
        void apply(MemorySegment s, long off, long n, int row, double[] out, int at);
    }

    /** Per-row float32 sums (NumPy's), minima and maxima. */
    record SumMinMax(float[] sum, float[] min, float[] max) {
    }

    private final Compute compute;
    private final NDArray rows;
    private final PairwiseSum segments;

    /**
     * Passes over the rows of a C-contiguous float32 matrix.
     *
     * @param compute where the passes run
     * @param rows    S x N float32 in native byte order, rows contiguous
     * @throws IllegalArgumentException if rows is not such a matrix
     */
    RowPasses(Compute compute, NDArray rows) {
        if (rows.ndim() != 2 || !rows.dtype().equals(DType.FLOAT32) || (rows.shape(1) > 1 && rows.strides()[1] != 4)) {
            throw new IllegalArgumentException("row passes need a 2-d native float32 array with contiguous rows, got "
                    + rows.dtype() + " " + java.util.Arrays.toString(rows.shape()));
        }
        this.compute = compute;
        this.rows = rows;
        this.segments = PairwiseSum.forRows(rows.shape(1));
    }

    /**
     * Writes NumPy's float32 sum, the minimum and the maximum (NaN if a reading is NaN, as np.min and np.max) of n
     * float32 elements to {@code out[at .. at + 3)}.
     *
     * @param kernels the loops
     * @param s       the memory
     * @param off     the byte offset of the first element
     * @param n       the number of elements
     * @param out     where the three results go
     * @param at      the index of the first
     */
    static void sumMinMax(RowKernels kernels, MemorySegment s, long off, long n, double[] out, int at) {
        out[at] = PairwiseSum.sum(kernels, s, off, n, false, 0f);
        float[] minMax = new float[2];
        kernels.minMax(s, off, n, minMax);
        out[at + 1] = minMax[0];
        out[at + 2] = minMax[1];
    }

    /**
     * Merges per-segment sums, minima and maxima (three per segment, rows' segments in order) into per-row results.
     *
     * @param segments the rows' segmentation
     * @param rows     the number of rows
     * @param r        three results per segment
     * @return per row: NumPy's float32 sum, the minimum and the maximum
     */
    static SumMinMax mergeSumMinMax(PairwiseSum segments, int rows, double[] r) {
        int k = segments.segments();
        float[] sums = new float[rows * k];
        float[] min = new float[rows];
        float[] max = new float[rows];
        for (int row = 0; row < rows; row++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                int u = row * k + j;
                sums[u] = (float) r[3 * u];
                lo = Math.min(lo, (float) r[3 * u + 1]);
                hi = Math.max(hi, (float) r[3 * u + 2]);
            }
            min[row] = lo;
            max[row] = hi;
        }
        return new SumMinMax(segments.rowSums(sums, rows), min, max);
    }

    /**
     * Per row: NumPy's float32 sum of the squared float32 deviations {@code (x - mean) * (x - mean)}.
     *
     * @param means    the float32 mean of each row
     * @param progress hears the pass's progress
     * @return the sums
     */
    float[] sumSquares(float[] means, ProgressListener progress) {
        float[] m = means.clone();
        long size = rows.size();
        double[] r = run("sum of squares", 1, progress, (s, off, n, row, out, at) ->
                out[at] = PairwiseSum.sum(RowKernels.forPass(size), s, off, n, true, m[row]));
        float[] sums = new float[r.length];
        for (int u = 0; u < r.length; u++) {
            sums[u] = (float) r[u];
        }
        return segments.rowSums(sums, (int) rows.shape(0));
    }

    /**
     * Per row: how many readings x have {@code |x - mean| > threshold}, computed in float64 as NumPy computes
     * {@code np.abs(row - mean) > 3 * std} when mean and std are float64 values (NaN readings never count).
     *
     * @param mean      the float64 mean of each row
     * @param threshold the float64 threshold of each row
     * @param progress  hears the pass's progress
     * @return the counts
     */
    long[] countBeyond(double[] mean, double[] threshold, ProgressListener progress) {
        double[] m = mean.clone();
        double[] t = threshold.clone();
        long size = rows.size();
        double[] r = run("anomalies", 1, progress, (s, off, n, row, out, at) -> {
            out[at] = RowKernels.forPass(size).countBeyond(s, off, n, m[row], t[row]);
        });
        int rowsCount = (int) rows.shape(0);
        int k = segments.segments();
        long[] counts = new long[rowsCount];
        for (int u = 0; u < r.length; u++) {
            counts[u / k] += (long) r[u];
        }
        return counts;
    }

    /**
     * Runs f on every segment of every row, in parallel, and returns width results per segment, row by row. Units
     * are segments, so a chunk boundary never cuts one.
     */
    private double[] run(String name, int width, ProgressListener progress, SegmentFunction f) {
        int k = segments.segments();
        long units = rows.shape(0) * k;
        ArrayRef ref = ArrayRef.of(rows);
        PairwiseSum seg = segments;
        long unitBytes = Math.max(1, 4 * seg.longest());
        List<double[]> parts = compute.executor().map(new Job<>(name, units, unitBytes, 1, (from, to) -> ref.apply(a -> {
            MemorySegment s = a.segment();
            long base = a.segmentOffset();
            long rowStride = a.strides()[0];
            double[] out = new double[(int) (to - from) * width];
            for (long u = from; u < to; u++) {
                int row = (int) (u / k);
                int j = (int) (u % k);
                f.apply(s, base + row * rowStride + 4 * seg.offset(j), seg.length(j), row, out, (int) (u - from) * width);
            }
            return out;
        })), progress);
        return concat(parts, (int) units * width);
    }

    /** Joins chunks' partial results, in chunk order, into one array of the given length. */
    static double[] concat(List<double[]> parts, int length) {
        double[] all = new double[length];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
