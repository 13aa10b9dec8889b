package org.memmap4j;

import org.memmap4j.internal.Elements;
import java.util.Objects;

/**
 * Seeded random fills whose every element depends only on the seed and its C-order flat position.
 *
 * <p>Each element is computed from a counter (seed, position) with the SplitMix64 finaliser rather than drawn from a
 * sequential stream, so any split of the work (threads, chunks, machines) yields the same array for the same seed.
 * The streams are not NumPy's: arrays equal NumPy's in distribution, not in values.
 */
public final class Randoms {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Randoms() {
    }

    /**
     * Fills with uniform values in [0, 1) (floats) or integers in [0, 100) (integer dtypes), or random booleans:
     * what {@code memmap4j create --fill random} means.
     *
     * @param a    a writable array
     * @param seed the seed
     * @throws UnsupportedOperationException if a is read-only
     * @throws IllegalStateException         if a is closed
     */
    public static void fillRandom(NDArray a, long seed) {
        DType.Kind k = a.dtype().kind();
        if (k.isInteger()) {
            fillIntegers(a, 0, 100, seed);
        } else if (k.isBool()) {
            fillIntegers(a, 0, 2, seed);
        } else {
            fillUniform(a, seed);
        }
    }

    /**
     * Fills with uniform doubles in [0, 1), cast to the dtype (complex: real part only).
     *
     * @param a    a writable array
     * @param seed the seed
     * @throws UnsupportedOperationException if a is read-only
     * @throws IllegalStateException         if a is closed
     */
    public static void fillUniform(NDArray a, long seed) {
        fill(a, (s, off, t, k) -> Elements.castDouble(s, off, t, uniform(seed, k)));
    }

    /**
     * Fills with standard normal values ({@link #normal}: a ziggurat over counter draws), cast to the dtype.
     *
     * @param a    a writable array
     * @param seed the seed
     * @throws UnsupportedOperationException if a is read-only
     * @throws IllegalStateException         if a is closed
     */
    public static void fillNormal(NDArray a, long seed) {
        fill(a, (s, off, t, k) -> Elements.castDouble(s, off, t, normal(seed, k)));
    }

    /**
     * Fills with integers uniform in [low, high), cast to the dtype.
     *
     * @param a    a writable array
     * @param low  the inclusive lower bound
     * @param high the exclusive upper bound
     * @param seed the seed
     * @throws IllegalArgumentException      if high &lt;= low
     * @throws UnsupportedOperationException if a is read-only
     * @throws IllegalStateException         if a is closed
     */
    public static void fillIntegers(NDArray a, long low, long high, long seed) {
        if (high <= low) {
            throw new IllegalArgumentException("high must be greater than low, got low=" + low + " high=" + high);
        }
        fill(a, (s, off, t, k) -> Elements.castLong(s, off, t, integer(seed, k, low, high)));
    }

    /**
     * Returns the integer uniform in [low, high) at position k for a seed (multiply-high of the mixed counter by
     * the range: no modulo bias worth measuring for ranges far below 2^64).
     *
     * @param seed the seed
     * @param k    the position
     * @param low  the inclusive lower bound
     * @param high the exclusive upper bound, greater than low
     * @return the value
     */
    public static long integer(long seed, long k, long low, long high) {
        return low + Math.unsignedMultiplyHigh(mix(seed, k), high - low);
    }

    /**
     * Returns the uniform value in [0, 1) at position k of the stream for a seed: the top 53 bits of the mixed
     * counter. {@link #fillUniform} puts {@code uniform(seed, k)} at C-order flat position k.
     *
     * @param seed the seed
     * @param k    the position
     * @return the value
     */
    public static double uniform(long seed, long k) {
        return (mix(seed, k) >>> 11) * 0x1.0p-53;
    }

    /**
     * Returns the standard normal value at position k for a seed: Marsaglia and Tsang's ziggurat with 256 layers (the
     * method of NumPy's {@code Generator.standard_normal}) over SplitMix64 hashes of (seed, k, attempt); the rare wedge
     * and tail cases use {@link StrictMath}, so values are the same on every JVM. {@link #fillNormal} puts
     * {@code normal(seed, k)} at C-order flat position k.
     *
     * @param seed the seed
     * @param k    the position
     * @return the value
     */
    public static double normal(long seed, long k) {
        return Ziggurat.normal(seed, k);
    }

    /** SplitMix64 finaliser of the counter (seed, k). */
    static long mix(long seed, long k) {
        long z = seed * GOLDEN + (k + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void fill(NDArray a, Copy.FlatWriter f) {
        Objects.requireNonNull(a, "array");
        Copy.fillByPosition(a, f);
    }
}
