package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.compute.MaskReducer.What;

/**
 * Vector API implementation of {@link MaskKernels}, loaded by name only when jdk.incubator.vector is present. It
 * uses 256-bit vectors whatever the hardware offers, so that four accumulators cover exactly the 32 float (16
 * double) lanes of the reference order: bit-identical to {@link MaskKernels.Scalar}.
 *
 * <p>C2 intrinsifies a vector compare only when its operator is a constant: passing the operator as a parameter
 * made these loops 15 times slower (measured). So the comparison is chosen by a small {@code switch} on a
 * loop-invariant int, each case with a constant operator, which C2 inlines and unswitches.
 */
final class VectorMaskKernels implements MaskKernels {

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_256;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_256;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /**
     * Refuses to load where 256-bit vectors are not native (the Vector API would emulate them slowly); the scalar
     * kernels are used instead.
     */
    VectorMaskKernels() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
            throw new UnsupportedOperationException("256-bit vectors are not supported by this CPU");
        }
    }

    private static int mode(Op op) {
        return switch (op) {
            case LT -> 0;
            case GT -> 1;
            case LE -> 2;
            case GE -> 3;
            case EQ -> 4;
            case NE -> 5;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    /** {@code v OP c}: every case's operator is a constant. */
    private static VectorMask<Float> test(FloatVector v, FloatVector c, int mode) {
        return switch (mode) {
            case 0 -> v.compare(VectorOperators.LT, c);
            case 1 -> v.compare(VectorOperators.GT, c);
            case 2 -> v.compare(VectorOperators.LE, c);
            case 3 -> v.compare(VectorOperators.GE, c);
            case 4 -> v.compare(VectorOperators.EQ, c);
            default -> v.compare(VectorOperators.NE, c);
        };
    }

    /*
     * One test per vector class, on purpose: a single generic Vector<E> version would make its compare call site
     * polymorphic, and C2 intrinsifies a compare only where it knows the vector class and the operator.
     */
    private static VectorMask<Integer> test(IntVector v, IntVector c, int mode) {
        return switch (mode) {
            case 0 -> v.compare(VectorOperators.LT, c);
            case 1 -> v.compare(VectorOperators.GT, c);
            case 2 -> v.compare(VectorOperators.LE, c);
            case 3 -> v.compare(VectorOperators.GE, c);
            case 4 -> v.compare(VectorOperators.EQ, c);
            default -> v.compare(VectorOperators.NE, c);
        };
    }

    private static VectorMask<Long> test(LongVector v, LongVector c, int mode) {
        return switch (mode) {
            case 0 -> v.compare(VectorOperators.LT, c);
            case 1 -> v.compare(VectorOperators.GT, c);
            case 2 -> v.compare(VectorOperators.LE, c);
            case 3 -> v.compare(VectorOperators.GE, c);
            case 4 -> v.compare(VectorOperators.EQ, c);
            default -> v.compare(VectorOperators.NE, c);
        };
    }

    private static VectorMask<Double> test(DoubleVector v, DoubleVector c, int mode) {
        return switch (mode) {
            case 0 -> v.compare(VectorOperators.LT, c);
            case 1 -> v.compare(VectorOperators.GT, c);
            case 2 -> v.compare(VectorOperators.LE, c);
            case 3 -> v.compare(VectorOperators.GE, c);
            case 4 -> v.compare(VectorOperators.EQ, c);
            default -> v.compare(VectorOperators.NE, c);
        };
    }

    @Override
    public void sumF32(MemorySegment s, long off, int n, Op op, float c, float[] lanes) {
        int mode = mode(op);
        FloatVector cv = FloatVector.broadcast(FS, c);
        FloatVector a0 = FloatVector.fromArray(FS, lanes, 0);
        FloatVector a1 = FloatVector.fromArray(FS, lanes, 8);
        FloatVector a2 = FloatVector.fromArray(FS, lanes, 16);
        FloatVector a3 = FloatVector.fromArray(FS, lanes, 24);
        int i = 0;
        for (; i + 32 <= n; i += 32) {
            long o = off + 4L * i;
            FloatVector v0 = FloatVector.fromMemorySegment(FS, s, o, NATIVE);
            FloatVector v1 = FloatVector.fromMemorySegment(FS, s, o + 32, NATIVE);
            FloatVector v2 = FloatVector.fromMemorySegment(FS, s, o + 64, NATIVE);
            FloatVector v3 = FloatVector.fromMemorySegment(FS, s, o + 96, NATIVE);
            a0 = a0.add(v0, test(v0, cv, mode));
            a1 = a1.add(v1, test(v1, cv, mode));
            a2 = a2.add(v2, test(v2, cv, mode));
            a3 = a3.add(v3, test(v3, cv, mode));
        }
        FaultGuard.mark(s, off);
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, 8);
        a2.intoArray(lanes, 16);
        a3.intoArray(lanes, 24);
        for (; i < n; i++) {
            float x = s.get(F, off + 4L * i);
            if (MaskKernels.test(op, x, c)) {
                lanes[i & (F_LANES - 1)] += x;
            }
        }
    }

    @Override
    public void sumF64(MemorySegment s, long off, int n, Op op, double c, double[] lanes) {
        int mode = mode(op);
        DoubleVector cv = DoubleVector.broadcast(DS, c);
        DoubleVector a0 = DoubleVector.fromArray(DS, lanes, 0);
        DoubleVector a1 = DoubleVector.fromArray(DS, lanes, 4);
        DoubleVector a2 = DoubleVector.fromArray(DS, lanes, 8);
        DoubleVector a3 = DoubleVector.fromArray(DS, lanes, 12);
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            long o = off + 8L * i;
            DoubleVector v0 = DoubleVector.fromMemorySegment(DS, s, o, NATIVE);
            DoubleVector v1 = DoubleVector.fromMemorySegment(DS, s, o + 32, NATIVE);
            DoubleVector v2 = DoubleVector.fromMemorySegment(DS, s, o + 64, NATIVE);
            DoubleVector v3 = DoubleVector.fromMemorySegment(DS, s, o + 96, NATIVE);
            a0 = a0.add(v0, test(v0, cv, mode));
            a1 = a1.add(v1, test(v1, cv, mode));
            a2 = a2.add(v2, test(v2, cv, mode));
            a3 = a3.add(v3, test(v3, cv, mode));
        }
        FaultGuard.mark(s, off);
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, 4);
        a2.intoArray(lanes, 8);
        a3.intoArray(lanes, 12);
        for (; i < n; i++) {
            double x = s.get(D, off + 8L * i);
            if (MaskKernels.test(op, x, c)) {
                lanes[i & (D_LANES - 1)] += x;
            }
        }
    }

    @Override
    public double extremeF32(MemorySegment s, long off, long n, Op op, float c, boolean max) {
        int mode = mode(op);
        FloatVector init = FloatVector.broadcast(FS, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        FloatVector cv = FloatVector.broadcast(FS, c);
        FloatVector a0 = init;
        FloatVector a1 = init;
        long i = 0;
        for (; i + 16 <= n; i += 16) {
            long o = off + 4L * i;
            // Unselected lanes become the start value, which never changes an accumulator.
            FloatVector v0 = FloatVector.fromMemorySegment(FS, s, o, NATIVE);
            FloatVector v1 = FloatVector.fromMemorySegment(FS, s, o + 32, NATIVE);
            a0 = pick(a0, init.blend(v0, test(v0, cv, mode)), max);
            a1 = pick(a1, init.blend(v1, test(v1, cv, mode)), max);
        }
        FaultGuard.mark(s, off);
        double e = init.lane(0);
        for (float x : pick(a0, a1, max).toArray()) {
            e = max ? Math.max(e, x) : Math.min(e, x);
        }
        return MaskKernels.extremeFrom(e, s, off, i, n, op, c, max, true);
    }

    @Override
    public double extremeF64(MemorySegment s, long off, long n, Op op, double c, boolean max) {
        int mode = mode(op);
        DoubleVector init = DoubleVector.broadcast(DS, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        DoubleVector cv = DoubleVector.broadcast(DS, c);
        DoubleVector a0 = init;
        DoubleVector a1 = init;
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            long o = off + 8L * i;
            DoubleVector v0 = DoubleVector.fromMemorySegment(DS, s, o, NATIVE);
            DoubleVector v1 = DoubleVector.fromMemorySegment(DS, s, o + 32, NATIVE);
            a0 = pick(a0, init.blend(v0, test(v0, cv, mode)), max);
            a1 = pick(a1, init.blend(v1, test(v1, cv, mode)), max);
        }
        FaultGuard.mark(s, off);
        double e = init.lane(0);
        for (double x : pick(a0, a1, max).toArray()) {
            e = max ? Math.max(e, x) : Math.min(e, x);
        }
        return MaskKernels.extremeFrom(e, s, off, i, n, op, c, max, false);
    }

    /** Math.max or Math.min lane by lane (NaN wins, -0.0 below +0.0). */
    private static FloatVector pick(FloatVector a, FloatVector x, boolean max) {
        return max ? a.max(x) : a.min(x);
    }

    private static DoubleVector pick(DoubleVector a, DoubleVector x, boolean max) {
        return max ? a.max(x) : a.min(x);
    }

    @Override
    public long countF32(MemorySegment s, long off, long n, Op op, float c) {
        int mode = mode(op);
        FloatVector cv = FloatVector.broadcast(FS, c);
        long count = 0;
        long i = 0;
        for (; i + 32 <= n; i += 32) {
            long o = off + 4L * i;
            count += test(FloatVector.fromMemorySegment(FS, s, o, NATIVE), cv, mode).trueCount()
                    + test(FloatVector.fromMemorySegment(FS, s, o + 32, NATIVE), cv, mode).trueCount()
                    + test(FloatVector.fromMemorySegment(FS, s, o + 64, NATIVE), cv, mode).trueCount()
                    + test(FloatVector.fromMemorySegment(FS, s, o + 96, NATIVE), cv, mode).trueCount();
        }
        FaultGuard.mark(s, off);
        for (; i < n; i++) {
            if (MaskKernels.test(op, s.get(F, off + 4L * i), c)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long countF64(MemorySegment s, long off, long n, Op op, double c) {
        int mode = mode(op);
        DoubleVector cv = DoubleVector.broadcast(DS, c);
        long count = 0;
        long i = 0;
        for (; i + 16 <= n; i += 16) {
            long o = off + 8L * i;
            count += test(DoubleVector.fromMemorySegment(DS, s, o, NATIVE), cv, mode).trueCount()
                    + test(DoubleVector.fromMemorySegment(DS, s, o + 32, NATIVE), cv, mode).trueCount()
                    + test(DoubleVector.fromMemorySegment(DS, s, o + 64, NATIVE), cv, mode).trueCount()
                    + test(DoubleVector.fromMemorySegment(DS, s, o + 96, NATIVE), cv, mode).trueCount();
        }
        FaultGuard.mark(s, off);
        for (; i < n; i++) {
            if (MaskKernels.test(op, s.get(D, off + 8L * i), c)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long countI32(MemorySegment s, long off, long n, Op op, int c) {
        int mode = mode(op);
        IntVector cv = IntVector.broadcast(IS, c);
        long count = 0;
        long i = 0;
        for (; i + 32 <= n; i += 32) {
            long o = off + 4L * i;
            count += test(IntVector.fromMemorySegment(IS, s, o, NATIVE), cv, mode).trueCount()
                    + test(IntVector.fromMemorySegment(IS, s, o + 32, NATIVE), cv, mode).trueCount()
                    + test(IntVector.fromMemorySegment(IS, s, o + 64, NATIVE), cv, mode).trueCount()
                    + test(IntVector.fromMemorySegment(IS, s, o + 96, NATIVE), cv, mode).trueCount();
        }
        FaultGuard.mark(s, off);
        return MaskKernels.foldInts(count, What.COUNT, s, off, i, n, op, c, true);
    }

    @Override
    public long countI64(MemorySegment s, long off, long n, Op op, long c) {
        int mode = mode(op);
        LongVector cv = LongVector.broadcast(LS, c);
        long count = 0;
        long i = 0;
        for (; i + 16 <= n; i += 16) {
            long o = off + 8L * i;
            count += test(LongVector.fromMemorySegment(LS, s, o, NATIVE), cv, mode).trueCount()
                    + test(LongVector.fromMemorySegment(LS, s, o + 32, NATIVE), cv, mode).trueCount()
                    + test(LongVector.fromMemorySegment(LS, s, o + 64, NATIVE), cv, mode).trueCount()
                    + test(LongVector.fromMemorySegment(LS, s, o + 96, NATIVE), cv, mode).trueCount();
        }
        FaultGuard.mark(s, off);
        return MaskKernels.foldInts(count, What.COUNT, s, off, i, n, op, c, false);
    }

    @Override
    public long sumInt(MemorySegment s, long off, long n, Op op, long c, boolean i32) {
        int mode = mode(op);
        LongVector acc0 = LongVector.zero(LS);
        LongVector acc1 = acc0;
        long i = 0;
        if (i32) {
            IntVector cv = IntVector.broadcast(IS, (int) c);
            IntVector zero = IntVector.zero(IS);
            for (; i + 8 <= n; i += 8) {
                IntVector v = IntVector.fromMemorySegment(IS, s, off + 4L * i, NATIVE);
                IntVector x = zero.blend(v, test(v, cv, mode));
                // Widened to int64 lanes, so that the sum wraps as NumPy's int64 sum does, not at 32 bits.
                acc0 = acc0.add((LongVector) x.convertShape(VectorOperators.I2L, LS, 0));
                acc1 = acc1.add((LongVector) x.convertShape(VectorOperators.I2L, LS, 1));
            }
        } else {
            LongVector cv = LongVector.broadcast(LS, c);
            LongVector zero = LongVector.zero(LS);
            for (; i + 8 <= n; i += 8) {
                LongVector v0 = LongVector.fromMemorySegment(LS, s, off + 8L * i, NATIVE);
                LongVector v1 = LongVector.fromMemorySegment(LS, s, off + 8L * i + 32, NATIVE);
                acc0 = acc0.add(zero.blend(v0, test(v0, cv, mode)));
                acc1 = acc1.add(zero.blend(v1, test(v1, cv, mode)));
            }
        }
        FaultGuard.mark(s, off);
        return MaskKernels.foldInts(acc0.add(acc1).reduceLanes(VectorOperators.ADD), What.SUM, s, off, i, n, op, c, i32);
    }

    @Override
    public long extremeInt(MemorySegment s, long off, long n, Op op, long c, boolean i32, boolean max) {
        int mode = mode(op);
        long i = 0;
        long e = max ? Long.MIN_VALUE : Long.MAX_VALUE;
        if (i32) {
            IntVector cv = IntVector.broadcast(IS, (int) c);
            IntVector init = IntVector.broadcast(IS, max ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            IntVector a = init;
            VectorMask<Integer> seen = IS.maskAll(false);
            for (; i + 8 <= n; i += 8) {
                IntVector v = IntVector.fromMemorySegment(IS, s, off + 4L * i, NATIVE);
                VectorMask<Integer> m = test(v, cv, mode);
                seen = seen.or(m);
                IntVector x = init.blend(v, m);
                a = max ? a.max(x) : a.min(x);
            }
            if (seen.anyTrue()) {
                e = a.reduceLanesToLong(max ? VectorOperators.MAX : VectorOperators.MIN);
            }
        } else {
            LongVector cv = LongVector.broadcast(LS, c);
            LongVector init = LongVector.broadcast(LS, e);
            LongVector a = init;
            for (; i + 4 <= n; i += 4) {
                LongVector v = LongVector.fromMemorySegment(LS, s, off + 8L * i, NATIVE);
                LongVector x = init.blend(v, test(v, cv, mode));
                a = max ? a.max(x) : a.min(x);
            }
            e = a.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        }
        FaultGuard.mark(s, off);
        return MaskKernels.foldInts(e, max ? What.MAX : What.MIN, s, off, i, n, op, c, i32);
    }

    @Override
    public void sumI32AsF64(MemorySegment s, long off, int n, Op op, int c, double[] lanes) {
        int mode = mode(op);
        IntVector cv = IntVector.broadcast(IS, c);
        IntVector zero = IntVector.zero(IS);
        DoubleVector a0 = DoubleVector.fromArray(DS, lanes, 0);
        DoubleVector a1 = DoubleVector.fromArray(DS, lanes, 4);
        DoubleVector a2 = DoubleVector.fromArray(DS, lanes, 8);
        DoubleVector a3 = DoubleVector.fromArray(DS, lanes, 12);
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            long o = off + 4L * i;
            IntVector v0 = IntVector.fromMemorySegment(IS, s, o, NATIVE);
            IntVector v1 = IntVector.fromMemorySegment(IS, s, o + 32, NATIVE);
            // Unselected elements add +0.0, as the generic path's masked add does (lanes never hold -0.0).
            IntVector x0 = zero.blend(v0, test(v0, cv, mode));
            IntVector x1 = zero.blend(v1, test(v1, cv, mode));
            a0 = a0.add((DoubleVector) x0.convertShape(VectorOperators.I2D, DS, 0));
            a1 = a1.add((DoubleVector) x0.convertShape(VectorOperators.I2D, DS, 1));
            a2 = a2.add((DoubleVector) x1.convertShape(VectorOperators.I2D, DS, 0));
            a3 = a3.add((DoubleVector) x1.convertShape(VectorOperators.I2D, DS, 1));
        }
        FaultGuard.mark(s, off);
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, 4);
        a2.intoArray(lanes, 8);
        a3.intoArray(lanes, 12);
        for (; i < n; i++) {
            int x = s.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4L * i);
            lanes[i & (D_LANES - 1)] += MaskKernels.test(op, x, c) ? x : 0.0;
        }
    }

    @Override
    public void sumI64AsF64(MemorySegment s, long off, int n, Op op, long c, double[] lanes) {
        int mode = mode(op);
        LongVector cv = LongVector.broadcast(LS, c);
        LongVector zero = LongVector.zero(LS);
        DoubleVector a0 = DoubleVector.fromArray(DS, lanes, 0);
        DoubleVector a1 = DoubleVector.fromArray(DS, lanes, 4);
        DoubleVector a2 = DoubleVector.fromArray(DS, lanes, 8);
        DoubleVector a3 = DoubleVector.fromArray(DS, lanes, 12);
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            long o = off + 8L * i;
            LongVector v0 = LongVector.fromMemorySegment(LS, s, o, NATIVE);
            LongVector v1 = LongVector.fromMemorySegment(LS, s, o + 32, NATIVE);
            LongVector v2 = LongVector.fromMemorySegment(LS, s, o + 64, NATIVE);
            LongVector v3 = LongVector.fromMemorySegment(LS, s, o + 96, NATIVE);
            // Unselected elements add +0.0, as the generic path's masked add does (lanes never hold -0.0).
            a0 = a0.add((DoubleVector) zero.blend(v0, test(v0, cv, mode)).convertShape(VectorOperators.L2D, DS, 0));
            a1 = a1.add((DoubleVector) zero.blend(v1, test(v1, cv, mode)).convertShape(VectorOperators.L2D, DS, 0));
            a2 = a2.add((DoubleVector) zero.blend(v2, test(v2, cv, mode)).convertShape(VectorOperators.L2D, DS, 0));
            a3 = a3.add((DoubleVector) zero.blend(v3, test(v3, cv, mode)).convertShape(VectorOperators.L2D, DS, 0));
        }
        FaultGuard.mark(s, off);
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, 4);
        a2.intoArray(lanes, 8);
        a3.intoArray(lanes, 12);
        for (; i < n; i++) {
            long x = s.get(ValueLayout.JAVA_LONG_UNALIGNED, off + 8L * i);
            lanes[i & (D_LANES - 1)] += MaskKernels.test(op, x, c) ? (double) x : 0.0;
        }
    }
}
