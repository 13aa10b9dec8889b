package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.exec.ChunkExecutor;

/**
 * A time-bounded stress test: threads read and write disjoint and overlapping regions of one mapped file, through
 * element access, views and parallel {@link Compute} jobs, while another thread closes the array at a random moment.
 * The outcome must be correct data or {@link IllegalStateException}: never a wrong value, another exception, or a
 * crash of the JVM (which would fail the whole build).
 */
class ConcurrencyStressTest {

    private static final int THREADS = 4;
    private static final int STRIPE = 4096;
    private static final long N = (long) STRIPE * (THREADS + 1);

    @TempDir
    Path dir;

    @Test
    void accessRacingWithCloseGivesCorrectDataOrIllegalStateException() throws Exception {
        Path file = dir.resolve("shared.f8");
        SplittableRandom seeds = new SplittableRandom(42);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        int rounds = 0;
        long closedDuringUse = 0;
        try (ChunkExecutor executor = ChunkExecutor.local(2, 1024)) {
            Compute compute = Compute.on(executor);
            while (System.nanoTime() < deadline || rounds < 5) {
                closedDuringUse += round(file, compute, seeds.split());
                rounds++;
            }
        }
        assertThat(rounds).isGreaterThanOrEqualTo(5);
        // The race was really run: some operations met the closed array.
        assertThat(closedDuringUse).isPositive();
    }

    /** One round: open, hammer, close mid-way; returns how many operations met the closed array. */
    private static long round(Path file, Compute compute, SplittableRandom rnd) throws Exception {
        NDArray a = MemMap.open(file, DType.FLOAT64, Mode.WRITE, N);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(THREADS);
        long[] refused = new long[THREADS];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            long seed = rnd.nextLong();
            Thread w = Thread.ofPlatform().start(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                NDArray mine = a.get((long) id * STRIPE + ":" + (long) (id + 1) * STRIPE);
                NDArray shared = a.get(THREADS * (long) STRIPE + ":");
                started.countDown();
                double written = Double.NaN;
                while (!closed.get() || r.nextInt(4) != 0) {
                    try {
                        switch (r.nextInt(6)) {
                            case 0 -> {
                                written = r.nextInt(1000);
                                mine.fill(written);
                            }
                            case 1 -> {
                                // Disjoint stripes: what this thread wrote last is what it reads.
                                if (!Double.isNaN(written)) {
                                    double s = compute.sum(mine).getDouble();
                                    if (s != written * STRIPE) {
                                        throw new AssertionError("thread " + id + " read sum " + s + " after writing " + written);
                                    }
                                }
                            }
                            case 2 -> shared.get("::" + (1 + r.nextInt(7))).fill((double) id);
                            case 3 -> {
                                // Overlapping region: every element holds some thread's id (or 0, never written).
                                double m = compute.max(shared).getDouble();
                                if (m < 0 || m >= THREADS || m != Math.rint(m)) {
                                    throw new AssertionError("shared region holds " + m);
                                }
                            }
                            case 4 -> compute.evalInto(Expr.of(mine).multiply(1), mine);
                            default -> {
                                long i = r.nextLong(STRIPE);
                                if (!Double.isNaN(written) && mine.getDouble(i) != written) {
                                    throw new AssertionError("thread " + id + " read " + mine.getDouble(i) + " at " + i);
                                }
                            }
                        }
                    } catch (Throwable e) {
                        if (isClosed(e)) {
                            // The operation may have stopped part-way: what this thread wrote is no longer known.
                            written = Double.NaN;
                            refused[id]++;
                            if (refused[id] > 50) {
                                return;
                            }
                        } else {
                            failures.add(e);
                            return;
                        }
                    }
                }
            });
            workers.add(w);
        }
        started.await();
        Thread.sleep(rnd.nextInt(1, 40));
        a.close();
        closed.set(true);
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(w.isAlive()).as("worker finished").isFalse();
        }
        assertThat(failures).as("only IllegalStateException after close, correct data before").isEmpty();
        long total = 0;
        for (long n : refused) {
            total += n;
        }
        return total;
    }

    /** An operation that met the closed array: IllegalStateException, possibly wrapped by the executor. */
    private static boolean isClosed(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }
}
