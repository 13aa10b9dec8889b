package org.memmap4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.Main;

/**
 * The CLI with {@code --engine spark --master local[2]} prints the local engine's answers and writes its files byte
 * for byte: {@code stats} (with and without axes), the sensor pipeline (and its figure), {@code convert}.
 */
class SparkCliTest {

    @TempDir
    Path dir;

    /**
     * Starts the shared context first: the CLI's Spark engine then joins it (one context per JVM) instead of
     * starting its own, and leaves it running; its jobs are counted.
     */
    @BeforeAll
    static void spark() {
        SharedSpark.context();
    }

    record Result(int code, String out, String err) {
    }

    static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].toString();
        }
        int code = Main.run(a, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static final Object[] SPARK = {"--engine", "spark", "--master", "local[2]"};

    static Object[] with(Object[] args, Object... more) {
        Object[] all = new Object[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** Sensor output without the seconds (timings) and with the spark run's directory named as the local one. */
    static String comparable(String json, Path from, Path to) {
        return json.replace(from.toString(), to.toString()).replaceAll("\"seconds\":\\{[^}]*}", "");
    }

    @Test
    void sensorPipelineGivesTheLocalEnginesAnswersAndFiles() throws Exception {
        Path lo = dir.resolve("local");
        Path sp = dir.resolve("spark");
        Object[] common = {"sensor", "--sensors", 23, "--readings", 30_001, "--seed", 7, "--json", "--quiet",
            "--corr-readings", "all", "--chunk-bytes", 16_384};
        Result local = run(with(common, "--dir", lo, "--plot", dir.resolve("local.png")));
        assertThat(local.code()).as(local.err()).isZero();
        int jobs = SharedSpark.jobs();
        Result spark = run(with(with(common, "--dir", sp, "--plot", dir.resolve("spark.png")), SPARK));
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(SharedSpark.jobsAbove(jobs + 5)).as("Spark jobs").isGreaterThan(jobs + 5);
        assertThat(comparable(spark.out(), sp, lo)).isEqualTo(comparable(local.out(), lo, lo)).contains("\"anomalies\"");
        for (String f : List.of("sensor_readings.npy", "processed_readings.npy", "sensor_statistics.npy")) {
            assertThat(Files.readAllBytes(sp.resolve(f))).as(f).isEqualTo(Files.readAllBytes(lo.resolve(f)));
        }
        // The figure's passes (envelopes, histogram) ran on Spark too.
        assertThat(Files.readAllBytes(dir.resolve("spark.png"))).isEqualTo(Files.readAllBytes(dir.resolve("local.png")));
        // Processing an existing file (the --input path) too, in raw format.
        Result localIn = run("sensor", "--input", lo.resolve("sensor_readings.npy"), "--dir", dir.resolve("li"), "--format", "raw",
                "--json", "--quiet");
        Result sparkIn = run(with(new Object[] {"sensor", "--input", lo.resolve("sensor_readings.npy"), "--dir", dir.resolve("si"),
            "--format", "raw", "--json", "--quiet"}, SPARK));
        assertThat(sparkIn.code()).as(sparkIn.err()).isZero();
        assertThat(comparable(sparkIn.out(), dir.resolve("si"), dir.resolve("li"))).isEqualTo(comparable(localIn.out(), dir, dir));
    }

    @Test
    void statsGiveTheLocalEnginesAnswers() throws Exception {
        Path f = dir.resolve("a.npy");
        assertThat(run("sensor", "--sensors", 7, "--readings", 50_000, "--dir", dir.resolve("s"), "--quiet").code()).isZero();
        Files.copy(dir.resolve("s").resolve("processed_readings.npy"), f);
        for (Object[] args : List.of(new Object[] {"stats", f, "--json"}, new Object[] {"stats", f, "--axis", 1, "--json"},
                new Object[] {"stats", f, "::2, 100:", "--axis", 0}, new Object[] {"stats", f, "--chunk-bytes", 4096})) {
            Result local = run(with(args, "--quiet"));
            assertThat(local.code()).as(local.err()).isZero();
            int jobs = SharedSpark.jobs();
            Result spark = run(with(with(args, "--quiet"), SPARK));
            assertThat(spark.code()).as(spark.err()).isZero();
            assertThat(SharedSpark.jobsAbove(jobs + 4)).as("Spark jobs").isGreaterThan(jobs + 4);
            assertThat(spark.out()).as(List.of(args).toString()).isEqualTo(local.out()).contains("median");
        }
    }

    @Test
    void convertWritesTheLocalEnginesFiles() throws Exception {
        assertThat(run("sensor", "--sensors", 5, "--readings", 20_000, "--dir", dir.resolve("s"), "--quiet").code()).isZero();
        Path in = dir.resolve("s").resolve("processed_readings.npy");
        for (Object[] args : List.of(new Object[] {"--dtype", "float64"}, new Object[] {"--dtype", ">f2", "--order", "F"},
                new Object[] {"--format", "raw", "--dtype", "int16"})) {
            Path lo = dir.resolve("lo.out");
            Path sp = dir.resolve("sp.out");
            Result local = run(with(with(new Object[] {"convert", in, lo, "--quiet", "--force", "--chunk-bytes", 8192}, args)));
            assertThat(local.code()).as(local.err()).isZero();
            int jobs = SharedSpark.jobs();
            Result spark = run(with(with(new Object[] {"convert", in, sp, "--quiet", "--force", "--chunk-bytes", 8192}, args), SPARK));
            assertThat(spark.code()).as(spark.err()).isZero();
            assertThat(SharedSpark.jobsAbove(jobs)).as("Spark jobs").isGreaterThan(jobs);
            assertThat(Files.readAllBytes(sp)).as(List.of(args).toString()).isEqualTo(Files.readAllBytes(lo));
        }
    }

    @Test
    void engineOptionsAreChecked() throws Exception {
        Path f = dir.resolve("b.raw");
        Files.write(f, new byte[800]);
        Result r = run("stats", f, "--dtype", "float64", "--engine", "spark", "--quiet");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--master").doesNotContain("\n\n").doesNotContain("Exception");
        r = run("stats", f, "--dtype", "float64", "--engine", "spark", "--master", "local[2]", "--threads", 2, "--quiet");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--threads is for the local engine");
    }
}
