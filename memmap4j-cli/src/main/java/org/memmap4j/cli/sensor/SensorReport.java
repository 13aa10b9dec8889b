package org.memmap4j.cli.sensor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's report: the seed's printed layout (section by section, with Python's number formatting, so the
 * tables read exactly as the seed's would for the same readings), or a JSON tree.
 */
public final class SensorReport {

    private static final String RULE = "=".repeat(70);
    private static final double MB = 1024.0 * 1024.0;
    /** The seed shows the statistics of the first 10 sensors. */
    private static final int SHOWN_SENSORS = 10;

    private SensorReport() {
    }

    /**
     * Returns the text report in the seed's layout: data size, statistics of the first 10 sensors, anomalies per
     * sensor with totals, the correlation matrix and file sizes; then the files' paths and the phases' seconds.
     *
     * @param r the result
     * @return the report, lines ending in newlines
     */
    public static String text(SensorResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.generated()) {
            line(sb, "Creating sensor data array...");
            line(sb, "Generating simulated sensor readings...");
        } else {
            line(sb, "Reading sensor data from " + r.files().raw() + "...");
        }
        line(sb, "Sensor data size: " + fixed(r.sensors() * r.readings() * 4.0 / MB, 2) + " MB");
        line(sb, "\nProcessing sensor data...");
        line(sb, "\nCalculating sensor statistics...");
        statistics(sb, r);
        anomalies(sb, r);
        correlation(sb, r);
        files(sb, r);
        line(sb, "\nProcessing complete! All data saved to memory-mapped files.");
        return sb.toString();
    }

    private static void header(StringBuilder sb, String title) {
        line(sb, "\n" + RULE);
        line(sb, title);
        line(sb, RULE);
    }

    private static void statistics(StringBuilder sb, SensorResult r) {
        header(sb, "SENSOR STATISTICS (Temperature in Fahrenheit)");
        line(sb, left("Sensor", 8) + " " + left("Mean", 10) + " " + left("Std Dev", 10) + " " + left("Min", 10) + " "
                + left("Max", 10) + " " + left("Median", 10));
        line(sb, "-".repeat(70));
        for (int s = 0; s < Math.min(SHOWN_SENSORS, r.sensors()); s++) {
            double[] st = r.stats()[s];
            StringBuilder row = new StringBuilder(left("#" + s, 8));
            for (double v : st) {
                row.append(' ').append(left(fixed(v, 2), 10));
            }
            line(sb, row.toString());
        }
    }

    private static void anomalies(StringBuilder sb, SensorResult r) {
        header(sb, "ANOMALY DETECTION");
        for (int s = 0; s < r.sensors(); s++) {
            long a = r.anomalies()[s];
            if (a > 0) {
                line(sb, "Sensor #" + s + ": " + a + " anomalies (" + fixed((double) a / r.readings() * 100, 2) + "%)");
            }
        }
        long total = r.anomalyTotal();
        line(sb, "\nTotal anomalies detected: " + total);
        line(sb, "Overall anomaly rate: " + fixed((double) total / ((double) r.sensors() * r.readings()) * 100, 3) + "%");
    }

    private static void correlation(StringBuilder sb, SensorResult r) {
        header(sb, "CROSS-SENSOR CORRELATION ANALYSIS");
        SensorResult.Correlation c = r.correlation();
        line(sb, "\nCorrelation Matrix (sample sensors):");
        StringBuilder head = new StringBuilder(" ".repeat(8));
        for (int id : c.sensors()) {
            head.append(left("S" + id, 8));
        }
        line(sb, head.toString());
        for (int i = 0; i < c.sensors().length; i++) {
            StringBuilder row = new StringBuilder(left("S" + c.sensors()[i], 8));
            for (int j = 0; j < c.sensors().length; j++) {
                row.append(right(fixed(c.matrix()[i][j], 3), 7)).append(' ');
            }
            line(sb, row.toString());
        }
    }

    private static void files(StringBuilder sb, SensorResult r) {
        SensorResult.Files f = r.files();
        header(sb, "MEMORY-MAPPED FILE INFORMATION");
        line(sb, "Raw sensor data: " + fixed(f.rawBytes() / MB, 2) + " MB");
        line(sb, "Processed data: " + fixed(f.processedBytes() / MB, 2) + " MB");
        line(sb, "Statistics data: " + fixed(f.statisticsBytes() / MB, 2) + " MB");
        line(sb, "Total disk usage: " + fixed((f.rawBytes() + f.processedBytes() + f.statisticsBytes()) / MB, 2) + " MB");
        line(sb, "");
        line(sb, "Raw file:        " + f.raw() + (r.generated() ? "" : " (input)"));
        line(sb, "Processed file:  " + f.processed());
        line(sb, "Statistics file: " + f.statistics());
        SensorResult.Seconds t = r.seconds();
        line(sb, "Seconds: generate " + fixed(t.generate(), 3) + ", convert " + fixed(t.convert(), 3) + ", statistics "
                + fixed(t.stats(), 3) + ", anomalies " + fixed(t.anomalies(), 3) + ", correlation " + fixed(t.correlation(), 3));
    }

    /**
     * Returns the JSON tree of a result (maps keep their keys' order): sensors, readings, stats, anomalies,
     * anomaly_total, correlation {sensors, readings, matrix}, files {raw, raw_bytes, processed, processed_bytes,
     * statistics, statistics_bytes} and seconds {generate, convert, stats, anomalies, correlation}. Paths are
     * strings, numbers are Long, Integer or Double, and matrices are lists of lists.
     *
     * @param r the result
     * @return the tree
     */
    public static Map<String, Object> json(SensorResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sensors", r.sensors());
        m.put("readings", r.readings());
        m.put("stats", rows(r.stats()));
        m.put("anomalies", r.anomalies().clone());
        m.put("anomaly_total", r.anomalyTotal());
        Map<String, Object> corr = new LinkedHashMap<>();
        List<Integer> ids = new ArrayList<>();
        for (int id : r.correlation().sensors()) {
            ids.add(id);
        }
        corr.put("sensors", ids);
        corr.put("readings", r.correlation().readings());
        corr.put("matrix", rows(r.correlation().matrix()));
        m.put("correlation", corr);
        SensorResult.Files f = r.files();
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("raw", f.raw().toString());
        files.put("raw_bytes", f.rawBytes());
        files.put("processed", f.processed().toString());
        files.put("processed_bytes", f.processedBytes());
        files.put("statistics", f.statistics().toString());
        files.put("statistics_bytes", f.statisticsBytes());
        m.put("files", files);
        SensorResult.Seconds t = r.seconds();
        Map<String, Object> seconds = new LinkedHashMap<>();
        seconds.put("generate", t.generate());
        seconds.put("convert", t.convert());
        seconds.put("stats", t.stats());
        seconds.put("anomalies", t.anomalies());
        seconds.put("correlation", t.correlation());
        m.put("seconds", seconds);
        return m;
    }

    private static List<List<Double>> rows(double[][] matrix) {
        List<List<Double>> out = new ArrayList<>();
        for (double[] row : matrix) {
            List<Double> l = new ArrayList<>();
            for (double v : row) {
                l.add(v);
            }
            out.add(l);
        }
        return out;
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
    }

    private static String left(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /**
     * Formats as Python's {@code f"{v:.Nf}"}: the exact binary value rounded half to even (Java's %f rounds the
     * shortest decimal half up, so 2.675 would print 2.68 where Python prints 2.67), a minus sign on negative values
     * that round to zero, and nan, inf, -inf.
     */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }
}
