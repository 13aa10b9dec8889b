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
    /** With several ranges, elements are swept once per range in blocks this long (in L1; a multiple of 8). */
    private static final int BLOCK = 2048;
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
        // Each range counts the elements below it and takes those inside; the gaps follow from the counts. Several
        // ranges sweep the same block one after the other while it is in L1.
        long[] below = new long[ranges];
        long[] inside = new long[ranges];
        int[] hits32 = size == 4 ? new int[HITS] : null;
        long[] hits64 = size == 8 ? new long[HITS] : null;
        long step = ranges == 1 ? bound : BLOCK;
        for (long b = 0; b < bound; b += step) {
            long len = Math.min(step, bound - b);
            for (int r = 0; r < ranges; r++) {
                long before = acc.in[r];
                boolean nan = p.countNaN && r == 0;
                below[r] += size == 4 ? below32(seg, off + 4 * b, len, kind, p, acc, a, r, nan, hits32)
                        : below64(seg, off + 8 * b, len, kind, p, acc, a, r, nan, hits64);
                inside[r] += acc.in[r] - before;
            }
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
        acc.hits(p, r, g, hits, nh);
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return n - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
    }
}
