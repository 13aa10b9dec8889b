package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Exact order statistics (radix selection) of a mapped array of {@code n} elements, whole and along each axis of
 * its 2-d views with {@code groups} rows or columns. Bytes per operation: the array's (the selection reads it
 * several times).
 */
public class QuantileBench extends KernelBench {

    /** The dtype of the data: float32, float64 or int32 (each has its own radix keys). */
    @Param("float32")
    public String dtype;

    /** Rows of the row-wise view (groups, n / groups) and columns of the interleaved view (n / groups, groups). */
    @Param("64")
    public long groups;

    private NDArray a;
    private NDArray rows;
    private NDArray interleaved;
    private long bytes;

    /** Creates the benchmark; JMH does. */
    public QuantileBench() {
    }

    @Override
    protected void open() throws IOException {
        a = data("a", DType.of(dtype), SEED, n);
        interleaved = columns(a, groups);
        rows = columns(a, n / groups);
        bytes = bytes(a);
    }

    /**
     * {@code np.median(a)}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double median(Traffic t) {
        t.add(bytes);
        return first(c.median(a));
    }

    /**
     * {@code np.percentile(a, [10, 50, 90])}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double percentile(Traffic t) {
        t.add(bytes);
        return first(c.percentile(a, new double[] {10, 50, 90}));
    }

    /**
     * {@code np.median(rows, axis=1)}: the median of each of {@code groups} contiguous rows.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double medianRows(Traffic t) {
        t.add(bytes);
        return first(c.median(rows, 1));
    }

    /**
     * {@code np.median(interleaved, axis=0)}: the median of each of {@code groups} interleaved columns.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double medianColumns(Traffic t) {
        t.add(bytes);
        return first(c.median(interleaved, 0));
    }
}
