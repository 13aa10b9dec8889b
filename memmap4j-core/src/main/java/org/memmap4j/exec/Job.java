package org.memmap4j.exec;

import java.util.List;
import java.util.Objects;
import org.memmap4j.NDArray;

/**
 * A unit of parallel work: {@code units} independent units (elements, rows, blocks: the task decides), of which an
 * executor hands ranges to {@link #task()}. Chunk boundaries always fall on multiples of {@code alignment}, so a
 * task can process fixed blocks whose results do not depend on the chunk size: that is what makes results
 * identical for any thread count and chunk size.
 *
 * <p>A job may name the arrays it {@linkplain #scanning scans} from start to end: an executor may then advise the
 * operating system to read them ahead ({@link org.memmap4j.Advice#SEQUENTIAL}) while the job runs, and restore
 * {@link org.memmap4j.Advice#NORMAL} when it ends (the local executor does both). On a cold page cache a sequential
 * read of a mapped file is then several times faster.
 *
 * @param name      what the job does, for progress displays and errors
 * @param units     the number of units, at least 0
 * @param unitBytes bytes of input per unit, at least 1 (chunk sizing and progress)
 * @param alignment chunk boundaries are multiples of this, at least 1
 * @param task      the work of one chunk
 * @param scans     the arrays the job reads in order from start to end (possibly none); only a hint
 * @param <P>       the partial result
 */
public record Job<P>(String name, long units, long unitBytes, long alignment, RangeTask<P> task, List<NDArray> scans) {

    /**
     * Validates a job.
     *
     * @throws IllegalArgumentException if units is negative, or unitBytes or alignment is below 1
     * @throws NullPointerException     if name, task, scans or one of its arrays is null
     */
    public Job {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        scans = List.copyOf(scans);
        if (units < 0 || unitBytes < 1 || alignment < 1) {
            throw new IllegalArgumentException("invalid job '" + name + "': units=" + units + " unitBytes=" + unitBytes
                    + " alignment=" + alignment);
        }
    }

    /**
     * Makes a job that scans no array in particular.
     *
     * @param name      what the job does, for progress displays and errors
     * @param units     the number of units, at least 0
     * @param unitBytes bytes of input per unit, at least 1 (chunk sizing and progress)
     * @param alignment chunk boundaries are multiples of this, at least 1
     * @param task      the work of one chunk
     * @throws IllegalArgumentException if units is negative, or unitBytes or alignment is below 1
     * @throws NullPointerException     if name or task is null
     */
    public Job(String name, long units, long unitBytes, long alignment, RangeTask<P> task) {
        this(name, units, unitBytes, alignment, task, List.of());
    }

    /**
     * Returns this job declaring that it reads the given arrays in order, from start to end.
     *
     * @param arrays the arrays scanned
     * @return a job like this one with these {@link #scans()}
     * @throws NullPointerException if an array is null
     */
    public Job<P> scanning(NDArray... arrays) {
        return new Job<>(name, units, unitBytes, alignment, task, List.of(arrays));
    }

    /** {@return a description without the arrays' elements (an array's own {@code toString} prints them)} */
    @Override
    public String toString() {
        return "Job[name=" + name + ", units=" + units + ", unitBytes=" + unitBytes + ", alignment=" + alignment
                + ", scans=" + scans.size() + " arrays]";
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

    /**
     * Returns how many chunks of {@link #unitsPerChunk(long) unitsPerChunk(chunkBytes)} units the job is cut into:
     * every executor cuts it so, which is what makes their partials the same.
     *
     * @param chunkBytes the target bytes per chunk
     * @return the number of chunks, 0 for a job without units
     */
    public long chunkCount(long chunkBytes) {
        long per = unitsPerChunk(chunkBytes);
        return (units + per - 1) / per;
    }
}
