package org.memmap4j.compute;

/**
 * Scalar functions whose NumPy definitions differ from Java's operators: floor division and remainder with
 * Python's sign rules (NumPy's {@code npy_divmod}), integer division by zero giving 0, integer power by repeated
 * squaring, and NumPy's NaN-propagating maximum/minimum.
 */
final class ExprMath {

    private ExprMath() {
    }

    /** NumPy's float64 {@code floor_divide}: {@code npy_floor_divide}, through {@code npy_divmod}. */
    static double floorDivide(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                div -= 1.0;
            }
        }
        if (div != 0) {
            double floor = Math.floor(div);
            if (div - floor > 0.5) {
                floor += 1.0;
            }
            return floor;
        }
        return Math.copySign(0.0, a / b);
    }

    /** NumPy's float64 {@code remainder}: the sign of the divisor; {@code fmod(a, 0)} (NaN) for b = 0. */
    static double mod(double a, double b) {
        double mod = a % b;
        if (b == 0) {
            return mod;
        }
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
            return mod;
        }
        return Math.copySign(0.0, b);
    }

    /** {@link #floorDivide(double, double)} in float arithmetic, as NumPy's float32 loop. */
    static float floorDivide(float a, float b) {
        if (b == 0) {
            return a / b;
        }
        float mod = a % b;
        float div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                div -= 1.0f;
            }
        }
        if (div != 0) {
            float floor = (float) Math.floor(div);
            if (div - floor > 0.5f) {
                floor += 1.0f;
            }
            return floor;
        }
        return Math.copySign(0.0f, a / b);
    }

    /** {@link #mod(double, double)} in float arithmetic, as NumPy's float32 loop. */
    static float mod(float a, float b) {
        float mod = a % b;
        if (b == 0) {
            return mod;
        }
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
            return mod;
        }
        return Math.copySign(0.0f, b);
    }

    /** NumPy's signed integer floor division: 0 for division by zero, MIN / -1 wraps (in the caller's width). */
    static long floorDivide(long a, long b) {
        if (b == 0) {
            return 0;
        }
        // Java's MIN_VALUE / -1 is MIN_VALUE: the wrap NumPy returns.
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) {
            q--;
        }
        return q;
    }

    /** NumPy's signed integer remainder: the sign of the divisor, 0 for division by zero. */
    static long mod(long a, long b) {
        if (b == 0) {
            return 0;
        }
        long r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) {
            r += b;
        }
        return r;
    }

    /** uint64 floor division (plain unsigned division), 0 for division by zero. */
    static long floorDivideUnsigned(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    /** uint64 remainder, 0 for division by zero. */
    static long modUnsigned(long a, long b) {
        return b == 0 ? 0 : Long.remainderUnsigned(a, b);
    }

    /**
     * NumPy's integer power by repeated squaring, wrapping in 64 bits (the caller wraps to the width, which gives
     * the same result as wrapping at every step). The exponent is taken as unsigned when {@code unsigned}.
     *
     * @throws IllegalArgumentException for a negative signed exponent, as NumPy's ValueError
     */
    static long power(long base, long exp, boolean unsigned) {
        if (!unsigned && exp < 0) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        if (exp == 0 || base == 1) {
            return 1;
        }
        long out = (exp & 1) != 0 ? base : 1;
        exp >>>= 1;
        while (exp != 0) {
            base *= base;
            if ((exp & 1) != 0) {
                out *= base;
            }
            exp >>>= 1;
        }
        return out;
    }

    /** NumPy's maximum: NaN if either is NaN, else the larger; on ties (±0) the second operand. */
    static double maximum(double a, double b) {
        return (a > b || a != a) ? a : b;
    }

    /** NumPy's minimum: NaN if either is NaN, else the smaller; on ties (±0) the second operand. */
    static double minimum(double a, double b) {
        return (a < b || a != a) ? a : b;
    }

    /** {@link #maximum(double, double)} for floats. */
    static float maximum(float a, float b) {
        return (a > b || a != a) ? a : b;
    }

    /** {@link #minimum(double, double)} for floats. */
    static float minimum(float a, float b) {
        return (a < b || a != a) ? a : b;
    }
}
