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
    /** Elements whose keys are computed together, then swept once per range (a multiple of every vector length). */
    private static final int BLOCK = 1024;

    private final RadixKernel.Scalar scalar = new RadixKernel.Scalar();

    /** Public for {@link Vectorization#load}. */
    public VectorRadixKernel() {
    }

    @Override
    public void row(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, int lane, RadixPass.Acc acc) {
        int a = p.first[lane];
        int ranges = p.first[lane + 1] - a;
        if (ranges > MAX_RANGES || wholeDomain(p, a, ranges, kind)) {
            scalar.row(seg, off, n, kind, p, lane, acc);
            return;
        }
        long done;
        if (ranges == 1) {
            done = kind.itemSize() == 4 ? one32(seg, off, n, kind, p, acc, a) : one64(seg, off, n, kind, p, acc, a);
        } else {
            done = kind.itemSize() == 4 ? row32(seg, off, n, kind, p, lane, acc, a, ranges)
                    : row64(seg, off, n, kind, p, lane, acc, a, ranges);
        }
        if (done < n) {
            long size = kind.itemSize();
            scalar.row(seg, off + done * size, n - done, kind, p, lane, acc);
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
     * One range (the usual case: a median, one percentile): a single fused loop. Floats of a range of non-negative
     * keys compare as raw bits (keys of non-negative floats are their bits, and negative ones fall below any such
     * range), so the key transform is only needed for ranges of negative keys. NaNs are only counted, in a lane's
     * first pass; a lane holding one is done, so no count of a NaN is ever used.
     */
    private static long one32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                              int g) {
        // Two call sites with a constant flag: each inlined copy is compiled for its own kind of pass.
        return p.countNaN ? one32(seg, off, n, kind, p, acc, g, true) : one32(seg, off, n, kind, p, acc, g, false);
    }

    private static long one32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                              int g, boolean nan) {
        int vl = I.length();
        long bound = n - n % vl;
        int lo = (int) p.lo[g];
        int hi = (int) p.hi[g];
        int shift = p.shift[g];
        int[] h = shift >= 0 ? acc.table(p, 0, g) : null;
        int[] lanes = new int[vl];
        int flip = kind == DType.Kind.FLOAT32 && lo < 0 ? 0x7fffffff : 0;
        int sign = kind == DType.Kind.UINT32 ? Integer.MIN_VALUE : 0;
        IntVector atOrAbove = IntVector.zero(I);
        IntVector nans = IntVector.zero(I);
        long hits = 0;
        for (long i = 0; i < bound; i += vl) {
            IntVector v = IntVector.fromMemorySegment(I, seg, off + 4 * i, NATIVE);
            if (nan) {
                nans = nans.sub((IntVector) v.lanewise(VectorOperators.AND, 0x7fffffff)
                        .compare(VectorOperators.GT, 0x7f800000).toVector());
            }
            IntVector k = v.lanewise(VectorOperators.XOR,
                    v.lanewise(VectorOperators.ASHR, 31).lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
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
                        acc.collect(0, key);
                    }
                    hits++;
                }
            }
        }
        long below = bound - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
        acc.in[0] += hits;
        acc.gap[0] += below;
        acc.gap[1] += bound - below - hits;
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return bound;
    }

    /** {@link #one32} for 64-bit keys. */
    private static long one64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                              int g) {
        // Two call sites with a constant flag: each inlined copy is compiled for its own kind of pass.
        return p.countNaN ? one64(seg, off, n, kind, p, acc, g, true) : one64(seg, off, n, kind, p, acc, g, false);
    }

    private static long one64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, RadixPass.Acc acc,
                              int g, boolean nan) {
        int vl = L.length();
        long bound = n - n % vl;
        long lo = p.lo[g];
        long hi = p.hi[g];
        int shift = p.shift[g];
        int[] h = shift >= 0 ? acc.table(p, 0, g) : null;
        long[] lanes = new long[vl];
        long flip = kind == DType.Kind.FLOAT64 && lo < 0 ? 0x7fffffffffffffffL : 0;
        long sign = kind == DType.Kind.UINT64 ? Long.MIN_VALUE : 0;
        LongVector atOrAbove = LongVector.zero(L);
        LongVector nans = LongVector.zero(L);
        long hits = 0;
        for (long i = 0; i < bound; i += vl) {
            LongVector v = LongVector.fromMemorySegment(L, seg, off + 8 * i, NATIVE);
            if (nan) {
                nans = nans.sub((LongVector) v.lanewise(VectorOperators.AND, 0x7fffffffffffffffL)
                        .compare(VectorOperators.GT, 0x7ff0000000000000L).toVector());
            }
            LongVector k = v.lanewise(VectorOperators.XOR,
                    v.lanewise(VectorOperators.ASHR, 63).lanewise(VectorOperators.AND, flip).lanewise(VectorOperators.XOR, sign));
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
                        acc.collect(0, key);
                    }
                    hits++;
                }
            }
        }
        long below = bound - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
        acc.in[0] += hits;
        acc.gap[0] += below;
        acc.gap[1] += bound - below - hits;
        acc.nan += nans.reduceLanesToLong(VectorOperators.ADD);
        return bound;
    }

    private static long row32(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, int lane,
                              RadixPass.Acc acc, int a, int ranges) {
        int vl = I.length();
        long bound = n - n % vl;
        long[] below = new long[ranges];
        long[] inside = new long[ranges];
        int[] keys = new int[BLOCK];
        boolean floats = kind == DType.Kind.FLOAT32;
        boolean unsigned = kind == DType.Kind.UINT32;
        // NaNs are only counted (and canonicalised) in a lane's first pass; later passes see NaN-free lanes.
        boolean nan = p.countNaN;
        long nans = 0;
        for (long b = 0; b < bound; b += BLOCK) {
            int len = (int) Math.min(BLOCK, bound - b);
            // Keys of the block once, then one sweep per range over them (in L1): every loop keeps its vectors in
            // registers, which arrays of vectors would not.
            for (int i = 0; i < len; i += vl) {
                IntVector v = IntVector.fromMemorySegment(I, seg, off + 4 * (b + i), NATIVE);
                if (floats) {
                    if (nan) {
                        v = v.blend(0x7fffffff, v.lanewise(VectorOperators.AND, 0x7fffffff)
                                .compare(VectorOperators.GT, 0x7f800000));
                    }
                    v = v.lanewise(VectorOperators.XOR,
                            v.lanewise(VectorOperators.ASHR, 31).lanewise(VectorOperators.AND, 0x7fffffff));
                } else if (unsigned) {
                    v = v.lanewise(VectorOperators.XOR, Integer.MIN_VALUE);
                }
                v.intoArray(keys, i);
                if (nan) {
                    nans += v.compare(VectorOperators.EQ, (int) p.nanKey).trueCount();
                }
            }
            for (int r = 0; r < ranges; r++) {
                int lo = (int) p.lo[a + r];
                int hi = (int) p.hi[a + r];
                int shift = p.shift[a + r];
                int[] h = shift >= 0 ? acc.table(p, r, a + r) : null;
                // Counts elements at or above lo lane by lane (a true mask lane is -1): one instruction a vector.
                IntVector atOrAbove = IntVector.zero(I);
                long hits = 0;
                for (int i = 0; i < len; i += vl) {
                    IntVector k = IntVector.fromArray(I, keys, i);
                    VectorMask<Integer> ge = k.compare(VectorOperators.GE, lo);
                    atOrAbove = atOrAbove.sub((IntVector) ge.toVector());
                    VectorMask<Integer> in = ge.and(k.compare(VectorOperators.LE, hi));
                    if (in.anyTrue()) {
                        for (long bits = in.toLong(); bits != 0; bits &= bits - 1) {
                            int key = keys[i + Long.numberOfTrailingZeros(bits)];
                            if (h != null) {
                                h[(key - lo) >>> shift]++;
                            } else {
                                acc.collect(r, key);
                            }
                            hits++;
                        }
                    }
                }
                below[r] += len - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
                inside[r] += hits;
                acc.in[r] += hits;
            }
        }
        addGaps(acc, below, inside, bound);
        acc.nan += nans;
        return bound;
    }

    private static long row64(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, int lane,
                              RadixPass.Acc acc, int a, int ranges) {
        int vl = L.length();
        long bound = n - n % vl;
        long[] below = new long[ranges];
        long[] inside = new long[ranges];
        long[] keys = new long[BLOCK];
        boolean floats = kind == DType.Kind.FLOAT64;
        boolean unsigned = kind == DType.Kind.UINT64;
        boolean nan = p.countNaN;
        long nans = 0;
        for (long b = 0; b < bound; b += BLOCK) {
            int len = (int) Math.min(BLOCK, bound - b);
            for (int i = 0; i < len; i += vl) {
                LongVector v = LongVector.fromMemorySegment(L, seg, off + 8 * (b + i), NATIVE);
                if (floats) {
                    if (nan) {
                        v = v.blend(0x7fffffffffffffffL, v.lanewise(VectorOperators.AND, 0x7fffffffffffffffL)
                                .compare(VectorOperators.GT, 0x7ff0000000000000L));
                    }
                    v = v.lanewise(VectorOperators.XOR,
                            v.lanewise(VectorOperators.ASHR, 63).lanewise(VectorOperators.AND, 0x7fffffffffffffffL));
                } else if (unsigned) {
                    v = v.lanewise(VectorOperators.XOR, Long.MIN_VALUE);
                }
                v.intoArray(keys, i);
                if (nan) {
                    nans += v.compare(VectorOperators.EQ, p.nanKey).trueCount();
                }
            }
            for (int r = 0; r < ranges; r++) {
                long lo = p.lo[a + r];
                long hi = p.hi[a + r];
                int shift = p.shift[a + r];
                int[] h = shift >= 0 ? acc.table(p, r, a + r) : null;
                // Counts elements at or above lo lane by lane (a true mask lane is -1): one instruction a vector.
                LongVector atOrAbove = LongVector.zero(L);
                long hits = 0;
                for (int i = 0; i < len; i += vl) {
                    LongVector k = LongVector.fromArray(L, keys, i);
                    VectorMask<Long> ge = k.compare(VectorOperators.GE, lo);
                    atOrAbove = atOrAbove.sub((LongVector) ge.toVector());
                    VectorMask<Long> in = ge.and(k.compare(VectorOperators.LE, hi));
                    if (in.anyTrue()) {
                        for (long bits = in.toLong(); bits != 0; bits &= bits - 1) {
                            long key = keys[i + Long.numberOfTrailingZeros(bits)];
                            if (h != null) {
                                h[(int) ((key - lo) >>> shift)]++;
                            } else {
                                acc.collect(r, key);
                            }
                            hits++;
                        }
                    }
                }
                below[r] += len - atOrAbove.reduceLanesToLong(VectorOperators.ADD);
                inside[r] += hits;
                acc.in[r] += hits;
            }
        }
        addGaps(acc, below, inside, bound);
        acc.nan += nans;
        return bound;
    }

    /** Turns counts below each range's start into gap counts (the ranges are sorted and disjoint). */
    private static void addGaps(RadixPass.Acc acc, long[] below, long[] inside, long total) {
        int ranges = below.length;
        acc.gap[0] += below[0];
        for (int r = 1; r < ranges; r++) {
            acc.gap[r] += below[r] - below[r - 1] - inside[r - 1];
        }
        acc.gap[ranges] += total - below[ranges - 1] - inside[ranges - 1];
    }
}
