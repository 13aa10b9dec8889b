/**
 * The Spark engine: {@link org.memmap4j.spark.SparkExecutor} runs memmap4j's chunk jobs (every
 * {@link org.memmap4j.compute.Compute} operation, the CLI's {@code stats} and {@code sensor}) on an Apache Spark
 * cluster whose nodes see the same files, with the local engine's answers. {@link org.memmap4j.spark.SparkEngine} makes
 * it available to programs that look engines up by name ({@link org.memmap4j.exec.EngineProvider}), such as the CLI's
 * {@code --engine spark}.
 */
package org.memmap4j.spark;
