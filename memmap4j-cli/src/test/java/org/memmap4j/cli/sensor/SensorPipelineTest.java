package org.memmap4j.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.NDArray;
import org.memmap4j.Randoms;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.testing.NumPy;

/**
 * The pipeline against the seed's own NumPy code on the same readings: processed values bitwise, statistics bitwise
 * (float32 values computed in NumPy's order), anomaly counts exactly, correlations to rounding; the same answers for
 * any thread count and chunk size; generation reproducible and following the seed's model.
 */
class SensorPipelineTest {

    @TempDir
    Path dir;

    private static SensorResult run(Path input, Path out, SensorFormat format, Compute compute) throws IOException {
        // A raw input's shape comes from its name here: in-S-N.dat.
        String[] name = input.getFileName().toString().replace(".dat", "").split("-");
        boolean raw = input.toString().endsWith(".dat");
        return SensorPipeline.run(new SensorPipeline.Config(raw ? Integer.valueOf(name[1]) : null, raw ? Long.valueOf(name[2]) : null,
                0, input, out, format, false,
                SensorPipeline.DEFAULT_CORRELATION_READINGS), compute, phase -> ProgressListener.NONE);
    }

    private static SensorResult run(Path input, Path out, SensorFormat format, int threads, long chunkBytes) throws IOException {
        try (ChunkExecutor ex = ChunkExecutor.local(threads, chunkBytes)) {
            return run(input, out, format, Compute.on(ex));
        }
    }

    static void assertSameAsNumPy(SensorResult r, SensorTesting.Oracle o) {
        assertThat(r.stats().length).isEqualTo(o.stats().length);
        for (int s = 0; s < o.stats().length; s++) {
            for (int k = 0; k < 5; k++) {
                // Bitwise: Double.equals treats NaN as NaN.
                assertThat(Double.valueOf(r.stats()[s][k])).as("sensor %d stat %d", s, k).isEqualTo(Double.valueOf(o.stats()[s][k]));
            }
        }
        assertThat(r.anomalies()).containsExactly(o.anomalies());
        assertThat(r.correlation().matrix().length).isEqualTo(o.correlation().length);
        for (int i = 0; i < o.correlation().length; i++) {
            for (int j = 0; j < o.correlation().length; j++) {
                double want = o.correlation()[i][j];
                if (Double.isNaN(want)) {
                    assertThat(r.correlation().matrix()[i][j]).isNaN();
                } else {
                    assertThat(r.correlation().matrix()[i][j]).as("corr %d %d", i, j).isCloseTo(want, within(1e-12));
                }
            }
        }
        assertThat(SensorTesting.sameFloats(r.files().processed(), o.processed(), (long) r.sensors() * r.readings()))
                .as("processed values bitwise").isTrue();
    }

    @Test
    void answersAreTheSeedsNumPyAnswersOnTheSameFile() throws Exception {
        // Rows longer than a segment (2^16), so the NumPy order of the sums spans segments and chunks.
        Path raw = SensorTesting.readings(dir.resolve("in-23-70001.dat"), 23, 70_001, "");
        SensorResult r = run(raw, dir.resolve("out"), SensorFormat.RAW, 2, 100_000);
        SensorTesting.Oracle o = SensorTesting.oracle(raw, 23, 70_001, dir);
        assertSameAsNumPy(r, o);
        assertThat(r.correlation().sensors()).containsExactly(0, 10, 20);
        assertThat(r.correlation().readings()).isEqualTo(10_000);
        assertThat(r.anomalyTotal()).isEqualTo(Arrays.stream(o.anomalies()).sum()).isPositive();
        assertThat(r.generated()).isFalse();
        assertThat(r.seconds().generate()).isZero();
        assertThat(r.files().raw()).isEqualTo(raw);
        assertThat(r.files().processedBytes()).isEqualTo(23 * 70_001 * 4L);
        assertThat(r.files().statisticsBytes()).isEqualTo(23 * 5 * 8L);
        // The statistics file holds the same float64 values.
        String stats = NumPy.run("s = np.fromfile(sys.argv[1], dtype='f8').reshape(-1, 5); print(' '.join(repr(float(v)) for v in s[7]))",
                r.files().statistics());
        assertThat(Arrays.stream(stats.split(" ")).mapToDouble(Double::parseDouble).toArray()).containsExactly(r.stats()[7]);
    }

    @Test
    void nanReadingsTinyRowsAndSingleSensorsAreNumPys() throws Exception {
        // Row 1 holds a NaN (NumPy's mean, std, min, max and median turn NaN, no anomalies); 7 readings is below
        // NumPy's 8-element unroll; one reading has std 0; a single sensor correlates with itself.
        Path a = SensorTesting.readings(dir.resolve("nan.npy"), 12, 7, "a[1, 3] = np.nan");
        assertSameAsNumPy(run(a, dir.resolve("o1"), SensorFormat.NPY, 1, 64), SensorTesting.oracle(a, 12, 7, dir.resolve("n1")));
        Path b = SensorTesting.readings(dir.resolve("one.npy"), 3, 1, "");
        assertSameAsNumPy(run(b, dir.resolve("o2"), SensorFormat.NPY, 2, 64), SensorTesting.oracle(b, 3, 1, dir.resolve("n2")));
        Path c = SensorTesting.readings(dir.resolve("single.npy"), 1, 20_000, "");
        SensorResult rc = run(c, dir.resolve("o3"), SensorFormat.NPY, 2, 4096);
        assertSameAsNumPy(rc, SensorTesting.oracle(c, 1, 20_000, dir.resolve("n3")));
        assertThat(rc.correlation().matrix()[0][0]).isEqualTo(1.0);
    }

    @Test
    void answersDoNotDependOnThreadsOrChunks() throws Exception {
        Path raw = SensorTesting.readings(dir.resolve("in.npy"), 11, 140_003, "");
        SensorResult a = run(raw, dir.resolve("a"), SensorFormat.NPY, 1, 64);
        SensorResult b = run(raw, dir.resolve("b"), SensorFormat.NPY, 3, 1_000_000);
        SensorResult c = run(raw, dir.resolve("c"), SensorFormat.NPY, Compute.local());
        for (SensorResult x : new SensorResult[] {b, c}) {
            assertThat(x.stats()).isDeepEqualTo(a.stats());
            assertThat(x.anomalies()).containsExactly(a.anomalies());
            assertThat(x.correlation().matrix()).isDeepEqualTo(a.correlation().matrix());
            assertThat(Files.mismatch(x.files().processed(), a.files().processed())).isEqualTo(-1L);
        }
    }

    private static SensorResult generate(Path out, int sensors, long readings, long seed, Compute compute) throws IOException {
        return SensorPipeline.run(new SensorPipeline.Config(sensors, readings, seed, null, out, SensorFormat.NPY, false, 0),
                compute, phase -> ProgressListener.NONE);
    }

    @Test
    void generationIsTheSameForAnyThreadsAndChunksAndFollowsTheFormula() throws Exception {
        SensorResult a;
        SensorResult b;
        try (ChunkExecutor one = ChunkExecutor.local(1, 64); ChunkExecutor two = ChunkExecutor.local(2, 4096)) {
            a = generate(dir.resolve("a"), 3, 5001, 42, Compute.on(one));
            b = generate(dir.resolve("b"), 3, 5001, 42, Compute.on(two));
        }
        SensorResult c = generate(dir.resolve("c"), 3, 5001, 42, Compute.local());
        SensorResult d = generate(dir.resolve("d"), 3, 5001, 43, Compute.local());
        assertThat(a.generated()).isTrue();
        assertThat(Files.mismatch(a.files().raw(), b.files().raw())).isEqualTo(-1L);
        assertThat(Files.mismatch(a.files().raw(), c.files().raw())).isEqualTo(-1L);
        assertThat(Files.mismatch(a.files().raw(), d.files().raw())).isNotEqualTo(-1L);
        // Reading j of sensor s is float32((20 + 0.5 s + 2 z) + linspace(0, 5, N)[j]), z the noise at s * N + j.
        String trend = NumPy.run("t = np.linspace(0, 5, 5001); print(' '.join(repr(float(t[j])) for j in (0, 1, 2500, 4999, 5000)))");
        long[] js = {0, 1, 2500, 4999, 5000};
        String[] t = trend.split(" ");
        try (NDArray raw = a.format().open(a.files().raw(), org.memmap4j.DType.FLOAT32, new long[] {3, 5001})) {
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < js.length; i++) {
                    long j = js[i];
                    assertThat(SensorGenerator.trend(j, 5001)).isEqualTo(Double.parseDouble(t[i]));
                    float want = (float) ((20.0 + s * 0.5 + Randoms.normal(42, s * 5001L + j) * 2.0) + Double.parseDouble(t[i]));
                    assertThat((float) raw.getDouble(s, j)).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void generatedReadingsFollowTheSeedsModel() throws Exception {
        SensorResult r = generate(dir.resolve("g"), 4, 400_000, 7, Compute.local());
        // Per sensor: mean 20 + 0.5 s + 2.5 (the trend's mean); std sqrt(4 + 25/12) (noise and uniform trend); the
        // trend: the last tenth is 4.5 warmer than the first. Tolerances are several standard errors.
        String out = NumPy.run("a = np.load(sys.argv[1], mmap_mode='r')\n"
                + "for s in range(a.shape[0]):\n"
                + "    r = a[s].astype(np.float64); n = r.size // 10\n"
                + "    print(r.mean() - (20 + 0.5 * s + 2.5), r.std() - np.sqrt(4 + 25 / 12), r[-n:].mean() - r[:n].mean() - 4.5,"
                + " np.mean(np.abs(r - (20 + 0.5 * s + np.linspace(0, 5, r.size))) > 6))", r.files().raw());
        for (String line : out.lines().toList()) {
            double[] v = Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray();
            assertThat(v[0]).as(line).isCloseTo(0, within(0.02));
            assertThat(v[1]).as(line).isCloseTo(0, within(0.02));
            assertThat(v[2]).as(line).isCloseTo(0, within(0.05));
            // Noise beyond 3 sigma (6 degrees): 0.27 % for a normal.
            assertThat(v[3]).as(line).isCloseTo(0.0027, within(0.0006));
        }
    }
}
