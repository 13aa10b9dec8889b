package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Histogram;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Histograms of 100 bins of a mapped float32 array of {@code n} elements. Bytes per operation: the array's.
 */
public class HistogramBench extends KernelBench {

    private NDArray a;
    private long bytes;

    /** Creates the benchmark; JMH does. */
    public HistogramBench() {
    }

    @Override
    protected void open() throws IOException {
        a = data("a", DType.FLOAT32, SEED, n);
        bytes = bytes(a);
    }

    /**
     * {@code np.histogram(a, 100)}: the range is found first (a pass for min and max), then the counts.
     *
     * @param t counts the bytes
     * @return the first count
     */
    @Benchmark
    public double histogram(Traffic t) {
        t.add(bytes);
        return count(c.histogram(a, 100));
    }

    /**
     * {@code np.histogram(a, 100, range=(0, 1))}: one pass.
     *
     * @param t counts the bytes
     * @return the first count
     */
    @Benchmark
    public double histogramRange(Traffic t) {
        t.add(bytes);
        return count(c.histogram(a, 100, 0, 1));
    }

    private static double count(Histogram h) {
        h.edges().close();
        return first(h.counts());
    }
}
