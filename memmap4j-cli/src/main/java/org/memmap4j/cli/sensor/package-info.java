/**
 * The sensor pipeline of issue 4's NumPy memory-mapping tutorial, on memory-mapped files:
 * {@link org.memmap4j.cli.sensor.SensorPipeline} runs the phases and returns a
 * {@link org.memmap4j.cli.sensor.SensorResult} (statistics, anomalies, correlation with the sampled sensors' ids,
 * files, seconds; {@link org.memmap4j.cli.sensor.SensorResult#openProcessed()} maps the processed readings again),
 * and {@link org.memmap4j.cli.sensor.SensorReport} prints it in the tutorial's layout or as JSON. The
 * {@code memmap4j sensor} command wires them to the command line.
 */
package org.memmap4j.cli.sensor;
