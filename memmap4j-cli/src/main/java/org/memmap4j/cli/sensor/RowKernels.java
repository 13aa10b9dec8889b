package org.memmap4j.cli.sensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The inner loops of the per-sensor passes over native float32 memory, in two implementations that give identical
 * results: {@link ScalarRowKernels}, and {@code VectorRowKernels} with the Vector API, which the JVM has only with
 * {@code --add-modules jdk.incubator.vector} (the launcher and the tests add it), so it is loaded by name when the
 * module is present. {@code -Dmemmap4j.vector=false} keeps the scalar loops.
 *
 * <p>Vector code is fast only once C2 has compiled it: until then every vector operation allocates, hundreds of
 * times slower than a scalar loop. A pass over the default 50 x 100,000 readings ends before that, so small passes
 * take the scalar loops and only passes of {@link #VECTOR_MIN_ELEMENTS} or more take the vector ones (4 times less
 * CPU for the sums of squares over 50 x 20M readings).
 */
interface RowKernels {

    /** The scalar loops. */
    RowKernels SCALAR = new ScalarRowKernels();
    /** The fastest loops this JVM has. */
    RowKernels FASTEST = load();
    /** Passes over at least this many elements use {@link #FASTEST}; the break-even, measured, is near 10^8. */
    long VECTOR_MIN_ELEMENTS = 1L << 27;

    /**
     * Returns the kernels for a pass over a number of elements.
     *
     * @param elements the elements the pass reads
     * @return the vector kernels for long passes when available, else the scalar ones
     */
    static RowKernels forPass(long elements) {
        return elements >= VECTOR_MIN_ELEMENTS ? FASTEST : SCALAR;
    }

    /**
     * Returns NumPy's {@code pairwise_sum} of a block of 8 to 128 elements ({@link PairwiseSum#BLOCK}): eight
     * accumulators over the multiple of 8, combined as {@code ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))}, then
     * the remaining elements added one by one; of the elements, or with squares of {@code (x - m) * (x - m)}.
     *
     * @param s       the memory
     * @param off     the byte offset of the first element
     * @param n       the number of elements, 8 to 128
     * @param squares whether to sum squared deviations from m
     * @param m       the mean (unused unless squares)
     * @return the float32 sum
     */
    float block(MemorySegment s, long off, int n, boolean squares, float m);

    /**
     * Returns the minimum and maximum of n elements into {@code out[0]} and {@code out[1]}, with {@link Math#min}'s
     * semantics (NaN if any element is NaN, -0.0 below 0.0).
     *
     * @param s   the memory
     * @param off the byte offset of the first element
     * @param n   the number of elements, at least 1
     * @param out two floats
     */
    void minMax(MemorySegment s, long off, long n, float[] out);

    /**
     * Counts the elements x with {@code |x - mean| > threshold} computed in float64, as NumPy computes
     * {@code np.abs(row - mean) > threshold} (NaN never counts): as two float32 comparisons ({@link Beyond}) when
     * mean and threshold are finite and the threshold is not negative, else element by element in float64.
     *
     * @param s         the memory
     * @param off       the byte offset of the first element
     * @param n         the number of elements
     * @param mean      the mean
     * @param threshold the threshold
     * @return the count
     */
    default long countBeyond(MemorySegment s, long off, long n, double mean, double threshold) {
        Beyond bounds = Beyond.of(mean, threshold);
        if (bounds == null) {
            long count = 0;
            for (long p = off, end = off + 4 * n; p < end; p += 4) {
                count += Beyond.exceeds(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, p), mean, threshold) ? 1 : 0;
            }
            return count;
        }
        return countOutside(s, off, n, bounds.below(), bounds.above());
    }

    /**
     * Counts the elements x with {@code x <= below || x >= above} (NaN never counts).
     *
     * @param s     the memory
     * @param off   the byte offset of the first element
     * @param n     the number of elements
     * @param below the lower bound
     * @param above the upper bound
     * @return the count
     */
    long countOutside(MemorySegment s, long off, long n, float below, float above);

    private static RowKernels load() {
        boolean vector = Boolean.parseBoolean(System.getProperty("memmap4j.vector", "true"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vector) {
            try {
                return (RowKernels) Class.forName(RowKernels.class.getPackageName() + ".VectorRowKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
                // e.g. vectors narrower than 256 bits: the scalar loops are as fast there
            }
        }
        return SCALAR;
    }
}
