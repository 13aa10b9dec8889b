package org.memmap4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.Index;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;

/**
 * Seed 001, "Comprehensive example: large-scale sensor data processing", with {@link Compute}: simulate readings
 * into a float32 file, convert them to calibrated Fahrenheit into a second file, write per-sensor statistics
 * (mean, std, min, max, median) to a third, count 3-sigma anomalies, correlate every 10th sensor over the first
 * 10,000 readings, and report the file sizes. Prints what the tutorial prints.
 *
 * <p>Every step streams through the files in parallel chunks, so the sizes can grow past the memory: the heap holds
 * the statistics and one float64 row (the trend), never the readings. The tutorial's size, 50 x 100,000 (19 MB per
 * file), is the default; try {@code 50 20000000} (4 GB per file).
 *
 * <pre>
 * java ... org.memmap4j.examples.SensorPipeline [DIR [SENSORS [READINGS]]]     (default 50 x 100000)
 * </pre>
 */
public final class SensorPipeline {

    private static final String RULE = "=".repeat(70);
    private static final double MB = 1024.0 * 1024.0;

    private SensorPipeline() {
    }

    /**
     * Runs the pipeline.
     *
     * @param args {@code [DIR [SENSORS [READINGS]]]}: the working directory, the number of sensors (default 50) and
     *             of readings per sensor (default 100,000)
     * @throws Exception if a file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path dir = ExampleArgs.workDir(args);
        // NUM_SENSORS = 50; NUM_READINGS = 100000
        long numSensors = ExampleArgs.size(args, 1, 50);
        long numReadings = ExampleArgs.size(args, 2, 100_000);
        Path sensorFile = dir.resolve("sensor_readings.dat");
        Path processedFile = dir.resolve("processed_readings.dat");
        Path statisticsFile = dir.resolve("sensor_statistics.dat");
        Compute np = Compute.local();

        System.out.println("Creating sensor data array...");
        // sensor_data = np.memmap(SENSOR_FILE, dtype='float32', mode='w+', shape=(NUM_SENSORS, NUM_READINGS))
        try (NDArray sensorData = MemMap.open(sensorFile, DType.FLOAT32, Mode.WRITE, numSensors, numReadings);
             // processed_data = np.memmap(PROCESSED_FILE, dtype='float32', mode='w+', shape=(NUM_SENSORS, NUM_READINGS))
             NDArray processedData = MemMap.open(processedFile, DType.FLOAT32, Mode.WRITE, numSensors, numReadings);
             // statistics = np.memmap(STATISTICS_FILE, dtype='float64', mode='w+', shape=(NUM_SENSORS, 5))
             NDArray statistics = MemMap.open(statisticsFile, DType.FLOAT64, Mode.WRITE, numSensors, 5)) {

            System.out.println("Generating simulated sensor readings...");
            simulate(np, sensorData);
            sensorData.flush();
            // print(f"Sensor data size: {sensor_data.nbytes / (1024**2):.2f} MB")
            System.out.println("Sensor data size: " + Py.fixed(sensorData.nbytes() / MB, 2) + " MB");

            System.out.println("\nProcessing sensor data...");
            // for i in range(0, NUM_READINGS, chunk_size):
            //     processed_data[:, i:end_idx] = (sensor_data[:, i:end_idx] * 9/5 + 32) * 1.02
            // One fused pass; Compute does the chunking (and the threads). Python scalars are "weak" in NumPy 2, so
            // every step stays float32, as here.
            np.evalInto(Expr.of(sensorData).multiply(9).divide(5).add(32).multiply(1.02), processedData);
            processedData.flush();

            System.out.println("\nCalculating sensor statistics...");
            // statistics[sensor_id, 0] = np.mean(sensor_readings), ... for each sensor
            // The same numbers, one reduction along axis 1 per statistic: each reads the file once, all sensors at
            // once. Results are float32 (as NumPy's), stored as float64 in the statistics file.
            statistics.get(":, 0").assign(np.mean(processedData, 1));
            statistics.get(":, 1").assign(np.std(processedData, 1));
            statistics.get(":, 2").assign(np.min(processedData, 1));
            statistics.get(":, 3").assign(np.max(processedData, 1));
            statistics.get(":, 4").assign(np.median(processedData, 1));
            statistics.flush();

            printStatistics(statistics);
            detectAnomalies(np, processedData, statistics);
            correlate(np, processedData);
        }

        System.out.println("\n" + RULE);
        System.out.println("MEMORY-MAPPED FILE INFORMATION");
        System.out.println(RULE);
        long raw = Files.size(sensorFile);
        long processed = Files.size(processedFile);
        long stats = Files.size(statisticsFile);
        System.out.println("Raw sensor data: " + Py.fixed(raw / MB, 2) + " MB");
        System.out.println("Processed data: " + Py.fixed(processed / MB, 2) + " MB");
        System.out.println("Statistics data: " + Py.fixed(stats / MB, 2) + " MB");
        System.out.println("Total disk usage: " + Py.fixed((raw + processed + stats) / MB, 2) + " MB");

        System.out.println("\nProcessing complete! All data saved to memory-mapped files.");
    }

    /**
     * Fills the readings: sensor s reads {@code 20 + 0.5 s} degrees plus noise of standard deviation 2 plus a trend
     * rising linearly from 0 to 5 over the readings.
     */
    private static void simulate(Compute np, NDArray sensorData) {
        long numSensors = sensorData.shape(0);
        long numReadings = sensorData.shape(1);
        // for sensor_id in range(NUM_SENSORS):
        //     baseline = 20.0 + sensor_id * 0.5
        //     noise = np.random.randn(NUM_READINGS) * 2.0
        //     trend = np.linspace(0, 5, NUM_READINGS)
        //     sensor_data[sensor_id, :] = baseline + noise + trend
        // Instead of a loop with a noise array per sensor: standard normal values go straight into the file, then
        // one pass in place computes baseline + 2 * noise + trend for all sensors by broadcasting a (50, 1) column
        // of baselines and a (100000,) row of trend.
        np.fillNormal(sensorData, 2024);
        Expr baseline = Expr.of(np.arange(0, numSensors, 1, DType.FLOAT64).reshape(numSensors, 1)).multiply(0.5).add(20.0);
        NDArray trend = np.linspace(0, 5, numReadings, true, DType.FLOAT64);
        // The float32 noise is widened first so the sum is computed in float64, as the tutorial's is, then stored
        // as float32.
        Expr noise = Expr.of(sensorData).astype(DType.FLOAT64).multiply(2.0);
        np.evalInto(baseline.add(noise).add(trend), sensorData);
    }

    /** Prints the statistics of the first 10 sensors, as the tutorial's table. */
    private static void printStatistics(NDArray statistics) {
        System.out.println("\n" + RULE);
        System.out.println("SENSOR STATISTICS (Temperature in Fahrenheit)");
        System.out.println(RULE);
        // print(f"{'Sensor':<8} {'Mean':<10} {'Std Dev':<10} {'Min':<10} {'Max':<10} {'Median':<10}")
        System.out.println(String.format("%-8s %-10s %-10s %-10s %-10s %-10s", "Sensor", "Mean", "Std Dev", "Min", "Max", "Median"));
        System.out.println("-".repeat(70));
        for (long s = 0; s < Math.min(10, statistics.shape(0)); s++) {
            // print(f"#{sensor_id:<7} {stats[0]:<10.2f} {stats[1]:<10.2f} ...")
            StringBuilder line = new StringBuilder(String.format("#%-7d", s));
            for (int k = 0; k < 5; k++) {
                line.append(String.format(" %-10s", Py.fixed(statistics.getDouble(s, k), 2)));
            }
            System.out.println(line);
        }
    }

    /** Counts, per sensor, the readings more than 3 standard deviations from the sensor's mean. */
    private static void detectAnomalies(Compute np, NDArray processedData, NDArray statistics) {
        System.out.println("\n" + RULE);
        System.out.println("ANOMALY DETECTION");
        System.out.println(RULE);
        long numSensors = processedData.shape(0);
        long numReadings = processedData.shape(1);
        long anomalyCount = 0;
        for (long s = 0; s < numSensors; s++) {
            double mean = statistics.getDouble(s, 0);
            double std = statistics.getDouble(s, 1);
            // anomalies = np.abs(sensor_readings - mean) > 3 * std;  num_anomalies = np.sum(anomalies)
            // mean and std are np.float64 scalars there, which NumPy 2 does not demote: the subtraction runs in
            // float64. Java doubles are "weak" like Python floats, so we widen the float32 readings explicitly.
            // countNonzero never materialises the mask.
            Expr readings = Expr.of(processedData.get(Index.at(s))).astype(DType.FLOAT64);
            long numAnomalies = np.countNonzero(readings.subtract(mean).abs().gt(3 * std));
            if (numAnomalies > 0) {
                anomalyCount += numAnomalies;
                double anomalyPercent = ((double) numAnomalies / numReadings) * 100;
                System.out.println("Sensor #" + s + ": " + numAnomalies + " anomalies (" + Py.fixed(anomalyPercent, 2) + "%)");
            }
        }
        System.out.println("\nTotal anomalies detected: " + anomalyCount);
        System.out.println("Overall anomaly rate: "
                + Py.fixed(((double) anomalyCount / (numSensors * numReadings)) * 100, 3) + "%");
    }

    /** Prints the correlation matrix of every 10th sensor over the first 10,000 readings. */
    private static void correlate(Compute np, NDArray processedData) {
        System.out.println("\n" + RULE);
        System.out.println("CROSS-SENSOR CORRELATION ANALYSIS");
        System.out.println(RULE);
        // sample_sensors = [0, 10, 20, 30, 40]
        // correlation = np.corrcoef(processed_data[sensor_i, :10000], processed_data[sensor_j, :10000])[0, 1]
        // for every pair: here one call on the (5, 10000) view of the sampled rows gives the whole matrix.
        NDArray sample = processedData.get("::10, :10000");
        int k = (int) sample.shape(0);
        NDArray correlationMatrix = np.corrcoef(sample).reshape(k, k);   // a single sensor gives a 0-d 1.0

        System.out.println("\nCorrelation Matrix (sample sensors):");
        StringBuilder header = new StringBuilder(" ".repeat(8));       // print(f"{'':>8}", end='')
        for (int i = 0; i < k; i++) {
            header.append(String.format("S%-7d", i * 10));             // print(f"S{sensor:<7}", end='')
        }
        System.out.println(header);
        for (int i = 0; i < k; i++) {
            StringBuilder row = new StringBuilder(String.format("S%-7d", i * 10));
            for (int j = 0; j < k; j++) {
                // print(f"{correlation_matrix[i, j]:>7.3f}", end=' ')
                row.append(String.format("%7s ", Py.fixed(correlationMatrix.getDouble(i, j), 3)));
            }
            System.out.println(row);
        }
    }
}
