package org.memmap4j.compute;

import org.memmap4j.DType.Kind;
import org.memmap4j.compute.ExprOp.Op;

/**
 * A binary operation on two kernels already cast to the operation's loop type (as NumPy casts inputs to the
 * ufunc loop's dtype): arithmetic gives that type, comparisons give bool. One tight loop per operation and carrier,
 * with the switch outside the loop, so C2 can vectorise the float and double loops; float16 results are rounded
 * after each operation. Integer comparisons between kinds of different signedness compare exact values (NumPy 2's
 * comparison loops), so both operands stay in their own kind.
 */
final class ExprBinaryKernel extends ExprKernel {

    private final Op op;
    private final ExprKernel x;
    private final ExprKernel y;

    ExprBinaryKernel(Op op, Kind resultKind, ExprKernel x, ExprKernel y, int block) {
        super(resultKind, block);
        this.op = op;
        this.x = x;
        this.y = y;
    }

    @Override
    void compute(long from, int n) {
        x.compute(from, n);
        y.compute(from, n);
        if (op.isComparison()) {
            compare(n);
            return;
        }
        switch (dom) {
            case B -> bools(n);
            case L -> longs(n);
            case F -> {
                floats(n);
                if (kind == Kind.FLOAT16) {
                    roundHalf(f, n);
                }
            }
            case D -> doubles(n);
        }
    }

    private void doubles(int n) {
        double[] a = x.d;
        double[] c = y.d;
        double[] r = d;
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + c[i]; } }
            case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - c[i]; } }
            case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * c[i]; } }
            case DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = a[i] / c[i]; } }
            case FLOOR_DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.floorDivide(a[i], c[i]); } }
            case MOD -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.mod(a[i], c[i]); } }
            case POWER -> { for (int i = 0; i < n; i++) { r[i] = Math.pow(a[i], c[i]); } }
            case MAXIMUM -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.maximum(a[i], c[i]); } }
            case MINIMUM -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.minimum(a[i], c[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private void floats(int n) {
        float[] a = x.f;
        float[] c = y.f;
        float[] r = f;
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + c[i]; } }
            case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - c[i]; } }
            case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * c[i]; } }
            case DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = a[i] / c[i]; } }
            case FLOOR_DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.floorDivide(a[i], c[i]); } }
            case MOD -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.mod(a[i], c[i]); } }
            case POWER -> { for (int i = 0; i < n; i++) { r[i] = (float) Math.pow(a[i], c[i]); } }
            case MAXIMUM -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.maximum(a[i], c[i]); } }
            case MINIMUM -> { for (int i = 0; i < n; i++) { r[i] = ExprMath.minimum(a[i], c[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private void longs(int n) {
        long[] a = x.l;
        long[] c = y.l;
        long[] r = l;
        boolean u64 = kind == Kind.UINT64;
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + c[i]; } }
            case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - c[i]; } }
            case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * c[i]; } }
            case FLOOR_DIVIDE -> {
                if (u64) {
                    for (int i = 0; i < n; i++) { r[i] = ExprMath.floorDivideUnsigned(a[i], c[i]); }
                } else {
                    for (int i = 0; i < n; i++) { r[i] = ExprMath.floorDivide(a[i], c[i]); }
                }
            }
            case MOD -> {
                if (u64) {
                    for (int i = 0; i < n; i++) { r[i] = ExprMath.modUnsigned(a[i], c[i]); }
                } else {
                    for (int i = 0; i < n; i++) { r[i] = ExprMath.mod(a[i], c[i]); }
                }
            }
            case POWER -> {
                boolean unsigned = kind.isUnsigned();
                for (int i = 0; i < n; i++) { r[i] = ExprMath.power(a[i], c[i], unsigned); }
            }
            case MAXIMUM -> {
                if (u64) {
                    for (int i = 0; i < n; i++) { r[i] = Long.compareUnsigned(a[i], c[i]) >= 0 ? a[i] : c[i]; }
                } else {
                    for (int i = 0; i < n; i++) { r[i] = Math.max(a[i], c[i]); }
                }
            }
            case MINIMUM -> {
                if (u64) {
                    for (int i = 0; i < n; i++) { r[i] = Long.compareUnsigned(a[i], c[i]) <= 0 ? a[i] : c[i]; }
                } else {
                    for (int i = 0; i < n; i++) { r[i] = Math.min(a[i], c[i]); }
                }
            }
            default -> throw new AssertionError(op);
        }
        wrapAll(kind, r, n);
    }

    private void bools(int n) {
        byte[] a = x.b;
        byte[] c = y.b;
        byte[] r = b;
        switch (op) {
            // NumPy's bool loops: add and maximum are "or", multiply and minimum "and".
            case ADD, MAXIMUM, OR -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] | c[i]); } }
            case MULTIPLY, MINIMUM, AND -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] & c[i]); } }
            case XOR -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] ^ c[i]); } }
            default -> throw new AssertionError(op);
        }
    }

    private void compare(int n) {
        byte[] r = b;
        switch (x.dom) {
            case B -> {
                byte[] a = x.b;
                byte[] c = y.b;
                for (int i = 0; i < n; i++) { r[i] = test(Integer.compare(a[i], c[i])); }
            }
            case L -> compareLongs(n);
            case F -> {
                float[] a = x.f;
                float[] c = y.f;
                switch (op) {
                    case EQ -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] == c[i] ? 1 : 0); } }
                    case NE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] != c[i] ? 1 : 0); } }
                    case LT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] < c[i] ? 1 : 0); } }
                    case LE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] <= c[i] ? 1 : 0); } }
                    case GT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] > c[i] ? 1 : 0); } }
                    default -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] >= c[i] ? 1 : 0); } }
                }
            }
            case D -> {
                double[] a = x.d;
                double[] c = y.d;
                switch (op) {
                    case EQ -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] == c[i] ? 1 : 0); } }
                    case NE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] != c[i] ? 1 : 0); } }
                    case LT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] < c[i] ? 1 : 0); } }
                    case LE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] <= c[i] ? 1 : 0); } }
                    case GT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] > c[i] ? 1 : 0); } }
                    default -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] >= c[i] ? 1 : 0); } }
                }
            }
        }
    }

    /** Exact comparison of two integers of possibly different signedness (uint64 bits above 2^63 are large). */
    private void compareLongs(int n) {
        long[] a = x.l;
        long[] c = y.l;
        boolean ua = x.kind == Kind.UINT64;
        boolean uc = y.kind == Kind.UINT64;
        byte[] r = b;
        if (!ua && !uc) {
            switch (op) {
                case EQ -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] == c[i] ? 1 : 0); } }
                case NE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] != c[i] ? 1 : 0); } }
                case LT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] < c[i] ? 1 : 0); } }
                case LE -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] <= c[i] ? 1 : 0); } }
                case GT -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] > c[i] ? 1 : 0); } }
                default -> { for (int i = 0; i < n; i++) { r[i] = (byte) (a[i] >= c[i] ? 1 : 0); } }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int cmp;
            if (ua && uc) {
                cmp = Long.compareUnsigned(a[i], c[i]);
            } else if (ua) {
                cmp = a[i] < 0 ? 1 : Long.compare(a[i], c[i]);
            } else {
                cmp = c[i] < 0 ? -1 : Long.compare(a[i], c[i]);
            }
            r[i] = test(cmp);
        }
    }

    private byte test(int cmp) {
        boolean t = switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            default -> cmp >= 0;
        };
        return (byte) (t ? 1 : 0);
    }
}
