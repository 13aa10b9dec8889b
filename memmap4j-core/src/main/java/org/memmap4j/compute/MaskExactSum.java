package org.memmap4j.compute;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact sum of doubles, rounded once when read. Exact addition is associative, so partial sums of chunks
 * merge to the same result whatever the chunking and thread count: this is what makes float reductions
 * deterministic without keeping every block's partial.
 *
 * <p>A double is {@code m * 2^(e - 1074)} with an integer {@code m < 2^53} and {@code 0 <= e <= 2045}; it is added
 * into 32-bit limbs held in longs, whose 31 spare bits absorb carries until a periodic normalisation. NaN and
 * infinities are tracked apart, giving what IEEE addition in any order would.
 */
final class MaskExactSum implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final int LIMBS = 70;
    private static final long MASK = 0xFFFF_FFFFL;
    private static final BigDecimal ULP = new BigDecimal(Double.MIN_VALUE); // 2^-1074, exactly

    private final long[] limbs = new long[LIMBS];
    private int pending;
    private boolean nan;
    private boolean posInf;
    private boolean negInf;

    /** Adds a value exactly. */
    void add(double x) {
        if (x == 0) {
            return;
        }
        if (!Double.isFinite(x)) {
            if (x != x) {
                nan = true;
            } else if (x > 0) {
                posInf = true;
            } else {
                negInf = true;
            }
            return;
        }
        long bits = Double.doubleToRawLongBits(x);
        int exp = (int) ((bits >>> 52) & 0x7FF);
        long mant = bits & ((1L << 52) - 1);
        if (exp == 0) {
            exp = 1;
        } else {
            mant |= 1L << 52;
        }
        int shift = exp - 1;
        int k = shift >>> 5;
        int s = shift & 31;
        long p0 = (mant << s) & MASK;
        long p1 = ((mant << s) >>> 32) & MASK;
        long p2 = s == 0 ? 0 : mant >>> (64 - s);
        if (bits < 0) {
            limbs[k] -= p0;
            limbs[k + 1] -= p1;
            limbs[k + 2] -= p2;
        } else {
            limbs[k] += p0;
            limbs[k + 1] += p1;
            limbs[k + 2] += p2;
        }
        if (++pending == 1 << 30) {
            normalize();
        }
    }

    /** Adds another exact sum. */
    void add(MaskExactSum o) {
        normalize();
        o.normalize();
        for (int i = 0; i < LIMBS; i++) {
            limbs[i] += o.limbs[i];
        }
        pending = 1;
        nan |= o.nan;
        posInf |= o.posInf;
        negInf |= o.negInf;
    }

    /** Moves carries up so that every limb but the top one lies in [0, 2^32). */
    private void normalize() {
        for (int i = 0; i < LIMBS - 1; i++) {
            long carry = limbs[i] >> 32;
            limbs[i] -= carry << 32;
            limbs[i + 1] += carry;
        }
        pending = 0;
    }

    /** {@return the sum, correctly rounded to a double} */
    double value() {
        if (nan || (posInf && negInf)) {
            return Double.NaN;
        }
        if (posInf) {
            return Double.POSITIVE_INFINITY;
        }
        if (negInf) {
            return Double.NEGATIVE_INFINITY;
        }
        normalize();
        BigInteger v = BigInteger.valueOf(limbs[LIMBS - 1]);
        for (int i = LIMBS - 2; i >= 0; i--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(limbs[i]));
        }
        return new BigDecimal(v).multiply(ULP).doubleValue();
    }
}
