package org.memmap4j.cli.sensor;

import java.lang.foreign.MemorySegment;

/**
 * NumPy's float32 summation of a contiguous row, bit for bit. {@code np.sum}, {@code np.mean} and {@code np.std} of
 * float32 data add in float32 with {@code pairwise_sum} (numpy/_core/src/umath/loops_utils.h.src): fewer than 8
 * elements one after the other; up to 128 elements in eight interleaved accumulators combined as
 * {@code ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))}, then the rest one by one; longer ranges split at the
 * multiple of 8 at or below the middle, and the two halves' sums are added. Reproducing that order, rather than
 * summing more accurately, is what makes the per-sensor statistics NumPy's to the last bit, and with them the
 * anomaly counts, which compare every reading against the statistics.
 *
 * <p>A row is cut into segments that are whole subtrees of that recursion (ranges of at most {@code maxSegment}
 * elements), so segments can be summed in parallel and their sums merged by replaying the top of the recursion:
 * the result does not depend on threads or chunk sizes. Every row of a pipeline has the same length, hence the same
 * segments.
 */
final class PairwiseSum implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** NumPy's PW_BLOCKSIZE: ranges up to this length are summed by eight accumulators. */
    static final int BLOCK = 128;
    /** Segment length target: enough work per task, few enough segments per row to keep in memory. */
    static final long MIN_SEGMENT = 1 << 16;
    /** At most about this many segments per row, whatever its length: the merge keeps one float per segment. */
    static final long MAX_SEGMENTS = 1 << 11;

    private final long rowLength;
    private final long maxSegment;
    private final long[] offsets;
    private final long[] lengths;

    private PairwiseSum(long rowLength, long maxSegment) {
        this.rowLength = rowLength;
        this.maxSegment = maxSegment;
        int count = count(rowLength);
        this.offsets = new long[count];
        this.lengths = new long[count];
        int[] next = {0};
        cut(0, rowLength, next);
    }

    /**
     * Returns the segmentation of rows of a given length.
     *
     * @param rowLength  elements per row, at least 0
     * @param maxSegment the longest segment, at least {@link #BLOCK} (smaller values are raised to it)
     * @return the segmentation
     */
    static PairwiseSum forRows(long rowLength, long maxSegment) {
        return new PairwiseSum(rowLength, Math.max(BLOCK, maxSegment));
    }

    /** {@return the default segmentation of rows of this length: segments of 2^16 or more, at most ~2^11 per row} */
    static PairwiseSum forRows(long rowLength) {
        return forRows(rowLength, Math.max(MIN_SEGMENT, ceilDiv(rowLength, MAX_SEGMENTS)));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** NumPy's split point: half, rounded down to a multiple of the unroll factor 8. */
    static long half(long n) {
        long n2 = n / 2;
        return n2 - n2 % 8;
    }

    private int count(long n) {
        return n <= maxSegment ? 1 : count(half(n)) + count(n - half(n));
    }

    private void cut(long off, long n, int[] next) {
        if (n <= maxSegment) {
            offsets[next[0]] = off;
            lengths[next[0]++] = n;
            return;
        }
        long n2 = half(n);
        cut(off, n2, next);
        cut(off + n2, n - n2, next);
    }

    /** {@return the number of segments of a row} */
    int segments() {
        return offsets.length;
    }

    /** {@return the first element of segment k, counted from the start of the row} */
    long offset(int k) {
        return offsets[k];
    }

    /** {@return the length of segment k} */
    long length(int k) {
        return lengths[k];
    }

    /** {@return the longest segment} */
    long longest() {
        long m = 0;
        for (long l : lengths) {
            m = Math.max(m, l);
        }
        return m;
    }

    /**
     * Merges one row's segment sums as NumPy's recursion adds them, giving {@code np.sum} of the row (whose
     * reduction starts from the identity 0, hence the {@code 0f +}).
     *
     * @param sums the sums of all segments of all rows, in order
     * @param base the index of the row's first segment in sums
     * @return the row's float32 sum
     */
    float rowSum(float[] sums, int base) {
        int[] next = {base};
        return 0f + merge(rowLength, sums, next);
    }

    /**
     * Merges the segment sums of several rows ({@link #rowSum} of each).
     *
     * @param sums the sums of all segments of all rows, row by row
     * @param rows the number of rows
     * @return each row's float32 sum
     */
    float[] rowSums(float[] sums, int rows) {
        float[] out = new float[rows];
        for (int row = 0; row < rows; row++) {
            out[row] = rowSum(sums, row * segments());
        }
        return out;
    }

    private float merge(long n, float[] sums, int[] next) {
        if (n <= maxSegment) {
            return sums[next[0]++];
        }
        long n2 = half(n);
        float left = merge(n2, sums, next);
        return left + merge(n - n2, sums, next);
    }

    /**
     * Returns {@code pairwise_sum} of n float32 elements at byte offset off of s (native byte order), or of
     * {@code (x - m) * (x - m)} for each element x when squares is true (the sum inside NumPy's {@code np.var}, where
     * the deviations and their squares are float32 arrays).
     *
     * @param kernels the loops over blocks of up to 128 elements
     * @param s       the memory
     * @param off     the byte offset of the first element
     * @param n       the number of elements
     * @param squares whether to sum squared deviations from m instead of the elements
     * @param m       the mean the deviations are taken from (unused unless squares)
     * @return the float32 sum
     */
    static float sum(RowKernels kernels, MemorySegment s, long off, long n, boolean squares, float m) {
        if (n < 8) {
            float res = 0f;
            for (long i = 0; i < n; i++) {
                res += ScalarRowKernels.term(s, off + 4 * i, squares, m);
            }
            return res;
        }
        if (n <= BLOCK) {
            return kernels.block(s, off, (int) n, squares, m);
        }
        long n2 = half(n);
        float left = sum(kernels, s, off, n2, squares, m);
        return left + sum(kernels, s, off + 4 * n2, n - n2, squares, m);
    }
}
