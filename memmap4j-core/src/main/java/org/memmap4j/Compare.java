package org.memmap4j;

import org.memmap4j.internal.StridedLoop;
import java.lang.foreign.MemorySegment;

/** Element-pair predicates over two arrays of one shape, stopping at the first failure. */
final class Compare {

    @FunctionalInterface
    interface PairTest {
        boolean test(MemorySegment a, long offA, MemorySegment b, long offB);
    }

    private Compare() {
    }

    /** Returns true if {@code test} holds for every pair of corresponding elements of a and b (same shape). */
    static boolean allPairs(NDArray a, NDArray b, PairTest test) {
        a.checkOpen();
        b.checkOpen();
        MemorySegment sa = a.rawSegment();
        MemorySegment sb = b.rawSegment();
        boolean[] ok = {true};
        StridedLoop loop = new StridedLoop(a.shape, new long[][] {a.strides, b.strides}, false);
        try {
            loop.run(new long[] {a.offset, b.offset}, (off, st, n) -> {
                for (long i = 0, x = off[0], y = off[1]; i < n && ok[0]; i++, x += st[0], y += st[1]) {
                    ok[0] = test.test(sa, x, sb, y);
                }
            });
        } catch (IllegalStateException e) {
            throw a.isClosed() ? a.translate(e) : b.translate(e);
        } catch (InternalError e) {
            throw NDArray.fault(e, a, b);
        }
        return ok[0];
    }
}
