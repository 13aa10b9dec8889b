package org.memmap4j.compute;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the partials of consecutive blocks pairwise, as a binary counter: after the i-th push, the two top
 * partials merge while i has trailing zero bits, and {@link #result()} merges what is left from the top. The tree
 * depends only on the number of pushes, so every place that merges the same blocks gets the same result.
 */
final class ReducePairwise {

    private final List<ReduceAcc> stack = new ArrayList<>();
    private long pushed;

    void clear() {
        stack.clear();
        pushed = 0;
    }

    /** {@return how many partials were pushed since the last clear} */
    long pushed() {
        return pushed;
    }

    /** Adds the partial of the next block. */
    void push(ReduceAcc acc) {
        stack.add(acc);
        for (long c = ++pushed; (c & 1) == 0; c >>= 1) {
            mergeTop();
        }
    }

    /** {@return the merge of every pushed partial, in order} */
    ReduceAcc result() {
        while (stack.size() > 1) {
            mergeTop();
        }
        return stack.getFirst();
    }

    private void mergeTop() {
        ReduceAcc right = stack.removeLast();
        stack.getLast().merge(right);
    }
}
