package org.memmap4j.compute;

import org.memmap4j.DType.Kind;

/**
 * {@code np.round(a, decimals)} built from other expressions, as NumPy's {@code PyArray_Round} builds it from ufuncs:
 * multiply (or divide) by a power of ten given as a Python float, {@code rint}, divide (or multiply) back. Each step
 * is one ufunc with NEP 50's weak scalar, so the steps run in the array's own precision and give NumPy's bits.
 */
final class ExprRound {

    private ExprRound() {
    }

    static Expr round(Expr a, int decimals) {
        Kind k = a.ty.kind();
        if (a.ty.weak() && decimals != 0) {
            // np.round of a Python number rounds the array it makes: a strong int64, float64 or complex128.
            return round(a.astype(k), decimals);
        }
        if (k.isComplex()) {
            // Each part separately, as NumPy rounds the real and imaginary views.
            return ExprOp.complex(round(a.real(), decimals), round(a.imag(), decimals), k);
        }
        if (decimals == 0) {
            return a.round();
        }
        if (k.isBool()) {
            throw new IllegalArgumentException("Cannot cast ufunc '" + (decimals > 0 ? "multiply" : "divide")
                    + "' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'");
        }
        if (k.isInteger()) {
            if (decimals > 0) {
                return a;
            }
            // Integers go through float64 (NumPy's out array) and are cast back unsafely.
            double p = powerOfTen(-decimals);
            return a.divide(p).round().multiply(p).astype(k);
        }
        double p = powerOfTen(Math.abs(decimals));
        return decimals > 0 ? a.multiply(p).round().divide(p) : a.divide(p).round().multiply(p);
    }

    /** NumPy's {@code power_of_ten}: a table up to 1e8, then repeated multiplication by 10 from 1e9. */
    static double powerOfTen(int n) {
        if (n < 9) {
            double r = 1;
            for (int i = 0; i < n; i++) {
                r *= 10;
            }
            return r;
        }
        double r = 1e9;
        for (int i = 9; i < n; i++) {
            r *= 10.0;
        }
        return r;
    }
}
