package org.memmap4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH result files ({@code -rf csv}) of these benchmarks into the Markdown table of docs/BENCHMARKS.md: per
 * kernel, dtype and thread count, the time per operation, the bandwidth ({@link Traffic}'s {@code :gb}), that
 * bandwidth as a percentage of {@link BaselineBench} at the same thread count, and the scalar kernels' bandwidth
 * with the Vector API's speed-up where a {@code vector=false} run was recorded. Usage:
 * {@code java -cp memmap4j-benchmarks.jar org.memmap4j.bench.Report RESULT.csv...}.
 */
public final class Report {

    private static final String PACKAGE = "org.memmap4j.bench.";
    private static final String BASELINE = "BaselineBench.scalarLoopSum";

    private Report() {
    }

    /** One measured score with its error, from a CSV line. */
    record Score(double value, double error) {
    }

    /** A line of the table. */
    record Key(String name, String dtype, int threads) {
    }

    /** What one benchmark, dtype and thread count measured, vector and scalar. */
    static final class Row {
        Score opsVector;
        Score gbVector;
        Score gbScalar;
        Score opsScalar;
    }

    /**
     * Prints the table of the given result files.
     *
     * @param args JMH CSV result files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String a : args) {
            lines.addAll(Files.readAllLines(Path.of(a)));
        }
        System.out.print(table(lines));
    }

    /**
     * Builds the Markdown table from the lines of JMH CSV files (each file starts with its header line).
     *
     * @param lines the lines
     * @return the table: the baseline, then one line per kernel (in the order of the files), dtype and thread count
     * @throws IllegalArgumentException if a line is not JMH CSV
     */
    static String table(List<String> lines) {
        Map<String, Integer> order = new HashMap<>();
        Map<Key, Row> rows = new TreeMap<>(Comparator.<Key, Integer>comparing(k -> order.get(k.name()))
                .thenComparing(Key::dtype)
                .thenComparingInt(Key::threads));
        Map<String, Score> baseline = new TreeMap<>();
        List<String> header = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            if (f.getFirst().equals("Benchmark")) {
                header = f;
                continue;
            }
            if (header == null) {
                throw new IllegalArgumentException("not a JMH CSV file (no header): " + line);
            }
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < f.size(); i++) {
                v.put(header.get(i), f.get(i));
            }
            String name = v.get("Benchmark").replace(PACKAGE, "");
            boolean gb = name.endsWith(":gb");
            name = name.replace(":gb", "");
            Score s = new Score(Double.parseDouble(v.get("Score")), Double.parseDouble(v.get("Score Error (99.9%)")));
            String threads = v.getOrDefault("Param: threads", "");
            if (name.equals(BASELINE)) {
                if (gb) {
                    baseline.put(threads, s);
                }
                continue;
            }
            String dtype = v.getOrDefault("Param: dtype", "");
            boolean vector = !"false".equals(v.get("Param: vector"));
            order.putIfAbsent(name, order.size());
            Row r = rows.computeIfAbsent(new Key(name, dtype, threads.isEmpty() ? 0 : Integer.parseInt(threads)),
                    k -> new Row());
            if (gb && vector) {
                r.gbVector = s;
            } else if (gb) {
                r.gbScalar = s;
            } else if (vector) {
                r.opsVector = s;
            } else {
                r.opsScalar = s;
            }
        }
        StringBuilder out = new StringBuilder();
        row(out, "kernel", "dtype", "threads", "ms/op", "GB/s", "% of baseline", "scalar GB/s", "vector / scalar");
        row(out, "---", "---", "---", "---", "---", "---", "---", "---");
        baseline.forEach((threads, s) -> row(out, BASELINE, "float32", threads, "", gbs(s), "100 %", "", ""));
        rows.forEach((k, r) -> {
            Score ops = r.opsVector != null ? r.opsVector : r.opsScalar;
            Score base = baseline.get(Integer.toString(k.threads()));
            double ms = ops == null ? Double.NaN : 1000 / ops.value();
            row(out, k.name(), k.dtype(), Integer.toString(k.threads()),
                    ops == null ? "" : format(ms < 10 ? "%.2f" : "%.0f", ms),
                    gbs(r.gbVector),
                    r.gbVector == null || base == null ? "" : format("%.0f %%", 100 * r.gbVector.value() / base.value()),
                    gbs(r.gbScalar),
                    r.gbVector == null || r.gbScalar == null ? "" : format("%.2fx", r.gbVector.value() / r.gbScalar.value()));
        });
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String format(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static String gbs(Score s) {
        if (s == null) {
            return "";
        }
        return Double.isNaN(s.error()) ? format("%.2f", s.value()) : format("%.2f", s.value()) + format(" ± %.2f", s.error());
    }

    /** Splits a CSV line: fields separated by commas, optionally in double quotes (JMH quotes no quote). */
    private static List<String> fields(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        f.add(cur.toString());
        return f;
    }
}
