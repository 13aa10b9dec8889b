package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/**
 * After {@code flush()} returns, the data survives the process being killed with SIGKILL: a forked JVM writes
 * through a mapping, flushes, says so, and is killed while it goes on writing; NumPy then reads what was flushed.
 */
class DurabilityTest {

    private static final long N = 4_000_000;

    @TempDir
    Path dir;

    @Test
    void flushedWritesSurviveSigkill() throws Exception {
        NumPy.assume();
        Path raw = dir.resolve("data.f8");
        Path npy = dir.resolve("data.npy");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), raw.toString(), npy.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("flushed");
            // The child keeps writing (unflushed) into the second half; kill it mid-way.
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        String check = NumPy.run("a = np.fromfile(sys.argv[1], dtype='<f8')\n"
                + "b = np.load(sys.argv[2], mmap_mode='r')\n"
                + "n = int(sys.argv[3])\n"
                + "print(a.shape == (n,), np.array_equal(a[:n // 2], np.arange(n // 2) * 3.0),\n"
                + "      b.shape == (n,) and b.dtype == np.int32, np.array_equal(b[:n // 2], np.arange(n // 2, dtype=np.int32)))",
                raw, npy, N);
        assertThat(check).isEqualTo("True True True True");
        assertThat(Files.list(dir).map(f -> f.getFileName().toString()).toList())
                .containsExactlyInAnyOrderElementsOf(List.of("data.f8", "data.npy"));
    }

    /** The child: fills the first halves of a raw file and a .npy, flushes, reports, then writes on until killed. */
    public static final class Writer {
        private Writer() {
        }

        /**
         * Runs the child.
         *
         * @param args the raw file and the .npy file
         * @throws Exception if writing fails
         */
        public static void main(String[] args) throws Exception {
            try (NDArray a = MemMap.open(Path.of(args[0]), DType.FLOAT64, Mode.WRITE, N);
                 NDArray b = Npy.create(Path.of(args[1]), DType.INT32, Order.C, false, N)) {
                for (long i = 0; i < N / 2; i++) {
                    a.setDouble(i * 3.0, i);
                    b.setLong(i, i);
                }
                a.flush();
                b.flush();
                System.out.println("flushed");
                System.out.flush();
                for (long round = 0; ; round++) {
                    for (long i = N / 2; i < N; i++) {
                        a.setDouble(-round, i);
                        b.setLong(-round, i);
                    }
                }
            }
        }
    }
}
