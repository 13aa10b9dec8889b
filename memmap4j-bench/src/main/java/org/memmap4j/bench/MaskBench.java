package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Expr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Masked reductions and selection over a mapped array of {@code n} elements with a mask that selects half of them
 * ({@code a > 0.5} for floats, {@code a > 499.5} for the integers in [0, 1000)), without materialising the mask.
 * Bytes per operation: the array's.
 */
public class MaskBench extends KernelBench {

    /** The dtype of the data: float32 and float64 have vector kernels, int32 takes the generic path. */
    @Param("float32")
    public String dtype;

    private NDArray a;
    private Expr values;
    private Expr mask;
    private long bytes;

    /** Creates the benchmark; JMH does. */
    public MaskBench() {
    }

    @Override
    protected void open() throws IOException {
        DType t = DType.of(dtype);
        a = data("a", t, SEED, n);
        values = Expr.of(a);
        mask = values.gt(BenchData.middle(t));
        bytes = bytes(a);
    }

    /**
     * {@code a[a > 0.5].sum()}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public double sumWhere(Traffic t) {
        t.add(bytes);
        return first(c.sumWhere(a, mask));
    }

    /**
     * {@code np.count_nonzero(a > 0.5)}.
     *
     * @param t counts the bytes
     * @return the result
     */
    @Benchmark
    public long countNonzero(Traffic t) {
        t.add(bytes);
        return c.countNonzero(mask);
    }

    /**
     * {@code np.extract(a > 0.5, a)} into a new in-memory array (two passes: count, then copy).
     *
     * @param t counts the bytes
     * @return an element of the result
     */
    @Benchmark
    public double extract(Traffic t) {
        t.add(bytes);
        return first(c.extract(mask, values));
    }
}
