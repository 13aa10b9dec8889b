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
import org.memmap4j.format.AtomicFile;
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
     * @param sync         whether the files are forced to the storage device before they are renamed into place (as
     *                     the seed's {@code flush()} does); without it they are complete in the page cache, which a
     *                     killed process does not lose but a power failure may
     */
    public record Config(Integer sensors, Long readings, long seed, Path input, Path dir, SensorFormat format,
                         boolean force, long corrReadings, boolean sync) {

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

        /**
         * A configuration whose files are forced to disk.
         *
         * @param sensors      S (see the record's description)
         * @param readings     N
         * @param seed         the generation seed
         * @param input        an existing file of readings, or null
         * @param dir          where the files go, or null
         * @param format       the format of the files written
         * @param force        whether existing output files may be replaced
         * @param corrReadings how many leading readings to correlate; 0 or less for all
         * @throws NullPointerException     if format is null
         * @throws IllegalArgumentException if sensors or readings is given and below 1
         */
        public Config(Integer sensors, Long readings, long seed, Path input, Path dir, SensorFormat format,
                      boolean force, long corrReadings) {
            this(sensors, readings, seed, input, dir, format, force, corrReadings, true);
        }
    }

    private final Compute compute;
    private final Function<String, ProgressListener> phases;
    private final Config config;
    private final SensorFormat format;
    // What the phases found, and how long they took (seconds).
    private double[][] stats;
    private long[] anomalies;
    private SensorResult.Correlation correlation;
    private double generateSeconds;
    private double convertSeconds;
    private double statsSeconds;
    private double anomaliesSeconds;
    private double correlationSeconds;

    private SensorPipeline(Compute compute, Function<String, ProgressListener> phases, Config config) {
        this.compute = compute;
        this.phases = phases;
        this.config = config;
        this.format = config.format();
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
        return new SensorPipeline(Objects.requireNonNull(compute, "compute"), Objects.requireNonNull(phases, "phases"),
                Objects.requireNonNull(config, "config")).run();
    }

    /**
     * Opens or generates the readings and processes them. Every file is written under a temporary name and forced
     * to disk in the background as soon as it is complete, while the later phases run on its pages; the renames come
     * at the end, the inner files first. The time spent waiting for a file to reach the disk is its phase's.
     */
    private SensorResult run() throws IOException {
        Config c = config;
        boolean generate = c.input() == null;
        NDArray input = generate ? null
                : SensorInput.open(c.input(), c.sensors() == null ? null : c.sensors().longValue(), c.readings());
        try {
            int sensors = !generate ? Math.toIntExact(input.shape(0)) : c.sensors() != null ? c.sensors() : DEFAULT_SENSORS;
            long readings = !generate ? input.shape(1) : c.readings() != null ? c.readings() : DEFAULT_READINGS;
            long[] shape = {sensors, readings};
            Path dir = c.dir() != null ? Files.createDirectories(c.dir()) : Files.createTempDirectory("memmap4j-sensor-");
            String ext = "." + format.extension();
            Path rawFile = generate ? dir.resolve("sensor_readings" + ext) : c.input();
            Path processedFile = dir.resolve("processed_readings" + ext);
            Path statsFile = dir.resolve("sensor_statistics" + ext);
            checkOutputs(c, generate ? List.of(rawFile, processedFile, statsFile) : List.of(processedFile, statsFile));
            if (generate) {
                AtomicFile.write(rawFile, c.force(), c.sync(), tmp -> {
                    long t0 = System.nanoTime();
                    long dataOffset = format.prepare(tmp, DType.FLOAT32, shape);
                    SensorGenerator.generate(compute, phases.apply("generate"), tmp, dataOffset, sensors, readings, c.seed());
                    BackgroundSync sync = BackgroundSync.start(tmp, c.sync());
                    generateSeconds = seconds(t0);
                    try (NDArray raw = format.open(tmp, DType.FLOAT32, shape)) {
                        process(raw, processedFile, statsFile);
                    }
                    generateSeconds += sync.await();
                });
            } else {
                process(input, processedFile, statsFile);
            }
            SensorResult.Files files = new SensorResult.Files(rawFile, Files.size(rawFile), processedFile,
                    Files.size(processedFile), statsFile, Files.size(statsFile));
            SensorResult.Seconds seconds = new SensorResult.Seconds(generateSeconds, convertSeconds, statsSeconds,
                    anomaliesSeconds, correlationSeconds);
            return new SensorResult(sensors, readings, generate, c.seed(), format, stats, anomalies, correlation, files, seconds);
        } finally {
            if (input != null) {
                input.close();
            }
        }
    }

    /** Phases 2 to 5 on the raw readings, writing the processed and statistics files. */
    private void process(NDArray raw, Path processedFile, Path statsFile) throws IOException {
        AtomicFile.write(processedFile, config.force(), config.sync(), tmp -> {
            long t0 = System.nanoTime();
            long dataOffset = format.prepare(tmp, DType.FLOAT32, raw.shape());
            RowPasses.SumMinMax first = Converter.convert(compute, phases.apply("convert"), raw, tmp, dataOffset);
            BackgroundSync sync = BackgroundSync.start(tmp, config.sync());
            convertSeconds = seconds(t0);
            try (NDArray processed = format.open(tmp, DType.FLOAT32, raw.shape())) {
                long t1 = System.nanoTime();
                stats = statistics(processed, first);
                statsSeconds = seconds(t1);
                long t2 = System.nanoTime();
                anomalies = anomalies(processed, stats);
                anomaliesSeconds = seconds(t2);
                long t3 = System.nanoTime();
                correlation = correlation(processed, config.corrReadings());
                correlationSeconds = seconds(t3);
            }
            convertSeconds += sync.await();
            // Forcing even a small file commits the file system's journal, which on ext4 waits for the data of
            // every file being written back: once the processed file is on disk, that is instant.
            long t4 = System.nanoTime();
            writeStatistics(stats, statsFile);
            statsSeconds += seconds(t4);
        });
    }

    private static double seconds(long from) {
        return (System.nanoTime() - from) / 1e9;
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
     * Phase 3: per sensor, what the seed stores: {@code np.mean}, {@code np.std}, {@code np.min}, {@code np.max} and
     * {@code np.median} of the float32 row, each a float32 value widened to float64. The mean and the variance are
     * float32 sums in NumPy's order divided by N in float64 and rounded to float32 (NumPy divides a float32 sum by
     * an intp count); the variance sums float32 squares of float32 deviations from that float32 mean, as
     * {@code np.var} does; std is its float32 square root. The sums, min and max came with the conversion
     * ({@link Converter}); here one pass sums the squares, and the exact median is a radix selection.
     */
    private double[][] statistics(NDArray processed, RowPasses.SumMinMax first) {
        ProgressListener progress = phases.apply("statistics");
        RowPasses passes = new RowPasses(compute, processed);
        int sensors = (int) processed.shape(0);
        long n = processed.shape(1);
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

    private void writeStatistics(double[][] stats, Path file) throws IOException {
        long[] shape = {stats.length, 5};
        format.create(file, config.force(), config.sync(), DType.FLOAT64, shape, (tmp, dataOffset) -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(8L * 5 * stats.length, 8);
                for (int s = 0; s < stats.length; s++) {
                    for (int k = 0; k < 5; k++) {
                        buf.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, 5L * s + k, stats[s][k]);
                    }
                }
                SensorFormat.writeFully(ch, buf, buf.byteSize(), dataOffset);
            }
        });
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
