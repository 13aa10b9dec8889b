package org.memmap4j.compute;

import org.memmap4j.DType.Kind;
import org.memmap4j.compute.ExprOp.Op;

/**
 * An operation whose loop type is complex: operands already cast to complex64 or complex128, results complex,
 * bool (comparisons, isnan/isinf/isfinite) or the component float kind (abs, real, imag). Also
 * {@link Op#COMPLEX}, which pairs two real kernels of the component kind into complex values. The arithmetic is
 * {@link ExprComplexMath}'s; complex64 steps round to float.
 */
final class ExprComplexKernel extends ExprKernel {

    private final Op op;
    private final ExprKernel x;
    /** The second operand of binary operations (the lower bound of clip), else null. */
    private final ExprKernel y;
    /** The upper bound of clip, else null. */
    private final ExprKernel z;
    private final boolean single;

    /** A kernel for op on its operands (one, two, or three for clip). */
    ExprComplexKernel(Op op, Kind resultKind, int block, ExprKernel... operands) {
        super(resultKind, block);
        this.op = op;
        this.x = operands[0];
        this.y = operands.length > 1 ? operands[1] : null;
        this.z = operands.length > 2 ? operands[2] : null;
        this.single = op == Op.COMPLEX ? resultKind == Kind.COMPLEX64 : x.kind == Kind.COMPLEX64;
    }

    @Override
    void compute(long from, int n) {
        x.compute(from, n);
        if (y != null) {
            y.compute(from, n);
        }
        if (z != null) {
            z.compute(from, n);
        }
        switch (dom) {
            case B -> predicate(n);
            case C -> {
                if (y == null) {
                    unary(n);
                } else {
                    binary(n);
                }
            }
            default -> real(n);
        }
    }

    private void binary(int n) {
        double[] ar = x.d;
        double[] ai = x.di;
        boolean s = single;
        switch (op) {
            case COMPLEX -> {
                for (int i = 0; i < n; i++) {
                    d[i] = x.dom == Dom.F ? x.f[i] : x.d[i];
                    di[i] = y.dom == Dom.F ? y.f[i] : y.d[i];
                }
            }
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    d[i] = ExprComplexMath.r(ar[i] + y.d[i], s);
                    di[i] = ExprComplexMath.r(ai[i] + y.di[i], s);
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    d[i] = ExprComplexMath.r(ar[i] - y.d[i], s);
                    di[i] = ExprComplexMath.r(ai[i] - y.di[i], s);
                }
            }
            case MULTIPLY -> { for (int i = 0; i < n; i++) { ExprComplexMath.multiply(ar[i], ai[i], y.d[i], y.di[i], s, d, di, i); } }
            case DIVIDE -> { for (int i = 0; i < n; i++) { ExprComplexMath.divide(ar[i], ai[i], y.d[i], y.di[i], s, d, di, i); } }
            case POWER -> { for (int i = 0; i < n; i++) { ExprComplexMath.power(ar[i], ai[i], y.d[i], y.di[i], s, d, di, i); } }
            case MAXIMUM, MINIMUM -> {
                boolean max = op == Op.MAXIMUM;
                for (int i = 0; i < n; i++) {
                    boolean first = ExprComplexMath.keepsFirst(ar[i], ai[i], y.d[i], y.di[i], max);
                    d[i] = first ? ar[i] : y.d[i];
                    di[i] = first ? ai[i] : y.di[i];
                }
            }
            case CLIP -> {
                for (int i = 0; i < n; i++) {
                    // NumPy's Min(Max(x, lo), hi): a strict comparison, so ties give the bound, and no NaN
                    // imaginary-part rule (its clip loop compares as PyArray_CGT).
                    double r = ar[i];
                    double m = ai[i];
                    if (!(r != r || m != m) && !(r == y.d[i] ? m > y.di[i] : r > y.d[i])) {
                        r = y.d[i];
                        m = y.di[i];
                    }
                    if (!(r != r || m != m) && !(r == z.d[i] ? m < z.di[i] : r < z.d[i])) {
                        r = z.d[i];
                        m = z.di[i];
                    }
                    d[i] = r;
                    di[i] = m;
                }
            }
            default -> throw new AssertionError(op);
        }
    }

    private void unary(int n) {
        double[] ar = x.d;
        double[] ai = x.di;
        boolean s = single;
        switch (op) {
            case NEGATIVE -> {
                for (int i = 0; i < n; i++) {
                    d[i] = -ar[i];
                    di[i] = -ai[i];
                }
            }
            case CONJ -> {
                System.arraycopy(ar, 0, d, 0, n);
                for (int i = 0; i < n; i++) { di[i] = -ai[i]; }
            }
            // rint of each part, as NumPy's complex rint.
            case ROUND -> {
                for (int i = 0; i < n; i++) {
                    d[i] = Math.rint(ar[i]);
                    di[i] = Math.rint(ai[i]);
                }
            }
            case SQUARE -> { for (int i = 0; i < n; i++) { ExprComplexMath.multiply(ar[i], ai[i], ar[i], ai[i], s, d, di, i); } }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) { ExprComplexMath.reciprocal(ar[i], ai[i], s, d, di, i); } }
            case SQRT -> { for (int i = 0; i < n; i++) { ExprComplexMath.sqrt(ar[i], ai[i], s, d, di, i); } }
            case EXP -> { for (int i = 0; i < n; i++) { ExprComplexMath.exp(ar[i], ai[i], s, d, di, i); } }
            case LOG -> { for (int i = 0; i < n; i++) { ExprComplexMath.log(ar[i], ai[i], s, d, di, i); } }
            case LOG10 -> { for (int i = 0; i < n; i++) { ExprComplexMath.log10(ar[i], ai[i], s, d, di, i); } }
            // In float64 for complex64 too, rounded once: glibc's float versions, which NumPy calls, are 3 (sin, cos)
            // to 6 (tan) ulps off, in ways their float steps alone do not reproduce; these are within 1 ulp.
            case SIN -> { for (int i = 0; i < n; i++) { ExprComplexMath.sin(ar[i], ai[i], d, di, i); } roundParts(s, n); }
            case COS -> { for (int i = 0; i < n; i++) { ExprComplexMath.cos(ar[i], ai[i], d, di, i); } roundParts(s, n); }
            case TAN -> { for (int i = 0; i < n; i++) { ExprComplexMath.tan(ar[i], ai[i], d, di, i); } roundParts(s, n); }
            default -> throw new AssertionError(op);
        }
    }

    /** Rounds the first n results' parts to float, for complex64 (a no-op for complex128). */
    private void roundParts(boolean single, int n) {
        if (single) {
            for (int i = 0; i < n; i++) {
                d[i] = (float) d[i];
                di[i] = (float) di[i];
            }
        }
    }

    /** abs, real and imag: the component float kind (float32 in {@link #f}, float64 in {@link #d}). */
    private void real(int n) {
        double[] ar = x.d;
        double[] ai = x.di;
        boolean toFloat = dom == Dom.F;
        for (int i = 0; i < n; i++) {
            double v = switch (op) {
                case ABS -> ExprComplexMath.abs(ar[i], ai[i], single);
                case REAL -> ar[i];
                case IMAG -> ai[i];
                default -> throw new AssertionError(op);
            };
            if (toFloat) {
                f[i] = (float) v;
            } else {
                d[i] = v;
            }
        }
    }

    private void predicate(int n) {
        double[] ar = x.d;
        double[] ai = x.di;
        byte[] r = b;
        switch (op) {
            case ISNAN -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ar[i] != ar[i] || ai[i] != ai[i] ? 1 : 0); } }
            case ISINF -> {
                for (int i = 0; i < n; i++) { r[i] = (byte) (Double.isInfinite(ar[i]) || Double.isInfinite(ai[i]) ? 1 : 0); }
            }
            case ISFINITE -> {
                for (int i = 0; i < n; i++) { r[i] = (byte) (Double.isFinite(ar[i]) && Double.isFinite(ai[i]) ? 1 : 0); }
            }
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ar[i] == y.d[i] && ai[i] == y.di[i] ? 1 : 0); } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ar[i] != y.d[i] || ai[i] != y.di[i] ? 1 : 0); } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ExprComplexMath.lt(ar[i], ai[i], y.d[i], y.di[i]) ? 1 : 0); } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ExprComplexMath.le(ar[i], ai[i], y.d[i], y.di[i]) ? 1 : 0); } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ExprComplexMath.gt(ar[i], ai[i], y.d[i], y.di[i]) ? 1 : 0); } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (ExprComplexMath.ge(ar[i], ai[i], y.d[i], y.di[i]) ? 1 : 0); } }
            default -> throw new AssertionError(op);
        }
    }
}
