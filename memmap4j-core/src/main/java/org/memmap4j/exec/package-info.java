/**
 * Execution: how work over an array is split into chunks and run. {@link org.memmap4j.exec.ChunkExecutor} is the
 * interface; {@link org.memmap4j.exec.ChunkExecutor#local()} runs chunks on this machine's cores, and a Spark
 * implementation runs the same {@link org.memmap4j.exec.RangeTask}s on a cluster.
 */
package org.memmap4j.exec;
