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
     * Sums one leaf into 16 lanes: {@code lanes[j] = ((+0.0 + x[j]) + x[j + 16]) + ...}.
     *
     * @param s       the memory
     * @param off     byte offset of the first of {@link #LEAF} elements
     * @param f64     float64 elements, else float32 (converted exactly to double)
     * @param skipNaN NaN elements count as +0.0 and are not counted
     * @param lanes   receives the 16 lane sums
     * @return the number of elements that are not skipped
     */
    int sumLeaf(MemorySegment s, long off, boolean f64, boolean skipNaN, double[] lanes);

    /**
     * Sums one variance leaf ({@link #VAR_LEAF} elements) of deviations from a shift k into 16 lanes: with {@code d = x - k} (0 for skipped NaN elements),
     * {@code sum[j]} accumulates d by addition and {@code sq[j]} by {@code Math.fma(d, d, sq[j])}.
     *
     * @return the number of elements that are not skipped
     */
    int shiftLeaf(MemorySegment s, long off, boolean f64, boolean skipNaN, double k, double[] sum, double[] sq);

    /**
     * Returns the largest (or smallest) of n elements with {@link Math#max}'s order (-0.0 below +0.0): NaN if any
     * element is NaN, or with skipNaN the extreme of the other elements, NaN if there are none.
     */
    double extreme(MemorySegment s, long off, long n, boolean f64, boolean max, boolean skipNaN);

    /**
     * Returns the position of the first NaN among n &ge; 1 elements, else of the first element equal to their
     * largest (or smallest) value, as NumPy's argmax/argmin.
     */
    long arg(MemorySegment s, long off, long n, boolean f64, boolean max);
}
