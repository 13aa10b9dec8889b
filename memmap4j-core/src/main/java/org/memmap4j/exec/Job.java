package org.memmap4j.exec;

import java.util.Objects;

/**
 * A unit of parallel work: {@code units} independent units (elements, rows, blocks: the task decides), of which an
 * executor hands ranges to {@link #task()}. Chunk boundaries always fall on multiples of {@code alignment}, so a
 * task can process fixed blocks whose results do not depend on the chunk size: that is what makes results
 * identical for any thread count and chunk size.
 *
 * @param name      what the job does, for progress displays and errors
 * @param units     the number of units, at least 0
 * @param unitBytes bytes of input per unit, at least 1 (chunk sizing and progress)
 * @param alignment chunk boundaries are multiples of this, at least 1
 * @param task      the work of one chunk
 * @param <P>       the partial result
 */
public record Job<P>(String name, long units, long unitBytes, long alignment, RangeTask<P> task) {

    /**
     * Validates a job.
     *
     * @throws IllegalArgumentException if units is negative, or unitBytes or alignment is below 1
     * @throws NullPointerException     if name or task is null
     */
    public Job {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (units < 0 || unitBytes < 1 || alignment < 1) {
            throw new IllegalArgumentException("invalid job '" + name + "': units=" + units + " unitBytes=" + unitBytes
                    + " alignment=" + alignment);
        }
    }

    /**
     * Returns the units per chunk for a target chunk size in bytes: at least one alignment, and a multiple of it.
     *
     * @param chunkBytes the target bytes per chunk
     * @return units per chunk
     */
    public long unitsPerChunk(long chunkBytes) {
        long per = Math.max(1, chunkBytes / unitBytes);
        return Math.max(alignment, per / alignment * alignment);
    }
}
