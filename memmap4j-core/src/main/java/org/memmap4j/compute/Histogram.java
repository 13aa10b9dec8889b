package org.memmap4j.compute;

import java.util.Objects;
import org.memmap4j.NDArray;

/**
 * The result of {@link Compute#histogram(NDArray, int)}: NumPy's pair {@code (hist, bin_edges)}.
 *
 * @param counts int64 array of shape {@code (bins,)}: how many elements fall in each bin
 * @param edges  array of shape {@code (bins + 1,)}: the bin edges, in NumPy's dtype for them (float64, or the
 *               input's float dtype when the edges were computed from a float16 or float32 input)
 */
public record Histogram(NDArray counts, NDArray edges) {

    /**
     * Validates the pair.
     *
     * @throws NullPointerException if an array is null
     */
    public Histogram {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(edges, "edges");
    }
}
