package org.memmap4j.cli.sensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a written file to disk on a thread of its own, so the disk writes back while the pipeline computes on the
 * file's pages, which stay in the page cache. {@link org.memmap4j.format.AtomicFile} forces again before renaming;
 * that second force then finds nothing left to write. On this kind of machine a 4 GB file takes seconds to reach
 * the disk, more than the statistics take to compute, so overlapping the two matters more than any kernel. (Forcing
 * repeatedly while the file is still being written was measured too, and gained nothing: the kernel's own
 * write-back starts as soon as the file's dirty pages pass its background threshold.)
 */
final class BackgroundSync {

    /** Nothing to wait for: the files are not forced ({@code --no-sync}). */
    private static final BackgroundSync NONE = new BackgroundSync(null);

    private final Thread thread;
    private volatile IOException failure;

    private BackgroundSync(Path file) {
        this.thread = file == null ? null : Thread.ofPlatform().daemon().name("memmap4j-sync-" + file.getFileName()).start(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            } catch (IOException e) {
                failure = e;
            }
        });
    }

    /**
     * Starts forcing a file to disk.
     *
     * @param file the file, completely written
     * @param sync false to force nothing (the returned sync waits for nothing)
     * @return the running sync
     */
    static BackgroundSync start(Path file, boolean sync) {
        return sync ? new BackgroundSync(file) : NONE;
    }

    /**
     * Waits until the file is on disk.
     *
     * @return the seconds waited
     * @throws IOException if forcing failed
     */
    double await() throws IOException {
        if (thread == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while forcing a file to disk"));
        }
        if (failure != null) {
            throw failure;
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
