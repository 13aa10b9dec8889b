package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReduceKernels} with the Vector API, loaded by name only when {@code jdk.incubator.vector} is present.
 *
 * <p>Lanes are 256-bit doubles (4 lanes x 4 accumulators = the 16 lanes of the contract: accumulator a, lane l is
 * contract lane 4a + l); float32 is loaded 4 at a time and widened exactly with {@code F2D} (a 128-bit load widened
 * to 256 bits is one {@code vcvtps2pd}, which C2 compiles without shuffles). FMA is used only where the contract
 * says {@code Math.fma}. Extremes use float lanes directly: max/min are exact, and {@code FloatVector.max} has
 * {@link Math#max}'s semantics (NaN propagates, -0.0 below +0.0).
 */
final class VectorReduceKernels implements ReduceKernels {

    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Elements per block of the argmin/argmax search: one vector extreme, then a rescan only when it improves. */
    private static final int ARG_BLOCK = 512;

    VectorReduceKernels() {
        if (DoubleVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
            // 256-bit species would be emulated: the scalar path is faster there (and gives the same results).
            throw new UnsupportedOperationException("vectors narrower than 256 bits");
        }
    }

    private static DoubleVector load(MemorySegment s, long off, boolean f64) {
        if (f64) {
            return DoubleVector.fromMemorySegment(D4, s, off, NATIVE);
        }
        return (DoubleVector) FloatVector.fromMemorySegment(F4, s, off, NATIVE).convertShape(VectorOperators.F2D, D4, 0);
    }

    @Override
    public int sumLeaf(MemorySegment s, long off, int count, boolean f64, boolean skipNaN, double[] lanes) {
        return leaf(s, off, count, f64, skipNaN, f64 ? 32 : 16, lanes, null, 0);
    }

    @Override
    public int sumLeaves(MemorySegment s, long off, int leaves, boolean f64, boolean skipNaN, double[] out) {
        int step = f64 ? 32 : 16;
        long leafBytes = (long) LEAF * (step / 4);
        int count = 0;
        for (int j = 0; j < leaves; j++) {
            count += leaf(s, off + j * leafBytes, LEAF, f64, skipNaN, step, null, out, j);
        }
        return count;
    }

    /**
     * Sums count elements (a multiple of 16) into 16 lanes held in four vectors, then stores the lanes (if lanes is
     * not null) or their combined sum into out[j]. Returns the number of elements not skipped.
     */
    private static int leaf(MemorySegment s, long off, int count, boolean f64, boolean skipNaN, int step,
                            double[] lanes, double[] out, int j) {
        DoubleVector a0 = DoubleVector.zero(D4);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        VectorMask<Double> seen = D4.maskAll(false);
        long end = off + (long) count * (step / 4);
        for (long i = off; i < end; i += 4L * step) {
            DoubleVector x0 = load(s, i, f64);
            DoubleVector x1 = load(s, i + step, f64);
            DoubleVector x2 = load(s, i + 2L * step, f64);
            DoubleVector x3 = load(s, i + 3L * step, f64);
            if (skipNaN) {
                VectorMask<Double> m0 = x0.test(VectorOperators.IS_NAN);
                VectorMask<Double> m1 = x1.test(VectorOperators.IS_NAN);
                VectorMask<Double> m2 = x2.test(VectorOperators.IS_NAN);
                VectorMask<Double> m3 = x3.test(VectorOperators.IS_NAN);
                seen = seen.or(m0.or(m1).or(m2.or(m3)));
                x0 = x0.blend(0.0, m0);
                x1 = x1.blend(0.0, m1);
                x2 = x2.blend(0.0, m2);
                x3 = x3.blend(0.0, m3);
            }
            a0 = a0.add(x0);
            a1 = a1.add(x1);
            a2 = a2.add(x2);
            a3 = a3.add(x3);
        }
        FaultGuard.mark(s, off);
        if (lanes != null) {
            a0.intoArray(lanes, 0);
            a1.intoArray(lanes, 4);
            a2.intoArray(lanes, 8);
            a3.intoArray(lanes, 12);
        } else {
            // ReduceLanes.combine's tree: column c is (l[c] + l[4 + c]) + (l[8 + c] + l[12 + c]), then the columns pairwise.
            DoubleVector r = a0.add(a1).add(a2.add(a3));
            out[j] = (r.lane(0) + r.lane(1)) + (r.lane(2) + r.lane(3));
        }
        return seen.anyTrue() ? count - nans(s, off, count, f64) : count;
    }

    /** Counts the NaN elements of a leaf that has some (counting per vector would slow down the common case). */
    private static int nans(MemorySegment s, long off, int n, boolean f64) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            double x = ReduceLanes.read(s, off + (long) i * (f64 ? 8 : 4), f64);
            if (x != x) {
                c++;
            }
        }
        return c;
    }

    @Override
    public int shiftLeaf(MemorySegment s, long off, int count, boolean f64, boolean skipNaN, double k, double[] sum,
                         double[] sq) {
        return f64 ? shiftLeaf(s, off, count, true, skipNaN, k, sum, sq, 32)
                : shiftLeaf(s, off, count, false, skipNaN, k, sum, sq, 16);
    }

    private static int shiftLeaf(MemorySegment s, long off, int count, boolean f64, boolean skipNaN, double k,
                                 double[] sum, double[] sq, int step) {
        DoubleVector kv = DoubleVector.broadcast(D4, k);
        DoubleVector a0 = DoubleVector.zero(D4);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector q0 = a0;
        DoubleVector q1 = a0;
        DoubleVector q2 = a0;
        DoubleVector q3 = a0;
        VectorMask<Double> seen = D4.maskAll(false);
        long end = off + (long) count * (step / 4);
        for (long i = off; i < end; i += 4L * step) {
            DoubleVector x0 = load(s, i, f64);
            DoubleVector x1 = load(s, i + step, f64);
            DoubleVector x2 = load(s, i + 2L * step, f64);
            DoubleVector x3 = load(s, i + 3L * step, f64);
            DoubleVector d0 = x0.sub(kv);
            DoubleVector d1 = x1.sub(kv);
            DoubleVector d2 = x2.sub(kv);
            DoubleVector d3 = x3.sub(kv);
            if (skipNaN) {
                VectorMask<Double> m0 = x0.test(VectorOperators.IS_NAN);
                VectorMask<Double> m1 = x1.test(VectorOperators.IS_NAN);
                VectorMask<Double> m2 = x2.test(VectorOperators.IS_NAN);
                VectorMask<Double> m3 = x3.test(VectorOperators.IS_NAN);
                seen = seen.or(m0.or(m1).or(m2.or(m3)));
                d0 = d0.blend(0.0, m0);
                d1 = d1.blend(0.0, m1);
                d2 = d2.blend(0.0, m2);
                d3 = d3.blend(0.0, m3);
            }
            a0 = a0.add(d0);
            a1 = a1.add(d1);
            a2 = a2.add(d2);
            a3 = a3.add(d3);
            q0 = d0.fma(d0, q0);
            q1 = d1.fma(d1, q1);
            q2 = d2.fma(d2, q2);
            q3 = d3.fma(d3, q3);
        }
        FaultGuard.mark(s, off);
        a0.intoArray(sum, 0);
        a1.intoArray(sum, 4);
        a2.intoArray(sum, 8);
        a3.intoArray(sum, 12);
        q0.intoArray(sq, 0);
        q1.intoArray(sq, 4);
        q2.intoArray(sq, 8);
        q3.intoArray(sq, 12);
        return seen.anyTrue() ? count - nans(s, off, count, f64) : count;
    }

    @Override
    public double extreme(MemorySegment s, long off, long n, boolean f64, boolean max, boolean skipNaN) {
        return f64 ? extremeF64(s, off, n, max, skipNaN) : extremeF32(s, off, n, max, skipNaN);
    }

    // max/min are picked per call with a loop-invariant flag: C2 unswitches the loops, and each branch is an intrinsic
    // with a constant operator (a VectorOperators variable would not be).

    private static FloatVector pick(FloatVector a, FloatVector x, boolean max) {
        return max ? a.max(x) : a.min(x);
    }

    private static DoubleVector pick(DoubleVector a, DoubleVector x, boolean max) {
        return max ? a.max(x) : a.min(x);
    }

    private static double extremeF32(MemorySegment s, long off, long n, boolean max, boolean skipNaN) {
        float init = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        FloatVector a0 = FloatVector.broadcast(F8, init);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        long i = 0;
        for (; i + 32 <= n; i += 32) {
            long at = off + i * 4;
            FloatVector x0 = FloatVector.fromMemorySegment(F8, s, at, NATIVE);
            FloatVector x1 = FloatVector.fromMemorySegment(F8, s, at + 32, NATIVE);
            FloatVector x2 = FloatVector.fromMemorySegment(F8, s, at + 64, NATIVE);
            FloatVector x3 = FloatVector.fromMemorySegment(F8, s, at + 96, NATIVE);
            if (skipNaN) {
                x0 = x0.blend(init, x0.test(VectorOperators.IS_NAN));
                x1 = x1.blend(init, x1.test(VectorOperators.IS_NAN));
                x2 = x2.blend(init, x2.test(VectorOperators.IS_NAN));
                x3 = x3.blend(init, x3.test(VectorOperators.IS_NAN));
            }
            a0 = pick(a0, x0, max);
            a1 = pick(a1, x1, max);
            a2 = pick(a2, x2, max);
            a3 = pick(a3, x3, max);
        }
        FaultGuard.mark(s, off);
        return finish(lanes(pick(pick(a0, a1, max), pick(a2, a3, max), max)), s, off, i, n, false, max, skipNaN);
    }

    private static double extremeF64(MemorySegment s, long off, long n, boolean max, boolean skipNaN) {
        double init = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        DoubleVector a0 = DoubleVector.broadcast(D4, init);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        long i = 0;
        for (; i + 16 <= n; i += 16) {
            long at = off + i * 8;
            DoubleVector x0 = DoubleVector.fromMemorySegment(D4, s, at, NATIVE);
            DoubleVector x1 = DoubleVector.fromMemorySegment(D4, s, at + 32, NATIVE);
            DoubleVector x2 = DoubleVector.fromMemorySegment(D4, s, at + 64, NATIVE);
            DoubleVector x3 = DoubleVector.fromMemorySegment(D4, s, at + 96, NATIVE);
            if (skipNaN) {
                x0 = x0.blend(init, x0.test(VectorOperators.IS_NAN));
                x1 = x1.blend(init, x1.test(VectorOperators.IS_NAN));
                x2 = x2.blend(init, x2.test(VectorOperators.IS_NAN));
                x3 = x3.blend(init, x3.test(VectorOperators.IS_NAN));
            }
            a0 = pick(a0, x0, max);
            a1 = pick(a1, x1, max);
            a2 = pick(a2, x2, max);
            a3 = pick(a3, x3, max);
        }
        FaultGuard.mark(s, off);
        return finish(pick(pick(a0, a1, max), pick(a2, a3, max), max).toArray(), s, off, i, n, true, max, skipNaN);
    }

    private static double[] lanes(FloatVector v) {
        float[] f = v.toArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Folds the vector lanes and the elements from i on into the extreme, in scalar code. */
    private static double finish(double[] lanes, MemorySegment s, long off, long i, long n, boolean f64, boolean max,
                                 boolean skipNaN) {
        double init = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double r = init;
        for (double l : lanes) {
            r = max ? Math.max(r, l) : Math.min(r, l);
        }
        int size = f64 ? 8 : 4;
        for (; i < n; i++) {
            double x = ReduceLanes.read(s, off + i * size, f64);
            if (!(skipNaN && x != x)) {
                r = max ? Math.max(r, x) : Math.min(r, x);
            }
        }
        return skipNaN && r == init ? nanCheck(s, off, n, f64, init) : r;
    }

    /** A nan-extreme that found only the start value: it is the answer if some element equals it, else NaN. */
    private static double nanCheck(MemorySegment s, long off, long n, boolean f64, double init) {
        for (long i = 0; i < n; i++) {
            if (ReduceLanes.read(s, off + i * (f64 ? 8 : 4), f64) == init) {
                return init;
            }
        }
        return Double.NaN;
    }

    @Override
    public long arg(MemorySegment s, long off, long n, boolean f64, boolean max, boolean nanAsInf) {
        int size = f64 ? 8 : 4;
        double nanValue = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double best = ReduceLanes.read(s, off, f64);
        if (best != best) {
            if (!nanAsInf) {
                return 0;
            }
            best = nanValue;
        }
        long bestAt = 0;
        long i = 1;
        // Whole blocks: one vector extreme each; only a block that holds a NaN or beats the best is rescanned.
        for (; i + ARG_BLOCK <= n; i += ARG_BLOCK) {
            long at = off + i * size;
            double m = f64 ? blockF64(s, at, max, nanAsInf) : blockF32(s, at, max, nanAsInf);
            if (m != m) {
                for (long j = 0; ; j++) {
                    double x = ReduceLanes.read(s, at + j * size, f64);
                    if (x != x) {
                        return i + j;
                    }
                }
            }
            if (max ? m > best : m < best) {
                for (long j = 0; ; j++) {
                    double x = ReduceLanes.read(s, at + j * size, f64);
                    if ((x != x ? nanValue : x) == m) {
                        best = m;
                        bestAt = i + j;
                        break;
                    }
                }
            }
        }
        for (; i < n; i++) {
            double x = ReduceLanes.read(s, off + i * size, f64);
            if (x != x) {
                if (!nanAsInf) {
                    return i;
                }
                x = nanValue;
            }
            if (max ? x > best : x < best) {
                best = x;
                bestAt = i;
            }
        }
        return bestAt;
    }


    // Block extremes for arg: NaN if the block holds one (with nanAsInf NaN counts as the infinity that never wins),
    // else the extreme (any zero's sign: callers compare with ==).

    private static double blockF32(MemorySegment s, long at, boolean max, boolean nanAsInf) {
        float nanValue = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        FloatVector a0 = FloatVector.broadcast(F8, nanValue);
        FloatVector a1 = a0;
        for (long i = at, e = at + ARG_BLOCK * 4L; i < e; i += 64) {
            FloatVector x0 = FloatVector.fromMemorySegment(F8, s, i, NATIVE);
            FloatVector x1 = FloatVector.fromMemorySegment(F8, s, i + 32, NATIVE);
            if (nanAsInf) {
                x0 = x0.blend(nanValue, x0.test(VectorOperators.IS_NAN));
                x1 = x1.blend(nanValue, x1.test(VectorOperators.IS_NAN));
            }
            a0 = pick(a0, x0, max);
            a1 = pick(a1, x1, max);
        }
        FaultGuard.mark(s, at);
        FloatVector a = pick(a0, a1, max);
        return a.test(VectorOperators.IS_NAN).anyTrue() ? Double.NaN
                : a.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
    }

    private static double blockF64(MemorySegment s, long at, boolean max, boolean nanAsInf) {
        double nanValue = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        DoubleVector a0 = DoubleVector.broadcast(D4, nanValue);
        DoubleVector a1 = a0;
        for (long i = at, e = at + ARG_BLOCK * 8L; i < e; i += 64) {
            DoubleVector x0 = DoubleVector.fromMemorySegment(D4, s, i, NATIVE);
            DoubleVector x1 = DoubleVector.fromMemorySegment(D4, s, i + 32, NATIVE);
            if (nanAsInf) {
                x0 = x0.blend(nanValue, x0.test(VectorOperators.IS_NAN));
                x1 = x1.blend(nanValue, x1.test(VectorOperators.IS_NAN));
            }
            a0 = pick(a0, x0, max);
            a1 = pick(a1, x1, max);
        }
        FaultGuard.mark(s, at);
        DoubleVector a = pick(a0, a1, max);
        return a.test(VectorOperators.IS_NAN).anyTrue() ? Double.NaN
                : a.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
    }

    // ---- rows of the columns strategy ---------------------------------------------------------------------------


    // Tiles go row by row: each row is a sequential run of memory (what prefetchers follow; keeping a strip of outputs
    // in registers across rows instead touches one line per row per strip and measured 1.5-2x slower), and the
    // accumulators of a group (2048 doubles) stay in L1.

    @Override
    public void addTile(MemorySegment s, long col, int n, long[] rowOff, int rows, boolean f64, double[] acc, int k) {
        int size = f64 ? 8 : 4;
        for (int t = 0; t < rows; t++) {
            long c = col + rowOff[t];
            int i = 0;
            for (long p = c; i + 4 <= n; i += 4, p += 4L * size) {
                DoubleVector.fromArray(D4, acc, k + i).add(load(s, p, f64)).intoArray(acc, k + i);
            }
            for (; i < n; i++) {
                acc[k + i] += ReduceLanes.read(s, c + (long) i * size, f64);
            }
        }
        FaultGuard.mark(s, col);
    }

    @Override
    public void shiftTile(MemorySegment s, long col, int n, long[] rowOff, int rows, boolean init, boolean f64,
                          double[] shift, double[] sum, double[] sq, int k) {
        int size = f64 ? 8 : 4;
        long c0 = col + rowOff[0];
        for (int i = 0; init && i < n; i++) {
            shift[k + i] = ReduceLanes.read(s, c0 + (long) i * size, f64);
        }
        // Row 0 too: its deviations are 0, except for NaN and infinities, whose NaN must reach the result.
        for (int t = 0; t < rows; t++) {
            long c = col + rowOff[t];
            int i = 0;
            for (long p = c; i + 4 <= n; i += 4, p += 4L * size) {
                int j = k + i;
                DoubleVector d = load(s, p, f64).sub(DoubleVector.fromArray(D4, shift, j));
                DoubleVector.fromArray(D4, sum, j).add(d).intoArray(sum, j);
                d.fma(d, DoubleVector.fromArray(D4, sq, j)).intoArray(sq, j);
            }
            for (; i < n; i++) {
                int j = k + i;
                double d = ReduceLanes.read(s, c + (long) i * size, f64) - shift[j];
                sum[j] += d;
                sq[j] = Math.fma(d, d, sq[j]);
            }
        }
        FaultGuard.mark(s, col);
    }

    @Override
    public void extremeTile(MemorySegment s, long col, int n, long[] rowOff, int rows, boolean init, boolean f64,
                            boolean max, double[] v, int k) {
        int size = f64 ? 8 : 4;
        long c0 = col + rowOff[0];
        for (int i = 0; init && i < n; i++) {
            v[k + i] = ReduceLanes.read(s, c0 + (long) i * size, f64);
        }
        for (int t = init ? 1 : 0; t < rows; t++) {
            long c = col + rowOff[t];
            int i = 0;
            for (long p = c; i + 4 <= n; i += 4, p += 4L * size) {
                pick(DoubleVector.fromArray(D4, v, k + i), load(s, p, f64), max).intoArray(v, k + i);
            }
            for (; i < n; i++) {
                double x = ReduceLanes.read(s, c + (long) i * size, f64);
                v[k + i] = max ? Math.max(v[k + i], x) : Math.min(v[k + i], x);
            }
        }
        FaultGuard.mark(s, col);
    }

    @Override
    public void argTile(MemorySegment s, long col, int n, long[] rowOff, int rows, long first, boolean init,
                        boolean f64, boolean max, boolean nanAsInf, double[] v, long[] at, int k) {
        int size = f64 ? 8 : 4;
        double nanValue = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        // Positions travel as doubles (exact below 2^53) so that one double mask blends values and positions.
        double[] pos = new double[n];
        long c0 = col + rowOff[0];
        for (int i = 0; i < n; i++) {
            if (init) {
                double x = ReduceLanes.read(s, c0 + (long) i * size, f64);
                v[k + i] = nanAsInf && x != x ? nanValue : x;
                at[k + i] = first;
            }
            pos[i] = at[k + i];
        }
        for (int t = init ? 1 : 0; t < rows; t++) {
            DoubleVector r = DoubleVector.broadcast(D4, (double) (first + t));
            long c = col + rowOff[t];
            int i = 0;
            for (long p = c; i + 4 <= n; i += 4, p += 4L * size) {
                int j = k + i;
                DoubleVector cur = DoubleVector.fromArray(D4, v, j);
                DoubleVector x = load(s, p, f64);
                VectorMask<Double> better;
                // Each branch has a constant operator, which C2 needs to intrinsify the comparison.
                if (nanAsInf) {
                    x = x.blend(nanValue, x.test(VectorOperators.IS_NAN));
                    better = max ? x.compare(VectorOperators.GT, cur) : x.compare(VectorOperators.LT, cur);
                } else {
                    better = (max ? x.compare(VectorOperators.GT, cur)
                            : x.compare(VectorOperators.LT, cur)).or(x.test(VectorOperators.IS_NAN))
                            .andNot(cur.test(VectorOperators.IS_NAN));
                }
                cur.blend(x, better).intoArray(v, j);
                DoubleVector.fromArray(D4, pos, i).blend(r, better).intoArray(pos, i);
            }
            for (; i < n; i++) {
                int j = k + i;
                double x = ReduceLanes.read(s, c + (long) i * size, f64);
                if (nanAsInf && x != x) {
                    x = nanValue;
                }
                double cur = v[j];
                if (cur == cur && (x != x || (max ? x > cur : x < cur))) {
                    v[j] = x;
                    pos[i] = first + t;
                }
            }
        }
        FaultGuard.mark(s, col);
        for (int i = 0; i < n; i++) {
            at[k + i] = (long) pos[i];
        }
    }
}
