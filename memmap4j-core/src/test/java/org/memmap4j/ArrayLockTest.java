package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.format.Npy;
import org.memmap4j.internal.NativeIO;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.NumPy;
import org.memmap4j.testing.PythonLock;

/**
 * {@link ArrayLock}: exclusive and shared locks conflict as documented between threads of this JVM, with Python's
 * {@code fcntl.lockf} in another process (both ways), survive memmap4j opening and closing the file, and have a
 * strict lifetime. The JDK fallback (no native access) is checked in a forked JVM.
 */
class ArrayLockTest {

    @TempDir
    Path dir;

    private Path newFile() throws IOException {
        Path f = dir.resolve("a.npy");
        Npy.create(f, DType.INT64, Order.C, true, 8).close();
        return f;
    }

    @Test
    void exclusiveExcludesAllSharedExcludesOnlyExclusive() throws Exception {
        assertThat(NativeIO.available()).as("tests run with --enable-native-access").isTrue();
        Path f = newFile();
        try (ArrayLock ex = ArrayLock.exclusive(f)) {
            assertThat(ex.isExclusive()).isTrue();
            assertThat(ArrayLock.tryExclusive(f, Duration.ZERO)).isEmpty();
            assertThat(ArrayLock.tryShared(f, Duration.ZERO)).isEmpty();
        }
        try (ArrayLock s1 = ArrayLock.shared(f); ArrayLock s2 = ArrayLock.tryShared(f, Duration.ZERO).orElseThrow()) {
            assertThat(s1.isExclusive()).isFalse();
            assertThat(s2.isValid()).isTrue();
            assertThat(ArrayLock.tryExclusive(f, Duration.ZERO)).isEmpty();
        }
        try (ArrayLock ex = ArrayLock.tryExclusive(f, Duration.ZERO).orElseThrow()) {
            assertThat(ex.file()).isEqualTo(f);
        }
    }

    @Test
    void waitingEndsWhenTheHolderReleasesOrTheTimeoutOrAnInterrupt() throws Exception {
        Path f = newFile();
        ArrayLock held = ArrayLock.exclusive(f);
        long t0 = System.nanoTime();
        assertThat(ArrayLock.tryShared(f, Duration.ofMillis(200))).isEmpty();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));

        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try (ArrayLock l = ArrayLock.exclusive(f)) {
                return l.isValid();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.await();
        Thread.sleep(100);
        assertThat(other).isNotDone();
        held.close();
        assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();

        try (ArrayLock again = ArrayLock.exclusive(f)) {
            Thread waiter = Thread.currentThread();
            CompletableFuture.runAsync(() -> {
                sleep(100);
                waiter.interrupt();
            });
            assertThatThrownBy(() -> ArrayLock.shared(f)).isInstanceOf(InterruptedException.class);
            assertThat(again.isValid()).isTrue();
        }
        assertThat(ArrayLock.tryShared(f, Duration.ZERO)).as("the interrupted wait left nothing held").isPresent()
                .get().satisfies(ArrayLock::close);
    }

    @Test
    void pythonLockfAndArrayLockExcludeEachOther() throws Exception {
        NumPy.assume();
        Path f = newFile();
        try (ArrayLock ex = ArrayLock.exclusive(f)) {
            assertThat(PythonLock.tryLock(f, true)).isFalse();
            assertThat(PythonLock.tryLock(f, false)).isFalse();
        }
        try (ArrayLock sh = ArrayLock.shared(f)) {
            assertThat(PythonLock.tryLock(f, false)).isTrue();
            assertThat(PythonLock.tryLock(f, true)).isFalse();
        }
        assertThat(PythonLock.tryLock(f, true)).isTrue();

        try (PythonLock py = PythonLock.hold(f, true)) {
            assertThat(ArrayLock.tryExclusive(f, Duration.ZERO)).isEmpty();
            assertThat(ArrayLock.tryShared(f, Duration.ZERO)).isEmpty();
        }
        try (PythonLock py = PythonLock.hold(f, false)) {
            assertThat(ArrayLock.tryExclusive(f, Duration.ZERO)).isEmpty();
            ArrayLock.tryShared(f, Duration.ZERO).orElseThrow().close();
        }
        // Python gone: its lock went with it.
        ArrayLock.tryExclusive(f, Duration.ofSeconds(10)).orElseThrow().close();
    }

    @Test
    void theLockSurvivesMemmap4jOpeningAndClosingTheFile() throws Exception {
        NumPy.assume();
        Path f = newFile();
        try (ArrayLock ex = ArrayLock.exclusive(f)) {
            // Closing any descriptor of a file drops the process's classic POSIX locks (and so the JDK's FileLock);
            // an open file description lock stays.
            try (NDArray a = Npy.open(f, Mode.READ_WRITE)) {
                a.setLong(7, 0);
                a.flush();
            }
            FileChannel.open(f, StandardOpenOption.READ).close();
            Npy.readHeader(f);
            assertThat(PythonLock.tryLock(f, true)).isFalse();
            assertThat(ArrayLock.tryShared(f, Duration.ZERO)).isEmpty();
        }
        assertThat(PythonLock.tryLock(f, true)).isTrue();
    }

    @Test
    void lifetimeAndBadArguments() throws Exception {
        Path f = newFile();
        ArrayLock l;
        try (NDArray a = Npy.open(f, Mode.READ_ONLY)) {
            l = ArrayLock.exclusive(a);
            assertThat(l.file()).isEqualTo(f);
        }
        assertThat(l).hasToString("ArrayLock[exclusive, " + f + "]");
        l.close();
        l.close();
        assertThat(l.isValid()).isFalse();
        assertThat(l.toString()).endsWith(", released]");
        ArrayLock.tryExclusive(f, Duration.ZERO).orElseThrow().close();

        try (NDArray mem = NDArrays.zeros(DType.INT64, 3)) {
            assertThatThrownBy(() -> ArrayLock.shared(mem)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("in memory");
        }
        assertThatThrownBy(() -> ArrayLock.exclusive(dir.resolve("missing.npy"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.npy");
        assertThatThrownBy(() -> ArrayLock.shared(dir)).isInstanceOf(IOException.class).hasMessageContaining("directory");
    }

    @Test
    void withoutNativeAccessTheJdkLockStillExcludesThreadsAndOtherProcesses() throws Exception {
        NumPy.assume();
        Path f = newFile();
        ForkedJvm r = ForkedJvm.run(null, List.of("-Dmemmap4j.native=false"), JdkFallback.class, f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("in-jvm busy, python busy, after release python got");
    }

    /** The child: locks without native calls and asks this JVM's threads and Python whether the lock holds. */
    public static final class JdkFallback {
        private JdkFallback() {
        }

        /**
         * Runs the child.
         *
         * @param args the file
         * @throws Exception if something fails
         */
        public static void main(String[] args) throws Exception {
            Path f = Path.of(args[0]);
            if (NativeIO.available()) {
                throw new AssertionError("native calls should be off");
            }
            String inJvm;
            String python;
            try (ArrayLock l = ArrayLock.exclusive(f)) {
                Optional<ArrayLock> other = CompletableFuture.supplyAsync(() -> {
                    try {
                        return ArrayLock.tryShared(f, Duration.ofMillis(100));
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }).get();
                inJvm = other.isPresent() ? "in-jvm got" : "in-jvm busy";
                python = PythonLock.tryLock(f, true) ? "python got" : "python busy";
            }
            System.out.println(inJvm + ", " + python + ", after release "
                    + (PythonLock.tryLock(f, true) ? "python got" : "python busy"));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
