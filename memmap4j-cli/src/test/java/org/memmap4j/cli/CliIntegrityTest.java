package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.CliTest.Result;
import org.memmap4j.cli.sensor.SensorTesting;
import org.memmap4j.testing.Fingerprint;
import org.memmap4j.testing.NumPy;

/**
 * The CLI never changes what it reads, and a process killed while writing leaves the old output or none (never a
 * half-written file under the output's name).
 */
class CliIntegrityTest {

    @TempDir
    Path dir;

    @Test
    void everyReadingCommandLeavesItsInputsByteIdentical() throws Exception {
        Path npy = SensorTesting.readings(dir.resolve("in.npy"), 12, 5_000, "");
        Path raw = SensorTesting.readings(dir.resolve("in.dat"), 12, 5_000, "");
        Path npz = dir.resolve("in.npz");
        NumPy.run("np.savez(sys.argv[1], a=np.arange(60, dtype='>f8').reshape(6, 10), b=np.arange(7, dtype='i2'))", npz);
        Map<Path, Fingerprint> before = Fingerprint.of(npy, raw, npz);
        String[] rawOpts = {"--dtype", "float32", "--shape", "12,5000"};
        List<Object[]> commands = List.of(
                new Object[] {"info", npy}, new Object[] {"info", npz, "--json"}, args("info", raw, rawOpts),
                new Object[] {"show", npy, "3:5, ::1000"}, new Object[] {"show", npz, "--member", "a", "--json"},
                new Object[] {"stats", npy}, new Object[] {"stats", npy, "--axis", "1", "--json"},
                args("stats", raw, rawOpts), new Object[] {"stats", npz, "--member", "b", "--json"},
                new Object[] {"plot", npy, "0:3", "--out", dir.resolve("l.png")},
                new Object[] {"plot", npy, "--kind", "hist", "--out", dir.resolve("h.png")},
                args("plot", raw, "--kind", "heatmap", "--out", dir.resolve("m.png"), rawOpts),
                new Object[] {"convert", npy, dir.resolve("c.npy"), "--dtype", "f8", "--order", "F"},
                new Object[] {"convert", raw, dir.resolve("c.npz"), "--in-dtype", "float32", "--in-shape", "12,5000"},
                new Object[] {"sensor", "--input", npy, "--dir", dir.resolve("s1"), "--quiet"},
                new Object[] {"sensor", "--input", raw, "--sensors", 12, "--readings", 5_000, "--dir", dir.resolve("s2"),
                        "--plot", dir.resolve("s.png"), "--quiet"});
        for (Object[] c : commands) {
            Result r = CliTest.run(c);
            assertThat(r.code()).as("%s: %s", List.of(c), r.err()).isZero();
        }
        assertThat(Fingerprint.of(npy, raw, npz)).isEqualTo(before);
    }

    @Test
    void aConversionKilledMidWriteLeavesTheOldOutputOrNone() throws Exception {
        Path in = dir.resolve("big.npy");
        NumPy.run("np.save(sys.argv[1], np.random.default_rng(0).random((1024, 4096)))", in);
        // No output yet: none afterwards.
        Path fresh = dir.resolve("fresh.npy");
        killWhileWriting("convert", in, fresh, "--dtype", "f4", "--order", "F", "--threads", "1", "--chunk-bytes", "1");
        assertThat(fresh).doesNotExist();
        // An output replaced with --force: still the old one, which NumPy loads.
        Path old = dir.resolve("old.npy");
        NumPy.run("np.save(sys.argv[1], np.arange(10.0))", old);
        Fingerprint before = Fingerprint.of(old);
        killWhileWriting("convert", in, old, "--force", "--dtype", "f4", "--threads", "1", "--chunk-bytes", "1");
        assertThat(Fingerprint.of(old)).isEqualTo(before);
        assertThat(NumPy.run("print(np.array_equal(np.load(sys.argv[1]), np.arange(10.0)))", old)).isEqualTo("True");
    }

    @Test
    void aSensorRunKilledMidWriteLeavesTheEarlierRunsFiles() throws Exception {
        Path out = dir.resolve("o");
        assertThat(CliTest.run("sensor", "--sensors", 4, "--readings", 1000, "--dir", out, "--quiet").code()).isZero();
        Map<Path, Fingerprint> before;
        try (Stream<Path> s = Files.list(out)) {
            before = Fingerprint.of(s.sorted().toArray(Path[]::new));
        }
        killWhileWriting("sensor", "--sensors", 50, "--readings", 2_000_000, "--dir", out, "--force", "--quiet",
                "--threads", "1");
        assertThat(Fingerprint.of(before.keySet().toArray(Path[]::new))).isEqualTo(before);
    }

    private static Object[] args(Object command, Object file, Object... rest) {
        List<Object> a = new ArrayList<>(List.of(command, file));
        for (Object o : rest) {
            if (o instanceof String[] s) {
                a.addAll(List.of((Object[]) s));
            } else {
                a.add(o);
            }
        }
        return a.toArray();
    }

    /**
     * Runs the CLI in another JVM, waits until it writes an output under a temporary name, kills it with SIGKILL and
     * checks that only temporary files (which a killed process cannot delete) are left besides the earlier files.
     */
    private void killWhileWriting(Object... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaryFiles().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(p.isAlive()).as("the child was still writing when killed: %s", Files.readString(dir.resolve("child.log")))
                    .isTrue();
            assertThat(temporaryFiles()).isNotEmpty();
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(p.exitValue()).isEqualTo(137); // 128 + SIGKILL
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(f -> f.toFile().delete());
        }
    }

    private List<Path> temporaryFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
