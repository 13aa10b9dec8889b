package org.memmap4j.cli.sensor;

import java.io.IOException;
import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.NDArray;

/**
 * What {@link SensorPipeline#run} found, with where its files are: the numbers of the report, and the way back to
 * the processed readings (for plots, say). The arrays are the result's own; callers should not modify them.
 *
 * @param sensors     S, the number of sensors (rows)
 * @param readings    N, the number of readings per sensor (columns)
 * @param generated   true if the raw readings were generated, false if they were read from an input file
 * @param seed        the generation seed (meaningless when not generated)
 * @param format      the format of the files the pipeline wrote
 * @param stats       per sensor: mean, std, min, max, median of the processed (Fahrenheit) readings, as the
 *                    seed's float64 statistics file holds them
 * @param anomalies   per sensor: the readings more than 3 standard deviations from the mean
 * @param correlation the correlation of every 10th sensor over the first readings
 * @param files       the raw, processed and statistics files and their sizes
 * @param seconds     the wall-clock time of each phase
 */
public record SensorResult(int sensors, long readings, boolean generated, long seed, SensorFormat format,
                           double[][] stats, long[] anomalies, Correlation correlation, Files files, Seconds seconds) {

    /** Column of {@link #stats} holding the mean. */
    public static final int MEAN = 0;
    /** Column of {@link #stats} holding the standard deviation. */
    public static final int STD = 1;
    /** Column of {@link #stats} holding the minimum. */
    public static final int MIN = 2;
    /** Column of {@link #stats} holding the maximum. */
    public static final int MAX = 3;
    /** Column of {@link #stats} holding the median. */
    public static final int MEDIAN = 4;

    /**
     * The correlation analysis.
     *
     * @param sensors  the sampled sensors' indices: 0, 10, 20, ...
     * @param readings how many leading readings of each were correlated
     * @param matrix   {@code np.corrcoef} of the sampled rows, sensors.length square
     */
    public record Correlation(int[] sensors, long readings, double[][] matrix) {
    }

    /**
     * The files and their sizes in bytes.
     *
     * @param raw             the raw readings in Celsius: the generated file, or the input file
     * @param rawBytes        its size
     * @param processed       the processed readings in Fahrenheit, S x N float32
     * @param processedBytes  its size
     * @param statistics      the statistics, S x 5 float64
     * @param statisticsBytes its size
     */
    public record Files(Path raw, long rawBytes, Path processed, long processedBytes, Path statistics, long statisticsBytes) {
    }

    /**
     * The wall-clock seconds of each phase.
     *
     * @param generate    generating the raw file (0 when the readings came from an input file)
     * @param convert     converting to Fahrenheit into the processed file
     * @param stats       the per-sensor statistics, and writing their file
     * @param anomalies   counting the anomalies
     * @param correlation the correlation matrix
     */
    public record Seconds(double generate, double convert, double stats, double anomalies, double correlation) {
    }

    /** {@return the total number of anomalies over all sensors} */
    public long anomalyTotal() {
        long t = 0;
        for (long a : anomalies) {
            t += a;
        }
        return t;
    }

    /**
     * Maps the processed readings read-only: S x N float32, Fahrenheit.
     *
     * @return the array; close it when done
     * @throws IOException if the file cannot be mapped (e.g. it was deleted)
     */
    public NDArray openProcessed() throws IOException {
        return format.open(files.processed(), DType.FLOAT32, new long[] {sensors, readings});
    }
}
