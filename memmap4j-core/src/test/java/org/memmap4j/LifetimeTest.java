package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() unmaps at once; every later access through any view is a clear IllegalStateException, never a crash. */
class LifetimeTest {

    @TempDir
    Path dir;

    @Test
    void everyAccessAfterCloseThrowsANamedIllegalStateException() throws Exception {
        Path f = dir.resolve("closed.dat");
        NDArray a = MemMap.open(f, DType.FLOAT32, Mode.WRITE, 10, 10);
        NDArray view = a.get("2:5, ::3").T();
        a.close();
        assertThat(a.isClosed()).isTrue();
        assertThat(view.isClosed()).isTrue();
        List<Runnable> accesses = List.of(
                () -> a.getDouble(0, 0),
                () -> view.getDouble(0, 0),
                () -> view.getLong(1, 1),
                () -> view.setDouble(1.0, 0, 0),
                () -> a.fill(2.0),
                () -> view.copy(),
                () -> a.get("0"),
                () -> a.flush(),
                () -> a.segment(),
                () -> NDArrays.of(1.0).assign(a.get("0, 0")));
        for (Runnable r : accesses) {
            assertThatThrownBy(r::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("closed");
        }
        a.close(); // idempotent
        assertThat(view.toString()).contains("closed");
    }

    @Test
    void closingViewClosesTheWholeMapping() throws Exception {
        NDArray a = MemMap.open(dir.resolve("v.dat"), DType.INT16, Mode.WRITE, 8);
        a.get("::2").close();
        assertThatThrownBy(() -> a.getLong(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void inMemoryArraysAlsoCloseStrictly() {
        NDArray a = NDArrays.zeros(DType.FLOAT64, 4);
        a.close();
        assertThatThrownBy(() -> a.getDouble(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closeRacingWithReadersGivesDataOrIllegalStateExceptionNeverACrash() throws Exception {
        for (int round = 0; round < 20; round++) {
            NDArray a = MemMap.open(dir.resolve("race" + round + ".dat"), DType.INT64, Mode.WRITE, 4096);
            NDArrays.fillArange(a);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            AtomicLong closedSeen = new AtomicLong();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200_000; i++) {
                        int k = i % 4096;
                        try {
                            assertThat(a.getLong(k)).isEqualTo(k);
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessageContaining("closed");
                            closedSeen.incrementAndGet();
                            return null;
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            Thread.sleep(round % 5);
            a.close();
            for (Future<?> fu : futures) {
                fu.get();
            }
            pool.shutdown();
        }
    }

    @Test
    void manyThreadsWriteDisjointRowsOfOneArray() throws Exception {
        try (NDArray a = MemMap.open(dir.resolve("mt.dat"), DType.INT32, Mode.WRITE, 8, 10_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                long row = r;
                futures.add(pool.submit(() -> {
                    NDArray v = a.get(Index.at(row));
                    for (long j = 0; j < 10_000; j++) {
                        v.setLong(row * 100_000 + j, j);
                    }
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
            pool.shutdown();
            for (long r = 0; r < 8; r++) {
                assertThat(a.getLong(r, 9_999)).isEqualTo(r * 100_000 + 9_999);
            }
        }
    }
}
