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
        long step = ranges == 1 ? bound : BLOCK;
        for (long b = 0; b < bound; b += step) {
            long len = Math.min(step, bound - b);
            for (int r = 0; r < ranges; r++) {
                long before = acc.in[r];
                boolean nan = p.countNaN && r == 0;
                below[r] += size == 4 ? below32(seg, off + 4 * b, len, kind, p, acc, a, r, nan)
                        : below64(seg, off + 8 * b, len, kind, p, acc, a, r, nan);
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
     * {@code a + r}): counts the elements in it into the accumulator and returns how many lie below it. Floats of a
     * range of non-negative keys compare as raw bits (keys of non-negative floats are their bits, and negative ones
     * fall below any such range), so the key transform costs nothing then. NaNs are only counted, in a lane's first
     * pass, by the first range; a lane holding one is done, so no count of a NaN is ever used.
     */
    private static long below32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int r, boolean nan) {
        // Two call sites with a constant flag: each inlined copy is compiled for its own kind of pass.
        return nan ? sweep32(seg, off, n, kind, p, acc, a, r, true) : sweep32(seg, off, n, kind, p, acc, a, r, false);
    }

    private static long sweep32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int r, boolean nan) {
        int vl = I.length();
        int g = a + r;
        int lo = (int) p.lo[g];
        int hi = (int) p.hi[g];
        int shift = p.shift[g];
        int[] h = shift >= 0 ? acc.table(p, r, g) : null;
        int[] lanes = new int[vl];
        int flip = kind == DType.Kind.FLOAT32 && lo < 0 ? 0x7fffffff : 0;
        int sign = kind == DType.Kind.UINT32 ? Integer.MIN_VALUE : 0;
        IntVector atOrAbove = IntVector.zero(I);
        IntVector nans = IntVector.zero(I);
        long hits = 0;
        for (long i = 0; i < n; i += vl) {
            IntVector v = IntVector.fromMemorySegment(I, seg, off + 4 * i, NATIVE);
            if (nan) {
                nans = nans.sub((IntVector) v.lanewise(VectorOperators.AND, 0x7fffffff)
                        .compare(VectorOperators.GT, 0x7f800000).toVector());
            }
            IntVector k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 31)
                    .lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
            VectorMask<Integer> ge = k.compare(VectorOperators.GE, lo);
            atOrAbove = atOrAbove.sub((IntVector) ge.toVector());
            VectorMask<Integer> in = ge.and(k.compare(VectorOperators.LE, hi));
            if (in.anyTrue()) {
                k.intoArray(lanes, 0);
                for (long bits = in.toLong(); bits != 0; bits &= bits - 1) {
                    int key = lanes[Long.numberOfTrailingZeros(bits)];
                    if (h != null) {
                        h[(key - lo) >>> shift]++;
                    } else {
                        acc.collect(r, key);
                    }
                    hits++;
                }
            }
        }
        acc.in[r] += hits;
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return n - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
    }

    /** {@link #below32} for 64-bit keys. */
    private static long below64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int r, boolean nan) {
        return nan ? sweep64(seg, off, n, kind, p, acc, a, r, true) : sweep64(seg, off, n, kind, p, acc, a, r, false);
    }

    private static long sweep64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                                int a, int r, boolean nan) {
        int vl = L.length();
        int g = a + r;
        long lo = p.lo[g];
        long hi = p.hi[g];
        int shift = p.shift[g];
        int[] h = shift >= 0 ? acc.table(p, r, g) : null;
        long[] lanes = new long[vl];
        long flip = kind == DType.Kind.FLOAT64 && lo < 0 ? 0x7fffffffffffffffL : 0;
        long sign = kind == DType.Kind.UINT64 ? Long.MIN_VALUE : 0;
        LongVector atOrAbove = LongVector.zero(L);
        LongVector nans = LongVector.zero(L);
        long hits = 0;
        for (long i = 0; i < n; i += vl) {
            LongVector v = LongVector.fromMemorySegment(L, seg, off + 8 * i, NATIVE);
            if (nan) {
                nans = nans.sub((LongVector) v.lanewise(VectorOperators.AND, 0x7fffffffffffffffL)
                        .compare(VectorOperators.GT, 0x7ff0000000000000L).toVector());
            }
            LongVector k = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.ASHR, 63)
                    .lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
            VectorMask<Long> ge = k.compare(VectorOperators.GE, lo);
            atOrAbove = atOrAbove.sub((LongVector) ge.toVector());
            VectorMask<Long> in = ge.and(k.compare(VectorOperators.LE, hi));
            if (in.anyTrue()) {
                k.intoArray(lanes, 0);
                for (long bits = in.toLong(); bits != 0; bits &= bits - 1) {
                    long key = lanes[Long.numberOfTrailingZeros(bits)];
                    if (h != null) {
                        h[(int) ((key - lo) >>> shift)]++;
                    } else {
                        acc.collect(r, key);
                    }
                    hits++;
                }
            }
        }
        acc.in[r] += hits;
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return n - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
    }
}
