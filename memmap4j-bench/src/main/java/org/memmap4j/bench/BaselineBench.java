package org.memmap4j.bench;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.memmap4j.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tight-loop baseline the kernels are measured against: summing a mapped float32 segment with four independent
 * float64 accumulators (what C2 makes of a plain loop, without the Vector API), on 1 thread or split in equal parts
 * over {@code threads}. Same input as the kernel benchmarks ({@code n} float32 uniform values in a fresh temporary
 * file); bytes per operation: {@code 4n}. The kernels' "% of baseline" compares GB/s at the same thread count. It
 * calls no memmap4j kernel: {@code vector} and {@code chunkBytes} do not change it (run it with one value of each).
 */
public class BaselineBench extends KernelBench {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private MemorySegment seg;
    private ExecutorService pool;

    /** Creates the benchmark; JMH does. */
    public BaselineBench() {
    }

    @Override
    protected void open() throws IOException {
        seg = data("a", DType.FLOAT32, SEED, n).segment();
        pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    }

    /** Stops the threads. */
    @TearDown(Level.Trial)
    public void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Sums the segment.
     *
     * @param t counts the bytes
     * @return the sum
     * @throws InterruptedException if interrupted while waiting for the parts
     * @throws ExecutionException   if a part fails
     */
    @Benchmark
    public double scalarLoopSum(Traffic t) throws InterruptedException, ExecutionException {
        t.add(seg.byteSize());
        if (pool == null) {
            return sum(seg);
        }
        long part = (seg.byteSize() / 4 + threads - 1) / threads * 4;
        List<Future<Double>> parts = new ArrayList<>();
        for (long from = 0; from < seg.byteSize(); from += part) {
            MemorySegment s = seg.asSlice(from, Math.min(part, seg.byteSize() - from));
            parts.add(pool.submit(() -> sum(s)));
        }
        double total = 0;
        for (Future<Double> f : parts) {
            total += f.get();
        }
        return total;
    }

    private static double sum(MemorySegment seg) {
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
