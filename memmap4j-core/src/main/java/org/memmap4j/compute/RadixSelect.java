package org.memmap4j.compute;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.internal.StridedLoop;

/**
 * Out-of-core selection of the elements at given ranks, in every lane of an array, by radix narrowing over
 * order-preserving keys ({@link RadixKeys}): the heap holds histograms and a few thousand keys, never the data.
 *
 * <ol>
 *   <li>Optionally, a sample of up to 262,144 evenly spaced elements per lane, sorted, brackets every wanted rank
 *       with a narrow key range (four standard deviations of the sample quantile). Without a sample the first range
 *       is the whole key space.</li>
 *   <li>Each pass ({@link RadixPass}) reads the lanes once in memory order, in parallel, counting the elements
 *       between ranges and histogramming the elements inside each range on its next bits (up to 16). The counts
 *       locate every rank exactly: in a bucket, which becomes the next range, or, if a sample guess missed, in a
 *       gap, which becomes the next range instead.</li>
 *   <li>A range known to hold at most {@link #collectCap} elements is collected in the next pass and sorted; a range
 *       of one key is resolved without reading.</li>
 * </ol>
 *
 * Float32 data needs the sample plus two passes (histogram, then collect); 8- and 16-bit dtypes one pass. Counts
 * are integers, so the result is exact and independent of threads and chunking.
 *
 * <p>Complex keys are (high, low) pairs ({@link RadixKeys}). A complex64 pair packs into one 64-bit key and selects
 * as any other. A complex128 pair is selected in two stages: the high halves first ({@link #select(Compute, NDArray,
 * QuantileLanes, long[], boolean, boolean[], long[], long[])} also counts the elements below and equal to each
 * selected key), then the low halves among the elements tied on the selected high half
 * ({@link #selectLow}), by the same passes over the data restricted to those elements.
 */
final class RadixSelect {

    /** Most sample elements per lane. */
    static final int SAMPLE_MAX = 1 << 18;
    /** Most sample elements over all lanes (8 MiB of keys). */
    static final int SAMPLE_BUDGET = 1 << 20;
    /** Fewer sample elements per lane than this are not worth a sampling job. */
    static final int SAMPLE_MIN = 1024;
    /** Histogram counters per pass over all ranges (4 MiB per chunk at most). */
    static final int HIST_BUDGET = 1 << 20;

    private RadixSelect() {
    }

    /**
     * Selects, in every lane, the keys at the given ranks.
     *
     * @param c      where to run
     * @param array  the array (its view: any strides and byte order)
     * @param lanes  the lane geometry of the reduction
     * @param ranks  wanted ranks, sorted and distinct, each in {@code [0, lanes.length)}
     * @param sample true to bracket ranks with a sample first (worth it for lanes of millions of elements)
     * @param nan    receives true for lanes holding a NaN, whose keys are then not selected (complex lanes select
     *               their largest key instead, for every rank)
     * @return the keys, {@code [lane * ranks.length + i]}
     */
    static long[] select(Compute c, NDArray array, QuantileLanes lanes, long[] ranks, boolean sample, boolean[] nan) {
        return select(c, array, lanes, ranks, sample, nan, true);
    }

    /** As above, with the scalar kernel when {@code vector} is false (tests compare the two). */
    static long[] select(Compute c, NDArray array, QuantileLanes lanes, long[] ranks, boolean sample, boolean[] nan,
                         boolean vector) {
        return firstStage(c, array, lanes, ranks, nan, vector).run(sample);
    }

    /**
     * Selects as {@link #select(Compute, NDArray, QuantileLanes, long[], boolean, boolean[])}, and also tells where
     * each selected key stands in its lane. For complex dtypes a lane holding a NaN is flagged in {@code nan} and its
     * largest key is selected for every rank: NumPy's median of such a lane is its largest element.
     *
     * @param below receives, per target {@code lane * ranks.length + i}, how many elements of the lane have a smaller
     *              key than the selected one
     * @param equal receives, per target, how many elements of the lane have the selected key
     * @return the keys, {@code [lane * ranks.length + i]}
     */
    static long[] select(Compute c, NDArray array, QuantileLanes lanes, long[] ranks, boolean sample, boolean[] nan,
                         long[] below, long[] equal) {
        Run r = firstStage(c, array, lanes, ranks, nan, true);
        long[] keys = r.run(sample);
        System.arraycopy(r.below, 0, below, 0, keys.length);
        System.arraycopy(r.equal, 0, equal, 0, keys.length);
        return keys;
    }

    /** The selection of keys (complex128: their high halves) at ranks shared by every lane. */
    private static Run firstStage(Compute c, NDArray array, QuantileLanes g, long[] ranks, boolean[] nan, boolean vector) {
        int lanes = Math.toIntExact(g.lanes);
        int nr = ranks.length;
        long[] rank = new long[Math.multiplyExact(lanes, nr)];
        for (int t = 0; t < rank.length; t++) {
            rank[t] = ranks[t % nr];
        }
        long[] laneIds = g.laneIds;
        Scanner scan = (a, p, from, to) -> Run.scan(a, p, laneIds, lanes, vector, from, to);
        return new Run(c, array, g, lanes, nr, rank, nan, true, scan);
    }

    /**
     * The second stage of selecting complex128 keys (see the class comment): in every lane, for each of its
     * {@code nr} targets, the low key at rank {@code rank[t]} among the elements whose high key is {@code high[t]}.
     * One pass collects these elements' low keys when they are few (the usual case: equal real parts are rare),
     * more passes narrow them down by histograms otherwise, so the heap stays bounded however many tie.
     *
     * @param nr    targets per lane; target {@code t} belongs to lane {@code t / nr}
     * @param high  per target, the high key the elements must have
     * @param rank  per target, the wanted rank among those elements, in {@code [0, count[t])}
     * @param count per target, how many elements of the lane have that high key
     * @param skip  per target, true if it needs no selection (its low key is then 0)
     * @return the low keys, per target
     */
    static long[] selectLow(Compute c, NDArray array, QuantileLanes g, int nr, long[] high, long[] rank, long[] count,
                            boolean[] skip) {
        // Targets of a lane that share a high key share a virtual lane (lane * nr + the first such target's index),
        // so that the ranges of one virtual lane order the low keys of one set of tied elements. Target i of lane l
        // becomes slot i of its virtual lane; the other slots are done from the start.
        int lanes = Math.toIntExact(g.lanes);
        int vlanes = Math.multiplyExact(lanes, nr);
        long[] filter = new long[vlanes];
        long[] vRank = new long[Math.multiplyExact(vlanes, nr)];
        long[] vCount = new long[vRank.length];
        boolean[] vSkip = new boolean[vRank.length];
        Arrays.fill(vSkip, true);
        int[] slot = new int[high.length];
        for (int t = 0; t < high.length; t++) {
            if (skip[t]) {
                continue;
            }
            int lane = t / nr;
            int j = 0;
            while (skip[lane * nr + j] || high[lane * nr + j] != high[t]) {
                j++; // the lane's first target with this high key: t itself at the latest
            }
            int v = lane * nr + j;
            filter[v] = high[t];
            slot[t] = v * nr + t % nr;
            vRank[slot[t]] = rank[t];
            vCount[slot[t]] = count[t];
            vSkip[slot[t]] = false;
        }
        long[] laneIds = g.laneIds;
        Scanner scan = (a, p, from, to) -> Run.scanTied(a, p, laneIds, nr, filter, from, to);
        Run r = new Run(c, array, g, vlanes, nr, vRank, new boolean[vlanes], false, scan);
        long[] vKeys = r.runFrom(vCount, vSkip);
        long[] keys = new long[high.length];
        for (int t = 0; t < high.length; t++) {
            keys[t] = skip[t] ? 0 : vKeys[slot[t]];
        }
        return keys;
    }

    /** Classifies the elements {@code [from, to)} of an array's memory-order loop into a pass, per (virtual) lane. */
    @FunctionalInterface
    private interface Scanner extends Serializable {
        RadixPass.Acc[] scan(NDArray a, RadixPass p, long from, long to);
    }

    /** {@return how many keys a range may hold to be collected rather than histogrammed} */
    static int collectCap(int ranges) {
        return Math.clamp((1 << 21) / Math.max(1, ranges), 1024, 1 << 16);
    }

    /** The state of one selection: the current key range of every (lane, rank) target. */
    private static final class Run {
        final Compute c;
        final ArrayRef ref;
        /** The array selected from, which the passes scan (so the executor checks its file before each chunk). */
        final NDArray array;
        final DType dtype;
        final DType.Kind kind;
        final QuantileLanes g;
        /** The wanted rank of every target; complex lanes holding a NaN change theirs to the last. */
        final long[] rank;
        final boolean[] nan;
        /** True to count values holding a NaN in the first pass (false among tied complex values: none holds one). */
        final boolean countNaN;
        final Scanner scanner;
        /** Lanes, or virtual lanes of {@link #selectLow}. */
        final int lanes;
        final int nr;
        final long[] tLo;
        final long[] tHi;
        final long[] tCount;
        final long[] tBelow;
        /** Expected elements in a target's range when its count is unknown (from the sample). */
        final long[] tEst;
        /** True when a target's range spans the data's keys evenly enough to size buckets by count: a bucket or a
         *  sample bracket, not the whole key space or a gap up to its end. */
        final boolean[] tTight;
        final boolean[] done;
        final long[] key;
        /** Per resolved target: the elements of its lane below its key, and those equal to it. */
        final long[] below;
        final long[] equal;
        final long n;

        Run(Compute c, NDArray array, QuantileLanes g, int lanes, int nr, long[] rank, boolean[] nan, boolean countNaN,
            Scanner scanner) {
            this.c = c;
            this.ref = ArrayRef.of(array);
            this.array = array;
            this.dtype = array.dtype();
            this.kind = dtype.kind();
            this.g = g;
            this.rank = rank;
            this.nan = nan;
            this.countNaN = countNaN && (kind.isFloat() || kind.isComplex());
            this.scanner = scanner;
            this.lanes = lanes;
            this.nr = nr;
            int t = rank.length;
            tLo = new long[t];
            tHi = new long[t];
            tCount = new long[t];
            tBelow = new long[t];
            tEst = new long[t];
            tTight = new boolean[t];
            done = new boolean[t];
            key = new long[t];
            below = new long[t];
            equal = new long[t];
            this.n = array.size();
        }

        long[] run(boolean sample) {
            int m = sample && kind.itemSize() >= 4 ? sampleSize() : 0;
            if (m >= SAMPLE_MIN) {
                bracket(m);
            } else {
                Arrays.fill(tLo, RadixKeys.minKey(kind));
                Arrays.fill(tHi, RadixKeys.maxKey(kind));
                Arrays.fill(tCount, g.length);
            }
            return passes();
        }

        /** Runs from the whole key space, with per target the elements in it and whether it is done already. */
        long[] runFrom(long[] count, boolean[] skip) {
            Arrays.fill(tLo, RadixKeys.minKey(kind));
            Arrays.fill(tHi, RadixKeys.maxKey(kind));
            System.arraycopy(count, 0, tCount, 0, count.length);
            System.arraycopy(skip, 0, done, 0, skip.length);
            return passes();
        }

        private long[] passes() {
            boolean first = true;
            while (pass(first)) {
                first = false;
            }
            return key;
        }

        int sampleSize() {
            long m = Math.min(SAMPLE_MAX, g.length / 64);
            return (int) Math.min(m, SAMPLE_BUDGET / Math.max(1, lanes));
        }

        /** Reads an evenly spaced sample of every lane and brackets each rank with the sample's quantiles. */
        void bracket(int m) {
            long[] keys = new long[Math.multiplyExact(lanes, m)];
            long len = g.length;
            QuantileLanes geo = g;
            ArrayRef r = ref;
            RangeTask<long[]> task = (from, to) -> r.apply(a -> {
                MemorySegment seg = a.segment();
                long base = a.segmentOffset();
                DType t = a.dtype();
                long[] out = new long[(int) (to - from)];
                for (long u = from; u < to; u++) {
                    long lane = u / m;
                    long i = u % m;
                    long pos = (long) ((2.0 * i + 1) * len / (2.0 * m));
                    out[(int) (u - from)] = RadixKeys.key(seg, base + geo.offset(lane, Math.min(pos, len - 1)), t);
                }
                return out;
            });
            long[] at = {0};
            // A sample element costs a page of reading, not an element: 4 KiB per unit spreads samples over chunks.
            RadixRounds.run(c, "quantile sample", keys.length, 4096, 1, 8L * 1024, task, part -> {
                System.arraycopy(part, 0, keys, (int) at[0], part.length);
                at[0] += part.length;
            }, array);
            long min = RadixKeys.minKey(kind);
            long max = RadixKeys.maxKey(kind);
            for (int lane = 0; lane < lanes; lane++) {
                Arrays.sort(keys, lane * m, (lane + 1) * m);
                for (int i = 0; i < nr; i++) {
                    double q = (rank[lane * nr + i] + 0.5) / len;
                    int j = (int) Math.min(m - 1, (long) (q * m));
                    int d = (int) Math.ceil(4 * Math.sqrt(m * q * (1 - q))) + 2;
                    int t = lane * nr + i;
                    tLo[t] = j - d < 0 ? min : keys[lane * m + j - d];
                    tHi[t] = j + d >= m ? max : keys[lane * m + j + d];
                    tCount[t] = -1;
                }
                unite(lane * nr);
                for (int i = 0; i < nr; i++) {
                    int t = lane * nr + i;
                    long inside = upper(keys, lane * m, (lane + 1) * m, tHi[t]) - upper(keys, lane * m, (lane + 1) * m, tLo[t] - 1);
                    tEst[t] = (long) ((inside + 2.0) * len / m);
                    tTight[t] = tLo[t] != min && tHi[t] != max;
                }
            }
        }

        /** {@return the index of the first key not below {@code key} in the sorted {@code keys[from, to)}} */
        private static int lower(long[] keys, int from, int to, long key) {
            return key == Long.MIN_VALUE ? from : upper(keys, from, to, key - 1);
        }

        /** {@return the index of the first key above {@code key} in the sorted {@code keys[from, to)}} */
        private static int upper(long[] keys, int from, int to, long key) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (keys[mid] <= key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Ranges of one pass must be disjoint: overlapping brackets of a lane become their union. */
        void unite(int base) {
            int[] idx = new int[nr];
            for (int i = 0; i < nr; i++) {
                idx[i] = base + i;
            }
            sortByLo(idx, nr);
            int start = 0;
            long hi = tHi[idx[0]];
            for (int i = 1; i <= nr; i++) {
                if (i < nr && tLo[idx[i]] <= hi) {
                    hi = Math.max(hi, tHi[idx[i]]);
                    continue;
                }
                long lo = tLo[idx[start]];
                for (int k = start; k < i; k++) {
                    tLo[idx[k]] = lo;
                    tHi[idx[k]] = hi;
                }
                if (i < nr) {
                    start = i;
                    hi = tHi[idx[i]];
                }
            }
        }

        /** Runs one pass over the unresolved targets; returns false when every target is resolved. */
        boolean pass(boolean first) {
            int[] starts = new int[lanes + 1];
            long[] lo = new long[lanes * nr];
            long[] hi = new long[lanes * nr];
            long[] count = new long[lanes * nr];
            long[] expect = new long[lanes * nr];
            boolean[] tight = new boolean[lanes * nr];
            int open = 0;
            for (boolean d : done) {
                open += d ? 0 : 1;
            }
            int cap = collectCap(open);
            int total = 0;
            int[] idx = new int[nr];
            for (int lane = 0; lane < lanes; lane++) {
                starts[lane] = total;
                int m = 0;
                for (int i = 0; i < nr; i++) {
                    if (!done[lane * nr + i]) {
                        idx[m++] = lane * nr + i;
                    }
                }
                sortByLo(idx, m);
                // Targets sharing a range share it in the pass; neighbouring ranges whose union is known to hold
                // few elements become one collected range (a median's two middle ranks usually do).
                int group = 0;
                for (int k = 1; k <= m; k++) {
                    if (k < m) {
                        int g = idx[group];
                        int t = idx[k];
                        if (tLo[t] == tLo[g] && tHi[t] == tHi[g]) {
                            continue;
                        }
                        long union = tBelow[t] + tCount[t] - tBelow[g];
                        if (tCount[g] >= 0 && tCount[t] >= 0 && union <= cap) {
                            long ulo = tLo[g];
                            long uhi = Math.max(tHi[g], tHi[t]);
                            long ubelow = tBelow[g];
                            for (int x = group; x <= k; x++) {
                                tLo[idx[x]] = ulo;
                                tHi[idx[x]] = uhi;
                                tCount[idx[x]] = union;
                                tBelow[idx[x]] = ubelow;
                            }
                            continue;
                        }
                    }
                    int g = idx[group];
                    lo[total] = tLo[g];
                    hi[total] = tHi[g];
                    count[total] = tCount[g];
                    expect[total] = tCount[g] >= 0 ? tCount[g] : tEst[g];
                    tight[total] = tTight[g];
                    total++;
                    group = k;
                }
            }
            starts[lanes] = total;
            if (total == 0) {
                return false;
            }
            int hist = 0;
            for (int r = 0; r < total; r++) {
                hist += count[r] >= 0 && count[r] <= cap ? 0 : 1;
            }
            int maxBits = Math.clamp(31 - Integer.numberOfLeadingZeros(HIST_BUDGET / Math.max(1, hist)), 8, 16);
            int[] shift = new int[total];
            long counters = 0;
            for (int r = 0; r < total; r++) {
                if (count[r] >= 0 && count[r] <= cap) {
                    shift[r] = -1;
                } else {
                    // In a tight range, enough buckets that the wanted one is likely collectable next (16 times
                    // fewer keys than the cap, expected) and no more: small tables are cheap to clear, hand back and
                    // merge per chunk. Wide ranges (key space, not data) get all the bits.
                    long perBucket = Math.max(1, cap / 16);
                    int bits = tight[r] ? Math.clamp(64 - Long.numberOfLeadingZeros(expect[r] / perBucket),
                            maxBits - 4, maxBits) : maxBits;
                    shift[r] = RadixPass.shiftFor(lo[r], hi[r], bits);
                    counters += ((hi[r] - lo[r]) >>> shift[r]) + 1;
                }
            }
            RadixPass p = new RadixPass(starts, Arrays.copyOf(lo, total), Arrays.copyOf(hi, total), shift,
                    first && countNaN, RadixKeys.nanKey(kind));
            RadixPass.Acc[] accs = scan(p, counters);
            resolve(p, accs, first);
            return true;
        }

        RadixPass.Acc[] scan(RadixPass p, long histCounters) {
            RadixPass.Acc[] merged = new RadixPass.Acc[lanes];
            ArrayRef r = ref;
            Scanner s = scanner;
            RangeTask<RadixPass.Acc[]> task = (from, to) -> r.apply(a -> s.scan(a, p, from, to));
            long partial = Math.min(histCounters, HIST_BUDGET) * 4 + 8L * lanes;
            RadixRounds.run(c, "quantile pass", n, dtype.itemSize(), 1, partial, task, part -> {
                for (int lane = 0; lane < part.length; lane++) {
                    if (part[lane] != null) {
                        if (merged[lane] == null) {
                            merged[lane] = part[lane];
                        } else {
                            merged[lane].merge(part[lane]);
                        }
                    }
                }
            }, array);
            return merged;
        }

        /** The work of one chunk: classify elements {@code [from, to)} of the memory-order loop. */
        static RadixPass.Acc[] scan(NDArray a, RadixPass p, long[] laneIds, int lanes, boolean vector, long from,
                                    long to) {
            MemorySegment seg = a.segment();
            DType t = a.dtype();
            DType.Kind k = t.kind();
            long size = t.itemSize();
            boolean fast = t.isNativeOrder() && size >= 4 && (k.isInteger() || k.isFloat());
            RadixKernel kernel = vector ? RadixKernel.INSTANCE : RadixKernel.SCALAR;
            RadixPass.Acc[] accs = new RadixPass.Acc[lanes];
            // Interleaved lanes with one range each: bounds and gap counts per lane in flat arrays, folded in at the
            // end. single[l] counts the single-range lanes below l (a row of lanes qualifies in O(1)).
            int[] lo32 = new int[lanes];
            int[] hi32 = new int[lanes];
            int[] single = new int[lanes + 1];
            for (int lane = 0; lane < lanes; lane++) {
                boolean one = p.first[lane + 1] - p.first[lane] == 1;
                single[lane + 1] = single[lane] + (one ? 1 : 0);
                if (one && size == 4) {
                    lo32[lane] = (int) p.lo[p.first[lane]];
                    hi32[lane] = (int) p.hi[p.first[lane]];
                }
            }
            int[] under = new int[lanes];
            int[] over = new int[lanes];
            int[] nans = new int[lanes];
            boolean small = to - from <= Integer.MAX_VALUE; // int counts per lane cannot overflow
            new StridedLoop(a.shape(), new long[][] {a.strides(), laneIds}, false)
                    .run(new long[] {a.segmentOffset(), 0}, from, to, (off, st, cnt) -> {
                        if (st[1] == 0) {
                            int lane = (int) off[1];
                            if (p.first[lane] == p.first[lane + 1]) {
                                return;
                            }
                            RadixPass.Acc acc = accs[lane] == null ? accs[lane] = p.newAcc(lane) : accs[lane];
                            if (fast && Math.abs(st[0]) == size) {
                                // Counting ignores order: a reversed row is the same memory read forwards.
                                long start = st[0] > 0 ? off[0] : off[0] - (cnt - 1) * size;
                                kernel.row(seg, start, cnt, k, p, lane, acc);
                            } else {
                                for (long i = 0, o = off[0]; i < cnt; i++, o += st[0]) {
                                    p.add(lane, acc, RadixKeys.key(seg, o, t));
                                }
                            }
                        } else {
                            // Lanes interleave: every element of the row belongs to another lane. Where the lanes
                            // are consecutive and have one range each, the kernel compares against per-lane bounds;
                            // otherwise element by element.
                            long start = 0;
                            int l0 = (int) off[1];
                            if (fast && size == 4 && st[0] == 4 && st[1] == 1 && small
                                    && single[l0 + (int) cnt] - single[l0] == cnt) {
                                start = kernel.across32(seg, off[0], cnt, k, l0, lo32, hi32, under, over, nans, p, accs);
                            }
                            for (long i = start, o = off[0] + start * st[0], l = off[1] + start * st[1]; i < cnt;
                                 i++, o += st[0], l += st[1]) {
                                int lane = (int) l;
                                if (p.first[lane] == p.first[lane + 1]) {
                                    continue;
                                }
                                RadixPass.Acc acc = accs[lane] == null ? accs[lane] = p.newAcc(lane) : accs[lane];
                                p.add(lane, acc, RadixKeys.key(seg, o, t));
                            }
                        }
                    });
            for (int lane = 0; lane < lanes; lane++) {
                if (under[lane] + over[lane] + nans[lane] > 0) {
                    RadixPass.Acc acc = accs[lane] == null ? accs[lane] = p.newAcc(lane) : accs[lane];
                    acc.gap[0] += under[lane];
                    acc.gap[1] += over[lane];
                    acc.nan += nans[lane];
                }
            }
            return accs;
        }

        /**
         * The work of one chunk of {@link #selectLow}: an element of lane l counts, with its low key, in the virtual
         * lane {@code l * groups + j} whose high key it has, if any (complex data: the scalar path is all there is).
         */
        static RadixPass.Acc[] scanTied(NDArray a, RadixPass p, long[] laneIds, int groups, long[] filter, long from,
                                        long to) {
            MemorySegment seg = a.segment();
            DType t = a.dtype();
            RadixPass.Acc[] accs = new RadixPass.Acc[p.lanes()];
            new StridedLoop(a.shape(), new long[][] {a.strides(), laneIds}, false)
                    .run(new long[] {a.segmentOffset(), 0}, from, to, (off, st, cnt) -> {
                        for (long i = 0, o = off[0], l = off[1]; i < cnt; i++, o += st[0], l += st[1]) {
                            long high = RadixKeys.key(seg, o, t);
                            int v0 = (int) l * groups;
                            for (int v = v0; v < v0 + groups; v++) {
                                if (p.first[v] != p.first[v + 1] && filter[v] == high) {
                                    RadixPass.Acc acc = accs[v] == null ? accs[v] = p.newAcc(v) : accs[v];
                                    p.add(v, acc, RadixKeys.low(seg, o, t));
                                    break;
                                }
                            }
                        }
                    });
            return accs;
        }

        /** Locates every unresolved rank in the pass's counts: resolved, or a narrower range for the next pass. */
        void resolve(RadixPass p, RadixPass.Acc[] accs, boolean first) {
            long min = RadixKeys.minKey(kind);
            long max = RadixKeys.maxKey(kind);
            for (int lane = 0; lane < lanes; lane++) {
                int a = p.first[lane];
                int b = p.first[lane + 1];
                if (a == b) {
                    continue;
                }
                RadixPass.Acc acc = accs[lane] == null ? p.newAcc(lane) : accs[lane];
                if (first && acc.nan > 0) {
                    nan[lane] = true;
                    if (!kind.isComplex()) {
                        for (int i = 0; i < nr; i++) {
                            done[lane * nr + i] = true;
                        }
                        continue;
                    }
                    // NumPy's median of a complex lane holding a NaN is the lane's largest element (which of the
                    // NaN classes it belongs to shows in the result), so that is what every target selects now.
                    for (int i = 0; i < nr; i++) {
                        rank[lane * nr + i] = g.length - 1;
                    }
                }
                boolean[] sorted = new boolean[b - a];
                for (int i = 0; i < nr; i++) {
                    int t = lane * nr + i;
                    if (done[t]) {
                        continue;
                    }
                    long rank = this.rank[t];
                    long pos = 0;
                    for (int r = 0; r <= b - a; r++) {
                        long gap = acc.gap[r];
                        if (rank < pos + gap) {
                            narrow(t, r == 0 ? min : p.hi[a + r - 1] + 1, r == b - a ? max : p.lo[a + r] - 1, pos, gap,
                                    false);
                            break;
                        }
                        pos += gap;
                        if (r == b - a) {
                            throw new IllegalStateException("rank " + rank + " beyond the " + pos + " counted elements");
                        }
                        long in = acc.in[r];
                        if (rank < pos + in) {
                            int gr = a + r;
                            if (p.shift[gr] < 0) {
                                if (!sorted[r]) {
                                    Arrays.sort(acc.keys[r], 0, acc.nkeys[r]);
                                    sorted[r] = true;
                                }
                                long[] keys = acc.keys[r];
                                long k = keys[(int) (rank - pos)];
                                int from = lower(keys, 0, acc.nkeys[r], k);
                                key[t] = k;
                                below[t] = pos + from;
                                equal[t] = upper(keys, from, acc.nkeys[r], k) - from;
                                done[t] = true;
                            } else {
                                bucket(t, p, gr, acc.hist[r], rank, pos);
                            }
                            break;
                        }
                        pos += in;
                    }
                }
            }
        }

        /** Moves a target into the histogram bucket of range {@code gr} that holds its rank. */
        void bucket(int t, RadixPass p, int gr, int[] h, long rank, long pos) {
            int s = p.shift[gr];
            long span = p.hi[gr] - p.lo[gr];
            for (int j = 0; j < h.length; j++) {
                if (rank < pos + h[j]) {
                    long offLo = (long) j << s;
                    long offHi = offLo + ((1L << s) - 1);
                    boolean past = Long.compareUnsigned(offHi, offLo) < 0 || Long.compareUnsigned(offHi, span) > 0;
                    narrow(t, p.lo[gr] + offLo, past ? p.hi[gr] : p.lo[gr] + offHi, pos, h[j], true);
                    return;
                }
                pos += h[j];
            }
            throw new IllegalStateException("rank " + rank + " beyond the histogram of its range");
        }

        void narrow(int t, long lo, long hi, long below, long count, boolean tight) {
            if (lo == hi) {
                key[t] = lo;
                this.below[t] = below;
                equal[t] = count;
                done[t] = true;
                return;
            }
            tLo[t] = lo;
            tHi[t] = hi;
            tBelow[t] = below;
            tCount[t] = count;
            tTight[t] = tight;
        }

        /** Sorts target indices by range start (insertion sort: a lane has a handful). */
        void sortByLo(int[] idx, int m) {
            for (int i = 1; i < m; i++) {
                int x = idx[i];
                int j = i - 1;
                while (j >= 0 && tLo[idx[j]] > tLo[x]) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = x;
            }
        }
    }
}
