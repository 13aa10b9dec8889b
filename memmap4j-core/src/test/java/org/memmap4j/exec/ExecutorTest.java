package org.memmap4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;

/** The local executor: chunking, ordering, progress, failures, cancellation; and ArrayRef across JVM boundaries. */
class ExecutorTest {

    @TempDir
    Path dir;

    @Test
    void partialsComeBackInChunkOrderWithAlignedBoundariesForAnyThreadCount() {
        for (int threads : new int[] {1, 2, 4}) {
            for (long chunkBytes : new long[] {1, 7, 64, 1 << 20}) {
                try (ChunkExecutor ex = ChunkExecutor.local(threads, chunkBytes)) {
                    Job<long[]> job = new Job<>("ranges", 1000, 4, 8, (from, to) -> new long[] {from, to});
                    List<long[]> parts = ex.map(job);
                    long expectFrom = 0;
                    for (long[] p : parts) {
                        assertThat(p[0]).isEqualTo(expectFrom);
                        assertThat(p[0] % 8).isZero();
                        assertThat(p[1]).isGreaterThan(p[0]);
                        expectFrom = p[1];
                    }
                    assertThat(expectFrom).isEqualTo(1000);
                    assertThat(ex.map(new Job<>("empty", 0, 4, 1, (f, t) -> 1))).isEmpty();
                }
            }
        }
    }

    @Test
    void progressIsMonotonicAndReachesTheTotal() {
        try (ChunkExecutor ex = ChunkExecutor.local(4, 16)) {
            List<long[]> reports = Collections.synchronizedList(new ArrayList<>());
            ex.map(new Job<>("p", 10_000, 2, 1, (f, t) -> null), (done, total) -> reports.add(new long[] {done, total}));
            assertThat(reports).isNotEmpty();
            for (int i = 1; i < reports.size(); i++) {
                assertThat(reports.get(i)[0]).isGreaterThan(reports.get(i - 1)[0]);
            }
            assertThat(reports.getLast()).containsExactly(20_000, 20_000);
        }
    }

    @Test
    void theFirstFailureIsRethrownAndCheckedIOExceptionsAreWrapped() {
        try (ChunkExecutor ex = ChunkExecutor.local(2, 8)) {
            assertThatThrownBy(() -> ex.map(new Job<>("boom", 100, 1, 1, (f, t) -> {
                if (f >= 40) {
                    throw new IllegalArgumentException("bad chunk " + f);
                }
                return f;
            }))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad chunk");
            assertThatThrownBy(() -> ex.map(new Job<>("io", 10, 1, 1, (f, t) -> {
                throw new IOException("disk");
            }))).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk");
        }
    }

    @Test
    @Timeout(60)
    void interruptingTheCallerStopsNewChunksAndWaitsForRunningOnes() throws Exception {
        try (ChunkExecutor ex = ChunkExecutor.local(2, 1)) {
            AtomicInteger started = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            CountDownLatch running = new CountDownLatch(2);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ex.map(new Job<>("slow", 1_000, 1, 1, (f, t) -> {
                        started.incrementAndGet();
                        running.countDown();
                        long end = System.nanoTime() + 5_000_000;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                        finished.incrementAndGet();
                        return null;
                    }));
                } catch (Throwable t) {
                    thrown.set(t);
                    interruptFlag.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            running.await();
            caller.interrupt();
            caller.join();
            assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("slow");
            assertThat(interruptFlag.get()).isTrue();
            assertThat(finished.get()).isEqualTo(started.get()).isLessThan(1_000);
        }
    }

    @Test
    @Timeout(60)
    void aJobStartedInsideAChunkCompletesEvenWhenAllThreadsAreBusy() {
        for (int threads : new int[] {2, 3, 8}) {
            try (ChunkExecutor ex = ChunkExecutor.local(threads, 1)) {
                List<Long> outer = ex.map(new Job<>("outer", 16, 1, 1, (f, t) ->
                        ex.map(new Job<>("inner", 50, 1, 1, (a, b) -> b - a)).stream().mapToLong(Long::longValue).sum()));
                assertThat(outer).hasSize(16).containsOnly(50L);
            }
        }
        try (ChunkExecutor ex = ChunkExecutor.local(2, 1)) {
            List<Long> outer = ex.map(new Job<>("outer", 4, 1, 1, (f, t) ->
                    ex.map(new Job<>("inner", 50, 1, 1, (a, b) -> b - a)).stream().mapToLong(Long::longValue).sum()));
            assertThat(outer).containsExactly(50L, 50L, 50L, 50L);
        }
    }

    @Test
    void arrayRefResolvesLocallyAndAfterSerializationMapsTheSameBytes() throws Exception {
        Path f = dir.resolve("ref.dat");
        try (NDArray a = MemMap.builder(f).dtype(DType.of(">i4")).mode(Mode.WRITE).offset(3).shape(6, 5).open()) {
            NDArrays.fillArange(a);
            a.flush();
            NDArray view = a.get("1:5, ::-2").T();
            ArrayRef ref = ArrayRef.of(view);
            assertThat(ref.isFileBacked()).isTrue();
            assertThat(ref.<NDArray>apply(x -> x)).isSameAs(view);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(ref);
            }
            ArrayRef remote;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                remote = (ArrayRef) in.readObject();
            }
            boolean same = remote.apply(x -> {
                assertThat(x).isNotSameAs(view);
                assertThat(x.isWritable()).isTrue();
                return NDArrays.arrayEqual(x, view);
            });
            assertThat(same).isTrue();
        }
        ArrayRef mem = ArrayRef.of(NDArrays.zeros(DType.FLOAT32, 3));
        assertThat(mem.isFileBacked()).isFalse();
        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(mem))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("save it to a file");
    }
}
