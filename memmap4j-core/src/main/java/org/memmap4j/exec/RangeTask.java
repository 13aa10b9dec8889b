package org.memmap4j.exec;

import java.io.Serializable;

/**
 * The work of one chunk: computes a partial result for the units {@code [from, to)} of a {@link Job}.
 *
 * <p>Tasks are {@link Serializable} so that a distributed executor can ship them; a task must then refer to its
 * arrays by description (file, dtype, shape, offset) rather than hold mapped memory. A task may run on any thread,
 * concurrently with other chunks of the same job, so it must not share mutable state between chunks.
 *
 * @param <P> the partial result
 */
@FunctionalInterface
public interface RangeTask<P> extends Serializable {

    /**
     * Computes the partial result of units {@code [from, to)}.
     *
     * @param from the first unit
     * @param to   the unit after the last, greater than from
     * @return the partial result; may be null when the task only writes output
     * @throws Exception if the work fails; the job then fails with it
     */
    P run(long from, long to) throws Exception;
}
