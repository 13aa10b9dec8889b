package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class SensorPipelineTest {

    @TempDir
    Path dir;

    /**
     * The tutorial's program from the processing step on, run by NumPy on the readings the example generated: it
     * prints the tutorial's output (table and anomalies from the example's statistics file, as the tutorial reads its
     * own), then, after a marker, checks of the example's files against NumPy's own results.
     */
    static final String SEED = """
            import os
            os.chdir(sys.argv[1])
            NUM_SENSORS, NUM_READINGS = int(sys.argv[2]), int(sys.argv[3])
            SENSOR_FILE = 'sensor_readings.dat'
            PROCESSED_FILE = 'processed_readings.dat'
            STATISTICS_FILE = 'sensor_statistics.dat'
            print("Creating sensor data array...")
            sensor_data = np.memmap(SENSOR_FILE, dtype='float32', mode='r', shape=(NUM_SENSORS, NUM_READINGS))
            print("Generating simulated sensor readings...")
            print(f"Sensor data size: {sensor_data.nbytes / (1024**2):.2f} MB")
            print("\\nProcessing sensor data...")
            processed_data = np.empty((NUM_SENSORS, NUM_READINGS), dtype='float32')
            chunk_size = 10000
            for i in range(0, NUM_READINGS, chunk_size):
                end_idx = min(i + chunk_size, NUM_READINGS)
                celsius_chunk = sensor_data[:, i:end_idx]
                fahrenheit_chunk = (celsius_chunk * 9/5 + 32) * 1.02
                processed_data[:, i:end_idx] = fahrenheit_chunk
            print("\\nCalculating sensor statistics...")
            numpy_statistics = np.zeros((NUM_SENSORS, 5))
            for sensor_id in range(NUM_SENSORS):
                sensor_readings = processed_data[sensor_id, :]
                numpy_statistics[sensor_id, 0] = np.mean(sensor_readings)
                numpy_statistics[sensor_id, 1] = np.std(sensor_readings)
                numpy_statistics[sensor_id, 2] = np.min(sensor_readings)
                numpy_statistics[sensor_id, 3] = np.max(sensor_readings)
                numpy_statistics[sensor_id, 4] = np.median(sensor_readings)
            statistics = np.memmap(STATISTICS_FILE, dtype='float64', mode='r', shape=(NUM_SENSORS, 5))
            print("\\n" + "="*70)
            print("SENSOR STATISTICS (Temperature in Fahrenheit)")
            print("="*70)
            print(f"{'Sensor':<8} {'Mean':<10} {'Std Dev':<10} {'Min':<10} {'Max':<10} {'Median':<10}")
            print("-"*70)
            for sensor_id in range(min(10, NUM_SENSORS)):
                stats = statistics[sensor_id]
                print(f"#{sensor_id:<7} {stats[0]:<10.2f} {stats[1]:<10.2f} {stats[2]:<10.2f} "
                      f"{stats[3]:<10.2f} {stats[4]:<10.2f}")
            print("\\n" + "="*70)
            print("ANOMALY DETECTION")
            print("="*70)
            anomaly_count = 0
            for sensor_id in range(NUM_SENSORS):
                mean = statistics[sensor_id, 0]
                std = statistics[sensor_id, 1]
                sensor_readings = processed_data[sensor_id, :]
                anomalies = np.abs(sensor_readings - mean) > 3 * std
                num_anomalies = np.sum(anomalies)
                if num_anomalies > 0:
                    anomaly_count += num_anomalies
                    anomaly_percent = (num_anomalies / NUM_READINGS) * 100
                    print(f"Sensor #{sensor_id}: {num_anomalies} anomalies ({anomaly_percent:.2f}%)")
            print(f"\\nTotal anomalies detected: {anomaly_count}")
            print(f"Overall anomaly rate: {(anomaly_count / (NUM_SENSORS * NUM_READINGS)) * 100:.3f}%")
            print("\\n" + "="*70)
            print("CROSS-SENSOR CORRELATION ANALYSIS")
            print("="*70)
            sample_sensors = list(range(0, NUM_SENSORS, 10))
            correlation_matrix = np.zeros((len(sample_sensors), len(sample_sensors)))
            for i, sensor_i in enumerate(sample_sensors):
                for j, sensor_j in enumerate(sample_sensors):
                    if i <= j:
                        correlation = np.corrcoef(
                            processed_data[sensor_i, :10000],
                            processed_data[sensor_j, :10000]
                        )[0, 1]
                        correlation_matrix[i, j] = correlation
                        correlation_matrix[j, i] = correlation
            print("\\nCorrelation Matrix (sample sensors):")
            print(f"{'':>8}", end='')
            for sensor in sample_sensors:
                print(f"S{sensor:<7}", end='')
            print()
            for i, sensor_i in enumerate(sample_sensors):
                print(f"S{sensor_i:<7}", end='')
                for j, sensor_j in enumerate(sample_sensors):
                    print(f"{correlation_matrix[i, j]:>7.3f}", end=' ')
                print()
            print("\\n" + "="*70)
            print("MEMORY-MAPPED FILE INFORMATION")
            print("="*70)
            print(f"Raw sensor data: {os.path.getsize(SENSOR_FILE) / (1024**2):.2f} MB")
            print(f"Processed data: {os.path.getsize(PROCESSED_FILE) / (1024**2):.2f} MB")
            print(f"Statistics data: {os.path.getsize(STATISTICS_FILE) / (1024**2):.2f} MB")
            print(f"Total disk usage: {(os.path.getsize(SENSOR_FILE) + os.path.getsize(PROCESSED_FILE) + os.path.getsize(STATISTICS_FILE)) / (1024**2):.2f} MB")
            print("\\nProcessing complete! All data saved to memory-mapped files.")
            print("----CHECKS----")
            java_processed = np.memmap(PROCESSED_FILE, dtype='float32', mode='r', shape=(NUM_SENSORS, NUM_READINGS))
            print("processed_bitwise_equal", np.array_equal(java_processed.view(np.uint32), processed_data.view(np.uint32)))
            rel = np.abs(statistics - numpy_statistics) / np.abs(numpy_statistics)
            print("mean_rel", rel[:, 0].max())
            print("std_rel", rel[:, 1].max())
            print("min_max_median_equal", np.array_equal(statistics[:, 2:], numpy_statistics[:, 2:]))
            baseline = 20.0 + np.arange(NUM_SENSORS) * 0.5
            noise = (sensor_data.astype(np.float64) - baseline[:, None] - np.linspace(0, 5, NUM_READINGS)) / 2.0
            print("noise_mean_max", np.abs(noise.mean(axis=1)).max())
            print("noise_std_error_max", np.abs(noise.std(axis=1) - 1).max())
            print("file_sizes", os.path.getsize(SENSOR_FILE), os.path.getsize(PROCESSED_FILE), os.path.getsize(STATISTICS_FILE))
            """;

    @Test
    void theTutorialsSizePrintsWhatNumPyPrintsForTheSameReadings() throws Exception {
        String checks = runAndCompare(50, 100_000);
        // The tutorial's expected file sizes, for its 50 x 100,000 readings.
        assertThat(checks).contains("file_sizes 20000000 20000000 2000");
    }

    @Test
    void otherSizesFromTheArguments() throws Exception {
        // 12 sensors: two sampled for correlation; 5,000 readings: fewer than the 10,000 correlated.
        String checks = runAndCompare(12, 5_000);
        assertThat(checks).contains("file_sizes 240000 240000 480");
    }

    /** Runs the example and the tutorial's NumPy code on its readings; returns NumPy's check lines. */
    private String runAndCompare(int sensors, int readings) throws Exception {
        String out = ExampleRun.run(SensorPipeline::main, dir, sensors, readings);
        String[] numpy = NumPy.run(SEED, dir, sensors, readings).split("\n----CHECKS----\n");
        assertThat(out).isEqualTo(numpy[0]);
        String checks = numpy[1];
        // Fahrenheit conversion: bit for bit NumPy's float32 arithmetic.
        assertThat(ExampleRun.value(checks, "processed_bitwise_equal")).isEqualTo("True");
        // Statistics: min, max and median exact; mean and std are float32 results that NumPy sums in float32
        // pairwise and memmap4j in float64, so they agree to float32's precision.
        assertThat(ExampleRun.value(checks, "min_max_median_equal")).isEqualTo("True");
        assertThat(Double.parseDouble(ExampleRun.value(checks, "mean_rel"))).isLessThan(1e-6);
        assertThat(Double.parseDouble(ExampleRun.value(checks, "std_rel"))).isLessThan(1e-5);
        // Generation: readings minus baseline and trend, halved, are standard normal for every sensor.
        double tolerance = 5 / Math.sqrt(readings);
        assertThat(Double.parseDouble(ExampleRun.value(checks, "noise_mean_max"))).isLessThan(tolerance);
        assertThat(Double.parseDouble(ExampleRun.value(checks, "noise_std_error_max"))).isLessThan(tolerance);
        return checks;
    }
}
