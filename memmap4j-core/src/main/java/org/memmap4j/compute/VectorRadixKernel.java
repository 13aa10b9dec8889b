package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.memmap4j.DType;

/**
 * {@link RadixKernel} with the Vector API: keys of a whole vector are compared with each range's bounds; gap
 * elements (nearly all of them once a pass has narrowed the ranges) cost a few vector instructions, and only
 * elements inside a range are handled one by one. Loaded by name, only when jdk.incubator.vector is present.
 */
final class VectorRadixKernel implements RadixKernel {

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Beyond this many ranges per lane the scalar search is as good. */
    private static final int MAX_RANGES = 4;
    /** Keys inside a range are buffered this many at a time before the accumulator takes them. */
    private static final int HITS = 512;

    private final RadixKernel.Scalar scalar = new RadixKernel.Scalar();

    /** Public for {@link Vectorization#load}. */
    public VectorRadixKernel() {
    }

    @Override
    public void row(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, int lane, RadixPass.Acc acc) {
        int a = p.first[lane];
        int ranges = p.first[lane + 1] - a;
        long size = kind.itemSize();
        int vl = size == 4 ? I.length() : L.length();
        long bound = n - n % vl;
        if (ranges > MAX_RANGES || wholeDomain(p, a, ranges, kind) || bound == 0) {
            scalar.row(seg, off, n, kind, p, lane, acc);
            return;
        }
        // Each range counts the elements below it and takes those inside; the gaps follow from the counts.
        long[] below = new long[MAX_RANGES];
        long[] inside = new long[ranges];
        for (int r = 0; r < ranges; r++) {
            inside[r] = acc.in[r];
        }
        boolean nan = p.countNaN;
        if (ranges == 1) {
            below[0] = size == 4 ? below32(seg, off, bound, kind, p, acc, a, 0, nan, new int[HITS])
                    : below64(seg, off, bound, kind, p, acc, a, 0, nan, new long[HITS]);
        } else if (size == 4) {
            multi32(seg, off, bound, kind, p, acc, a, ranges, nan, below);
        } else {
            multi64(seg, off, bound, kind, p, acc, a, ranges, nan, below);
        }
        for (int r = 0; r < ranges; r++) {
            inside[r] = acc.in[r] - inside[r];
        }
        acc.gap[0] += below[0];
        for (int r = 1; r < ranges; r++) {
            acc.gap[r] += below[r] - below[r - 1] - inside[r - 1];
        }
        acc.gap[ranges] += bound - below[ranges - 1] - inside[ranges - 1];
        if (bound < n) {
            scalar.row(seg, off + bound * size, n - bound, kind, p, lane, acc);
        }
    }

    @Override
    public long across32(MemorySegment seg, long off, long n, DType.Kind kind, int lane0, int[] lo, int[] hi,
                         int[] under, int[] over, int[] nans, RadixPass p, RadixPass.Acc[] accs) {
        int vl = I.length();
        long bound = n - n % vl;
        boolean floats = kind == DType.Kind.FLOAT32;
        int sign = kind == DType.Kind.UINT32 ? Integer.MIN_VALUE : 0;
        boolean nan = p.countNaN;
        int[] keys = new int[vl];
        for (int i = 0; i < bound; i += vl) {
            IntVector v = IntVector.fromMemorySegment(I, seg, off + 4L * i, NATIVE);
            IntVector k;
            if (floats) {
                // Full keys (bounds differ from lane to lane in sign), NaN canonical: the largest key.
                v = v.blend(0x7fffffff, v.lanewise(VectorOperators.AND, 0x7fffffff)
                        .compare(VectorOperators.GT, 0x7f800000));
                k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31)
                        .lanewise(VectorOperators.AND, 0x7fffffff));
            } else {
                k = v.lanewise(VectorOperators.XOR, sign);
            }
            int l = lane0 + i;
            VectorMask<Integer> lt = k.compare(VectorOperators.LT, IntVector.fromArray(I, lo, l));
            VectorMask<Integer> gt = k.compare(VectorOperators.GT, IntVector.fromArray(I, hi, l));
            IntVector.fromArray(I, under, l).sub((IntVector) lt.toVector()).intoArray(under, l);
            IntVector.fromArray(I, over, l).sub((IntVector) gt.toVector()).intoArray(over, l);
            if (nan) {
                IntVector.fromArray(I, nans, l).sub((IntVector) k.compare(VectorOperators.EQ, Integer.MAX_VALUE)
                        .toVector()).intoArray(nans, l);
            }
            VectorMask<Integer> in = lt.or(gt).not();
            if (in.anyTrue()) {
                k.intoArray(keys, 0);
                for (long bits = in.toLong(); bits != 0; bits &= bits - 1) {
                    int j = Long.numberOfTrailingZeros(bits);
                    int lane = l + j;
                    RadixPass.Acc acc = accs[lane] == null ? accs[lane] = p.newAcc(lane) : accs[lane];
                    acc.hit(p, 0, p.first[lane], keys[j]);
                }
            }
        }
        FaultGuard.mark(seg, off);
        return bound;
    }

    /** A range over all keys catches every element: nothing to skip, so the scalar loop is faster. */
    private static boolean wholeDomain(RadixPass p, int a, int ranges, DType.Kind kind) {
        for (int r = a; r < a + ranges; r++) {
            if (p.lo[r] == RadixKeys.minKey(kind) && p.hi[r] == RadixKeys.maxKey(kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sweeps {@code n} elements (a multiple of the vector length) for range {@code r} of a lane (global index
     * {@code a + r}): hands the elements inside it to the accumulator and returns how many lie below it. Floats of a
     * range of non-negative keys compare as raw bits (keys of non-negative floats are their bits, and negative ones
     * fall below any such range), so the key transform costs nothing then. NaNs are counted, in a lane's first pass
     * only, by the first range; a lane holding one is done, so no count of a NaN is ever used.
     *
     * <p>The loop has no branch that differs between passes (NaN counting compares against a threshold no element
     * reaches when not counting; hits go to a buffer whatever the accumulator does with them): a compiled loop that
     * has only seen first passes then serves later ones without being recompiled.
     */
    private static long below32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int r, boolean nan, int[] hits) {
        int vl = I.length();
        int g = a + r;
        int lo = (int) p.lo[g];
        int hi = (int) p.hi[g];
        int nh = 0;
        int flip = kind == DType.Kind.FLOAT32 && lo < 0 ? 0x7fffffff : 0;
        int sign = kind == DType.Kind.UINT32 ? Integer.MIN_VALUE : 0;
        int nanAbove = nan ? 0x7f800000 : Integer.MAX_VALUE;
        IntVector atOrAbove = IntVector.zero(I);
        IntVector nans = IntVector.zero(I);
        for (long i = 0; i < n; i += vl) {
            IntVector v = IntVector.fromMemorySegment(I, seg, off + 4 * i, NATIVE);
            nans = nans.sub((IntVector) v.lanewise(VectorOperators.AND, 0x7fffffff)
                    .compare(VectorOperators.GT, nanAbove).toVector());
            IntVector k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31)
                    .lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
            VectorMask<Integer> ge = k.compare(VectorOperators.GE, lo);
            atOrAbove = atOrAbove.sub((IntVector) ge.toVector());
            VectorMask<Integer> in = ge.and(k.compare(VectorOperators.LE, hi));
            if (in.anyTrue()) {
                // All lanes land after the kept hits; the ones inside the range are then moved down, branch-free:
                k.intoArray(hits, HITS - vl);
                long bits = in.toLong();
                // Branch-free: every lane is written, the count advances only for lanes inside (a loop over the
                // set bits mispredicts its exit at every vector).
                for (int j = 0; j < vl; j++) {
                    hits[nh] = hits[HITS - vl + j];
                    nh += (int) (bits >>> j) & 1;
                }
                if (nh > HITS - 2 * vl) {
                    acc.hits(p, r, g, hits, nh);
                    nh = 0;
                }
            }
        }
        FaultGuard.mark(seg, off);
        acc.hits(p, r, g, hits, nh);
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return n - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
    }

    /** {@link #below32} for 64-bit keys. */
    private static long below64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int r, boolean nan, long[] hits) {
        int vl = L.length();
        int g = a + r;
        long lo = p.lo[g];
        long hi = p.hi[g];
        int nh = 0;
        long flip = kind == DType.Kind.FLOAT64 && lo < 0 ? 0x7fffffffffffffffL : 0;
        long sign = kind == DType.Kind.UINT64 ? Long.MIN_VALUE : 0;
        long nanAbove = nan ? 0x7ff0000000000000L : Long.MAX_VALUE;
        LongVector atOrAbove = LongVector.zero(L);
        LongVector nans = LongVector.zero(L);
        for (long i = 0; i < n; i += vl) {
            LongVector v = LongVector.fromMemorySegment(L, seg, off + 8 * i, NATIVE);
            nans = nans.sub((LongVector) v.lanewise(VectorOperators.AND, 0x7fffffffffffffffL)
                    .compare(VectorOperators.GT, nanAbove).toVector());
            LongVector k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 63)
                    .lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
            VectorMask<Long> ge = k.compare(VectorOperators.GE, lo);
            atOrAbove = atOrAbove.sub((LongVector) ge.toVector());
            VectorMask<Long> in = ge.and(k.compare(VectorOperators.LE, hi));
            if (in.anyTrue()) {
                // All lanes land after the kept hits; the ones inside the range are then moved down, branch-free:
                k.intoArray(hits, HITS - vl);
                long bits = in.toLong();
                // Branch-free: every lane is written, the count advances only for lanes inside (a loop over the
                // set bits mispredicts its exit at every vector).
                for (int j = 0; j < vl; j++) {
                    hits[nh] = hits[HITS - vl + j];
                    nh += (int) (bits >>> j) & 1;
                }
                if (nh > HITS - 2 * vl) {
                    acc.hits(p, r, g, hits, nh);
                    nh = 0;
                }
            }
        }
        FaultGuard.mark(seg, off);
        acc.hits(p, r, g, hits, nh);
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return n - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
    }

    /**
     * Two to four ranges of a lane in one sweep: every key is compared with each range (unused slots are empty
     * ranges), counts below each range are kept lane by lane, and keys inside any range are buffered and
     * classified when the buffer is handed over.
     */
    private static void multi32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int ranges, boolean nan, long[] below) {
        int vl = I.length();
        int[] lo = new int[MAX_RANGES];
        int[] hi = new int[MAX_RANGES];
        for (int r = 0; r < MAX_RANGES; r++) {
            lo[r] = r < ranges ? (int) p.lo[a + r] : Integer.MAX_VALUE;
            hi[r] = r < ranges ? (int) p.hi[a + r] : Integer.MIN_VALUE;
        }
        int lo0 = lo[0];
        int lo1 = lo[1];
        int lo2 = lo[2];
        int lo3 = lo[3];
        int hi0 = hi[0];
        int hi1 = hi[1];
        int hi2 = hi[2];
        int hi3 = hi[3];
        int[] hits = new int[HITS];
        int nh = 0;
        int flip = kind == DType.Kind.FLOAT32 && lo0 < 0 ? 0x7fffffff : 0;
        int sign = kind == DType.Kind.UINT32 ? Integer.MIN_VALUE : 0;
        int nanAbove = nan ? 0x7f800000 : Integer.MAX_VALUE;
        IntVector c0 = IntVector.zero(I);
        IntVector c1 = IntVector.zero(I);
        IntVector c2 = IntVector.zero(I);
        IntVector c3 = IntVector.zero(I);
        IntVector nans = IntVector.zero(I);
        for (long i = 0; i < n; i += vl) {
            IntVector v = IntVector.fromMemorySegment(I, seg, off + 4 * i, NATIVE);
            nans = nans.sub((IntVector) v.lanewise(VectorOperators.AND, 0x7fffffff)
                    .compare(VectorOperators.GT, nanAbove).toVector());
            IntVector k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31)
                    .lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
            VectorMask<Integer> g0 = k.compare(VectorOperators.GE, lo0);
            VectorMask<Integer> g1 = k.compare(VectorOperators.GE, lo1);
            VectorMask<Integer> g2 = k.compare(VectorOperators.GE, lo2);
            VectorMask<Integer> g3 = k.compare(VectorOperators.GE, lo3);
            c0 = c0.sub((IntVector) g0.toVector());
            c1 = c1.sub((IntVector) g1.toVector());
            c2 = c2.sub((IntVector) g2.toVector());
            c3 = c3.sub((IntVector) g3.toVector());
            VectorMask<Integer> in = g0.and(k.compare(VectorOperators.LE, hi0))
                    .or(g1.and(k.compare(VectorOperators.LE, hi1)))
                    .or(g2.and(k.compare(VectorOperators.LE, hi2)))
                    .or(g3.and(k.compare(VectorOperators.LE, hi3)));
            if (in.anyTrue()) {
                k.intoArray(hits, HITS - vl);
                long bits = in.toLong();
                for (int j = 0; j < vl; j++) {
                    hits[nh] = hits[HITS - vl + j];
                    nh += (int) (bits >>> j) & 1;
                }
                if (nh > HITS - 2 * vl) {
                    classify(p, acc, a, ranges, hits, nh);
                    nh = 0;
                }
            }
        }
        FaultGuard.mark(seg, off);
        classify(p, acc, a, ranges, hits, nh);
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        below[0] += n - c0.reduceLanesToLong(VectorOperators.ADD);
        below[1] += n - c1.reduceLanesToLong(VectorOperators.ADD);
        below[2] += n - c2.reduceLanesToLong(VectorOperators.ADD);
        below[3] += n - c3.reduceLanesToLong(VectorOperators.ADD);
    }

    /** {@link #multi32} for 64-bit keys. */
    private static void multi64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int ranges, boolean nan, long[] below) {
        int vl = L.length();
        long[] lo = new long[MAX_RANGES];
        long[] hi = new long[MAX_RANGES];
        for (int r = 0; r < MAX_RANGES; r++) {
            lo[r] = r < ranges ? p.lo[a + r] : Long.MAX_VALUE;
            hi[r] = r < ranges ? p.hi[a + r] : Long.MIN_VALUE;
        }
        long lo0 = lo[0];
        long lo1 = lo[1];
        long lo2 = lo[2];
        long lo3 = lo[3];
        long hi0 = hi[0];
        long hi1 = hi[1];
        long hi2 = hi[2];
        long hi3 = hi[3];
        long[] hits = new long[HITS];
        int nh = 0;
        long flip = kind == DType.Kind.FLOAT64 && lo0 < 0 ? 0x7fffffffffffffffL : 0;
        long sign = kind == DType.Kind.UINT64 ? Long.MIN_VALUE : 0;
        long nanAbove = nan ? 0x7ff0000000000000L : Long.MAX_VALUE;
        LongVector c0 = LongVector.zero(L);
        LongVector c1 = LongVector.zero(L);
        LongVector c2 = LongVector.zero(L);
        LongVector c3 = LongVector.zero(L);
        LongVector nans = LongVector.zero(L);
        for (long i = 0; i < n; i += vl) {
            LongVector v = LongVector.fromMemorySegment(L, seg, off + 8 * i, NATIVE);
            nans = nans.sub((LongVector) v.lanewise(VectorOperators.AND, 0x7fffffffffffffffL)
                    .compare(VectorOperators.GT, nanAbove).toVector());
            LongVector k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 63)
                    .lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
            VectorMask<Long> g0 = k.compare(VectorOperators.GE, lo0);
            VectorMask<Long> g1 = k.compare(VectorOperators.GE, lo1);
            VectorMask<Long> g2 = k.compare(VectorOperators.GE, lo2);
            VectorMask<Long> g3 = k.compare(VectorOperators.GE, lo3);
            c0 = c0.sub((LongVector) g0.toVector());
            c1 = c1.sub((LongVector) g1.toVector());
            c2 = c2.sub((LongVector) g2.toVector());
            c3 = c3.sub((LongVector) g3.toVector());
            VectorMask<Long> in = g0.and(k.compare(VectorOperators.LE, hi0))
                    .or(g1.and(k.compare(VectorOperators.LE, hi1)))
                    .or(g2.and(k.compare(VectorOperators.LE, hi2)))
                    .or(g3.and(k.compare(VectorOperators.LE, hi3)));
            if (in.anyTrue()) {
                k.intoArray(hits, HITS - vl);
                long bits = in.toLong();
                for (int j = 0; j < vl; j++) {
                    hits[nh] = hits[HITS - vl + j];
                    nh += (int) (bits >>> j) & 1;
                }
                if (nh > HITS - 2 * vl) {
                    classify(p, acc, a, ranges, hits, nh);
                    nh = 0;
                }
            }
        }
        FaultGuard.mark(seg, off);
        classify(p, acc, a, ranges, hits, nh);
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        below[0] += n - c0.reduceLanesToLong(VectorOperators.ADD);
        below[1] += n - c1.reduceLanesToLong(VectorOperators.ADD);
        below[2] += n - c2.reduceLanesToLong(VectorOperators.ADD);
        below[3] += n - c3.reduceLanesToLong(VectorOperators.ADD);
    }

    /**
     * Hands buffered keys to the range holding each (ranges are sorted and disjoint): the range is found without
     * branches, by counting the upper bounds below the key, and each range's table is fetched once per buffer.
     */
    private static void classify(RadixPass p, RadixPass.Acc acc, int a, int ranges, int[] keys, int n) {
        int[] lo = new int[MAX_RANGES];
        int[] shift = new int[MAX_RANGES];
        int[][] tables = new int[MAX_RANGES][];
        int[] hi = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        for (int r = 0; r < ranges; r++) {
            lo[r] = (int) p.lo[a + r];
            shift[r] = p.shift[a + r];
            tables[r] = shift[r] >= 0 ? acc.table(p, r, a + r) : null;
            if (r < 3) {
                hi[r] = (int) p.hi[a + r];
            }
        }
        int[] count = new int[MAX_RANGES];
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            int r = (k > hi[0] ? 1 : 0) + (k > hi[1] ? 1 : 0) + (k > hi[2] ? 1 : 0);
            count[r]++;
            int[] t = tables[r];
            if (t != null) {
                t[(k - lo[r]) >>> shift[r]]++;
            } else {
                acc.collect(r, k);
            }
        }
        for (int r = 0; r < ranges; r++) {
            acc.in[r] += count[r];
        }
    }

    /** {@link #classify(RadixPass, RadixPass.Acc, int, int, int[], int)} for 64-bit keys. */
    private static void classify(RadixPass p, RadixPass.Acc acc, int a, int ranges, long[] keys, int n) {
        long[] lo = new long[MAX_RANGES];
        int[] shift = new int[MAX_RANGES];
        int[][] tables = new int[MAX_RANGES][];
        long[] hi = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int r = 0; r < ranges; r++) {
            lo[r] = p.lo[a + r];
            shift[r] = p.shift[a + r];
            tables[r] = shift[r] >= 0 ? acc.table(p, r, a + r) : null;
            if (r < 3) {
                hi[r] = p.hi[a + r];
            }
        }
        int[] count = new int[MAX_RANGES];
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            int r = (k > hi[0] ? 1 : 0) + (k > hi[1] ? 1 : 0) + (k > hi[2] ? 1 : 0);
            count[r]++;
            int[] t = tables[r];
            if (t != null) {
                t[(int) ((k - lo[r]) >>> shift[r])]++;
            } else {
                acc.collect(r, k);
            }
        }
        for (int r = 0; r < ranges; r++) {
            acc.in[r] += count[r];
        }
    }
}
