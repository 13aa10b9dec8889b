package org.memmap4j.exec;

import java.util.List;

/**
 * Runs a {@link Job} as chunks of consecutive units and returns the partial results <em>in chunk order</em>, so
 * that the caller merges them deterministically whatever ran where and when.
 *
 * <p>{@link #local()} is the shared executor on this machine's cores; {@link #local(int, long)} makes one with a
 * given thread count (1 runs everything on the calling thread, for debugging) and chunk size (tiny sizes exercise
 * chunk boundaries in tests). A Spark implementation lives in the optional memmap4j-spark module.
 *
 * <p><b>Cancellation.</b> Interrupting the thread that called {@link #map} stops the job: no new chunk starts,
 * chunks already running finish (so no output is left half-written by a chunk), and {@code map} throws
 * {@link java.util.concurrent.CancellationException} with the interrupt status set.
 */
public interface ChunkExecutor extends AutoCloseable {

    /** The default target chunk size: 4 MiB of input. */
    long DEFAULT_CHUNK_BYTES = 4L << 20;

    /**
     * Runs a job and returns the partial result of each chunk, in chunk order.
     *
     * @param job      the job
     * @param progress hears bytes done after each chunk
     * @param <P>      the partial result
     * @return one partial per chunk; empty when the job has no units
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws RuntimeException                           the first exception a chunk threw (checked ones wrapped:
     *                                                    {@link java.io.IOException} in
     *                                                    {@link java.io.UncheckedIOException})
     * @throws IllegalStateException                      if the executor is closed
     */
    <P> List<P> map(Job<P> job, ProgressListener progress);

    /**
     * Runs a job without progress reporting.
     *
     * @param job the job
     * @param <P> the partial result
     * @return one partial per chunk, in chunk order
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     * @throws RuntimeException                           the first exception a chunk threw
     */
    default <P> List<P> map(Job<P> job) {
        return map(job, ProgressListener.NONE);
    }

    /**
     * Tells whether tasks run in other JVMs, serialized (the Spark engine): they then reach arrays only through
     * {@link ArrayRef}s of files, so operations whose tasks would write into an array in memory have them return
     * their results instead, which the caller writes.
     *
     * @return true if tasks and their results are shipped; false (the default) if they run in this JVM
     */
    default boolean shipsTasks() {
        return false;
    }

    /** {@return how many chunks may run at once} */
    int parallelism();

    /** {@return the target input bytes per chunk} */
    long chunkBytes();

    /** Releases the executor's threads; the shared {@link #local()} executor ignores this. */
    @Override
    void close();

    /**
     * Returns the shared local executor: one thread per core (or the system property {@code memmap4j.threads}),
     * {@link #DEFAULT_CHUNK_BYTES} per chunk (or {@code memmap4j.chunkBytes}).
     *
     * @return the shared executor
     */
    static ChunkExecutor local() {
        return LocalExecutor.shared();
    }

    /**
     * Creates a local executor; close it when done.
     *
     * @param threads    the threads, at least 1 (1: everything on the calling thread)
     * @param chunkBytes target input bytes per chunk, at least 1
     * @return the executor
     * @throws IllegalArgumentException if an argument is below 1
     */
    static ChunkExecutor local(int threads, long chunkBytes) {
        return new LocalExecutor(threads, chunkBytes, false);
    }
}
