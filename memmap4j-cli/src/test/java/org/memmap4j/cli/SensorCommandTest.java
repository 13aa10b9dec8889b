package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.CliTest.Result;
import org.memmap4j.cli.sensor.SensorTesting;
import org.memmap4j.testing.NumPy;

/**
 * {@code memmap4j sensor} through {@link Main#run} ({@link CliTest#run}): the seed's report, the JSON, input files,
 * errors, --force.
 */
class SensorCommandTest {

    @TempDir
    Path dir;

    @Test
    void textReportPrintsTheSeedsTablesForTheSameReadings() throws Exception {
        Path raw = SensorTesting.readings(dir.resolve("in.dat"), 23, 20_001, "");
        Result r = CliTest.run("sensor", "--input", raw, "--sensors", 23, "--readings", 20_001, "--format", "raw", "--dir", dir.resolve("out"), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        SensorTesting.Oracle o = SensorTesting.oracle(raw, 23, 20_001, dir);
        // Statistics, anomalies, correlation matrix and file sizes, character for character.
        assertThat(SensorTesting.tables(r.out())).isEqualTo(SensorTesting.tables(o.report()));
        String size = o.report().lines().findFirst().orElseThrow();
        assertThat(size).startsWith("Sensor data size: ");
        assertThat(r.out()).startsWith("Reading sensor data from " + raw + "...\n" + size + "\n\nProcessing sensor data...");
        assertThat(r.out()).contains("Processed file:  " + dir.resolve("out").resolve("processed_readings.dat"))
                .contains("Raw file:        " + raw + " (input)")
                .endsWith("\nProcessing complete! All data saved to memory-mapped files.");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonHasTheDocumentedShape() {
        Path in = SensorTesting.readings(dir.resolve("in.npy"), 21, 9_000, "");
        Result r = CliTest.run("sensor", "--input", in, "--dir", dir.resolve("j"), "--json", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"sensors\":21,\"readings\":9000,\"stats\":[[").endsWith("}").hasLineCount(1);
        String check = NumPy.run("import json, os\n"
                + "j = json.loads(sys.argv[1])\n"
                + "print(list(j) == ['sensors', 'readings', 'stats', 'anomalies', 'anomaly_total', 'correlation', 'files', 'seconds'],\n"
                + "      len(j['stats']) == 21 and all(len(s) == 5 and all(type(v) is float for v in s) for s in j['stats']),\n"
                + "      len(j['anomalies']) == 21 and sum(j['anomalies']) == j['anomaly_total'] > 0,\n"
                + "      list(j['correlation']) == ['sensors', 'readings', 'matrix'] and j['correlation']['sensors'] == [0, 10, 20],\n"
                + "      j['correlation']['readings'] == 9000 and len(j['correlation']['matrix']) == 3,\n"
                + "      list(j['files']) == ['raw', 'raw_bytes', 'processed', 'processed_bytes', 'statistics', 'statistics_bytes'],\n"
                + "      all(os.path.getsize(j['files'][k]) == j['files'][k + '_bytes'] for k in ('raw', 'processed', 'statistics')),\n"
                + "      j['files']['raw'] == sys.argv[2] and j['files']['statistics_bytes'] == 128 + 21 * 5 * 8,\n"
                + "      list(j['seconds']) == ['generate', 'convert', 'stats', 'anomalies', 'correlation'],\n"
                + "      j['seconds']['generate'] == 0 and all(v > 0 for k, v in j['seconds'].items() if k != 'generate'),\n"
                + "      np.array_equal(np.load(j['files']['statistics']), np.array(j['stats'])))", r.out().strip(), in);
        assertThat(check).isEqualTo("True True True True True True True True True True True");
        // Generating: raw is the new file in --dir, and generation took time.
        Result g = CliTest.run("sensor", "--sensors", 3, "--readings", 1000, "--dir", dir.resolve("g"), "--json", "--quiet");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("\"raw\":\"" + dir.resolve("g").resolve("sensor_readings.npy") + "\",\"raw_bytes\":" + (128 + 3 * 1000 * 4))
                .contains("\"correlation\":{\"sensors\":[0],\"readings\":1000,\"matrix\":[[1.0]]}")
                .doesNotContain("\"generate\":0.0,");
    }

    /** --plot draws the three-panel figure at 1200 x 800, and an existing figure stops the run before any work. */
    @Test
    void plotWritesTheFigureAndAnExistingOneNeedsForce() throws Exception {
        Path png = dir.resolve("fig.png");
        Result r = CliTest.run("sensor", "--sensors", 12, "--readings", 3000, "--dir", dir.resolve("p"), "--plot", png, "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("Figure: " + png);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
        long before = Files.size(png);
        Result again = CliTest.run("sensor", "--sensors", 12, "--readings", 3000, "--dir", dir.resolve("q"), "--plot", png, "--quiet");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains(png.toString()).contains("--force").hasLineCount(1);
        assertThat(dir.resolve("q")).doesNotExist();
        assertThat(Files.size(png)).isEqualTo(before);
    }

    @Test
    void rawNpyAndBigEndianFortranInputsOfTheSameReadingsGiveTheSameAnswers() {
        Path npy = SensorTesting.readings(dir.resolve("a.npy"), 12, 30_000, "");
        Path raw = dir.resolve("a.dat");
        Path swapped = dir.resolve("big-endian-fortran.npy");
        NumPy.run("a = np.load(sys.argv[1]); a.tofile(sys.argv[2]); np.save(sys.argv[3], np.asfortranarray(a.astype('>f4')))",
                npy, raw, swapped);
        Result a = CliTest.run("sensor", "--input", npy, "--dir", dir.resolve("x"), "--json", "--quiet", "--corr-readings", "all");
        Result b = CliTest.run("sensor", "--input", raw, "--sensors", 12, "--readings", 30_000, "--format", "raw", "--dir", dir.resolve("y"),
                "--json", "--quiet", "--corr-readings", "all", "--threads", 1);
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        Result c = CliTest.run("sensor", "--input", swapped, "--dir", dir.resolve("z"), "--json", "--quiet", "--corr-readings", "all");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(answers(a.out())).isEqualTo(answers(b.out())).isEqualTo(answers(c.out())).contains("\"readings\":30000,\"matrix\"");
        // --corr-readings all: np.corrcoef of whole rows.
        String ok = NumPy.run("import json\nj = json.loads(sys.argv[1]); p = np.load(sys.argv[2], mmap_mode='r')\n"
                + "print(np.allclose(j['correlation']['matrix'], np.corrcoef(p[::10]), rtol=0, atol=1e-12))",
                a.out().strip(), dir.resolve("x").resolve("processed_readings.npy"));
        assertThat(ok).isEqualTo("True");
    }

    /** --no-sync skips only the waits for the disk: the same answers and the same files, under their final names. */
    @Test
    void noSyncWritesTheSameFiles() throws Exception {
        Result a = CliTest.run("sensor", "--sensors", 7, "--readings", 20_000, "--dir", dir.resolve("a"), "--json", "--quiet");
        Result b = CliTest.run("sensor", "--sensors", 7, "--readings", 20_000, "--dir", dir.resolve("b"), "--json", "--quiet",
                "--no-sync");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(answers(b.out())).isEqualTo(answers(a.out()));
        for (String f : List.of("sensor_readings.npy", "processed_readings.npy", "sensor_statistics.npy")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        try (Stream<Path> s = Files.list(dir.resolve("b"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "sensor_readings.npy", "processed_readings.npy", "sensor_statistics.npy");
        }
    }

    /** The JSON up to the files: the answers, without paths and times. */
    private static String answers(String json) {
        return json.substring(0, json.indexOf(",\"files\""));
    }

    @Test
    void badInputsAreOneLineErrorsNamingTheFile() throws Exception {
        Path raw = dir.resolve("short.dat");
        Files.write(raw, new byte[4 * 10 * 100 - 4]);
        Path f64 = dir.resolve("f64.npy");
        Path flat = dir.resolve("flat.npy");
        NumPy.run("np.save(sys.argv[1], np.zeros((3, 4))); np.save(sys.argv[2], np.zeros(12, dtype=np.float32))", f64, flat);
        Path out = dir.resolve("out");
        List<Object[]> cases = List.of(
                new Object[] {raw, "3996 bytes, but 10 x 100 float32 readings take 4000 bytes", "--input", raw, "--sensors", 10, "--readings", 100},
                new Object[] {raw, "give --sensors and --readings", "--input", raw},
                new Object[] {dir.resolve("missing.npy"), "no such file", "--input", dir.resolve("missing.npy")},
                new Object[] {f64, "dtype float64 ('<f8'), expected float32", "--input", f64},
                new Object[] {flat, "shape (12,), expected (sensors, readings)", "--input", flat},
                new Object[] {f64.getParent(), "is a directory", "--input", dir});
        for (Object[] c : cases) {
            Object[] args = Stream.concat(Stream.of("sensor", "--dir", out, "--quiet"), Stream.of(c).skip(2)).toArray();
            Result r = CliTest.run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).as(c[1].toString()).startsWith("memmap4j: " + c[0]).contains(c[1].toString())
                    .doesNotContain("\n").doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(out).doesNotExist();
        for (Object[] usage : new Object[][] {{"--corr-readings", "1"}, {"--corr-readings", "some"}, {"--sensors", 0},
            {"--threads", 0}, {"--format", "csv"}}) {
            Result r = CliTest.run("sensor", "--dir", out, usage[0], usage[1]);
            assertThat(r.code()).as(r.err()).isIn(1, 2);
            assertThat(r.err()).contains(usage[0].toString()).doesNotContain("Exception");
        }
    }

    @Test
    void helpNamesEveryOption() {
        Result r = CliTest.run("sensor", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("2% calibration");
        for (String option : new String[] {"--sensors", "--readings", "--seed", "--dir", "--format", "--input", "--corr-readings",
            "--threads", "--json", "--quiet", "--force"}) {
            assertThat(r.out()).contains(option);
        }
    }

    @Test
    void existingOutputsAreKeptUnlessForced() throws Exception {
        Path out = dir.resolve("o");
        assertThat(CliTest.run("sensor", "--sensors", 2, "--readings", 500, "--dir", out, "--quiet").code()).isZero();
        Path processed = out.resolve("processed_readings.npy");
        byte[] before = Files.readAllBytes(processed);
        Files.writeString(out.resolve("sensor_readings.npy"), "precious");
        Result r = CliTest.run("sensor", "--sensors", 2, "--readings", 500, "--seed", 9, "--dir", out, "--quiet");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("memmap4j: " + out.resolve("sensor_readings.npy") + ": file exists (use --force to replace it)");
        assertThat(Files.readString(out.resolve("sensor_readings.npy"))).isEqualTo("precious");
        assertThat(Files.readAllBytes(processed)).isEqualTo(before);
        // With an input, the raw file is not an output: only the processed and statistics files are checked.
        Path in = SensorTesting.readings(dir.resolve("in.npy"), 2, 500, "");
        r = CliTest.run("sensor", "--input", in, "--dir", out, "--quiet");
        assertThat(r.err()).isEqualTo("memmap4j: " + processed + ": file exists (use --force to replace it)");
        r = CliTest.run("sensor", "--input", processed, "--dir", out, "--quiet", "--force");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(processed + ": the input is also an output file");
        assertThat(Files.readAllBytes(processed)).isEqualTo(before);
        r = CliTest.run("sensor", "--sensors", 2, "--readings", 500, "--seed", 9, "--dir", out, "--quiet", "--force");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(processed)).isNotEqualTo(before).hasSameSizeAs(before);
        assertThat(NumPy.run("print(np.load(sys.argv[1]).shape)", out.resolve("sensor_readings.npy"))).isEqualTo("(2, 500)");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "sensor_readings.npy", "processed_readings.npy", "sensor_statistics.npy");
        }
    }

    @Test
    void withoutDirTheFilesGoToAFreshDirectoryTheReportNames() throws Exception {
        Result r = CliTest.run("sensor", "--sensors", 2, "--readings", 100, "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("Processed file:")).findFirst().orElseThrow();
        Path processed = Path.of(line.substring(line.indexOf(':') + 1).strip());
        Path fresh = processed.getParent();
        try {
            assertThat(fresh.getFileName().toString()).startsWith("memmap4j-sensor-");
            assertThat(processed).exists();
            assertThat(r.out()).startsWith("Creating sensor data array...\nGenerating simulated sensor readings...\nSensor data size: 0.00 MB\n");
        } finally {
            try (Stream<Path> s = Files.list(fresh)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(fresh);
        }
    }
}
