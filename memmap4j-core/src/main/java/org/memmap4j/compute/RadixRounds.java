package org.memmap4j.compute;

import java.util.List;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.exec.RangeTask;

/**
 * Runs a job in rounds so that heap use stays bounded: an executor hands back all partials of a job at once, so a
 * job of a thousand chunks with a 256 KiB histogram each would hold 256 MiB. Here every round is a job over a
 * bounded number of chunks whose partials are merged, in chunk order, before the next round starts.
 *
 * <p>Round boundaries are multiples of the executor's chunk length (itself a multiple of the job's alignment), so
 * the chunks are exactly those one job over all units would have had: results stay identical for any round size.
 * Progress is reported as one job over all rounds. Used by every operation of this package that merges partials:
 * quantile passes, histograms, cumulative sums, covariance.
 */
final class RadixRounds {

    /** Heap allowed for the partials of one round. */
    static final long PARTIAL_BUDGET = 8L << 20;

    /** Receives the partials of a job in chunk order. */
    @FunctionalInterface
    interface Merger<P> {
        void merge(P partial);
    }

    /** Receives the partials of each round, in chunk order, before the next round starts. */
    @FunctionalInterface
    interface RoundMerger<P> {
        /**
         * Merges the partials of the units {@code [from, to)}.
         *
         * @param from     first unit of the round
         * @param to       unit after the round
         * @param partials one per chunk, in order
         */
        void merge(long from, long to, List<P> partials);
    }

    private RadixRounds() {
    }

    /**
     * Runs a job over {@code units} units and merges every partial in chunk order.
     *
     * @param partialBytes a bound on the heap one partial holds (sets the round size)
     */
    static <P> void run(Compute c, String name, long units, long unitBytes, long alignment, long partialBytes,
                        RangeTask<P> task, Merger<P> merger) {
        run(c, name, units, unitBytes, alignment, partialBytes, task, merger, NO_SCANS);
    }

    /** As {@link #run}, declaring the arrays the job reads from start to end (see {@link Job#scanning}). */
    static <P> void run(Compute c, String name, long units, long unitBytes, long alignment, long partialBytes,
                        RangeTask<P> task, Merger<P> merger, NDArray... scans) {
        runRounds(c, name, units, unitBytes, alignment, partialBytes, task, (from, to, parts) -> {
            for (P p : parts) {
                merger.merge(p);
            }
        }, scans);
    }

    private static final NDArray[] NO_SCANS = {};

    /** As {@link #run}, but hands each round's partials over together (e.g. to write outputs of that round). */
    static <P> void runRounds(Compute c, String name, long units, long unitBytes, long alignment, long partialBytes,
                              RangeTask<P> task, RoundMerger<P> merger) {
        runRounds(c, name, units, unitBytes, alignment, partialBytes, task, merger, NO_SCANS);
    }

    /** As {@link #runRounds}, declaring the arrays the job reads from start to end (see {@link Job#scanning}). */
    static <P> void runRounds(Compute c, String name, long units, long unitBytes, long alignment, long partialBytes,
                              RangeTask<P> task, RoundMerger<P> merger, NDArray... scans) {
        ChunkExecutor ex = c.executor;
        long perChunk = new Job<>(name, units, unitBytes, alignment, task).unitsPerChunk(ex.chunkBytes());
        long chunks = Math.max(ex.parallelism() * 4L, PARTIAL_BUDGET / Math.max(1, partialBytes));
        chunks = Math.max(ex.parallelism(), Math.min(chunks, 4096));
        long roundUnits = perChunk > Long.MAX_VALUE / chunks ? Long.MAX_VALUE : perChunk * chunks;
        long totalBytes = units * unitBytes;
        for (long base = 0; base < units; base += roundUnits) {
            long from = base;
            long to = base + Math.min(roundUnits, units - base);
            long doneBefore = from * unitBytes;
            ProgressListener p = c.progress == ProgressListener.NONE ? ProgressListener.NONE
                    : (done, total) -> c.progress.progress(doneBefore + done, totalBytes);
            RangeTask<P> shifted = from == 0 ? task : (f, t) -> task.run(from + f, from + t);
            List<P> parts = ex.map(new Job<P>(name, to - from, unitBytes, alignment, shifted).scanning(scans), p);
            merger.merge(from, to, parts);
        }
    }
}
