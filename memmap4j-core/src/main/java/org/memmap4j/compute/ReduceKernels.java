package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;

/**
 * Fast kernels for the hot loops of reductions over contiguous native float32/float64 runs. The only
 * implementation uses the Vector API ({@code VectorReduceKernels}); without it {@link #INSTANCE} is null and the
 * accumulators take their scalar path, which computes bit-for-bit the same results: each kernel's contract below
 * fixes every rounding (which elements go to which lane, in which order, from which start value).
 *
 * <p>Leaves are {@link #LEAF} consecutive elements; lane j of a leaf accumulates the elements whose position in the
 * leaf is j modulo {@link #LANES}, in order, starting from +0.0.
 */
interface ReduceKernels {

    /** Lanes per leaf: 16 independent sums, so that additions pipeline and the error of each stays small. */
    int LANES = 16;

    /** Elements per leaf: 16 per lane, as NumPy's pairwise summation has 8 accumulators of 16 per 128-block. */
    int LEAF = 256;

    /**
     * Elements per leaf of variances: 64 per lane. Longer than {@link #LEAF} because each variance leaf ends with
     * divisions and a Chan merge; the lanes sum deviations from a nearby shift, which keeps them small.
     */
    int VAR_LEAF = 1024;

    /** The vector kernels, or null when the Vector API is not available (or disabled). */
    ReduceKernels INSTANCE = Vectorization.load(ReduceKernels.class, "org.memmap4j.compute.VectorReduceKernels", null);

    /**
     * Sums the first count elements of a leaf into 16 lanes, from +0.0:
     * {@code lanes[j] = ((+0.0 + x[j]) + x[j + 16]) + ...}.
     *
     * @param s       the memory
     * @param off     byte offset of the leaf's first element
     * @param count   elements to sum: a multiple of 16, at most {@link #LEAF}
     * @param f64     float64 elements, else float32 (converted exactly to double)
     * @param skipNaN NaN elements count as +0.0 and are not counted
     * @param lanes   receives the 16 lane sums
     * @return the number of elements that are not skipped
     */
    int sumLeaf(MemorySegment s, long off, int count, boolean f64, boolean skipNaN, double[] lanes);

    /**
     * Sums whole consecutive leaves: {@code out[j]} becomes the sum of leaf j, its 16 lanes (as {@link #sumLeaf}
     * computes them) combined by {@link ReduceLanes#combine}'s tree. Bit-for-bit the same as sumLeaf then combine,
     * per leaf, but without a call and a lane array per leaf, which cost as much as the leaf's additions.
     *
     * @param leaves the number of leaves, at most {@code out.length}
     * @return the number of elements that are not skipped
     */
    int sumLeaves(MemorySegment s, long off, int leaves, boolean f64, boolean skipNaN, double[] out);

    /**
     * Sums the first count elements (a multiple of 16, at most {@link #VAR_LEAF}) of a variance leaf as deviations
     * from a shift k into 16 lanes: with {@code d = x - k} (0 for skipped NaN elements), {@code sum[j]} accumulates d
     * by addition and {@code sq[j]} by {@code Math.fma(d, d, sq[j])}, both from +0.0.
     *
     * @return the number of elements that are not skipped
     */
    int shiftLeaf(MemorySegment s, long off, int count, boolean f64, boolean skipNaN, double k, double[] sum,
                  double[] sq);

    /**
     * Returns the largest (or smallest) of n elements with {@link Math#max}'s order (-0.0 below +0.0): NaN if any
     * element is NaN, or with skipNaN the extreme of the other elements, NaN if there are none.
     */
    double extreme(MemorySegment s, long off, long n, boolean f64, boolean max, boolean skipNaN);

    /**
     * Returns the position of the first NaN among n &ge; 1 elements, else of the first element equal to their
     * largest (or smallest) value, as NumPy's argmax/argmin; with nanAsInf, the position of the first element equal
     * to the extreme when NaN counts as -inf (max) or +inf (min), as NumPy's nanargmax/nanargmin.
     */
    long arg(MemorySegment s, long off, long n, boolean f64, boolean max, boolean nanAsInf);

    // ---- rows of the columns strategy: element i of a contiguous row updates output k + i ----------------------

    /**
     * A tile of the columns strategy: n outputs k .. k + n - 1 whose elements of row t are the n contiguous elements at
     * byte {@code col + rowOff[t]}, for rows t = 0 .. rows - 1: {@code acc[k + i] += x[t][i]}, in row order.
     */
    void addTile(MemorySegment s, long col, int n, long[] rowOff, int rows, boolean f64, double[] acc, int k);

    /**
     * A tile (see {@link #addTile}) of shifted sums: if init, row 0 becomes the shift, {@code shift[k + i] = x[0][i]};
     * then for every row t (row 0 included), {@code d = x[t][i] - shift[k + i]; sum[k + i] += d;
     * sq[k + i] = Math.fma(d, d, sq[k + i])}.
     */
    void shiftTile(MemorySegment s, long col, int n, long[] rowOff, int rows, boolean init, boolean f64,
                   double[] shift, double[] sum, double[] sq, int k);

    /**
     * A tile (see {@link #addTile}) of extremes: if init, {@code v[k + i]} = row 0 first; then Math.max (or min) with
     * each (other) row.
     */
    void extremeTile(MemorySegment s, long col, int n, long[] rowOff, int rows, boolean init, boolean f64,
                     boolean max, double[] v, int k);

    /**
     * A tile (see {@link #addTile}) of arg-extremes, row t being reduced position first + t: if init, row 0 first sets
     * {@code v[k + i]} and {@code at[k + i] = first}; then for each (other) row, unless {@code v[k + i]} is NaN, if
     * {@code x[t][i]} is NaN or beats it strictly (greater for max, smaller for min), {@code v[k + i] = x[t][i]} and
     * {@code at[k + i] = first + t}. Positions must stay below 2^53. With nanAsInf every NaN element is first
     * replaced by -inf (max) or +inf (min), so v never holds NaN.
     */
    void argTile(MemorySegment s, long col, int n, long[] rowOff, int rows, long first, boolean init, boolean f64,
                 boolean max, boolean nanAsInf, double[] v, long[] at, int k);
}
