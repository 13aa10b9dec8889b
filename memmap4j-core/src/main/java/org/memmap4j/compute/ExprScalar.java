package org.memmap4j.compute;

import java.util.List;
import org.memmap4j.DType.Kind;
import org.memmap4j.internal.Elements;
import org.memmap4j.compute.Promotion.Ty;

/**
 * A Python-like scalar: a weak int (Java long), float (double), complex (two doubles) or bool, of shape (). It takes
 * the dtype of what it meets (NEP 50) and becomes a constant of that kind when compiled.
 */
final class ExprScalar extends Expr {

    private final long lv;
    private final double dv;
    private final double iv;

    private ExprScalar(Kind kind, long lv, double dv, double iv) {
        super(new Ty(kind, true), new long[0]);
        this.lv = lv;
        this.dv = dv;
        this.iv = iv;
    }

    private ExprScalar(Kind kind, long lv, double dv) {
        this(kind, lv, dv, 0);
    }

    static ExprScalar ofComplex(double re, double im) {
        return new ExprScalar(Kind.COMPLEX128, 0, re, im);
    }

    static ExprScalar ofLong(long v) {
        return new ExprScalar(Kind.INT64, v, v);
    }

    static ExprScalar ofDouble(double v) {
        return new ExprScalar(Kind.FLOAT64, 0, v);
    }

    static ExprScalar ofBoolean(boolean v) {
        return new ExprScalar(Kind.BOOL, v ? 1 : 0, v ? 1 : 0);
    }

    long longValue() {
        return lv;
    }

    /** The value as a Python float would be: an int converted to the nearest double (a complex: its real part). */
    double doubleValue() {
        return ty.kind() == Kind.FLOAT64 || ty.kind() == Kind.COMPLEX128 ? dv : (double) lv;
    }

    boolean isInt(long v) {
        return ty.kind() == Kind.INT64 && lv == v;
    }

    boolean isNegativeInt() {
        return ty.kind() == Kind.INT64 && lv < 0;
    }

    /** True if this (integer) value lies in an integer kind's range. */
    boolean fits(Kind k) {
        return Elements.fits(k, lv);
    }

    /** The value clamped to an integer kind's range: what clip does with out-of-range Python int bounds. */
    ExprScalar clampTo(Kind k) {
        if (ty.kind() != Kind.INT64 || !k.isInteger() || fits(k)) {
            return this;
        }
        long min = minOf(k);
        long max = maxOf(k);
        return ofLong(Math.max(min, Math.min(max, lv)));
    }

    /** The smallest value of an integer kind (uint64's is 0). */
    static long minOf(Kind k) {
        return switch (k) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    /** The largest value of an integer kind that a long holds (uint64's is clamped to Long.MAX_VALUE). */
    static long maxOf(Kind k) {
        return switch (k) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case UINT32 -> 0xFFFF_FFFFL;
            default -> Long.MAX_VALUE;
        };
    }

    @Override
    ExprKernel compile(ExprContext c) {
        return compileAs(c, ty.kind());
    }

    /** The constant in a kind: a Python int rounds to a double first for float kinds, as Python's int -> float. */
    @Override
    ExprKernel compileAs(ExprContext c, Kind k) {
        double v = doubleValue();
        if (ty.kind().isComplex() && !k.isComplex()) {
            // A complex constant meeting a real loop (a cast, a truth value): NumPy's complex casts.
            return ExprKernel.convert(compile(c), k, c.block);
        }
        return switch (k) {
            case COMPLEX64 -> new ExprKernel.Const(k, c.block, 0, (float) v, (float) iv);
            case COMPLEX128 -> new ExprKernel.Const(k, c.block, 0, v, iv);
            case FLOAT16 -> new ExprKernel.Const(k, c.block, 0, Float.float16ToFloat(Elements.doubleToHalf(v)));
            case FLOAT32 -> new ExprKernel.Const(k, c.block, 0, (float) v);
            case FLOAT64 -> new ExprKernel.Const(k, c.block, 0, v);
            case BOOL -> new ExprKernel.Const(k, c.block, v != 0 ? 1 : 0, 0);
            default -> new ExprKernel.Const(k, c.block, ExprKernel.wrap(k, ty.kind() == Kind.FLOAT64 ? Elements.cvt64(dv) : lv), 0);
        };
    }

    @Override
    void leaves(List<ExprArray> out) {
    }

    @Override
    void evaluate(long from, long to, java.lang.foreign.MemorySegment out) {
        ExprProgram.evaluate(this, from, to, out);
    }

    @Override
    public String toString() {
        return switch (ty.kind()) {
            case BOOL -> lv != 0 ? "True" : "False";
            case INT64 -> Long.toString(lv);
            case COMPLEX128 -> "(" + dv + (iv >= 0 || iv != iv ? "+" : "") + iv + "j)";
            default -> Double.toString(dv);
        };
    }
}
