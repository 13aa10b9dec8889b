package org.memmap4j.bench;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.memmap4j.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tight-loop baseline the kernels are measured against: one thread summing a mapped float32 segment with four
 * independent float64 accumulators (what C2 can do without the Vector API).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class BaselineBench {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** Elements in the benchmark file. */
    @Param("100000000")
    public long n;

    private NDArray a;
    private MemorySegment seg;

    /**
     * Maps the benchmark file.
     *
     * @throws IOException if it cannot be made or mapped
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        a = BenchData.open(n);
        seg = a.segment();
    }

    /** Unmaps it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
    }

    /**
     * Sums the segment in one thread.
     *
     * @return the sum
     */
    @Benchmark
    public double scalarLoopSum() {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        long end = seg.byteSize() - 15;
        long i = 0;
        for (; i < end; i += 16) {
            s0 += seg.get(F32, i);
            s1 += seg.get(F32, i + 4);
            s2 += seg.get(F32, i + 8);
            s3 += seg.get(F32, i + 12);
        }
        for (; i < seg.byteSize(); i += 4) {
            s0 += seg.get(F32, i);
        }
        return s0 + s1 + s2 + s3;
    }
}
