package org.memmap4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Running a loop in pieces [from, to) visits exactly the elements of a whole run, in the same order. */
class StridedLoopRangeTest {

    private static List<Long> offsets(StridedLoop loop, long base, long from, long to) {
        List<Long> out = new ArrayList<>();
        loop.run(new long[] {base}, from, to, (off, st, n) -> {
            for (long i = 0; i < n; i++) {
                out.add(off[0] + i * st[0]);
            }
        });
        return out;
    }

    @Test
    void piecesConcatenateToTheWholeRun() {
        Random r = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            int nd = 1 + r.nextInt(4);
            long[] shape = new long[nd];
            long[] strides = new long[nd];
            for (int i = 0; i < nd; i++) {
                shape[i] = 1 + r.nextInt(5);
                strides[i] = (r.nextInt(41) - 20) * 4L;
            }
            StridedLoop loop = new StridedLoop(shape, new long[][] {strides}, r.nextBoolean());
            long n = loop.size();
            List<Long> whole = offsets(loop, 1000, 0, n);
            assertThat(whole).hasSize((int) n);
            List<Long> pieces = new ArrayList<>();
            long pos = 0;
            while (pos < n) {
                long next = Math.min(n, pos + 1 + r.nextInt(7));
                pieces.addAll(offsets(loop, 1000, pos, next));
                pos = next;
            }
            assertThat(pieces).isEqualTo(whole);
        }
    }
}
