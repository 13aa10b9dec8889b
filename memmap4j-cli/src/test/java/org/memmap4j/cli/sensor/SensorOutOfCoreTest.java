package org.memmap4j.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.Main;
import org.memmap4j.testing.NumPy;

/**
 * Out of core for real: {@code memmap4j sensor} in a forked JVM with a 64 MB heap generates and processes 4 x 8M
 * readings (128 MB per file, twice the heap), and NumPy checks the files and the answers.
 */
class SensorOutOfCoreTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWithA64MegabyteHeapRunsThePipelineOnFilesTwiceAsLarge() throws Exception {
        long n = 8_000_001;
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sensor", "--sensors", "4", "--readings", Long.toString(n), "--dir", out.toString(), "--json", "--quiet"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(json).isZero();
        assertThat(Files.size(out.resolve("processed_readings.npy"))).isEqualTo(128 + 4 * n * 4);
        String check = NumPy.run("import json\n"
                + "j = json.loads(sys.argv[1]); d = sys.argv[2]\n"
                + "raw = np.load(d + '/sensor_readings.npy', mmap_mode='r'); p = np.load(d + '/processed_readings.npy', mmap_mode='r')\n"
                + "ok = all(np.array_equal(p[:, i:i + 2**22].view(np.uint32), ((raw[:, i:i + 2**22] * 9/5 + 32) * 1.02).view(np.uint32))"
                + " for i in range(0, p.shape[1], 2**22))\n"
                + "st = [[float(np.mean(r)), float(np.std(r)), float(np.min(r)), float(np.max(r)), float(np.median(r))] for r in p]\n"
                + "an = [int(np.sum(np.abs(p[s] - np.float64(st[s][0])) > 3 * np.float64(st[s][1]))) for s in range(4)]\n"
                + "print(ok, st == j['stats'], an == j['anomalies'], np.array_equal(np.load(d + '/sensor_statistics.npy'), st))",
                json.strip(), out);
        assertThat(check).isEqualTo("True True True True");
    }
}
