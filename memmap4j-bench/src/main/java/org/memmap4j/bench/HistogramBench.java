package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Histogram;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Histograms of 100 bins of a mapped float32 array of {@code n} elements, and {@code np.bincount} of {@code n}
 * mapped tokens (uint16 below GPT-2's vocabulary of 50257, uint32 below 200000). Bytes per operation: the input's.
 */
public class HistogramBench extends KernelBench {

    private NDArray a;
    private long bytes;
    private NDArray tokens16;
    private NDArray tokens32;

    /** Creates the benchmark; JMH does. */
    public HistogramBench() {
    }

    @Override
    protected void open() throws IOException {
        a = data("a", DType.FLOAT32, SEED, n);
        bytes = bytes(a);
        tokens16 = file("tokens16", DType.UINT16, n);
        c.fillIntegers(tokens16, 0, 50257, SEED);
        tokens32 = file("tokens32", DType.UINT32, n);
        c.fillIntegers(tokens32, 0, 200_000, SEED);
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

    /**
     * {@code np.bincount(tokens)} of uint16 tokens: one counting pass.
     *
     * @param t counts the bytes
     * @return the count of token 0
     */
    @Benchmark
    public double bincountUint16(Traffic t) {
        t.add(bytes(tokens16));
        return first(c.bincount(tokens16));
    }

    /**
     * {@code np.bincount(tokens)} of uint32 tokens: a pass for the maximum, then the counting pass.
     *
     * @param t counts the bytes
     * @return the count of token 0
     */
    @Benchmark
    public double bincountUint32(Traffic t) {
        t.add(bytes(tokens32));
        return first(c.bincount(tokens32));
    }

    private static double count(Histogram h) {
        h.edges().close();
        return first(h.counts());
    }
}
