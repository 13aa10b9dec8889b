package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class SparseWindowMeanTest {

    @TempDir
    Path dir;

    @Test
    void eightTerabyteArrayTouchesOnlyItsWindowAndNumPyAgreesOnTheWindow() throws Exception {
        assumeTrue(sparseFilesOf(8_000_000_000_000L), "filesystem lacks sparse files of 8 TB: test skipped");
        String out = ExampleRun.run(SparseWindowMean::main, dir);
        Path f = dir.resolve("mmaped.dat");
        assertThat(ExampleRun.value(out, "File size:")).isEqualTo("8000000000000 bytes");

        String[] numpy = NumPy.run("""
                import os
                large_fp = np.memmap(sys.argv[1], dtype=np.float64, mode='r', shape=(1000000, 1000000))
                w = large_fp[500000:500100, 500000:500100]
                st = os.stat(sys.argv[1])
                print(repr(float(w.mean())), repr(float(w[w > 0.5].sum())), st.st_size, st.st_blocks * 512,
                      float(w.min()), float(w.max()), float(large_fp[500000:500100, 500100:500200].max()),
                      float(large_fp[500100, 500000:500100].max()))""", f).split(" ");
        double mean = Double.parseDouble(numpy[0]);
        double filteredSum = Double.parseDouble(numpy[1]);
        assertThat(Double.parseDouble(ExampleRun.value(out, "Mean value:"))).isCloseTo(mean, within(1e-12 * mean));
        assertThat(Double.parseDouble(ExampleRun.value(out, "Filtered sum:"))).isCloseTo(filteredSum, within(1e-12 * filteredSum));
        assertThat(Long.parseLong(numpy[2])).isEqualTo(8_000_000_000_000L);
        // Only the window is on disk: 100 rows of 800 bytes, each within one or two 4 KiB pages, and the last byte
        // that set the size. (The filesystem may allocate a little more, never gigabytes.)
        assertThat(Long.parseLong(numpy[3])).as("bytes allocated on disk").isLessThan(4L << 20);
        // The window holds uniform [0, 1) values; its neighbours are still the hole's zeros.
        assertThat(Double.parseDouble(numpy[4])).isGreaterThanOrEqualTo(0.0);
        assertThat(Double.parseDouble(numpy[5])).isLessThan(1.0).isGreaterThan(0.9);
        assertThat(numpy[6]).isEqualTo("0.0");
        assertThat(numpy[7]).isEqualTo("0.0");
    }

    /** True if this directory's filesystem makes a sparse file of {@code bytes} at (almost) no cost. */
    private boolean sparseFilesOf(long bytes) throws IOException {
        Path probe = dir.resolve("probe");
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw")) {
            raf.setLength(bytes);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
