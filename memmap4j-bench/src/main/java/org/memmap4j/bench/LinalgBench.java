package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Several-array kernels: the covariance and correlation of {@code vars} mapped float32 rows of {@code obs}
 * observations, the product of that matrix with a vector, and the product of two mapped float64 square matrices of
 * {@code size}. The parameter {@code n} is not used. Bytes per operation: the inputs' (for matmul, of both
 * matrices, each read many times: GB/s there is a rate, not a bandwidth; its FLOP rate is 2 size^3 per op).
 */
public class LinalgBench extends KernelBench {

    /** Rows (variables) of the cov/corrcoef input. */
    @Param("50")
    public long vars;

    /** Columns (observations) of the cov/corrcoef input. */
    @Param("1000000")
    public long obs;

    /** Rows and columns of each matmul operand. */
    @Param("1024")
    public long size;

    private NDArray m;
    private NDArray v;
    private NDArray x;
    private NDArray y;
    private long covBytes;
    private long matvecBytes;
    private long matmulBytes;

    /** Creates the benchmark; JMH does. */
    public LinalgBench() {
    }

    @Override
    protected void open() throws IOException {
        m = data("m", DType.FLOAT32, SEED, vars, obs);
        v = data("v", DType.FLOAT32, SEED + 1, obs);
        x = data("x", DType.FLOAT64, SEED + 2, size, size);
        y = data("y", DType.FLOAT64, SEED + 3, size, size);
        covBytes = bytes(m);
        matvecBytes = bytes(m) + bytes(v);
        matmulBytes = bytes(x) + bytes(y);
    }

    /**
     * {@code np.cov(m)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double cov(Traffic t) {
        t.add(covBytes);
        return first(c.cov(m));
    }

    /**
     * {@code np.corrcoef(m)}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double corrcoef(Traffic t) {
        t.add(covBytes);
        return first(c.corrcoef(m));
    }

    /**
     * {@code m @ v}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double matvec(Traffic t) {
        t.add(matvecBytes);
        return first(c.matmul(m, v));
    }

    /**
     * {@code x @ y}.
     *
     * @param t counts the bytes
     * @return the first result
     */
    @Benchmark
    public double matmul(Traffic t) {
        t.add(matmulBytes);
        return first(c.matmul(x, y));
    }
}
