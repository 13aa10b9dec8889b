# The seed's sensor pipeline (issue 4's tutorial, "Comprehensive Example: Large-Scale Sensor Data Processing"), as the
# tests' oracle: the seed's code and prints unchanged from the conversion on, except that the readings come from an
# existing file instead of being generated, and the sampled sensors are range(0, NUM_SENSORS, 10) (the seed's
# [0, 10, 20, 30, 40] for its 50 sensors). Prints the seed's report; writes the answers as JSON to ANSWERS.
#
# Usage: python3 seed_pipeline.py RAW_FILE NUM_SENSORS NUM_READINGS OUT_DIR ANSWERS
# RAW_FILE: a .npy file, or a raw float32 file (np.memmap, as the seed writes it).
import json
import os
import sys

import numpy as np

SENSOR_FILE = sys.argv[1]
NUM_SENSORS = int(sys.argv[2])
NUM_READINGS = int(sys.argv[3])
PROCESSED_FILE = os.path.join(sys.argv[4], 'processed_readings.dat')
STATISTICS_FILE = os.path.join(sys.argv[4], 'sensor_statistics.dat')

if SENSOR_FILE.endswith('.npy'):
    sensor_data = np.load(SENSOR_FILE, mmap_mode='r')
else:
    sensor_data = np.memmap(SENSOR_FILE, dtype='float32', mode='r', shape=(NUM_SENSORS, NUM_READINGS))
print(f"Sensor data size: {sensor_data.nbytes / (1024**2):.2f} MB")

# Process data: convert to Fahrenheit and apply calibration
print("\nProcessing sensor data...")
processed_data = np.memmap(PROCESSED_FILE, dtype='float32', mode='w+',
                          shape=(NUM_SENSORS, NUM_READINGS))

# Process in chunks to minimize memory usage
chunk_size = 10000
for i in range(0, NUM_READINGS, chunk_size):
    end_idx = min(i + chunk_size, NUM_READINGS)

    # Convert Celsius to Fahrenheit and apply 2% calibration factor
    celsius_chunk = sensor_data[:, i:end_idx]
    fahrenheit_chunk = (celsius_chunk * 9/5 + 32) * 1.02
    processed_data[:, i:end_idx] = fahrenheit_chunk

processed_data.flush()

# Calculate statistics for each sensor
print("\nCalculating sensor statistics...")
statistics = np.memmap(STATISTICS_FILE, dtype='float64', mode='w+',
                      shape=(NUM_SENSORS, 5))  # mean, std, min, max, median

for sensor_id in range(NUM_SENSORS):
    sensor_readings = processed_data[sensor_id, :]

    statistics[sensor_id, 0] = np.mean(sensor_readings)
    statistics[sensor_id, 1] = np.std(sensor_readings)
    statistics[sensor_id, 2] = np.min(sensor_readings)
    statistics[sensor_id, 3] = np.max(sensor_readings)
    statistics[sensor_id, 4] = np.median(sensor_readings)

statistics.flush()

# Display results
print("\n" + "="*70)
print("SENSOR STATISTICS (Temperature in Fahrenheit)")
print("="*70)
print(f"{'Sensor':<8} {'Mean':<10} {'Std Dev':<10} {'Min':<10} {'Max':<10} {'Median':<10}")
print("-"*70)

for sensor_id in range(min(10, NUM_SENSORS)):  # Show first 10 sensors
    stats = statistics[sensor_id]
    print(f"#{sensor_id:<7} {stats[0]:<10.2f} {stats[1]:<10.2f} {stats[2]:<10.2f} "
          f"{stats[3]:<10.2f} {stats[4]:<10.2f}")

# Identify anomalous readings (beyond 3 standard deviations)
print("\n" + "="*70)
print("ANOMALY DETECTION")
print("="*70)

anomaly_count = 0
anomalies_per_sensor = []
for sensor_id in range(NUM_SENSORS):
    mean = statistics[sensor_id, 0]
    std = statistics[sensor_id, 1]

    sensor_readings = processed_data[sensor_id, :]
    anomalies = np.abs(sensor_readings - mean) > 3 * std
    num_anomalies = np.sum(anomalies)
    anomalies_per_sensor.append(int(num_anomalies))

    if num_anomalies > 0:
        anomaly_count += num_anomalies
        anomaly_percent = (num_anomalies / NUM_READINGS) * 100
        print(f"Sensor #{sensor_id}: {num_anomalies} anomalies ({anomaly_percent:.2f}%)")

print(f"\nTotal anomalies detected: {anomaly_count}")
print(f"Overall anomaly rate: {(anomaly_count / (NUM_SENSORS * NUM_READINGS)) * 100:.3f}%")

# Calculate cross-sensor correlations (sample of sensors)
print("\n" + "="*70)
print("CROSS-SENSOR CORRELATION ANALYSIS")
print("="*70)

sample_sensors = list(range(0, NUM_SENSORS, 10))
correlation_matrix = np.zeros((len(sample_sensors), len(sample_sensors)))

for i, sensor_i in enumerate(sample_sensors):
    for j, sensor_j in enumerate(sample_sensors):
        if i <= j:
            # Calculate correlation coefficient
            correlation = np.corrcoef(
                processed_data[sensor_i, :10000],  # Use first 10k readings
                processed_data[sensor_j, :10000]
            )[0, 1]
            correlation_matrix[i, j] = correlation
            correlation_matrix[j, i] = correlation

print("\nCorrelation Matrix (sample sensors):")
print(f"{'':>8}", end='')
for sensor in sample_sensors:
    print(f"S{sensor:<7}", end='')
print()

for i, sensor_i in enumerate(sample_sensors):
    print(f"S{sensor_i:<7}", end='')
    for j, sensor_j in enumerate(sample_sensors):
        print(f"{correlation_matrix[i, j]:>7.3f}", end=' ')
    print()

# File size information
print("\n" + "="*70)
print("MEMORY-MAPPED FILE INFORMATION")
print("="*70)
print(f"Raw sensor data: {os.path.getsize(SENSOR_FILE) / (1024**2):.2f} MB")
print(f"Processed data: {os.path.getsize(PROCESSED_FILE) / (1024**2):.2f} MB")
print(f"Statistics data: {os.path.getsize(STATISTICS_FILE) / (1024**2):.2f} MB")
print(f"Total disk usage: {(os.path.getsize(SENSOR_FILE) + os.path.getsize(PROCESSED_FILE) + os.path.getsize(STATISTICS_FILE)) / (1024**2):.2f} MB")

with open(sys.argv[5], 'w') as f:
    json.dump({"stats": [[repr(float(v)) for v in row] for row in statistics],
               "anomalies": anomalies_per_sensor,
               "correlation": correlation_matrix.tolist()}, f)

# Clean up
del sensor_data
del processed_data
del statistics

print("\nProcessing complete! All data saved to memory-mapped files.")
