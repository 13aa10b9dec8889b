package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;

/**
 * A file truncated by another process while it is mapped: the next access past the new end is a clear
 * {@link IllegalStateException} naming the file (the JVM's raw {@code InternalError} underneath), through element
 * access, copies, printing and parallel jobs; the JVM keeps running and other arrays keep working.
 */
class TruncationTest {

    private static final long N = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void accessPastTheNewEndNamesTheFileAndOtherArraysKeepWorking() throws Exception {
        Path victim = dir.resolve("victim.npy");
        Path other = dir.resolve("other.npy");
        NDArray data = NDArrays.arange(DType.FLOAT64, N);
        Npy.save(victim, data);
        Npy.save(other, data);
        Compute compute = Compute.on(ChunkExecutor.local(2, 1 << 16));
        try (NDArray a = Npy.open(victim, Mode.READ_ONLY); NDArray b = Npy.open(other, Mode.READ_ONLY)) {
            assertThat(a.getDouble(N - 1)).isEqualTo(N - 1);
            // Warm the kernels up so that the JIT compiles the vectorised loops (where a fault would crash the JVM).
            for (int i = 0; i < 300; i++) {
                compute.sum(a);
            }
            // A real second process cuts the file to one page.
            Process p = new ProcessBuilder("truncate", "-s", "4096", victim.toString()).inheritIO().start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();

            assertThatThrownBy(() -> a.getDouble(N - 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString()).hasMessageContaining("truncated by another process to 4096 bytes")
                    .hasCauseInstanceOf(InternalError.class);
            assertThatThrownBy(() -> a.get("-10:").copy()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString());
            assertThatThrownBy(a::checkFile).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString()).hasMessageContaining("truncated by another process to 4096 bytes");
            // Scans check the file before each chunk: a vectorised kernel never touches the lost pages (a SIGBUS
            // there would kill the JVM, not raise an InternalError).
            assertThatThrownBy(() -> compute.sum(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString()).hasMessageContaining("truncated");
            assertThatThrownBy(() -> compute.eval(Expr.of(a).add(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString());
            assertThatThrownBy(() -> compute.median(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString());
            assertThatThrownBy(() -> compute.histogram(a, 10, 0, N)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString());
            assertThatThrownBy(() -> compute.cumsum(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(victim.toString());
            // What is still in the file reads as before; the other array and the JVM are fine.
            assertThat(a.getDouble(0)).isEqualTo(0.0);
            assertThat(compute.sum(b).getDouble()).isEqualTo((double) N * (N - 1) / 2);
            assertThat(b.getDouble(N - 1)).isEqualTo(N - 1);
            b.checkFile();
        }
    }
}
