package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.compute.MaskReducer.What;

/**
 * The hot mask pattern, {@code a[a OP c].sum()}, {@code .min()}, {@code .max()} and {@code count_nonzero(a OP c)}
 * over a C-contiguous native float32 or float64 array, in one pass over its memory. {@link #INSTANCE} is the Vector API implementation when
 * available ({@code VectorMaskKernels}), else {@link Scalar}; both give identical bits.
 *
 * <p>The sums fix their order so that it does not depend on the hardware's vector width: element {@code i} of a
 * sub-block (at most {@link MaskReducer#SUB} elements, starting at a multiple of it) is added to lane
 * {@code i % lanes.length} (32 float lanes, 16 double lanes) when selected; unselected elements leave their lane
 * untouched.
 */
interface MaskKernels {

    /** The kernels this JVM uses. */
    MaskKernels INSTANCE = Vectorization.load(MaskKernels.class, "org.memmap4j.compute.VectorMaskKernels", new Scalar());

    /** Float lanes of a float32 sum. */
    int F_LANES = 32;
    /** Double lanes of a float64 sum. */
    int D_LANES = 16;

    /** Adds the selected float32 elements at byte offset off, n of them (one sub-block), to lanes[i % 32]. */
    void sumF32(MemorySegment s, long off, int n, Op op, float c, float[] lanes);

    /** Adds the selected float64 elements at byte offset off, n of them (one sub-block), to lanes[i % 16]. */
    void sumF64(MemorySegment s, long off, int n, Op op, double c, double[] lanes);

    /** Counts the float32 elements x at byte offset off, n of them, for which {@code x OP c}. */
    long countF32(MemorySegment s, long off, long n, Op op, float c);

    /** Counts the float64 elements x at byte offset off, n of them, for which {@code x OP c}. */
    long countF64(MemorySegment s, long off, long n, Op op, double c);

    /** Counts the native int32 elements x at byte offset off, n of them, for which {@code x OP c}. */
    long countI32(MemorySegment s, long off, long n, Op op, int c);

    /** Counts the native int64 elements x at byte offset off, n of them, for which {@code x OP c}. */
    long countI64(MemorySegment s, long off, long n, Op op, long c);

    /**
     * Adds the selected native int32 elements at byte offset off, n of them (one sub-block), converted to double, to
     * lanes[i % 16]: a mean's float64 sum, in the lanes of {@link #sumF64}.
     */
    void sumI32AsF64(MemorySegment s, long off, int n, Op op, int c, double[] lanes);

    /** {@link #sumI32AsF64} for native int64 elements (each rounded to the nearest double, as NumPy converts). */
    void sumI64AsF64(MemorySegment s, long off, int n, Op op, long c, double[] lanes);

    /**
     * Sums, in int64 arithmetic (wrapping, as NumPy's int sums), the native int32 (i32) or int64 elements x at byte
     * offset off, n of them, for which {@code x OP c}; the order does not matter.
     */
    long sumInt(MemorySegment s, long off, long n, Op op, long c, boolean i32);

    /**
     * Returns the smallest (or largest) native int32 (i32) or int64 element x at byte offset off, n of them, for
     * which {@code x OP c}; {@link Long#MAX_VALUE} ({@link Long#MIN_VALUE}) if none is selected.
     */
    long extremeInt(MemorySegment s, long off, long n, Op op, long c, boolean i32, boolean max);

    /**
     * Returns the smallest (or largest) float32 element x at byte offset off, n of them, for which {@code x OP c},
     * in {@link Math#min}'s (or {@link Math#max}'s) order: NaN if a selected element is NaN, -0.0 below +0.0; +inf
     * (-inf) if none is selected. The order of the elements does not matter.
     */
    double extremeF32(MemorySegment s, long off, long n, Op op, float c, boolean max);

    /** {@link #extremeF32} for float64 elements. */
    double extremeF64(MemorySegment s, long off, long n, Op op, double c, boolean max);

    /**
     * Folds the selected elements from position i to n (float32 or float64 at byte offset off) into the extreme e,
     * element by element: the reference order-free fold of {@link #extremeF32} and the vector kernels' tails.
     */
    static double extremeFrom(double e, MemorySegment s, long off, long i, long n, Op op, double c, boolean max,
                              boolean f32) {
        for (; i < n; i++) {
            double x = f32 ? s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, off + 4L * i)
                    : s.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, off + 8L * i);
            if (test(op, x, c)) {
                e = max ? Math.max(e, x) : Math.min(e, x);
            }
        }
        return e;
    }

    /** {@return whether {@code x OP c}, for a comparison op (Java's operators: NaN compares false except !=)} */
    static boolean test(Op op, double x, double c) {
        return switch (op) {
            case EQ -> x == c;
            case NE -> x != c;
            case LT -> x < c;
            case LE -> x <= c;
            case GT -> x > c;
            case GE -> x >= c;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    /** {@return whether {@code x OP c}, for a comparison op on integers} */
    static boolean test(Op op, long x, long c) {
        return switch (op) {
            case EQ -> x == c;
            case NE -> x != c;
            case LT -> x < c;
            case LE -> x <= c;
            case GT -> x > c;
            case GE -> x >= c;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    /**
     * Folds the selected int32 or int64 elements from position i to n into acc: counts them (COUNT), adds them
     * wrapping (SUM) or keeps the smallest or largest (MIN, MAX). The reference loops and the vector kernels' tails.
     */
    static long foldInts(long acc, What what, MemorySegment s, long off, long i, long n, Op op, long c, boolean i32) {
        for (; i < n; i++) {
            long x = i32 ? s.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i)
                    : s.get(ValueLayout.JAVA_LONG_UNALIGNED, off + 8L * i);
            if (test(op, x, c)) {
                acc = switch (what) {
                    case COUNT -> acc + 1;
                    case SUM -> acc + x;
                    case MIN -> Math.min(acc, x);
                    case MAX -> Math.max(acc, x);
                    case MEAN -> throw new IllegalArgumentException("no integer fold for a mean");
                };
            }
        }
        return acc;
    }

    /** The reference implementation, element by element. */
    final class Scalar implements MaskKernels {
        private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
        private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

        @Override
        public void sumF32(MemorySegment s, long off, int n, Op op, float c, float[] lanes) {
            for (int i = 0; i < n; i++) {
                float x = s.get(F, off + 4L * i);
                int j = i & (F_LANES - 1);
                // A select rather than a branch: random masks mispredict half the time.
                lanes[j] = test(op, x, c) ? lanes[j] + x : lanes[j];
            }
        }

        @Override
        public void sumF64(MemorySegment s, long off, int n, Op op, double c, double[] lanes) {
            for (int i = 0; i < n; i++) {
                double x = s.get(D, off + 8L * i);
                int j = i & (D_LANES - 1);
                lanes[j] = test(op, x, c) ? lanes[j] + x : lanes[j];
            }
        }

        @Override
        public double extremeF32(MemorySegment s, long off, long n, Op op, float c, boolean max) {
            return extremeFrom(max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, s, off, 0, n, op, c, max, true);
        }

        @Override
        public double extremeF64(MemorySegment s, long off, long n, Op op, double c, boolean max) {
            return extremeFrom(max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, s, off, 0, n, op, c, max, false);
        }

        @Override
        public long countF32(MemorySegment s, long off, long n, Op op, float c) {
            long k = 0;
            for (long i = 0; i < n; i++) {
                if (test(op, s.get(F, off + 4L * i), c)) {
                    k++;
                }
            }
            return k;
        }

        @Override
        public long countF64(MemorySegment s, long off, long n, Op op, double c) {
            long k = 0;
            for (long i = 0; i < n; i++) {
                if (test(op, s.get(D, off + 8L * i), c)) {
                    k++;
                }
            }
            return k;
        }

        @Override
        public long countI32(MemorySegment s, long off, long n, Op op, int c) {
            return foldInts(0, What.COUNT, s, off, 0, n, op, c, true);
        }

        @Override
        public long countI64(MemorySegment s, long off, long n, Op op, long c) {
            return foldInts(0, What.COUNT, s, off, 0, n, op, c, false);
        }

        @Override
        public long sumInt(MemorySegment s, long off, long n, Op op, long c, boolean i32) {
            return foldInts(0, What.SUM, s, off, 0, n, op, c, i32);
        }

        @Override
        public long extremeInt(MemorySegment s, long off, long n, Op op, long c, boolean i32, boolean max) {
            return foldInts(max ? Long.MIN_VALUE : Long.MAX_VALUE, max ? What.MAX : What.MIN, s, off, 0, n, op, c, i32);
        }

        @Override
        public void sumI32AsF64(MemorySegment s, long off, int n, Op op, int c, double[] lanes) {
            for (int i = 0; i < n; i++) {
                int x = s.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i);
                lanes[i & (D_LANES - 1)] += test(op, x, c) ? x : 0.0;
            }
        }

        @Override
        public void sumI64AsF64(MemorySegment s, long off, int n, Op op, long c, double[] lanes) {
            for (int i = 0; i < n; i++) {
                long x = s.get(ValueLayout.JAVA_LONG_UNALIGNED, off + 8L * i);
                lanes[i & (D_LANES - 1)] += test(op, x, c) ? (double) x : 0.0;
            }
        }
    }
}
