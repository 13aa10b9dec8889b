package org.memmap4j.compute;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One pass of radix selection: for every lane, a sorted list of disjoint key ranges {@code [lo, hi]} (inclusive)
 * in which wanted ranks lie. A pass over the data counts, per lane, the elements in the gaps between ranges and
 * either histograms each range by {@code (key - lo) >>> shift} or, when the range is known to hold few elements,
 * collects its keys. Gap counts locate every rank exactly, so a range guessed from a sample that misses its rank
 * costs one more pass, never a wrong answer.
 *
 * <p>Immutable and serializable: it travels with the pass's tasks. {@link Acc} is the mutable per-chunk result.
 */
final class RadixPass implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Ranges of lane {@code l} are {@code [first[l], first[l + 1])}. */
    final int[] first;
    final long[] lo;
    final long[] hi;
    /** For histogram ranges the bucket shift; -1 for ranges whose keys are collected. */
    final int[] shift;
    final int[] buckets;
    /** True to count keys of values holding a NaN (from {@link RadixKeys#nanKey} up) per lane. */
    final boolean countNaN;
    /** {@link RadixKeys#nanKey}: for real floats the largest key, for complex the first of several. */
    final long nanKey;

    RadixPass(int[] first, long[] lo, long[] hi, int[] shift, boolean countNaN, long nanKey) {
        this.first = first;
        this.lo = lo;
        this.hi = hi;
        this.shift = shift;
        this.buckets = new int[lo.length];
        for (int r = 0; r < lo.length; r++) {
            buckets[r] = shift[r] < 0 ? 0 : (int) ((hi[r] - lo[r]) >>> shift[r]) + 1;
        }
        this.countNaN = countNaN;
        this.nanKey = nanKey;
    }

    int lanes() {
        return first.length - 1;
    }

    /** {@return the smallest shift that splits {@code [lo, hi]} into at most {@code 2^bits} buckets} */
    static int shiftFor(long lo, long hi, int bits) {
        long span = hi - lo; // unsigned
        int needed = 64 - Long.numberOfLeadingZeros(span);
        return Math.max(0, needed - bits);
    }

    /** Counts of one lane in one chunk (or merged over chunks). */
    static final class Acc implements Serializable {
        /** Elements between ranges: gap[0] below the first range, gap[r] below range r, gap[R] above the last. */
        final long[] gap;
        /** Elements inside each range. */
        final long[] in;
        final int[][] hist;
        final long[][] keys;
        final int[] nkeys;
        long nan;

        Acc(int ranges) {
            gap = new long[ranges + 1];
            in = new long[ranges];
            hist = new int[ranges][];
            keys = new long[ranges][];
            nkeys = new int[ranges];
        }

        /** Adds another chunk's counts of the same lane. */
        void merge(Acc o) {
            for (int i = 0; i < gap.length; i++) {
                gap[i] += o.gap[i];
            }
            for (int r = 0; r < in.length; r++) {
                in[r] += o.in[r];
                if (o.hist[r] != null) {
                    if (hist[r] == null) {
                        hist[r] = o.hist[r];
                    } else {
                        int[] h = hist[r];
                        int[] oh = o.hist[r];
                        for (int j = 0; j < h.length; j++) {
                            h[j] += oh[j];
                        }
                    }
                }
                if (o.nkeys[r] > 0) {
                    ensure(r, o.nkeys[r]);
                    System.arraycopy(o.keys[r], 0, keys[r], nkeys[r], o.nkeys[r]);
                    nkeys[r] += o.nkeys[r];
                }
            }
            nan += o.nan;
        }

        private void ensure(int r, int more) {
            long[] k = keys[r];
            int need = nkeys[r] + more;
            if (k == null || k.length < need) {
                keys[r] = Arrays.copyOf(k == null ? new long[0] : k, Math.max(need, Math.max(16, nkeys[r] * 2)));
            }
        }

        /** Counts a key known to lie in range {@code r} (global range index {@code g}). */
        void hit(RadixPass p, int r, int g, long key) {
            in[r]++;
            int s = p.shift[g];
            if (s >= 0) {
                table(p, r, g)[(int) ((key - p.lo[g]) >>> s)]++;
            } else {
                collect(r, key);
            }
        }

        /** Counts {@code n} keys of range r (global index g): histogram or collection. */
        void hits(RadixPass p, int r, int g, int[] k, int n) {
            in[r] += n;
            int s = p.shift[g];
            if (s >= 0) {
                int[] h = table(p, r, g);
                int lo = (int) p.lo[g];
                for (int i = 0; i < n; i++) {
                    h[(k[i] - lo) >>> s]++;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    collect(r, k[i]);
                }
            }
        }

        /** {@link #hits(RadixPass, int, int, int[], int)} for 64-bit keys. */
        void hits(RadixPass p, int r, int g, long[] k, int n) {
            in[r] += n;
            int s = p.shift[g];
            if (s >= 0) {
                int[] h = table(p, r, g);
                long lo = p.lo[g];
                for (int i = 0; i < n; i++) {
                    h[(int) ((k[i] - lo) >>> s)]++;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    collect(r, k[i]);
                }
            }
        }

        /** {@return the histogram of range r (global index g), allocated on first use} */
        int[] table(RadixPass p, int r, int g) {
            int[] h = hist[r];
            return h != null ? h : (hist[r] = new int[p.buckets[g]]);
        }

        /** Appends a key of a collected range; the caller counts it in {@link #in}. */
        void collect(int r, long key) {
            if (keys[r] == null || nkeys[r] == keys[r].length) {
                ensure(r, 1);
            }
            keys[r][nkeys[r]++] = key;
        }
    }

    /** Creates the accumulator of a lane. */
    Acc newAcc(int lane) {
        return new Acc(first[lane + 1] - first[lane]);
    }

    /** Classifies one key of a lane: a gap count or a range hit. */
    void add(int lane, Acc acc, long key) {
        int a = first[lane];
        int b = first[lane + 1];
        // First range whose upper bound is not below the key: linear for the usual one or two ranges.
        int r = a;
        if (b - a <= 8) {
            while (r < b && hi[r] < key) {
                r++;
            }
        } else {
            int x = a;
            int y = b;
            while (x < y) {
                int m = (x + y) >>> 1;
                if (hi[m] < key) {
                    x = m + 1;
                } else {
                    y = m;
                }
            }
            r = x;
        }
        if (r < b && lo[r] <= key) {
            acc.hit(this, r - a, r, key);
        } else {
            acc.gap[r - a]++;
        }
        if (countNaN && key >= nanKey) {
            acc.nan++;
        }
    }
}
