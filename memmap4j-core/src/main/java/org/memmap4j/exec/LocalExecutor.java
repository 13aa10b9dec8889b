package org.memmap4j.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.memmap4j.Advice;
import org.memmap4j.NDArray;

/**
 * Runs chunks on a fixed pool of daemon threads plus the calling thread, which always takes part: a job started
 * from inside another job's chunk therefore always makes progress, even when every pool thread is busy.
 * Threads take the next chunk from a shared counter, so fast threads do more chunks.
 */
final class LocalExecutor implements ChunkExecutor {

    private static volatile LocalExecutor shared;

    private final int threads;
    private final long chunkBytes;
    private final boolean isShared;
    private final ExecutorService pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalExecutor(int threads, long chunkBytes, boolean isShared) {
        if (threads < 1 || chunkBytes < 1) {
            throw new IllegalArgumentException("threads and chunkBytes must be at least 1, got threads=" + threads
                    + " chunkBytes=" + chunkBytes);
        }
        this.threads = threads;
        this.chunkBytes = chunkBytes;
        this.isShared = isShared;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "memmap4j-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static LocalExecutor shared() {
        LocalExecutor s = shared;
        if (s == null) {
            synchronized (LocalExecutor.class) {
                s = shared;
                if (s == null) {
                    int t = Integer.getInteger("memmap4j.threads", Runtime.getRuntime().availableProcessors());
                    long c = Long.getLong("memmap4j.chunkBytes", DEFAULT_CHUNK_BYTES);
                    s = new LocalExecutor(Math.max(1, t), Math.max(1, c), true);
                    shared = s;
                }
            }
        }
        return s;
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public long chunkBytes() {
        return chunkBytes;
    }

    @Override
    public <P> List<P> map(Job<P> job, ProgressListener progress) {
        if (closed.get()) {
            throw new IllegalStateException("executor is closed");
        }
        // Scans read ahead far while the job runs; the default comes back after it, for whatever access follows.
        advise(job.scans(), Advice.SEQUENTIAL);
        try {
            return run(job, progress);
        } finally {
            advise(job.scans(), Advice.NORMAL);
        }
    }

    /** Advice is a hint: an array closed meanwhile is left to the job's own error. */
    private static void advise(List<NDArray> arrays, Advice advice) {
        for (NDArray a : arrays) {
            try {
                a.advise(advice);
            } catch (IllegalStateException e) {
                // closed: nothing to advise
            }
        }
    }

    private <P> List<P> run(Job<P> job, ProgressListener progress) {
        long n = job.units();
        long per = job.unitsPerChunk(chunkBytes);
        long chunkCount = job.chunkCount(chunkBytes);
        if (chunkCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("job '" + job.name() + "' would need " + chunkCount + " chunks; raise the chunk size");
        }
        int chunks = (int) chunkCount;
        Object[] out = new Object[chunks];
        Run<P> run = new Run<>(job, per, chunks, out, progress, n * job.unitBytes());
        int helpers = pool == null ? 0 : Math.min(threads - 1, chunks - 1);
        for (int i = 0; i < helpers; i++) {
            pool.execute(run::help);
        }
        run.work(true);
        boolean interrupted = run.sealAndAwaitHelpers() || Thread.interrupted() || run.cancelled.get();
        if (run.failure.get() != null) {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw rethrow(job, run.failure.get());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("job '" + job.name() + "' was interrupted after " + run.bytesDone.get()
                    + " of " + n * job.unitBytes() + " bytes");
        }
        @SuppressWarnings("unchecked")
        List<P> partials = (List<P>) Arrays.asList(out);
        return partials;
    }

    private static RuntimeException rethrow(Job<?> job, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof InternalError e && e.getMessage() != null && e.getMessage().contains("fault occurred")) {
            // SIGBUS in a kernel's memory access: a mapped file lost pages under it (truncated by another process),
            // or a write into a hole found the file system full. A file shorter than its mapping says which.
            java.util.List<String> files = new java.util.ArrayList<>();
            for (NDArray a : job.scans()) {
                a.file().ifPresent(f -> files.add("'" + f + "'"));
                try {
                    a.checkFile();
                } catch (IllegalStateException truncated) {
                    return new IllegalStateException("job '" + job.name() + "': " + truncated.getMessage(), e);
                }
            }
            return new IllegalStateException("job '" + job.name() + "': a fault occurred accessing mapped data"
                    + (files.isEmpty() ? "" : " of " + String.join(", ", files)) + ": a mapped file was probably "
                    + "truncated (or its storage removed) by another process after it was mapped, or a write into a "
                    + "sparse region found the disk full; close the arrays and open the files again", e);
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new RuntimeException("job '" + job.name() + "' failed: " + t, t);
    }

    /** The shared state of one job's run. */
    private static final class Run<P> {
        final Job<P> job;
        final long per;
        final int chunks;
        final Object[] out;
        final ProgressListener progress;
        final long totalBytes;
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong bytesDone = new AtomicLong();

        Run(Job<P> job, long per, int chunks, Object[] out, ProgressListener progress, long totalBytes) {
            this.job = job;
            this.per = per;
            this.chunks = chunks;
            this.out = out;
            this.progress = progress;
            this.totalBytes = totalBytes;
        }

        private int activeHelpers;
        private boolean sealed;

        /**
         * A pool thread's part: work unless the caller has already finished, in which case every chunk is taken and
         * this helper, perhaps queued behind other jobs' chunks, must not make anyone wait for it.
         */
        void help() {
            synchronized (this) {
                if (sealed) {
                    return;
                }
                activeHelpers++;
            }
            try {
                work(false);
            } finally {
                synchronized (this) {
                    activeHelpers--;
                    notifyAll();
                }
            }
        }

        /**
         * Called by the caller after its own work: no helper may start any more, and the ones running finish their
         * chunk. Waiting only for started helpers is what makes nested jobs deadlock-free. Returns true if the
         * caller was interrupted meanwhile (then no new chunk starts).
         */
        synchronized boolean sealAndAwaitHelpers() {
            sealed = true;
            boolean interrupted = false;
            while (activeHelpers > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Stop handing out chunks, but wait for running ones: a chunk must not be left half-written.
                    interrupted = true;
                    cancelled.set(true);
                }
            }
            return interrupted;
        }

        void work(boolean caller) {
            while (!cancelled.get() && failure.get() == null) {
                if (caller && Thread.currentThread().isInterrupted()) {
                    cancelled.set(true);
                    return;
                }
                int k = next.getAndIncrement();
                if (k >= chunks) {
                    return;
                }
                long from = k * per;
                long to = Math.min(job.units(), from + per);
                try {
                    out[k] = job.task().run(from, to);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    return;
                }
                synchronized (this) {
                    // Inside the lock, so reports never go backwards.
                    progress.progress(bytesDone.addAndGet((to - from) * job.unitBytes()), totalBytes);
                }
            }
        }
    }

    @Override
    public void close() {
        if (!isShared && closed.compareAndSet(false, true) && pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
