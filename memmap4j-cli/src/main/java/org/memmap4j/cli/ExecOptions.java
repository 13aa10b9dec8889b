package org.memmap4j.cli;

import org.memmap4j.exec.ChunkExecutor;
import picocli.CommandLine.Option;

/**
 * How a long-running command runs: where its chunks run ({@code --threads N}, and the hidden
 * {@code --chunk-bytes N} with which tests exercise chunk boundaries; without either, the shared executor on every
 * core) and whether it shows progress bars ({@code --quiet}).
 */
final class ExecOptions {

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    /** Hidden: bytes of input per chunk (tiny values make many chunks, to test their boundaries). */
    @Option(names = "--chunk-bytes", paramLabel = "N", hidden = true)
    Long chunkBytes;

    /** Returns the command's progress bars on stderr (none with --quiet); close it when done. */
    Progress progress() {
        return Progress.onStderr(quiet);
    }

    /**
     * Returns the executor to run on; close it when done (closing the shared one does nothing).
     *
     * @throws IllegalArgumentException if --threads or --chunk-bytes is below 1
     */
    ChunkExecutor open() {
        if (threads == null && chunkBytes == null) {
            return ChunkExecutor.local();
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (chunkBytes != null && chunkBytes < 1) {
            throw new IllegalArgumentException("--chunk-bytes must be at least 1, got " + chunkBytes);
        }
        return ChunkExecutor.local(threads != null ? threads : ChunkExecutor.local().parallelism(),
                chunkBytes != null ? chunkBytes : ChunkExecutor.DEFAULT_CHUNK_BYTES);
    }
}
