package org.memmap4j.compute;

import static org.memmap4j.compute.ReduceKernels.LANES;
import static org.memmap4j.compute.ReduceKernels.LEAF;
import static org.memmap4j.compute.ReduceKernels.VAR_LEAF;
import static org.memmap4j.compute.ReduceRead.F32;
import static org.memmap4j.compute.ReduceRead.F64;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The summation order every floating-point sum of one slice follows, whatever the layout and however it is fed:
 * leaves of {@link ReduceKernels#LEAF} consecutive elements summed in 16 lanes, lanes combined by a fixed tree, and
 * leaf results merged pairwise by a binary counter (the tree depends only on the number of leaves). The error bound
 * is NumPy's pairwise one: about (16 + 4 + log2(n / 256)) ulps of the sum of magnitudes, in float64.
 *
 * <p>{@link Sum} does sums; {@link Var} does variances from per-leaf shifted sums merged with Chan's formula.
 * Elements arrive one at a time or as contiguous native runs, which go through {@link ReduceKernels} leaf by leaf.
 */
final class ReduceLanes {

    /** Whole leaves summed per kernel call. */
    private static final int LEAF_BATCH = 64;

    private ReduceLanes() {
    }

    /** Combines 16 lanes by the fixed tree ((l0 + l4) + (l8 + l12)) per column, then the four columns pairwise. */
    static double combine(double[] l) {
        double r0 = (l[0] + l[4]) + (l[8] + l[12]);
        double r1 = (l[1] + l[5]) + (l[9] + l[13]);
        double r2 = (l[2] + l[6]) + (l[10] + l[14]);
        double r3 = (l[3] + l[7]) + (l[11] + l[15]);
        return (r0 + r1) + (r2 + r3);
    }

    static double read(MemorySegment s, long off, boolean f64) {
        return f64 ? s.get(F64, off) : s.get(F32, off);
    }

    /** A pairwise sum of one stream of doubles. */
    static final class Sum {
        private final double[] lanes = new double[LANES];
        private int fill;
        private final double[] stack = new double[64];
        private final double[] leafSums = new double[LEAF_BATCH];
        private int depth;
        private long leaves;

        void reset() {
            Arrays.fill(lanes, 0.0);
            fill = 0;
            depth = 0;
            leaves = 0;
        }

        void add(double x) {
            lanes[fill & (LANES - 1)] += x;
            if (++fill == LEAF) {
                closeLeaf();
            }
        }

        /** A NaN that a nan-variant skips: it keeps its position (so lanes stay where they are) but adds nothing. */
        void skip() {
            if (++fill == LEAF) {
                closeLeaf();
            }
        }

        /** Adds n contiguous native elements; returns how many were not skipped. */
        long addRun(ReduceKernels k, MemorySegment s, long off, long n, boolean f64, boolean skipNaN) {
            int size = f64 ? 8 : 4;
            long i = 0;
            long count = 0;
            for (; fill != 0 && i < n; i++) {
                count += addOne(read(s, off + i * size, f64), skipNaN);
            }
            while (n - i >= LEAF) {
                int m = (int) Math.min(LEAF_BATCH, (n - i) / LEAF);
                count += k.sumLeaves(s, off + i * size, m, f64, skipNaN, leafSums);
                for (int j = 0; j < m; j++) {
                    push(leafSums[j]);
                }
                i += (long) m * LEAF;
            }
            // The start of a last, partial leaf: whole groups of 16 through the kernel too (short slices).
            int part = (int) (n - i) & -LANES;
            if (part > 0) {
                count += k.sumLeaf(s, off + i * size, part, f64, skipNaN, lanes);
                fill = part;
                i += part;
            }
            for (; i < n; i++) {
                count += addOne(read(s, off + i * size, f64), skipNaN);
            }
            return count;
        }

        private int addOne(double x, boolean skipNaN) {
            if (skipNaN && x != x) {
                skip();
                return 0;
            }
            add(x);
            return 1;
        }

        private void closeLeaf() {
            double v = combine(lanes);
            Arrays.fill(lanes, 0.0);
            fill = 0;
            push(v);
        }

        /** Adds the sum of a whole leaf to the pairwise merge. */
        private void push(double v) {
            stack[depth++] = v;
            for (long c = ++leaves; (c & 1) == 0; c >>= 1) {
                stack[depth - 2] += stack[depth - 1];
                depth--;
            }
        }

        /** Ends the stream: closes the last leaf and collapses the stack from the top; returns the sum. */
        double finish() {
            if (fill > 0) {
                closeLeaf();
            }
            while (depth > 1) {
                stack[depth - 2] += stack[depth - 1];
                depth--;
            }
            double r = depth == 0 ? 0.0 : stack[0];
            reset();
            return r;
        }
    }

    /**
     * Count, mean and sum of squared deviations (M2) of one stream of doubles, in one pass. Each leaf sums
     * {@code d = x - k} and {@code d * d} in lanes, with k the mean of the earlier leaves (for the first leaf: its
     * first counted element), so that {@code M2 = sum(d^2) - sum(d)^2 / n} cancels little: since k is a data value or
     * a running mean of the data, the rounding error is bounded by about 64 ulps (the length of a lane) of
     * {@code M2 + n (mean - k)^2}, which stays a small multiple of the total M2. Leaves merge pairwise with Chan's formula, each keeping its shift as the reference of its mean.
     */
    static final class Var {
        private final boolean skipNaN;
        private final double[] sum = new double[LANES];
        private final double[] sq = new double[LANES];
        private int fill;
        private long count;
        private double k;
        private boolean kSet;
        private double runSum;
        private long runCount;
        private final long[] sn = new long[64];
        private final double[] sk = new double[64];
        private final double[] smean = new double[64];
        private final double[] sm2 = new double[64];
        private int depth;
        private long leaves;

        Var(boolean skipNaN) {
            this.skipNaN = skipNaN;
        }

        boolean skipsNaN() {
            return skipNaN;
        }

        void reset() {
            Arrays.fill(sum, 0.0);
            Arrays.fill(sq, 0.0);
            fill = 0;
            count = 0;
            kSet = false;
            runSum = 0;
            runCount = 0;
            depth = 0;
            leaves = 0;
        }

        private void beginLeaf() {
            kSet = runCount > 0;
            if (kSet) {
                k = runSum / runCount;
            }
        }

        void add(double x) {
            if (fill == 0) {
                beginLeaf();
            }
            if (!(skipNaN && x != x)) {
                if (!kSet) {
                    k = x;
                    kSet = true;
                }
                double d = x - k;
                int j = fill & (LANES - 1);
                sum[j] += d;
                sq[j] = Math.fma(d, d, sq[j]);
                count++;
            }
            if (++fill == VAR_LEAF) {
                closeLeaf();
            }
        }

        /** Skips an element of the other component of a complex NaN in a nan-variant (keeps positions aligned). */
        void skip() {
            if (fill == 0) {
                beginLeaf();
            }
            if (++fill == VAR_LEAF) {
                closeLeaf();
            }
        }

        /** Adds n contiguous native elements. */
        void addRun(ReduceKernels kn, MemorySegment s, long off, long n, boolean f64) {
            int size = f64 ? 8 : 4;
            long i = 0;
            for (; fill != 0 && i < n; i++) {
                add(read(s, off + i * size, f64));
            }
            while (n - i >= LANES) {
                // Whole leaves, then the whole groups of 16 that start a last, partial leaf (short slices).
                int part = (int) Math.min(VAR_LEAF, (n - i) & -LANES);
                long at = off + i * size;
                beginLeaf();
                if (!kSet) {
                    k = 0.0;
                    for (int j = 0; j < part; j++) {
                        double x = read(s, at + (long) j * size, f64);
                        if (!(skipNaN && x != x)) {
                            k = x;
                            kSet = true;
                            break;
                        }
                    }
                }
                count = kn.shiftLeaf(s, at, part, f64, skipNaN, k, sum, sq);
                i += part;
                fill = part;
                if (part < VAR_LEAF) {
                    break;
                }
                closeLeaf();
            }
            for (; i < n; i++) {
                add(read(s, off + i * size, f64));
            }
        }

        private void closeLeaf() {
            long n = count;
            double mean = 0.0;
            double m2 = 0.0;
            if (n > 0) {
                double sd = combine(sum);
                double sqs = combine(sq);
                mean = sd / n;
                // Math.max keeps NaN: a NaN must reach the result.
                m2 = Math.max(0.0, sqs - sd * (sd / n));
                runSum += n * k + sd;
                runCount += n;
            }
            Arrays.fill(sum, 0.0);
            Arrays.fill(sq, 0.0);
            fill = 0;
            count = 0;
            sn[depth] = n;
            sk[depth] = kSet ? k : 0.0;
            smean[depth] = mean;
            sm2[depth] = m2;
            depth++;
            for (long c = ++leaves; (c & 1) == 0; c >>= 1) {
                mergeTop();
            }
        }

        private void mergeTop() {
            int a = depth - 2;
            int b = depth - 1;
            long n = chan(sn, sk, smean, sm2, a, sn[b], sk[b], smean[b], sm2[b]);
            sn[a] = n;
            depth--;
        }

        /**
         * Ends the stream; writes count, reference, mean relative to the reference and M2 into index i.
         */
        void finish(long[] n, double[] ref, double[] mean, double[] m2, int i) {
            if (fill > 0) {
                closeLeaf();
            }
            while (depth > 1) {
                mergeTop();
            }
            if (depth == 0) {
                n[i] = 0;
                ref[i] = 0.0;
                mean[i] = 0.0;
                m2[i] = 0.0;
            } else {
                n[i] = sn[0];
                ref[i] = sk[0];
                mean[i] = smean[0];
                m2[i] = sm2[0];
            }
            reset();
        }
    }

    /**
     * Chan et al.'s merge of (n, k, mean - k, M2) at index i with a following part (nb, kb, mb, qb), where each mean is
     * stored relative to its own reference k: the difference of the means is then {@code (kb - k) + (mb - m)}, exact
     * to rounding of its own size even when the data sit far from 0 (storing absolute means would lose their
     * difference to the rounding of values like 1e9). Updates index i and returns the merged count (the caller
     * stores it, so that complex parts can share one count).
     */
    static long chan(long[] n, double[] k, double[] mean, double[] m2, int i, long nb, double kb, double mb,
                     double qb) {
        long na = n[i];
        if (nb == 0) {
            return na;
        }
        if (na == 0) {
            k[i] = kb;
            mean[i] = mb;
            m2[i] = qb;
            return nb;
        }
        long t = na + nb;
        double delta = (kb - k[i]) + (mb - mean[i]);
        double f = (double) nb / t;
        mean[i] += delta * f;
        m2[i] = m2[i] + qb + delta * delta * (na * f);
        return t;
    }
}
