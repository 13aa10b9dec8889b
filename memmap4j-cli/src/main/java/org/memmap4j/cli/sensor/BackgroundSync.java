package org.memmap4j.cli.sensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Forces a file to disk on a thread of its own, from the moment it starts being written, so the disk writes back
 * while the pipeline computes: first while the file is written (each force takes what is dirty so far, so the disk
 * never waits for the writer to finish), then on the file's pages while the later phases read them from the page
 * cache. {@link org.memmap4j.format.AtomicFile} forces again before renaming; that second force then finds nothing
 * left to write. On this kind of machine a 4 GB file takes seconds to reach the disk, more than the statistics take
 * to compute, so overlapping the two matters more than any kernel.
 */
final class BackgroundSync {

    /** A force that took less than this found little to write: pause before the next one instead of spinning. */
    private static final long IDLE_MILLIS = 50;

    /** Nothing to wait for: the files are not forced. */
    private static final BackgroundSync NONE = new BackgroundSync();

    private final Thread thread;
    private final CountDownLatch written = new CountDownLatch(1);
    private volatile IOException failure;

    private BackgroundSync() {
        this.thread = null;
        written.countDown();
    }

    private BackgroundSync(Path file) {
        this.thread = Thread.ofPlatform().daemon().name("memmap4j-sync-" + file.getFileName()).start(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                while (written.getCount() > 0) {
                    long t0 = System.nanoTime();
                    ch.force(false);
                    long idle = IDLE_MILLIS - (System.nanoTime() - t0) / 1_000_000;
                    if (idle > 0) {
                        written.await(idle, TimeUnit.MILLISECONDS);
                    }
                }
                ch.force(true);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = new java.io.InterruptedIOException("interrupted while forcing " + file + " to disk");
            }
        });
    }

    /**
     * Starts forcing a file to disk, repeatedly while it is written, until {@link #written()} is called.
     *
     * @param file the file, created and about to be written
     * @param sync false to force nothing (the returned sync waits for nothing)
     * @return the running sync
     */
    static BackgroundSync start(Path file, boolean sync) {
        return sync ? new BackgroundSync(file) : NONE;
    }

    /** Says that the file is completely written: the sync forces it once more, with its metadata, and ends. */
    void written() {
        written.countDown();
    }

    /**
     * Says the file is written (if not said yet) and waits until it is on disk.
     *
     * @return the seconds waited
     * @throws IOException if forcing failed
     */
    double await() throws IOException {
        written();
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
