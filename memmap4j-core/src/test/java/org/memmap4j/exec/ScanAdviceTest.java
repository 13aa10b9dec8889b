package org.memmap4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.testing.Smaps;

/** The local executor advises sequential access to the arrays a job scans while it runs, and only then. */
class ScanAdviceTest {

    @TempDir
    Path dir;

    private static boolean sequential(NDArray a) {
        try {
            return Smaps.at(a.segment().address()).flags().contains("sr");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aScannedMappedArrayIsSequentialDuringTheJobAndNormalAfter() throws Exception {
        assumeTrue(Smaps.available(), "advice is observed through /proc/self/smaps (Linux): test skipped");
        try (NDArray a = MemMap.open(dir.resolve("a.dat"), DType.FLOAT64, Mode.WRITE, 1 << 16);
             ChunkExecutor ex = ChunkExecutor.local(2, 1 << 16)) {
            NDArray mem = NDArrays.zeros(DType.FLOAT64, 10);
            Job<Boolean> job = new Job<>("scan", a.size(), 8, 1, (from, to) -> sequential(a)).scanning(a, mem);
            assertThat(job.scans()).containsExactly(a, mem);
            List<Boolean> seen = ex.map(job);
            assertThat(seen).hasSize(8).containsOnly(true);
            assertThat(sequential(a)).isFalse();
            // A job that does not say it scans gives no advice.
            assertThat(ex.map(new Job<>("plain", a.size(), 8, 1, (from, to) -> sequential(a)))).containsOnly(false);
        }
    }

    @Test
    void adviceIsAHintThatNeverFailsAJob() throws Exception {
        NDArray closed = MemMap.open(dir.resolve("c.dat"), DType.UINT8, Mode.WRITE, 100);
        closed.close();
        try (ChunkExecutor ex = ChunkExecutor.local(1, 10)) {
            assertThat(ex.map(new Job<>("n", 100, 1, 1, (from, to) -> to - from).scanning(closed))).hasSize(10);
            // The task's own access to the closed array is what fails, with its own message.
            assertThatThrownBy(() -> ex.map(new Job<>("read", 100, 1, 1, (from, to) -> closed.getLong(from)).scanning(closed)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("c.dat");
        }
        assertThatThrownBy(() -> new Job<>("x", 1, 1, 1, (f, t) -> 0).scanning((NDArray) null))
                .isInstanceOf(NullPointerException.class);
        assertThat(new Job<>("x", 1, 1, 1, (f, t) -> 0).scanning(closed).toString()).contains("scans=1 arrays")
                .doesNotContain("closed");
    }
}
