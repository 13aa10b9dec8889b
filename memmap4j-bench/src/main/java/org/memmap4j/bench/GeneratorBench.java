package org.memmap4j.bench;

import java.io.IOException;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Random generators filling a mapped float32 file of {@code n} elements. Bytes per operation: the output's,
 * {@code 4n} (there is no input).
 */
public class GeneratorBench extends KernelBench {

    private NDArray out;
    private long bytes;

    /** Creates the benchmark; JMH does. */
    public GeneratorBench() {
    }

    @Override
    protected void open() throws IOException {
        out = file("out", DType.FLOAT32, n);
        bytes = bytes(out);
    }

    /**
     * Fills with uniform [0, 1) values.
     *
     * @param t counts the bytes
     * @return the output
     */
    @Benchmark
    public NDArray fillUniform(Traffic t) {
        t.add(bytes);
        c.fillUniform(out, SEED);
        return out;
    }

    /**
     * Fills with standard normal values.
     *
     * @param t counts the bytes
     * @return the output
     */
    @Benchmark
    public NDArray fillNormal(Traffic t) {
        t.add(bytes);
        c.fillNormal(out, SEED);
        return out;
    }
}
