package org.memmap4j.cli.sensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.exec.ProgressListener;

/**
 * The sensor pipeline of the NumPy memory-mapping tutorial (issue 4's seed), out of core on memory-mapped files:
 * generate S x N float32 Celsius readings (or take them from a file), convert them to Fahrenheit with a 2 %
 * calibration into a second file, compute per-sensor mean, std, min, max and median into a float64 S x 5 statistics
 * file, count the readings beyond 3 standard deviations, and correlate every 10th sensor.
 *
 * <p>The answers are NumPy's for the same readings: the conversion is float32 arithmetic in the seed's order, the
 * mean and std are float32 with NumPy's own summation order ({@link PairwiseSum}), min, max and the median are
 * exact, so the anomaly counts (float64 comparisons against those statistics) are NumPy's too. The heap does not
 * grow with the number of readings: every phase streams through the files in parallel chunks.
 *
 * <p>Files are named as in the seed ({@code sensor_readings}, {@code processed_readings}, {@code sensor_statistics})
 * with the format's extension. Each is written under a temporary name and renamed into place when complete; an
 * existing file is replaced only when asked ({@code force}), and the check happens before any work.
 */
public final class SensorPipeline {

    /** The seed's sensor count when none is given. */
    public static final int DEFAULT_SENSORS = 50;
    /** The seed's readings per sensor when none is given. */
    public static final long DEFAULT_READINGS = 100_000;
    /** The seed correlates the first 10,000 readings. */
    public static final long DEFAULT_CORRELATION_READINGS = 10_000;
    /** Every how many sensors one is sampled for the correlation (the seed's 0, 10, 20, 30, 40). */
    public static final int CORRELATION_STRIDE = 10;

    /**
     * What to run.
     *
     * @param sensors      S: for generation null means {@link #DEFAULT_SENSORS}; for a raw input it is required;
     *                     for a .npy input null, or the count its shape must have
     * @param readings     N, likewise ({@link #DEFAULT_READINGS})
     * @param seed         the generation seed
     * @param input        an existing S x N float32 file (.npy, or raw C-ordered native) to process instead of
     *                     generating readings, or null
     * @param dir          where the files go; null for a new temporary directory
     * @param format       the format of the files written
     * @param force        whether existing output files may be replaced
     * @param corrReadings how many leading readings to correlate (at most N); 0 or less for all
     */
    public record Config(Integer sensors, Long readings, long seed, Path input, Path dir, SensorFormat format,
                         boolean force, long corrReadings) {

        /**
         * Validates a configuration.
         *
         * @throws NullPointerException     if format is null
         * @throws IllegalArgumentException if sensors or readings is given and below 1
         */
        public Config {
            Objects.requireNonNull(format, "format");
            if (sensors != null && sensors < 1 || readings != null && readings < 1) {
                throw new IllegalArgumentException("--sensors and --readings must be at least 1, got " + sensors + " and " + readings);
            }
        }
    }

    private final Compute compute;
    private final Function<String, ProgressListener> phases;

    private SensorPipeline(Compute compute, Function<String, ProgressListener> phases) {
        this.compute = compute;
        this.phases = phases;
    }

    /**
     * Runs the pipeline.
     *
     * @param config  what to run
     * @param compute where chunks run (threads, chunk size)
     * @param phases  given a phase's name (generate, convert, statistics, anomalies, correlation) when it starts,
     *                returns the listener for its progress
     * @return the results and the files' paths
     * @throws java.nio.file.NoSuchFileException if the input file does not exist
     * @throws FileAlreadyExistsException        if an output file exists and force is false (nothing is written)
     * @throws IllegalArgumentException          if the input does not hold S x N float32 readings, or is one of the
     *                                           output files
     * @throws IOException                       if a file cannot be read or written
     */
    public static SensorResult run(Config config, Compute compute, Function<String, ProgressListener> phases) throws IOException {
        return new SensorPipeline(Objects.requireNonNull(compute, "compute"), Objects.requireNonNull(phases, "phases")).run(config);
    }

    private SensorResult run(Config c) throws IOException {
        boolean generate = c.input() == null;
        NDArray raw = generate ? null
                : SensorInput.open(c.input(), c.sensors() == null ? null : c.sensors().longValue(), c.readings());
        try {
            int sensors = !generate ? Math.toIntExact(raw.shape(0)) : c.sensors() != null ? c.sensors() : DEFAULT_SENSORS;
            long readings = !generate ? raw.shape(1) : c.readings() != null ? c.readings() : DEFAULT_READINGS;
            Path dir = c.dir() != null ? Files.createDirectories(c.dir()) : Files.createTempDirectory("memmap4j-sensor-");
            String ext = "." + c.format().extension();
            Path rawFile = generate ? dir.resolve("sensor_readings" + ext) : c.input();
            Path processedFile = dir.resolve("processed_readings" + ext);
            Path statsFile = dir.resolve("sensor_statistics" + ext);
            checkOutputs(c, generate ? List.of(rawFile, processedFile, statsFile) : List.of(processedFile, statsFile));

            long t0 = System.nanoTime();
            if (generate) {
                raw = SensorGenerator.generate(compute, phases.apply("generate"), c.format(), rawFile, c.force(),
                        sensors, readings, c.seed());
            }
            long t1 = System.nanoTime();
            try (NDArray processed = convert(raw, c.format(), processedFile, c.force())) {
                long t2 = System.nanoTime();
                double[][] stats = statistics(processed);
                writeStatistics(stats, c.format(), statsFile, c.force());
                long t3 = System.nanoTime();
                long[] anomalies = anomalies(processed, stats);
                long t4 = System.nanoTime();
                SensorResult.Correlation corr = correlation(processed, c.corrReadings());
                long t5 = System.nanoTime();
                SensorResult.Files files = new SensorResult.Files(rawFile, Files.size(rawFile), processedFile,
                        Files.size(processedFile), statsFile, Files.size(statsFile));
                SensorResult.Seconds seconds = new SensorResult.Seconds(generate ? seconds(t0, t1) : 0, seconds(t1, t2),
                        seconds(t2, t3), seconds(t3, t4), seconds(t4, t5));
                return new SensorResult(sensors, readings, generate, c.seed(), c.format(), stats, anomalies, corr, files, seconds);
            }
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /** Refuses, before any work, to replace an existing output without force, or to write over the input. */
    private static void checkOutputs(Config c, List<Path> outputs) throws IOException {
        for (Path out : outputs) {
            if (c.input() != null && Files.exists(out) && Files.isSameFile(out, c.input())) {
                throw new IllegalArgumentException(c.input() + ": the input is also an output file; choose another --dir or --format");
            }
            if (!c.force() && Files.exists(out)) {
                throw new FileAlreadyExistsException(out.toString(), null, "file exists");
            }
        }
    }

    /**
     * Phase 2: {@code (c * 9 / 5 + 32) * 1.02} in float32, step by step as NumPy evaluates the seed's expression on
     * a float32 array (Python's int and float scalars are weak: they take the array's dtype), fused into one pass
     * that streams into the processed file.
     */
    private NDArray convert(NDArray raw, SensorFormat format, Path file, boolean force) throws IOException {
        Compute c = compute.withProgress(phases.apply("convert"));
        Expr fahrenheit = Expr.of(raw).multiply(9).divide(5).add(32).multiply(1.02);
        return format == SensorFormat.NPY ? c.evalToNpy(fahrenheit, file, force) : c.evalToRaw(fahrenheit, file, force);
    }

    /**
     * Phase 3: per sensor, what the seed stores: {@code np.mean}, {@code np.std}, {@code np.min}, {@code np.max} and
     * {@code np.median} of the float32 row, each a float32 value widened to float64. The mean and the variance are
     * float32 sums in NumPy's order divided by N in float64 and rounded to float32 (NumPy divides a float32 sum by
     * an intp count); the variance sums float32 squares of float32 deviations from that float32 mean, as
     * {@code np.var} does; std is its float32 square root. Two passes (sums with min and max, then squares) and the
     * exact median's radix selection.
     */
    private double[][] statistics(NDArray processed) {
        ProgressListener progress = phases.apply("statistics");
        RowPasses passes = new RowPasses(compute, processed);
        int sensors = (int) processed.shape(0);
        long n = processed.shape(1);
        RowPasses.SumMinMax first = passes.sumMinMax(progress);
        float[] mean = new float[sensors];
        for (int s = 0; s < sensors; s++) {
            mean[s] = (float) ((double) first.sum()[s] / n);
        }
        float[] squares = passes.sumSquares(mean, progress);
        NDArray median = compute.withProgress(progress).median(processed, 1);
        double[][] stats = new double[sensors][];
        for (int s = 0; s < sensors; s++) {
            float var = (float) ((double) squares[s] / n);
            float std = (float) Math.sqrt(var);
            stats[s] = new double[] {mean[s], std, first.min()[s], first.max()[s], median.getDouble(s)};
        }
        return stats;
    }

    private static void writeStatistics(double[][] stats, SensorFormat format, Path file, boolean force) throws IOException {
        long[] shape = {stats.length, 5};
        format.create(file, force, DType.FLOAT64, shape, (tmp, dataOffset) -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(8L * 5 * stats.length, 8);
                for (int s = 0; s < stats.length; s++) {
                    for (int k = 0; k < 5; k++) {
                        buf.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 5L * s + k, stats[s][k]);
                    }
                }
                SensorFormat.writeFully(ch, buf, buf.byteSize(), dataOffset);
            }
        }).close();
    }

    /**
     * Phase 4: per sensor, {@code np.sum(np.abs(row - mean) > 3 * std)} where mean and std are the float64 values
     * of the statistics file: NumPy 2 computes {@code row - mean} in float64 (a float64 NumPy scalar is not a weak
     * Python scalar), so this does too. One parallel pass, no mask.
     */
    private long[] anomalies(NDArray processed, double[][] stats) {
        double[] mean = new double[stats.length];
        double[] threshold = new double[stats.length];
        for (int s = 0; s < stats.length; s++) {
            mean[s] = stats[s][SensorResult.MEAN];
            threshold[s] = 3 * stats[s][SensorResult.STD];
        }
        return new RowPasses(compute, processed).countBeyond(mean, threshold, phases.apply("anomalies"));
    }

    /** Phase 5: {@code np.corrcoef} of sensors 0, 10, 20, ... over their first readings (float64). */
    private SensorResult.Correlation correlation(NDArray processed, long corrReadings) {
        ProgressListener progress = phases.apply("correlation");
        long n = corrReadings <= 0 ? processed.shape(1) : Math.min(corrReadings, processed.shape(1));
        NDArray sample = processed.get("::" + CORRELATION_STRIDE + ", :" + n);
        int k = (int) sample.shape(0);
        int[] ids = new int[k];
        for (int i = 0; i < k; i++) {
            ids[i] = i * CORRELATION_STRIDE;
        }
        NDArray r = compute.withProgress(progress).corrcoef(sample);
        double[][] matrix = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                matrix[i][j] = r.ndim() == 0 ? r.getDouble() : r.getDouble(i, j);
            }
        }
        return new SensorResult.Correlation(ids, n, matrix);
    }
}
