package org.memmap4j.exec;

/**
 * Hears how far a job has come, in bytes of input processed, after each chunk. Calls for one job never overlap
 * (executors serialise them), but may come from different threads.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Reports progress.
     *
     * @param bytesDone  bytes processed so far, never decreasing
     * @param bytesTotal bytes the job will process
     */
    void progress(long bytesDone, long bytesTotal);
}
