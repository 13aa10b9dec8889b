package org.memmap4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the gigabytes (1e9 bytes) a benchmark moves, so that JMH reports them per second next to the operations:
 * the secondary result {@code :gb} of a benchmark, in "ops/s", is its bandwidth in GB/s. Each benchmark adds, per
 * invocation, the bytes of its input (of its output for generators), as its Javadoc says.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Traffic {

    /** Gigabytes moved in this iteration. */
    public double gb;

    /** Creates the counter; JMH does. */
    public Traffic() {
    }

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        gb = 0;
    }

    /**
     * Counts one invocation over arrays.
     *
     * @param bytes the bytes one invocation moves
     */
    public void add(long bytes) {
        gb += bytes / 1e9;
    }
}
