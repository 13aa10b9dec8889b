package org.memmap4j.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memmap4j.testing.NumPy;

/** Test helpers: readings made by NumPy, and the seed's own pipeline run by NumPy as the oracle. */
public final class SensorTesting {

    private SensorTesting() {
    }

    /** What the seed's code computes and prints for a file of readings. */
    public record Oracle(String report, double[][] stats, long[] anomalies, double[][] correlation, Path processed) {
    }

    /**
     * Writes S x N float32 Celsius readings with NumPy: the seed's model (baseline, noise, trend) with a seeded
     * generator, plus outliers so that every sensor has anomalies; a .npy file or a raw one.
     */
    public static Path readings(Path file, int sensors, long readings, String extra) {
        NumPy.run("S, N = int(sys.argv[2]), int(sys.argv[3])\n"
                + "rng = np.random.default_rng(S * 1000 + N)\n"
                + "a = np.empty((S, N), dtype=np.float32)\n"
                + "for s in range(S):\n"
                + "    a[s] = 20.0 + s * 0.5 + rng.standard_normal(N) * 2.0 + np.linspace(0, 5, N)\n"
                + "    k = rng.integers(0, N, size=max(1, N // 500))\n"
                + "    a[s, k] += rng.choice([-1, 1], size=k.size) * rng.uniform(8, 15, size=k.size)\n"
                + extra + "\n"
                + "if sys.argv[1].endswith('.npy'):\n"
                + "    np.save(sys.argv[1], a)\n"
                + "else:\n"
                + "    a.tofile(sys.argv[1])", file, sensors, readings);
        return file;
    }

    /** Runs the seed's pipeline (test resource seed_pipeline.py) in NumPy on a file of readings. */
    public static Oracle oracle(Path raw, int sensors, long readings, Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("numpy"));
        Path answers = out.resolve("answers.json");
        String report = NumPy.run(resource("seed_pipeline.py"), raw, sensors, readings, out, answers);
        String json = Files.readString(answers);
        double[][] stats = matrix(section(json, "stats"));
        long[] anomalies = longs(section(json, "anomalies"));
        double[][] corr = matrix(section(json, "correlation"));
        return new Oracle(report, stats, anomalies, corr, out.resolve("processed_readings.dat"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SensorTesting.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The text of a top-level JSON member (the oracle's answers are flat: lists of lists of numbers or strings). */
    private static String section(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\])").matcher(json);
        assertThat(m.find()).as(key).isTrue();
        return m.group(1);
    }

    private static double number(String s) {
        String t = s.strip().replace("\"", "").replace("'", "");
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    static double[][] matrix(String text) {
        List<double[]> rows = new ArrayList<>();
        Matcher m = Pattern.compile("\\[([^\\[\\]]*)\\]").matcher(text);
        while (m.find()) {
            String[] parts = m.group(1).split(",");
            double[] row = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                row[i] = number(parts[i]);
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    static long[] longs(String text) {
        String inner = text.strip().substring(1, text.strip().length() - 1);
        return inner.isBlank() ? new long[0] : java.util.Arrays.stream(inner.split(",")).mapToLong(x -> Long.parseLong(x.strip())).toArray();
    }

    /** True if two float32 files hold the same bits after their headers (the last n * 4 bytes of each). */
    public static boolean sameFloats(Path a, Path b, long n) {
        return NumPy.run("n = int(sys.argv[3])\n"
                + "x = np.fromfile(sys.argv[1], dtype=np.uint32)[-n:]\n"
                + "y = np.fromfile(sys.argv[2], dtype=np.uint32)[-n:]\n"
                + "print(x.size == n and np.array_equal(x, y))", a, b, n).equals("True");
    }

    /** The report's lines from the statistics header to the total disk usage: what the seed prints the same. */
    public static String tables(String report) {
        int from = report.indexOf("=".repeat(70) + "\nSENSOR STATISTICS");
        int to = report.indexOf('\n', report.indexOf("Total disk usage:"));
        assertThat(from).as(report).isGreaterThanOrEqualTo(0);
        return report.substring(from, to);
    }
}
