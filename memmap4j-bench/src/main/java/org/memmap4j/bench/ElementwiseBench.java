package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Expr;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Fused elementwise expressions over a mapped float32 array of {@code n} elements, into mapped output files made at
 * setup (so the output pages are already faulted in after the first operation) or into new in-memory arrays. Bytes
 * per operation: the input's, {@code 4n}; the output is written on top.
 */
public class ElementwiseBench extends KernelBench {

    private NDArray a;
    private NDArray out;
    private NDArray mask;
    private Expr fused;
    private Expr compare;
    private Expr where;
    private long bytes;

    /** Creates the benchmark; JMH does. */
    public ElementwiseBench() {
    }

    @Override
    protected void open() throws IOException {
        a = data("a", DType.FLOAT32, SEED, n);
        out = file("out", DType.FLOAT32, n);
        mask = file("mask", DType.BOOL, n);
        Expr d = Expr.of(a);
        fused = d.multiply(9).divide(5).add(32).multiply(1.02);
        compare = d.gt(0.5);
        where = Expr.where(compare, d, Expr.scalar(0.0));
        bytes = bytes(a);
    }

    /**
     * {@code out[:] = (a * 9 / 5 + 32) * 1.02} into a mapped float32 file.
     *
     * @param t counts the bytes
     * @return the output
     */
    @Benchmark
    public NDArray fusedIntoMapped(Traffic t) {
        t.add(bytes);
        return c.evalInto(fused, out);
    }

    /**
     * {@code (a * 9 / 5 + 32) * 1.02} into a new in-memory array (allocated and zeroed by each operation).
     *
     * @param t counts the bytes
     * @return an element of the result
     */
    @Benchmark
    public double fusedIntoNew(Traffic t) {
        t.add(bytes);
        return first(c.eval(fused));
    }

    /**
     * {@code mask[:] = a > 0.5} into a mapped bool file.
     *
     * @param t counts the bytes
     * @return the output
     */
    @Benchmark
    public NDArray compareIntoMapped(Traffic t) {
        t.add(bytes);
        return c.evalInto(compare, mask);
    }

    /**
     * {@code out[:] = np.where(a > 0.5, a, 0.0)} into a mapped float32 file.
     *
     * @param t counts the bytes
     * @return the output
     */
    @Benchmark
    public NDArray whereIntoMapped(Traffic t) {
        t.add(bytes);
        return c.evalInto(where, out);
    }

    /**
     * {@code np.cumsum(a, out=out)} into a mapped float32 file.
     *
     * @param t counts the bytes
     * @return the output
     */
    @Benchmark
    public NDArray cumsumIntoMapped(Traffic t) {
        t.add(bytes);
        return c.cumsum(a, out);
    }
}
