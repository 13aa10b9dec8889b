package org.memmap4j.compute;

import java.util.List;
import org.memmap4j.DType.Kind;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Promotion.Ty;

/**
 * An operation node of an expression: its operands, the kind they are cast to before the operation (NumPy's
 * ufunc loop type) and the result kind. The factories here apply NumPy 2's type resolution for each operation.
 */
final class ExprOp extends Expr {

    /** The operations, with NumPy's ufunc names in the comments where they differ. */
    enum Op {
        ADD, SUBTRACT, MULTIPLY, DIVIDE, FLOOR_DIVIDE, MOD, POWER, MAXIMUM, MINIMUM,
        EQ, NE, LT, LE, GT, GE,
        AND, OR, XOR, NOT,
        NEGATIVE, ABS, SQRT, EXP, LOG, LOG10, SIN, COS, TAN, FLOOR, CEIL, ROUND, ISNAN, ISINF, ISFINITE,
        /** x * x, NumPy's fast path for {@code x ** 2}. */
        SQUARE,
        /** 1 / x, NumPy's fast path for {@code x ** -1}. */
        RECIPROCAL,
        /** np.real, np.imag, np.conjugate. */
        REAL, IMAG, CONJ,
        /** real + imag * 1j from two real operands of a complex kind's component kind (complex round). */
        COMPLEX,
        /** np.clip of complex values (x, lo, hi): ties give the bound, unlike maximum and minimum. */
        CLIP,
        WHERE, CAST;

        boolean isComparison() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }

        /** The comparison with its operands swapped: {@code s < x} is {@code x > s}. */
        Op swapped() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }

        /** NumPy's ufunc name, for messages. */
        String ufunc() {
            return switch (this) {
                case MOD -> "remainder";
                case DIVIDE -> "divide";
                case EQ -> "equal";
                case NE -> "not_equal";
                case LT -> "less";
                case LE -> "less_equal";
                case GT -> "greater";
                case GE -> "greater_equal";
                case AND -> "logical_and";
                case OR -> "logical_or";
                case XOR -> "logical_xor";
                case NOT -> "logical_not";
                case ABS -> "absolute";
                case ROUND -> "rint";
                case CONJ -> "conjugate";
                case CAST -> "astype";
                default -> name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    final Op op;
    final Expr[] args;
    /** The kind every operand is cast to; null when each keeps its own (exact integer comparisons). */
    final Kind loop;

    private ExprOp(Op op, Ty ty, long[] shape, Kind loop, Expr... args) {
        super(ty, shape);
        this.op = op;
        this.loop = loop;
        this.args = args;
    }

    // ---- type resolution ----------------------------------------------------------------------------------------

    static Expr binary(Op op, Expr a, Expr b) {
        long[] shape = NDArrays.broadcastShapes(a.shape, b.shape);
        Ty t = Promotion.combine(a.ty, b.ty);
        Kind k = t.kind();
        if (k.isComplex() && !op.isComparison() && op != Op.AND && op != Op.OR && op != Op.XOR) {
            return complexBinary(op, a, b, t, shape);
        }
        if (op.isComparison()) {
            if (t.category() <= 1 && !(a.ty.kind().isBool() && b.ty.kind().isBool())) {
                // Integers compare exactly, whatever their kinds and Python ints' ranges (NumPy 2).
                return new ExprOp(op, Ty.strong(Kind.BOOL), shape, null, a, b);
            }
            return new ExprOp(op, Ty.strong(Kind.BOOL), shape, k, a, b);
        }
        if (op == Op.AND || op == Op.OR || op == Op.XOR) {
            return new ExprOp(op, Ty.strong(Kind.BOOL), shape, Kind.BOOL, a, b);
        }
        Kind result = switch (op) {
            case ADD, MULTIPLY, MAXIMUM, MINIMUM -> k;
            case SUBTRACT -> {
                if (k.isBool()) {
                    throw new IllegalArgumentException("numpy boolean subtract, the `-` operator, is not supported, "
                            + "use the bitwise_xor, the `^` operator, or the logical_xor function instead.");
                }
                yield k;
            }
            case DIVIDE -> k.isFloat() ? k : Kind.FLOAT64;
            case FLOOR_DIVIDE, MOD, POWER -> k.isBool() ? Kind.INT8 : k;
            default -> throw new AssertionError(op);
        };
        checkScalarFits(a, result);
        checkScalarFits(b, result);
        if (op == Op.POWER && b instanceof ExprScalar s && result.isInteger() && s.isNegativeInt()) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        Ty ty = new Ty(result, t.weak());
        if (op == Op.POWER && a.ty.kind().isBool() && !a.ty.weak() && b instanceof ExprScalar s && s.isInt(2)) {
            // NumPy's fast path: bool ** 2 is np.square(bool), whose first loop is int8.
            return new ExprOp(Op.SQUARE, Ty.strong(Kind.INT8), shape, Kind.INT8, a);
        }
        if (op == Op.POWER && result.isFloat() && b instanceof ExprScalar s && !s.ty.kind().isBool()) {
            // NumPy's fast paths for Python scalar exponents: x ** 2 is x * x, x ** 0.5 is sqrt(x), and so on.
            Expr fast = fastPower(a, s.doubleValue(), ty, shape);
            if (fast != null) {
                return fast;
            }
        }
        return new ExprOp(op, ty, shape, result, a, b);
    }

    /** Arithmetic in a complex loop (comparisons and logical operations take the general path). */
    private static Expr complexBinary(Op op, Expr a, Expr b, Ty t, long[] shape) {
        Kind k = t.kind();
        switch (op) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MAXIMUM, MINIMUM -> {
                return new ExprOp(op, t, shape, k, a, b);
            }
            case POWER -> {
                // NumPy's fast paths for complex bases: Python int 2 and -1, Python float 0.5 (not 2.0 or 2+0j).
                if (b instanceof ExprScalar s) {
                    Op fast = s.isInt(2) ? Op.SQUARE : s.isInt(-1) ? Op.RECIPROCAL
                            : s.ty.kind() == Kind.FLOAT64 && s.doubleValue() == 0.5 ? Op.SQRT : null;
                    if (fast != null) {
                        return new ExprOp(fast, t, shape, k, a);
                    }
                }
                return new ExprOp(op, t, shape, k, a, b);
            }
            default -> throw unsupported(op, a, b);
        }
    }

    private static Expr fastPower(Expr a, double e, Ty ty, long[] shape) {
        Op u = e == 2 ? Op.SQUARE : e == 0.5 ? Op.SQRT : e == -1 ? Op.RECIPROCAL : null;
        return u == null ? null : new ExprOp(u, ty, shape, ty.kind(), a);
    }

    /** NEP 50: a Python int meeting an integer array must fit its dtype, as NumPy 2's OverflowError. */
    private static void checkScalarFits(Expr e, Kind k) {
        if (e instanceof ExprScalar s && s.ty.kind() == Kind.INT64 && k.isInteger() && !s.fits(k)) {
            throw new IllegalArgumentException("Python integer " + s.longValue() + " out of bounds for " + k.numpyName());
        }
    }

    static Expr unary(Op op, Expr a) {
        Kind k = a.ty.kind();
        if (k.isComplex()) {
            return complexUnary(op, a);
        }
        return switch (op) {
            case NOT -> new ExprOp(op, Ty.strong(Kind.BOOL), a.shape, Kind.BOOL, a);
            case ISNAN, ISINF, ISFINITE -> new ExprOp(op, Ty.strong(Kind.BOOL), a.shape, k, a);
            case NEGATIVE -> {
                if (k.isBool()) {
                    throw new IllegalArgumentException("The numpy boolean negative, the `-` operator, is not supported, "
                            + "use the `~` operator or the logical_not function instead.");
                }
                yield new ExprOp(op, a.ty, a.shape, k, a);
            }
            case ABS, FLOOR, CEIL -> new ExprOp(op, a.ty, a.shape, k, a);
            case ROUND -> {
                // np.round has no bool loop: bool is rounded as float16 (integers are kept).
                Kind r = k.isBool() ? Kind.FLOAT16 : k;
                yield new ExprOp(op, k.isBool() ? Ty.strong(r) : a.ty, a.shape, r, a);
            }
            case SQRT, EXP, LOG, LOG10, SIN, COS, TAN -> {
                Kind r = Promotion.mathKind(k);
                yield new ExprOp(op, Ty.strong(r), a.shape, r, a);
            }
            case REAL -> a;
            // A real value's imaginary part: zeros of its dtype (NaN and infinities included).
            case IMAG -> new ExprOp(op, a.ty, a.shape, k, a);
            // np.conjugate has no bool loop: bool takes its first loop, int8.
            case CONJ -> k.isBool() ? cast(a, Kind.INT8) : a;
            default -> throw new AssertionError(op);
        };
    }

    /** One-operand operations on complex values, as NumPy's complex loops; floor and ceil have none. */
    private static Expr complexUnary(Op op, Expr a) {
        Kind k = a.ty.kind();
        return switch (op) {
            case NOT -> new ExprOp(op, Ty.strong(Kind.BOOL), a.shape, Kind.BOOL, a);
            case ISNAN, ISINF, ISFINITE -> new ExprOp(op, Ty.strong(Kind.BOOL), a.shape, k, a);
            case NEGATIVE, ROUND, CONJ -> new ExprOp(op, a.ty, a.shape, k, a);
            case SQRT, EXP, LOG, LOG10, SIN, COS, TAN -> new ExprOp(op, Ty.strong(k), a.shape, k, a);
            case ABS -> new ExprOp(op, Ty.strong(Promotion.component(k)), a.shape, k, a);
            // Python's (1+2j).real is a Python float: a weak scalar's parts stay weak.
            case REAL, IMAG -> new ExprOp(op, new Ty(Promotion.component(k), a.ty.weak()), a.shape, k, a);
            default -> throw unsupported(op, a);
        };
    }

    /** np.clip(x, lo, hi) where the three promote to a complex kind. */
    static Expr clipComplex(Expr x, Expr lo, Expr hi) {
        long[] shape = NDArrays.broadcastShapes(x.shape, lo.shape, hi.shape);
        Ty t = Promotion.combine(Promotion.combine(x.ty, lo.ty), hi.ty);
        return new ExprOp(Op.CLIP, t, shape, t.kind(), x, lo, hi);
    }

    /** Complex values from their real and imaginary parts, both of the component kind of the complex kind k. */
    static Expr complex(Expr re, Expr im, Kind k) {
        long[] shape = NDArrays.broadcastShapes(re.shape, im.shape);
        return new ExprOp(Op.COMPLEX, Ty.strong(k), shape, Promotion.component(k), re, im);
    }

    static Expr select(Expr cond, Expr a, Expr b) {
        long[] shape = NDArrays.broadcastShapes(cond.shape, a.shape, b.shape);
        Ty t = Promotion.combine(a.ty, b.ty);
        // Python ints out of the result's range are cast like arrays (they wrap), as np.where does.
        return new ExprOp(Op.WHERE, Ty.strong(t.kind()), shape, t.kind(), cond, a, b);
    }

    static Expr cast(Expr a, Kind to) {
        return new ExprOp(Op.CAST, Ty.strong(to), a.shape, null, a);
    }

    private static IllegalArgumentException unsupported(Op op, Expr... operands) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : operands) {
            sb.append(sb.isEmpty() ? "" : ", ").append(e.dtype());
        }
        return new IllegalArgumentException("ufunc '" + op.ufunc() + "' not supported for the input types (" + sb
                + "): NumPy defines it for no complex type");
    }

    // ---- evaluation ---------------------------------------------------------------------------------------------

    @Override
    ExprKernel compile(ExprContext c) {
        Kind r = ty.kind();
        return switch (op) {
            case CAST -> ExprKernel.convert(args[0].compile(c), r, c.block);
            case WHERE -> new ExprUnaryKernel.Where(r, args[0].compileAs(c, Kind.BOOL), args[1].compileAs(c, loop),
                    args[2].compileAs(c, loop), c.block);
            default -> {
                if (loop != null && (loop.isComplex() || op == Op.COMPLEX)) {
                    ExprKernel[] k = new ExprKernel[args.length];
                    for (int i = 0; i < k.length; i++) {
                        k[i] = args[i].compileAs(c, loop);
                    }
                    yield new ExprComplexKernel(op, r, c.block, k);
                }
                if (args.length == 1) {
                    yield new ExprUnaryKernel(op, r, args[0].compileAs(c, loop), c.block);
                }
                yield new ExprBinaryKernel(op, r, operand(c, args[0]), operand(c, args[1]), c.block);
            }
        };
    }

    /** An operand in the loop kind; in exact integer comparisons its own kind (bool as int64). */
    private ExprKernel operand(ExprContext c, Expr e) {
        if (loop != null) {
            return e.compileAs(c, loop);
        }
        return e.ty.kind().isBool() ? e.compileAs(c, Kind.INT64) : e.compile(c);
    }

    @Override
    void leaves(List<ExprArray> out) {
        for (Expr a : args) {
            a.leaves(out);
        }
    }

    @Override
    void evaluate(long from, long to, java.lang.foreign.MemorySegment out) {
        ExprProgram.evaluate(this, from, to, out);
    }

    @Override
    public String toString() {
        if (op == Op.CAST) {
            return args[0] + ".astype(" + ty.kind().numpyName() + ")";
        }
        StringBuilder sb = new StringBuilder(op.ufunc()).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? ", " : "").append(args[i]);
        }
        return sb.append(')').toString();
    }
}
