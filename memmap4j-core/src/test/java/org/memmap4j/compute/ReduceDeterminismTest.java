package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.internal.Elements;
import org.memmap4j.testing.NumPyBatch;

/**
 * Results are bit-identical for every thread count and chunk size, and with or without the Vector API; accuracy
 * does not depend on the data's offset; progress reaches the total.
 */
class ReduceDeterminismTest {

    static final ReduceOp[] FLOAT_OPS = {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.VAR, ReduceOp.STD, ReduceOp.NANSUM,
        ReduceOp.NANMEAN, ReduceOp.NANVAR, ReduceOp.MIN, ReduceOp.NANMAX, ReduceOp.ARGMAX, ReduceOp.ARGMIN,
        ReduceOp.PROD, ReduceOp.COUNT_NONZERO, ReduceOp.NANARGMIN, ReduceOp.NANARGMAX, ReduceOp.NANPROD};

    /** Arrays that exercise both strategies with several blocks per output, cut by chunks of every size. */
    static List<Object[]> layouts() {
        List<Object[]> l = new ArrayList<>();
        NDArray rows = ReduceTestData.random(DType.FLOAT32, 21, false, 3, 2_300_001);
        l.add(new Object[] {"f4 (3, 2300001) all", rows, null});
        l.add(new Object[] {"f4 (3, 2300001) axis 1 (slices, 3 blocks per row)", rows, new int[] {1}});
        l.add(new Object[] {"f4 (3, 2300001) axis 0 (columns)", rows, new int[] {0}});
        NDArray tall = ReduceTestData.random(DType.FLOAT64, 22, true, 5_000, 700);
        l.add(new Object[] {"f8 nan (5000, 700) axis 0 (columns, 4 blocks per group)", tall, new int[] {0}});
        l.add(new Object[] {"f8 nan (5000, 700)[::-1, ::3] all", tall.get("::-1, ::3"), null});
        l.add(new Object[] {"f8 nan (5000, 700).T axis 1", tall.T(), new int[] {1}});
        NDArray narrow = ReduceTestData.random(DType.FLOAT32, 23, true, 40_000, 20);
        l.add(new Object[] {"f4 nan (40000, 20) axis 0 (columns, one block in 3 tiles)", narrow, new int[] {0}});
        return l;
    }

    @Test
    void bitIdenticalForAnyThreadCountChunkSizeAndVectorisation() {
        for (Object[] lay : layouts()) {
            NDArray a = (NDArray) lay[1];
            int[] axes = (int[]) lay[2];
            for (ReduceOp op : FLOAT_OPS) {
                if (op.family == ReduceOp.Family.ARG && axes != null && axes.length > 1) {
                    continue;
                }
                NDArray input = op.family == ReduceOp.Family.PROD ? nearOne(a) : a;
                byte[] reference = NumPyBatch.bytes(ReduceOps.reduce(Compute.local(), input, op, axes, false, 1, true));
                for (int threads : new int[] {1, 2, 4}) {
                    for (long chunk : new long[] {64, 3 << 20, ChunkExecutor.DEFAULT_CHUNK_BYTES}) {
                        try (ChunkExecutor ex = ChunkExecutor.local(threads, chunk)) {
                            for (boolean vector : new boolean[] {true, false}) {
                                NDArray r = ReduceOps.reduce(Compute.on(ex), input, op, axes, false, 1, vector);
                                assertThat(NumPyBatch.bytes(r)).as("%s %s threads=%d chunk=%d vector=%s", lay[0], op,
                                        threads, chunk, vector).isEqualTo(reference);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The generic path (conversion to float64 buffers, taken for non-native byte order) computes exactly what the
     * in-place paths compute, in both strategies.
     */
    @Test
    void byteOrderDoesNotChangeAnyBit() {
        for (Object[] lay : layouts()) {
            NDArray a = (NDArray) lay[1];
            int[] axes = (int[]) lay[2];
            java.nio.ByteOrder other = a.dtype().order() == java.nio.ByteOrder.BIG_ENDIAN
                    ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
            NDArray swapped = a.astype(a.dtype().withOrder(other));
            for (ReduceOp op : ReduceOp.values()) {
                for (boolean vector : new boolean[] {true, false}) {
                    byte[] native_ = bytesOrError(() -> ReduceOps.reduce(Compute.local(), a, op, axes, false, 0, vector));
                    byte[] swap = bytesOrError(() -> ReduceOps.reduce(Compute.local(), swapped, op, axes, false, 0, vector));
                    assertThat(swap).as("%s %s vector=%s", lay[0], op, vector).isEqualTo(native_);
                }
            }
        }
    }

    /** The result's bytes, or the message of the IllegalArgumentException (nanargmin of an all-NaN slice). */
    private static byte[] bytesOrError(java.util.function.Supplier<NDArray> reduction) {
        try {
            return NumPyBatch.bytes(reduction.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static NDArray nearOne(NDArray a) {
        NDArray c = NDArrays.empty(a.dtype(), a.shape()).assign(a);
        NDArray flat = c.reshape(-1);
        for (long i = 0; i < flat.size(); i++) {
            double v = flat.getDouble(i);
            flat.setDouble(Double.isNaN(v) ? v : 1 + v * 1e-7, i);
        }
        return c;
    }

    /** Lengths around leaf and block sizes, NaN/inf/zero patterns, odd offsets: the kernels agree with the scalar path. */
    @Test
    void vectorKernelsEqualTheScalarPathOnRunsOfEveryLength() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int[] lengths = {1, 2, 15, 16, 17, 255, 256, 257, 511, 513, 1023, 1024, 1025, 3000, 4097, 70_000};
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int n : lengths) {
                for (int pattern = 0; pattern < 5; pattern++) {
                    NDArray a = NDArrays.empty(t, n + 3);
                    for (int i = 0; i < n + 3; i++) {
                        double v = switch (pattern) {
                            case 0 -> rnd.nextDouble(-1, 1);
                            case 1 -> rnd.nextInt(10) == 0 ? Double.NaN : 1e6 + rnd.nextDouble();
                            case 2 -> i % 300 == 299 ? Double.POSITIVE_INFINITY : rnd.nextDouble();
                            case 3 -> rnd.nextBoolean() ? 0.0 : -0.0;
                            default -> i < 600 ? Double.NaN : rnd.nextGaussian() * 1e-3 - 5;
                        };
                        Elements.castDouble(a.segment(), (long) i * t.itemSize(), t, v);
                    }
                    NDArray view = a.get("3:");
                    for (ReduceOp op : ReduceOp.values()) {
                        byte[] vec = bytesOrError(() -> ReduceOps.reduce(Compute.local(), view, op, null, false, 0, true));
                        byte[] sca = bytesOrError(() -> ReduceOps.reduce(Compute.local(), view, op, null, false, 0, false));
                        assertThat(vec).as("%s n=%d pattern=%d %s", t, n, pattern, op).isEqualTo(sca);
                    }
                }
            }
        }
        assertThat(ReduceKernels.INSTANCE).as("vector kernels loaded (tests run with jdk.incubator.vector)").isNotNull();
    }

    /** The shift makes variance insensitive to a large common offset (the classic failure of one-pass formulas). */
    @Test
    void varianceOfOffsetDataKeepsFullAccuracy() {
        int n = 3_000_000;
        NDArray a = NDArrays.empty(DType.FLOAT64, n);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e9 + rnd.nextDouble();
            a.setDouble(x[i], i);
        }
        // Reference: two passes with compensated sums.
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double v : x) {
            sum = sum.add(new java.math.BigDecimal(v));
        }
        double mean = sum.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128).doubleValue();
        double m2 = 0;
        double comp = 0;
        for (double v : x) {
            double d = v - mean;
            double y = d * d - comp;
            double t = m2 + y;
            comp = (t - m2) - y;
            m2 = t;
        }
        double want = m2 / n;
        double got = Compute.local().var(a).getDouble();
        assertThat(Math.abs(got - want) / want).isLessThan(1e-12);
        assertThat(Math.abs(Compute.local().mean(a).getDouble() - mean) / mean).isLessThan(1e-14);
    }

    @Test
    void progressReachesItsTotalWhichCoversTheInput() {
        NDArray a = ReduceTestData.random(DType.FLOAT32, 4, false, 3_000_000);
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        Compute.local().withProgress((done, all) -> {
            last.set(done);
            total.set(all);
        }).sum(a);
        // Progress counts whole units of 2^20 elements (the last one shorter): the total rounds up to them.
        assertThat(total.get()).isBetween(a.nbytes(), a.nbytes() + (4L << 20));
        assertThat(last.get()).isEqualTo(total.get());
    }
}
