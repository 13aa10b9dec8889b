package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.Randoms;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.format.Npy;

/**
 * Every task of order statistics and several-array operations can be shipped: an executor that serializes each
 * task and runs the copy (whose arrays are mapped again from their files, as on a cluster node) gives the same
 * results as the local one.
 */
class QuantileShippingTest {

    @TempDir
    Path dir;

    /** Runs every chunk on a deserialized copy of the task, in chunk order, on the calling thread. */
    static final class ShippingExecutor implements ChunkExecutor {
        final AtomicInteger shipped = new AtomicInteger();

        @Override
        public <P> List<P> map(Job<P> job, ProgressListener progress) {
            long per = job.unitsPerChunk(chunkBytes());
            List<P> out = new ArrayList<>();
            for (long from = 0; from < job.units(); from += per) {
                RangeTask<P> copy = ship(job.task());
                try {
                    out.add(copy.run(from, Math.min(job.units(), from + per)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private <P> RangeTask<P> ship(RangeTask<P> task) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                    o.writeObject(task);
                }
                shipped.incrementAndGet();
                try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    return (RangeTask<P>) i.readObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int parallelism() {
            return 1;
        }

        @Override
        public long chunkBytes() {
            return 1 << 16;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void tasksOnFileBackedArraysShipAndGiveTheLocalResults() throws IOException {
        Path file = dir.resolve("a.npy");
        try (NDArray a = Npy.create(file, DType.FLOAT32, Order.C, false, 4, 400_000);
             NDArray cumsumOut = Npy.create(dir.resolve("c.npy"), DType.FLOAT64, Order.C, false, 4, 400_000);
             NDArray cumsumLocal = Npy.create(dir.resolve("d.npy"), DType.FLOAT64, Order.C, false, 4, 400_000);
             NDArray prodOut = Npy.create(dir.resolve("p.npy"), DType.FLOAT32, Order.C, false, 4, 4)) {
            Randoms.fillNormal(a, 12);
            ShippingExecutor ex = new ShippingExecutor();
            Compute shipped = Compute.on(ex);
            Compute local = Compute.local();
            QuantileTestData.assertIdentical(shipped.median(a), local.median(a), "median (radix passes)");
            QuantileTestData.assertIdentical(shipped.percentile(a, new double[] {5, 95}, new int[] {1}, false),
                    local.percentile(a, new double[] {5, 95}, new int[] {1}, false), "percentile per row");
            QuantileTestData.assertIdentical(shipped.median(a.get(":, :100"), 1), local.median(a.get(":, :100"), 1),
                    "median of short lanes");
            QuantileTestData.assertIdentical(shipped.histogram(a, 20).counts(), local.histogram(a, 20).counts(),
                    "histogram");
            QuantileTestData.assertIdentical(shipped.cov(a), local.cov(a), "cov");
            shipped.cumsum(a, 1, cumsumOut);
            local.cumsum(a, 1, cumsumLocal);
            QuantileTestData.assertIdentical(cumsumOut, cumsumLocal, "cumsum");
            shipped.matmul(a, a.T(), prodOut);
            QuantileTestData.assertIdentical(prodOut, local.matmul(a, a.T()), "matmul");
            assertThat(ex.shipped.get()).isGreaterThan(100);
        }
    }

    @Test
    void complexMediansShipBothStagesOfTheirSelection() throws IOException {
        // complex128 lanes longer than a buffer: the real parts' selection, then the imaginary parts' among the
        // ties, whose tasks carry the tied real parts; every real part of row 1 is equal (ties beyond collecting).
        try (NDArray z = Npy.create(dir.resolve("z.npy"), DType.COMPLEX128, Order.C, false, 3, 300_000);
             NDArray z8 = Npy.create(dir.resolve("z8.npy"), DType.COMPLEX64, Order.C, false, 300_001)) {
            java.util.Random rnd = new java.util.Random(5);
            for (long i = 0; i < 300_000; i++) {
                z.setComplex(rnd.nextInt(50), rnd.nextGaussian(), 0, i);
                z.setComplex(2, rnd.nextGaussian(), 1, i);
                z.setComplex(rnd.nextGaussian(), i == 7 ? Double.NaN : rnd.nextGaussian(), 2, i);
                z8.setComplex(rnd.nextInt(9), rnd.nextInt(9), i);
            }
            ShippingExecutor ex = new ShippingExecutor();
            Compute shipped = Compute.on(ex);
            Compute local = Compute.local();
            QuantileTestData.assertIdentical(shipped.median(z, 1), local.median(z, 1), "complex128 rows");
            QuantileTestData.assertIdentical(shipped.median(z8), local.median(z8), "complex64");
            QuantileTestData.assertIdentical(shipped.median(z.get(":, :500"), 1), local.median(z.get(":, :500"), 1),
                    "complex128 short lanes");
            assertThat(ex.shipped.get()).isGreaterThan(50);
        }
    }
}
