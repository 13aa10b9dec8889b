package org.memmap4j.compute;

import org.memmap4j.DType.Kind;
import org.memmap4j.compute.ExprOp.Op;

/**
 * A one-operand operation on a kernel already cast to the operation's loop type. Float32 transcendentals are
 * computed in double and rounded once, so they are within half an ulp of the true value plus the double
 * function's error, where NumPy's SIMD float32 kernels allow a few ulps: results may differ from NumPy's in the last
 * ulps (see {@link Expr}).
 */
final class ExprUnaryKernel extends ExprKernel {

    private final Op op;
    private final ExprKernel x;

    ExprUnaryKernel(Op op, Kind resultKind, ExprKernel x, int block) {
        super(resultKind, block);
        this.op = op;
        this.x = x;
    }

    @Override
    void compute(long from, int n) {
        x.compute(from, n);
        if (dom == Dom.B) {
            predicate(n);
            return;
        }
        switch (dom) {
            case L -> longs(n);
            case F -> {
                floats(n);
                if (kind == Kind.FLOAT16) {
                    roundHalf(f, n);
                }
            }
            case D -> doubles(n);
            default -> throw new AssertionError(dom);
        }
    }

    private void doubles(int n) {
        double[] a = x.d;
        double[] r = d;
        switch (op) {
            case NEGATIVE -> { for (int i = 0; i < n; i++) { r[i] = -a[i]; } }
            case ABS -> { for (int i = 0; i < n; i++) { r[i] = Math.abs(a[i]); } }
            case SQRT -> { for (int i = 0; i < n; i++) { r[i] = Math.sqrt(a[i]); } }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) { r[i] = 1.0 / a[i]; } }
            case SQUARE -> { for (int i = 0; i < n; i++) { r[i] = a[i] * a[i]; } }
            case EXP -> { for (int i = 0; i < n; i++) { r[i] = Math.exp(a[i]); } }
            case LOG -> { for (int i = 0; i < n; i++) { r[i] = Math.log(a[i]); } }
            case LOG10 -> { for (int i = 0; i < n; i++) { r[i] = Math.log10(a[i]); } }
            case SIN -> { for (int i = 0; i < n; i++) { r[i] = Math.sin(a[i]); } }
            case COS -> { for (int i = 0; i < n; i++) { r[i] = Math.cos(a[i]); } }
            case TAN -> { for (int i = 0; i < n; i++) { r[i] = Math.tan(a[i]); } }
            case FLOOR -> { for (int i = 0; i < n; i++) { r[i] = Math.floor(a[i]); } }
            case CEIL -> { for (int i = 0; i < n; i++) { r[i] = Math.ceil(a[i]); } }
            case ROUND -> { for (int i = 0; i < n; i++) { r[i] = Math.rint(a[i]); } }
            case IMAG -> java.util.Arrays.fill(r, 0, n, 0.0);
            default -> throw new AssertionError(op);
        }
    }

    private void floats(int n) {
        float[] a = x.f;
        float[] r = f;
        switch (op) {
            case NEGATIVE -> { for (int i = 0; i < n; i++) { r[i] = -a[i]; } }
            case ABS -> { for (int i = 0; i < n; i++) { r[i] = Math.abs(a[i]); } }
            // sqrt in double then float is correctly rounded (double has more than 2 * 24 + 2 bits).
            case SQRT -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.sqrt(a[i]); } }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) { r[i] = 1.0f / a[i]; } }
            case SQUARE -> { for (int i = 0; i < n; i++) { r[i] = a[i] * a[i]; } }
            case EXP -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.exp(a[i]); } }
            case LOG -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.log(a[i]); } }
            case LOG10 -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.log10(a[i]); } }
            case SIN -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.sin(a[i]); } }
            case COS -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.cos(a[i]); } }
            case TAN -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.tan(a[i]); } }
            case FLOOR -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.floor(a[i]); } }
            case CEIL -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.ceil(a[i]); } }
            case ROUND -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.rint(a[i]); } }
            case IMAG -> java.util.Arrays.fill(r, 0, n, 0f);
            default -> throw new AssertionError(op);
        }
    }

    private void longs(int n) {
        long[] a = x.l;
        long[] r = l;
        switch (op) {
            case NEGATIVE -> { for (int i = 0; i < n; i++) { r[i] = -a[i]; } }
            case ABS -> {
                if (kind.isUnsigned()) {
                    System.arraycopy(a, 0, r, 0, n);
                } else {
                    for (int i = 0; i < n; i++) { r[i] = Math.abs(a[i]); }
                }
            }
            case SQUARE -> { for (int i = 0; i < n; i++) { r[i] = a[i] * a[i]; } }
            // Integers are already integral: NumPy 2's floor, ceil and round keep them.
            case FLOOR, CEIL, ROUND -> System.arraycopy(a, 0, r, 0, n);
            case IMAG -> java.util.Arrays.fill(r, 0, n, 0L);
            default -> throw new AssertionError(op);
        }
        wrapAll(kind, r, n);
    }

    private void predicate(int n) {
        byte[] r = b;
        switch (x.dom) {
            case B -> {
                byte[] a = x.b;
                switch (op) {
                    case NOT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] ^ 1); } }
                    // abs, floor, ceil and round of bool are bool (NumPy's '?->?' loops).
                    case ABS, FLOOR, CEIL, ROUND -> System.arraycopy(a, 0, r, 0, n);
                    case ISFINITE -> java.util.Arrays.fill(r, 0, n, (byte) 1);
                    case ISNAN, ISINF, IMAG -> java.util.Arrays.fill(r, 0, n, (byte) 0);
                    default -> throw new AssertionError(op);
                }
            }
            case L -> java.util.Arrays.fill(r, 0, n, (byte) (op == Op.ISFINITE ? 1 : 0));
            case F -> {
                float[] a = x.f;
                switch (op) {
                    case ISNAN -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] != a[i] ? 1 : 0); } }
                    case ISINF -> { for (int i = 0; i < n; i++) { r[i] = (byte) (Float.isInfinite(a[i]) ? 1 : 0); } }
                    default -> { for (int i = 0; i < n; i++) { r[i] = (byte) (Float.isFinite(a[i]) ? 1 : 0); } }
                }
            }
            case D -> {
                double[] a = x.d;
                switch (op) {
                    case ISNAN -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] != a[i] ? 1 : 0); } }
                    case ISINF -> { for (int i = 0; i < n; i++) { r[i] = (byte) (Double.isInfinite(a[i]) ? 1 : 0); } }
                    default -> { for (int i = 0; i < n; i++) { r[i] = (byte) (Double.isFinite(a[i]) ? 1 : 0); } }
                }
            }
        }
    }

    /** {@code where(cond, a, b)}: operands already cast (cond to bool, a and b to the result kind). */
    static final class Where extends ExprKernel {
        private final ExprKernel cond;
        private final ExprKernel a;
        private final ExprKernel c;

        Where(Kind kind, ExprKernel cond, ExprKernel a, ExprKernel c, int block) {
            super(kind, block);
            this.cond = cond;
            this.a = a;
            this.c = c;
        }

        @Override
        void compute(long from, int n) {
            cond.compute(from, n);
            a.compute(from, n);
            c.compute(from, n);
            byte[] m = cond.b;
            switch (dom) {
                case B -> { for (int i = 0; i < n; i++) { b[i] = m[i] != 0 ? a.b[i] : c.b[i]; } }
                case L -> { for (int i = 0; i < n; i++) { l[i] = m[i] != 0 ? a.l[i] : c.l[i]; } }
                case F -> { for (int i = 0; i < n; i++) { f[i] = m[i] != 0 ? a.f[i] : c.f[i]; } }
                case D -> { for (int i = 0; i < n; i++) { d[i] = m[i] != 0 ? a.d[i] : c.d[i]; } }
                case C -> {
                    for (int i = 0; i < n; i++) {
                        d[i] = m[i] != 0 ? a.d[i] : c.d[i];
                        di[i] = m[i] != 0 ? a.di[i] : c.di[i];
                    }
                }
            }
        }
    }
}
