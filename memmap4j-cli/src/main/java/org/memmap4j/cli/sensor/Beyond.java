package org.memmap4j.cli.sensor;

/**
 * NumPy's anomaly test on float32 readings, {@code np.abs(row - mean) > threshold} with float64 mean and threshold,
 * as two float32 comparisons: {@code x <= below || x >= above}.
 *
 * <p>Why this is exact: NumPy widens x to float64 and rounds {@code x - mean} once; rounding is monotonic, so
 * {@code fl(x - mean)} never decreases as x grows, and the float32 readings with {@code fl(x - mean) > threshold}
 * are exactly those from some smallest one up ({@code above}), those with {@code fl(x - mean) < -threshold} exactly
 * those up to some largest one ({@code below}). The two bounds are found once per row by stepping from the float32
 * nearest to {@code mean ± threshold}, a step or two. A pass then compares float32 lanes instead of widening every
 * reading to float64: half the instructions, and twice the elements per vector. NaN readings fail both comparisons,
 * as they fail NumPy's.
 *
 * @param below the largest float32 x with {@code fl(x - mean) < -threshold}
 * @param above the smallest float32 x with {@code fl(x - mean) > threshold}
 */
record Beyond(float below, float above) {

    /**
     * Returns the bounds for a finite mean and a finite threshold of at least 0, or null otherwise (then the test
     * must be computed as NumPy writes it: a NaN threshold or mean counts nothing, a negative one every number).
     *
     * @param mean      the float64 mean
     * @param threshold the float64 threshold
     * @return the bounds, or null
     */
    static Beyond of(double mean, double threshold) {
        if (!Double.isFinite(mean) || !Double.isFinite(threshold) || threshold < 0) {
            return null;
        }
        return new Beyond(below(mean, threshold), above(mean, threshold));
    }

    /** {@return whether x passes NumPy's test: |fl(x - mean)| > threshold, computed in float64} */
    static boolean exceeds(float x, double mean, double threshold) {
        return Math.abs(x - mean) > threshold;
    }

    private static boolean overTop(float x, double mean, double threshold) {
        return x - mean > threshold;
    }

    private static boolean underBottom(float x, double mean, double threshold) {
        return x - mean < -threshold;
    }

    /** The smallest float32 over the top; +inf always is (inf - mean is inf), -inf never. */
    private static float above(double mean, double threshold) {
        float x = (float) (mean + threshold);
        while (overTop(Math.nextDown(x), mean, threshold)) {
            x = Math.nextDown(x);
        }
        while (!overTop(x, mean, threshold)) {
            x = Math.nextUp(x);
        }
        return x;
    }

    /** The largest float32 under the bottom; -inf always is, +inf never. */
    private static float below(double mean, double threshold) {
        float x = (float) (mean - threshold);
        while (underBottom(Math.nextUp(x), mean, threshold)) {
            x = Math.nextUp(x);
        }
        while (!underBottom(x, mean, threshold)) {
            x = Math.nextDown(x);
        }
        return x;
    }
}
