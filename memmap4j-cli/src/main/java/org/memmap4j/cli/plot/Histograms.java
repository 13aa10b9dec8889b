package org.memmap4j.cli.plot;

import java.util.Objects;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Histogram;

/** The histogram a plot shows: NumPy's, over the finite data's range unless a range is given. */
public final class Histograms {

    private Histograms() {
    }

    /**
     * Counts all elements in equal bins, like
     * {@code np.histogram(a[~np.isnan(a)], bins, range=(float(np.nanmin(a)), float(np.nanmax(a))))} without a
     * range, and {@code np.histogram(a, bins, range=range)} with one: NaN is never counted (where
     * {@code np.histogram(a, bins)} would refuse data holding NaN), nor are elements outside the range. The range
     * holds Python floats, so edges are float64 whatever the dtype. Two extra parallel passes find the range when
     * it is not given.
     *
     * @param c     where to compute
     * @param a     the data, any shape and real dtype
     * @param bins  the number of bins, at least 1
     * @param range {@code {min, max}}, or null for the data's smallest and largest non-NaN element
     * @return counts and edges
     * @throws IllegalArgumentException if a is complex or empty, bins is below 1, the range is not finite (an
     *                                  infinite element, or only NaN, when no range is given), or min is above max
     */
    public static Histogram of(Compute c, NDArray a, int bins, double[] range) {
        Objects.requireNonNull(c, "c");
        Samples.requireReal(a);
        if (a.size() == 0) {
            throw new IllegalArgumentException("no elements to plot (shape " + java.util.Arrays.toString(a.shape()) + ")");
        }
        double lo;
        double hi;
        if (range != null) {
            lo = range[0];
            hi = range[1];
        } else {
            lo = c.nanmin(a).getDouble();
            hi = c.nanmax(a).getDouble();
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("the data's range [" + lo + ", " + hi + "] is not finite; give a range (--range MIN,MAX)");
            }
        }
        return c.histogram(a, bins, lo, hi);
    }
}
