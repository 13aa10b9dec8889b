package org.memmap4j.compute;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.memmap4j.DType.Kind;
import org.memmap4j.NDArray;
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.compute.MaskReducer.What;
import org.memmap4j.exec.RangeTask;

/**
 * The hot mask pattern: a mask {@code x OP c} (or {@code c OP x}) comparing a C-contiguous native float32 or
 * float64 array with a scalar, reducing either the mask itself (count) or the same array's elements (sum, mean,
 * min, max); or an int32 or int64 array with an int scalar of its range (count, sum, mean, min, max).
 * Its task reads the array's memory once through {@link MaskKernels}, with the same block order as the generic
 * path, so both give the same bits.
 *
 * @param leaf the array operand
 * @param op   the comparison, with the array on the left
 * @param c    the scalar, in the array's precision (a float32 array compares with the float32 nearest the scalar)
 * @param ic   the int scalar of an integer array
 */
record MaskPattern(ExprArray leaf, Op op, double c, long ic) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Returns the pattern of (values, where), or null; values null means a count of where. */
    static MaskPattern match(Expr values, Expr where) {
        return match(values, where, values == null ? What.COUNT : What.SUM);
    }

    /**
     * Returns the pattern of a reduction of (values, where), or null; values null means a count of where.
     */
    static MaskPattern match(Expr values, Expr where, What what) {
        if (!(where instanceof ExprOp w) || !w.op.isComparison()) {
            return null;
        }
        Expr x = w.args[0];
        Expr s = w.args[1];
        Op op = w.op;
        if (x instanceof ExprScalar && s instanceof ExprArray) {
            x = w.args[1];
            s = w.args[0];
            op = op.swapped();
        }
        if (!(x instanceof ExprArray xa) || !(s instanceof ExprScalar sc) || xa.array == null) {
            return null;
        }
        NDArray a = xa.array;
        Kind k = a.dtype().kind();
        boolean integer = k == Kind.INT32 || k == Kind.INT64;
        // Integers compare exactly (no loop type); floats in the array's own precision.
        if ((k != Kind.FLOAT32 && k != Kind.FLOAT64 && !integer) || w.loop != (integer ? null : k)
                || !a.dtype().isNativeOrder() || !a.isCContiguous()) {
            return null;
        }
        if (values != null && !(values instanceof ExprArray va && va.array != null && sameView(va.array, a))) {
            return null;
        }
        if (integer) {
            // Against an int scalar; one outside int32's range (all or nothing) is left to the generic path.
            long v = sc.longValue();
            if (!sc.isInt(v) || (k == Kind.INT32 && v != (int) v)) {
                return null;
            }
            return new MaskPattern(xa, op, v, v);
        }
        double v = sc.doubleValue();
        return new MaskPattern(xa, op, k == Kind.FLOAT32 ? (float) v : v, 0);
    }

    private static boolean sameView(NDArray x, NDArray y) {
        return x == y || (x.dtype().equals(y.dtype()) && Arrays.equals(x.shape(), y.shape())
                && Arrays.equals(x.strides(), y.strides()) && x.mayShareMemory(y)
                && x.segment().address() + x.segmentOffset() == y.segment().address() + y.segmentOffset());
    }

    /** The task reducing positions [from, to) (multiples of {@link MaskReducer#ALIGN} apart). */
    RangeTask<MaskReducer> task(What what, Kind acc) {
        ExprArray x = leaf;
        Op o = op;
        double cv = c;
        long icv = ic;
        return (from, to) -> x.ref.apply(a -> {
            MemorySegment s = a.segment();
            long base = a.segmentOffset();
            Kind kind = a.dtype().kind();
            if (kind == Kind.INT32 || kind == Kind.INT64) {
                return integerTask(what, acc, s, base, from, to, kind == Kind.INT32, o, icv);
            }
            boolean f32 = a.dtype().kind() == Kind.FLOAT32;
            int size = f32 ? 4 : 8;
            MaskKernels k = MaskKernels.INSTANCE;
            MaskReducer r = new MaskReducer(what, acc);
            if (what == What.MIN || what == What.MAX) {
                boolean max = what == What.MAX;
                long off = base + from * size;
                r.dext = f32 ? k.extremeF32(s, off, to - from, o, (float) cv, max)
                        : k.extremeF64(s, off, to - from, o, cv, max);
                // Only the start value is ambiguous: it may be a selected infinity, or nothing selected.
                r.any = r.dext != (max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                        || (f32 ? k.countF32(s, off, to - from, o, (float) cv) : k.countF64(s, off, to - from, o, cv)) > 0;
                return r;
            }
            if (what == What.COUNT) {
                r.count = f32 ? k.countF32(s, base + from * size, to - from, o, (float) cv)
                        : k.countF64(s, base + from * size, to - from, o, cv);
                return r;
            }
            for (long sb = from; sb < to; sb += MaskReducer.ALIGN) {
                long end = Math.min(to, sb + MaskReducer.ALIGN);
                for (long p = sb; p < end; p += MaskReducer.SUB) {
                    int n = (int) Math.min(MaskReducer.SUB, end - p);
                    if (f32) {
                        float[] lanes = r.floatLanes();
                        k.sumF32(s, base + p * size, n, o, (float) cv, lanes);
                        r.endSub(lanes);
                    } else {
                        double[] lanes = r.doubleLanes();
                        k.sumF64(s, base + p * size, n, o, cv, lanes);
                        r.endSub(lanes);
                    }
                }
                if (what == What.MEAN) {
                    r.count += f32 ? k.countF32(s, base + sb * size, end - sb, o, (float) cv)
                            : k.countF64(s, base + sb * size, end - sb, o, cv);
                }
                r.endSuper();
            }
            return r;
        });
    }

    /** Count, sum, min or max of an int32 or int64 array's selected elements: exact, so in any order. */
    private static MaskReducer integerTask(What what, Kind acc, MemorySegment s, long base, long from, long to,
                                           boolean i32, Op o, long c) {
        MaskKernels k = MaskKernels.INSTANCE;
        MaskReducer r = new MaskReducer(what, acc);
        long off = base + from * (i32 ? 4 : 8);
        long n = to - from;
        switch (what) {
            case COUNT -> r.count = i32 ? k.countI32(s, off, n, o, (int) c) : k.countI64(s, off, n, o, c);
            case SUM -> r.lsum = k.sumInt(s, off, n, o, c, i32);
            case MEAN -> {
                // NumPy's mean sums float64 conversions: in the generic path's blocks and lanes, for the same bits.
                int size = i32 ? 4 : 8;
                for (long sb = from; sb < to; sb += MaskReducer.ALIGN) {
                    long end = Math.min(to, sb + MaskReducer.ALIGN);
                    for (long p = sb; p < end; p += MaskReducer.SUB) {
                        double[] lanes = r.doubleLanes();
                        int m = (int) Math.min(MaskReducer.SUB, end - p);
                        if (i32) {
                            k.sumI32AsF64(s, base + p * size, m, o, (int) c, lanes);
                        } else {
                            k.sumI64AsF64(s, base + p * size, m, o, c, lanes);
                        }
                        r.endSub(lanes);
                    }
                    r.count += i32 ? k.countI32(s, base + sb * size, end - sb, o, (int) c)
                            : k.countI64(s, base + sb * size, end - sb, o, c);
                    r.endSuper();
                }
            }
            case MIN, MAX -> {
                r.any = (i32 ? k.countI32(s, off, n, o, (int) c) : k.countI64(s, off, n, o, c)) > 0;
                if (r.any) {
                    r.lext = k.extremeInt(s, off, n, o, c, i32, what == What.MAX);
                }
            }
            default -> throw new IllegalArgumentException("no integer pattern for " + what);
        }
        return r;
    }
}
