package org.memmap4j.compute;

import java.util.Arrays;

/**
 * Selection of several ranks in a small in-memory buffer of keys (one lane that fits the heap): quickselect with a
 * median-of-three pivot and a three-way partition (runs of equal keys cost nothing), recursing only into the parts
 * that hold wanted ranks. Past a depth of {@code 2 log2 n} the part is sorted instead, which bounds the worst case
 * at O(n log n).
 */
final class QuantileSelect {

    private static final int SMALL = 24;

    private QuantileSelect() {
    }

    /**
     * Reorders {@code a[0, n)} so that every wanted rank holds the key of that rank in sorted order.
     *
     * @param a     the keys (reordered)
     * @param n     how many keys
     * @param ranks wanted ranks, sorted, each in {@code [0, n)}
     */
    static void select(long[] a, int n, long[] ranks) {
        int depth = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, n))) + 4;
        select(a, 0, n, ranks, 0, ranks.length, depth);
    }

    private static void select(long[] a, int lo, int hi, long[] ranks, int rlo, int rhi, int depth) {
        while (rlo < rhi) {
            if (hi - lo <= SMALL || depth-- == 0) {
                Arrays.sort(a, lo, hi);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long p = median3(a[lo], a[mid], a[hi - 1]);
            // Dutch flag: [lo, lt) < p, [lt, gt) == p, [gt, hi) > p.
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i < gt) {
                long v = a[i];
                if (v < p) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > p) {
                    a[i] = a[--gt];
                    a[gt] = v;
                } else {
                    i++;
                }
            }
            int r1 = rlo;
            while (r1 < rhi && ranks[r1] < lt) {
                r1++;
            }
            int r2 = r1;
            while (r2 < rhi && ranks[r2] < gt) {
                r2++;
            }
            // Ranks in [lt, gt) already hold p. Recurse into the left part, loop on the right one.
            select(a, lo, lt, ranks, rlo, r1, depth);
            lo = gt;
            rlo = r2;
        }
    }

    private static long median3(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
