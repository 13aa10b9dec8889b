package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Reductions over a mapped 1-d array of {@code n} elements (bytes per operation: the array's, {@code 4n} for
 * float32), and along each axis of its 2-d view of {@code cols} columns. The data holds no NaN, so the nan-variants
 * measure the cost of checking for them.
 */
public class ReduceBench extends KernelBench {

    /** The dtype of the data: float32, float64 (other vector kernels) or int32 (the scalar integer path). */
    @Param("float32")
    public String dtype;

    /** Columns of the 2-d view for the axis reductions: (n / cols, cols). */
    @Param("1024")
    public long cols;

    private NDArray a;
    private NDArray m;
    private long bytes;

    /** Creates the benchmark; JMH does. */
    public ReduceBench() {
    }

    @Override
    protected void open() throws IOException {
        a = data("a", DType.of(dtype), SEED, n);
        m = columns(a, cols);
        bytes = bytes(a);
    }

    /**
     * {@code a.sum()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double sum(Traffic t) {
        t.add(bytes);
        return first(c.sum(a));
    }

    /**
     * {@code a.mean()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double mean(Traffic t) {
        t.add(bytes);
        return first(c.mean(a));
    }

    /**
     * {@code a.min()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double min(Traffic t) {
        t.add(bytes);
        return first(c.min(a));
    }

    /**
     * {@code a.max()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double max(Traffic t) {
        t.add(bytes);
        return first(c.max(a));
    }

    /**
     * {@code a.var()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double var(Traffic t) {
        t.add(bytes);
        return first(c.var(a));
    }

    /**
     * {@code a.std()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double std(Traffic t) {
        t.add(bytes);
        return first(c.std(a));
    }

    /**
     * {@code a.argmax()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double argmax(Traffic t) {
        t.add(bytes);
        return first(c.argmax(a));
    }

    /**
     * {@code np.nansum(a)}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double nansum(Traffic t) {
        t.add(bytes);
        return first(c.nansum(a));
    }

    /**
     * {@code np.nanmean(a)}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double nanmean(Traffic t) {
        t.add(bytes);
        return first(c.nanmean(a));
    }

    /**
     * {@code np.nanmax(a)}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double nanmax(Traffic t) {
        t.add(bytes);
        return first(c.nanmax(a));
    }

    /**
     * {@code np.nanstd(a)}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double nanstd(Traffic t) {
        t.add(bytes);
        return first(c.nanstd(a));
    }

    /**
     * {@code m.sum(axis=0)}: one sum per column, the rows added in order.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double sumAxis0(Traffic t) {
        t.add(bytes);
        return first(c.sum(m, 0));
    }

    /**
     * {@code m.sum(axis=1)}: one sum per row.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double sumAxis1(Traffic t) {
        t.add(bytes);
        return first(c.sum(m, 1));
    }

    /**
     * {@code m.max(axis=0)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double maxAxis0(Traffic t) {
        t.add(bytes);
        return first(c.max(m, 0));
    }

    /**
     * {@code m.max(axis=1)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double maxAxis1(Traffic t) {
        t.add(bytes);
        return first(c.max(m, 1));
    }

    /**
     * {@code m.std(axis=0)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double stdAxis0(Traffic t) {
        t.add(bytes);
        return first(c.std(m, 0));
    }

    /**
     * {@code m.std(axis=1)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double stdAxis1(Traffic t) {
        t.add(bytes);
        return first(c.std(m, 1));
    }

    /**
     * {@code m.argmax(axis=1)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double argmaxAxis1(Traffic t) {
        t.add(bytes);
        return first(c.argmax(m, 1));
    }
}
