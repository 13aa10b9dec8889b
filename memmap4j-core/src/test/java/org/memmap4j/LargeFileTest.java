package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/**
 * Files beyond 2 GB and 2^31 elements, and the seed's 1,000,000 x 1,000,000 float64 (8 TB, sparse) window. Both use
 * sparse files and are skipped, with a message, where the filesystem cannot make them.
 */
class LargeFileTest {

    @TempDir
    Path dir;

    /** Allocated bytes of a file, from stat(1) (Java does not expose st_blocks). */
    static long allocatedBytes(Path f) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", f.toString()).start();
        String[] out = new String(p.getInputStream().readAllBytes()).strip().split(" ");
        p.waitFor();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }

    /** True if a 1 GB hole costs this filesystem (almost) nothing, and a file of {@code bytes} may be created. */
    boolean sparseFilesWork(long bytes) throws Exception {
        Path probe = dir.resolve("probe");
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw")) {
            raf.setLength(bytes);
        } catch (IOException e) {
            return false;
        } finally {
            if (Files.exists(probe) && allocatedBytes(probe) > (1 << 24)) {
                Files.delete(probe);
                return false;
            }
        }
        Files.deleteIfExists(probe);
        return true;
    }

    @Test
    void eightTerabyteSparseFileOpensFastAndAWindowTouchesOnlyItsPages() throws Exception {
        long n = 1_000_000L;
        assumeTrue(sparseFilesWork(n * n * 8), "filesystem lacks sparse files of 8 TB: test skipped");
        Path f = dir.resolve("mmaped.dat");
        long t0 = System.nanoTime();
        // Sparse on request: by default w+ reserves the space, and 8 TB does not fit on the disk.
        try (NDArray a = MemMap.builder(f).dtype(DType.FLOAT64).mode(Mode.WRITE).shape(n, n).sparse(true).open()) {
            long openMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(openMillis).as("open of an 8 TB sparse mapping").isLessThan(2_000);
            assertThat(a.nbytes()).isEqualTo(8_000_000_000_000L);
            NDArray window = a.get("500000:500100, 500000:500100");
            NDArrays.fillArange(window);
            window.flush();
            double sum = 0;
            for (long i = 0; i < 100; i++) {
                for (long j = 0; j < 100; j++) {
                    sum += window.getDouble(i, j);
                }
            }
            assertThat(sum).isEqualTo(9999.0 * 10000 / 2);
            assertThat(a.getDouble(500_099, 500_099)).isEqualTo(9999.0);
            assertThat(a.getDouble(0, 0)).isZero();
        }
        assertThat(Files.size(f)).isEqualTo(8_000_000_000_000L);
        // 100 rows x one or two 4 KiB pages each, plus the byte NumPy-style growth wrote at the end.
        assertThat(allocatedBytes(f)).isLessThan(4L << 20);
        String mean = NumPy.run("m = np.memmap(sys.argv[1], dtype=np.float64, mode='r', shape=(1000000, 1000000)); "
                + "print(m[500000:500100, 500000:500100].mean())", f);
        assertThat(Double.parseDouble(mean)).isEqualTo(9999.0 / 2);
    }

    @Test
    void arraysBeyondTwoGigabytesAndTwoToThe31Elements() throws Exception {
        long n = (1L << 31) + 4096;  // int8 elements: more than 2^31 of them, more than 2 GB
        assumeTrue(sparseFilesWork(n), "filesystem lacks sparse files: test skipped");
        Path f = dir.resolve("big.dat");
        try (NDArray a = MemMap.builder(f).dtype(DType.INT8).mode(Mode.WRITE).shape(n).sparse(true).open()) {
            a.setLong(7, n - 1);
            a.setLong(-3, (1L << 31) + 1);
            NDArray tail = a.get(Index.from(-4096));
            assertThat(tail.size()).isEqualTo(4096);
            assertThat(tail.getLong(4095)).isEqualTo(7);
            NDArray strided = a.get("::1073741824");
            assertThat(strided.shape()).containsExactly(3);
            a.flush();
        }
        String out = NumPy.run("m = np.memmap(sys.argv[1], dtype=np.int8, mode='r'); print(m.shape[0], m[-1], m[2**31 + 1])", f);
        assertThat(out).isEqualTo(n + " 7 -3");
    }
}
