package org.memmap4j.compute;

/**
 * Complex scalar functions as NumPy 2 computes them on x86-64, on (real, imaginary) pairs of doubles; results go to
 * {@code re[i]} and {@code im[i]}. With {@code single} the operands are complex64 parts (floats held in doubles) and
 * every step is rounded to float: a double {@code + - * /} or square root of two floats, rounded to float, is
 * exactly the float operation's result, so these steps give float arithmetic's bits.
 *
 * <ul>
 *   <li>{@code multiply} and {@code square} follow NumPy's AVX2 kernel, which fuses one product into an FMA
 *       ({@code fmaddsub}); {@code divide} and {@code reciprocal} are NumPy's loops (Smith's algorithm);
 *       {@code abs} is NumPy's vector kernel ({@code larger * sqrt(1 + (smaller/larger)^2)}, with an FMA): all
 *       give NumPy's bits.</li>
 *   <li>{@code sqrt}, {@code exp} and {@code log} follow glibc's {@code csqrt}, {@code cexp} and {@code clog}
 *       (which NumPy calls) step by step, with {@link Math}'s real functions in place of glibc's: results may
 *       differ in the last bit or two where those differ, and complex64 ones where glibc's float functions are not
 *       correctly rounded.</li>
 *   <li>{@code power} is NumPy's {@code npy_cpow}: repeated multiplication for integral exponents below 100 in
 *       magnitude (exact bits), else glibc's {@code cexp(b * clog(a))}.</li>
 * </ul>
 */
final class ExprComplexMath {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double LN2 = 0.6931471805599453;
    private static final double LOG10E = 0.4342944819032518;

    private ExprComplexMath() {
    }

    /** Rounds one step's result to float for complex64. */
    static double r(double x, boolean single) {
        return single ? (float) x : x;
    }

    private static double max(boolean single) {
        return single ? Float.MAX_VALUE : Double.MAX_VALUE;
    }

    /** The smallest normal value. */
    private static double min(boolean single) {
        return single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    // ---- arithmetic -----------------------------------------------------------------------------------------------

    /** NumPy's vector multiply: {@code (fma(ar, br, -(ai*bi)), fma(ar, bi, ai*br))}. */
    static void multiply(double ar, double ai, double br, double bi, boolean single, double[] re, double[] im, int i) {
        if (single) {
            float xr = (float) ar;
            float xi = (float) ai;
            float yr = (float) br;
            float yi = (float) bi;
            re[i] = Math.fma(xr, yr, -(xi * yi));
            im[i] = Math.fma(xr, yi, xi * yr);
        } else {
            re[i] = Math.fma(ar, br, -(ai * bi));
            im[i] = Math.fma(ar, bi, ai * br);
        }
    }

    /** The plain product of npymath's {@code cmul}, used by {@code npy_cpow} (no FMA). */
    private static void cmul(double ar, double ai, double br, double bi, boolean single, double[] out) {
        double re = r(r(ar * br, single) - r(ai * bi, single), single);
        double im = r(r(ar * bi, single) + r(ai * br, single), single);
        out[0] = re;
        out[1] = im;
    }

    /** NumPy's complex divide loop: Smith's algorithm, with its handling of NaN and infinite operands. */
    static void divide(double ar, double ai, double br, double bi, boolean single, double[] re, double[] im, int i) {
        double abr = Math.abs(br);
        double abi = Math.abs(bi);
        boolean arNan = ar != ar;
        boolean aiNan = ai != ai;
        if (br == br && bi == bi && (arNan || aiNan)
                && ((((!arNan && Double.isInfinite(ar)) || (!aiNan && Double.isInfinite(ai))) && (br != 0 || bi != 0))
                    || (Double.isInfinite(br) && Double.isInfinite(bi)))) {
            double nan = arNan ? ar : ai;
            re[i] = nan;
            im[i] = nan;
        } else if (abr >= abi) {
            if (abr == 0 && abi == 0) {
                if ((arNan && (ai == 0 || aiNan)) || (ar == 0 && aiNan)) {
                    re[i] = arNan ? ar : ai;
                    im[i] = aiNan ? ai : ar;
                } else {
                    // Division by zero gives a complex infinity or NaN.
                    re[i] = ar / abr;
                    im[i] = ai / abi;
                }
            } else {
                double rat = r(bi / br, single);
                double scl = r(1.0 / r(br + r(bi * rat, single), single), single);
                re[i] = r(r(ar + r(ai * rat, single), single) * scl, single);
                im[i] = r(r(ai - r(ar * rat, single), single) * scl, single);
            }
        } else {
            double rat = r(br / bi, single);
            double scl = r(1.0 / r(bi + r(br * rat, single), single), single);
            re[i] = r(r(r(ar * rat, single) + ai, single) * scl, single);
            im[i] = r(r(r(ai * rat, single) - ar, single) * scl, single);
        }
    }

    /** npymath's {@code cdiv} (Smith's algorithm without the NaN cases), used by {@code npy_cpow}. */
    private static void cdiv(double ar, double ai, double br, double bi, boolean single, double[] out) {
        double abr = Math.abs(br);
        double abi = Math.abs(bi);
        if (abr >= abi) {
            if (abr == 0 && abi == 0) {
                out[0] = ar / abr;
                out[1] = ai / abi;
            } else {
                double rat = r(bi / br, single);
                double scl = r(1.0 / r(br + r(bi * rat, single), single), single);
                out[0] = r(r(ar + r(ai * rat, single), single) * scl, single);
                out[1] = r(r(ai - r(ar * rat, single), single) * scl, single);
            }
        } else {
            double rat = r(br / bi, single);
            double scl = r(1.0 / r(bi + r(br * rat, single), single), single);
            out[0] = r(r(r(ar * rat, single) + ai, single) * scl, single);
            out[1] = r(r(r(ai * rat, single) - ar, single) * scl, single);
        }
    }

    /** NumPy's complex reciprocal loop ({@code x ** -1}). */
    static void reciprocal(double xr, double xi, boolean single, double[] re, double[] im, int i) {
        if (Math.abs(xi) <= Math.abs(xr)) {
            double q = r(xi / xr, single);
            double d = r(xr + r(xi * q, single), single);
            re[i] = r(1 / d, single);
            im[i] = r(-q / d, single);
        } else {
            double q = r(xr / xi, single);
            double d = r(r(xr * q, single) + xi, single);
            re[i] = r(q / d, single);
            im[i] = r(-1 / d, single);
        }
    }

    /** NumPy's vector absolute value: infinities first, then NaN, then {@code larger * sqrt(fma(q, q, 1))}. */
    static double abs(double xr, double xi, boolean single) {
        double a = Math.abs(xr);
        double b = Math.abs(xi);
        if (a == INF || b == INF) {
            return INF;
        }
        if (a != a || b != b) {
            return Double.NaN;
        }
        double larger = Math.max(a, b);
        double smaller = Math.min(a, b);
        if (larger == 0) {
            return 0;
        }
        if (single) {
            float q = (float) smaller / (float) larger;
            return (float) Math.sqrt(Math.fma(q, q, 1f)) * (float) larger;
        }
        double q = smaller / larger;
        return Math.sqrt(Math.fma(q, q, 1.0)) * larger;
    }

    // ---- comparisons (NumPy's lexicographic order; a NaN imaginary part makes real-part order false) ---------------

    static boolean lt(double xr, double xi, double yr, double yi) {
        return (xr < yr && xi == xi && yi == yi) || (xr == yr && xi < yi);
    }

    static boolean le(double xr, double xi, double yr, double yi) {
        return (xr < yr && xi == xi && yi == yi) || (xr == yr && xi <= yi);
    }

    static boolean gt(double xr, double xi, double yr, double yi) {
        return (xr > yr && xi == xi && yi == yi) || (xr == yr && xi > yi);
    }

    static boolean ge(double xr, double xi, double yr, double yi) {
        return (xr > yr && xi == xi && yi == yi) || (xr == yr && xi >= yi);
    }

    /** NumPy's complex maximum (or minimum): x if it has a NaN part or is not below (above) y, else y. */
    static boolean keepsFirst(double xr, double xi, double yr, double yi, boolean max) {
        return xr != xr || xi != xi || (max ? ge(xr, xi, yr, yi) : le(xr, xi, yr, yi));
    }

    // ---- glibc's complex functions -----------------------------------------------------------------------------

    /** glibc's {@code hypot} (correctly rounded in practice), or {@code hypotf}: the float square root of a double sum. */
    static double hypot(double x, double y, boolean single) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return Double.isInfinite(x) || Double.isInfinite(y) ? INF : x + y;
        }
        if (single) {
            return (float) Math.sqrt(x * x + y * y);
        }
        x = Math.abs(x);
        y = Math.abs(y);
        double ax = Math.max(x, y);
        double ay = Math.min(x, y);
        if (ax > 0x1p511) {
            return ay <= ax * 0x1p-54 ? ax + ay : hypotKernel(ax * 0x1p-600, ay * 0x1p-600) / 0x1p-600;
        }
        if (ay < 0x1p-511) {
            return ax >= ay / 0x1p-54 ? ax + ay : hypotKernel(ax / 0x1p-600, ay / 0x1p-600) * 0x1p-600;
        }
        return ay <= ax * 0x1p-54 ? ax + ay : hypotKernel(ax, ay);
    }

    /** glibc's hypot kernel without FMA: a square root corrected by its rounding error (Borges' algorithm). */
    private static double hypotKernel(double ax, double ay) {
        double h = Math.sqrt(ax * ax + ay * ay);
        double t1;
        double t2;
        if (h <= 2.0 * ay) {
            double delta = h - ay;
            t1 = ax * (2.0 * delta - ax);
            t2 = (delta - 2.0 * (ax - ay)) * delta;
        } else {
            double delta = h - ax;
            t1 = 2.0 * delta * (ax - 2.0 * ay);
            t2 = (4.0 * delta - ay) * ay + delta * delta;
        }
        return h - (t1 + t2) / (2.0 * h);
    }

    /** glibc's {@code csqrt}: the principal square root, with Re ≥ 0 and Im of the sign of x's imaginary part. */
    static void sqrt(double x, double y, boolean single, double[] re, double[] im, int i) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            if (Double.isInfinite(y)) {
                re[i] = INF;
                im[i] = y;
            } else if (Double.isInfinite(x)) {
                if (x < 0) {
                    re[i] = y != y ? Double.NaN : 0;
                    im[i] = Math.copySign(INF, y);
                } else {
                    re[i] = x;
                    im[i] = y != y ? Double.NaN : Math.copySign(0.0, y);
                }
            } else {
                re[i] = Double.NaN;
                im[i] = Double.NaN;
            }
            return;
        }
        if (y == 0) {
            if (x < 0) {
                re[i] = 0;
                im[i] = Math.copySign(r(Math.sqrt(-x), single), y);
            } else {
                re[i] = Math.abs(r(Math.sqrt(x), single));
                im[i] = Math.copySign(0.0, y);
            }
            return;
        }
        if (x == 0) {
            double ay = Math.abs(y);
            double s = ay >= 2 * min(single) ? r(Math.sqrt(r(0.5 * ay, single)), single)
                    : r(0.5 * r(Math.sqrt(r(2 * ay, single)), single), single);
            re[i] = s;
            im[i] = Math.copySign(s, y);
            return;
        }
        int scale = 0;
        double m = max(single);
        if (Math.abs(x) > m / 4) {
            scale = 1;
            x = Math.scalb(x, -2);
            y = Math.scalb(y, -2);
        } else if (Math.abs(y) > m / 4) {
            scale = 1;
            x = Math.abs(x) >= 4 * min(single) ? Math.scalb(x, -2) : 0;
            y = Math.scalb(y, -2);
        } else if (Math.abs(x) < 2 * min(single) && Math.abs(y) < 2 * min(single)) {
            scale = -(((single ? 24 : 53) + 1) / 2);
            x = Math.scalb(x, -2 * scale);
            y = Math.scalb(y, -2 * scale);
        }
        double d = hypot(x, y, single);
        double rr;
        double s;
        // Uses 2 Re(res) Im(res) = Im(x) to avoid the cancellation in d -/+ Re(x).
        if (x > 0) {
            rr = r(Math.sqrt(r(0.5 * r(d + x, single), single)), single);
            if (scale == 1 && Math.abs(y) < 1) {
                s = r(y / rr, single);
                rr = r(Math.scalb(rr, scale), single);
                scale = 0;
            } else {
                s = r(0.5 * r(y / rr, single), single);
            }
        } else {
            s = r(Math.sqrt(r(0.5 * r(d - x, single), single)), single);
            if (scale == 1 && Math.abs(y) < 1) {
                rr = Math.abs(r(y / s, single));
                s = r(Math.scalb(s, scale), single);
                scale = 0;
            } else {
                rr = Math.abs(r(0.5 * r(y / s, single), single));
            }
        }
        if (scale != 0) {
            rr = r(Math.scalb(rr, scale), single);
            s = r(Math.scalb(s, scale), single);
        }
        re[i] = rr;
        im[i] = Math.copySign(s, y);
    }

    /** glibc's {@code cexp}: exp(x) (cos y + i sin y), scaled to avoid a spurious overflow of exp(x). */
    static void exp(double x, double y, boolean single, double[] re, double[] im, int i) {
        if (Double.isFinite(x)) {
            if (!Double.isFinite(y)) {
                re[i] = Double.NaN;
                im[i] = Double.NaN;
                return;
            }
            // (MAX_EXP - 1) * ln 2, truncated.
            int t = single ? 88 : 709;
            double sin = y;
            double cos = 1;
            if (Math.abs(y) > min(single)) {
                sin = r(Math.sin(y), single);
                cos = r(Math.cos(y), single);
            }
            if (x > t) {
                double expT = r(Math.exp(t), single);
                x = r(x - t, single);
                sin = r(sin * expT, single);
                cos = r(cos * expT, single);
                if (x > t) {
                    x = r(x - t, single);
                    sin = r(sin * expT, single);
                    cos = r(cos * expT, single);
                }
            }
            if (x > t) {
                re[i] = r(max(single) * cos, single);
                im[i] = r(max(single) * sin, single);
            } else {
                double e = r(Math.exp(x), single);
                re[i] = r(e * cos, single);
                im[i] = r(e * sin, single);
            }
        } else if (Double.isInfinite(x)) {
            if (Double.isFinite(y)) {
                double value = x < 0 ? 0 : INF;
                if (y == 0) {
                    re[i] = value;
                    im[i] = y;
                } else {
                    double sin = y;
                    double cos = 1;
                    if (Math.abs(y) > min(single)) {
                        sin = Math.sin(y);
                        cos = Math.cos(y);
                    }
                    re[i] = Math.copySign(value, cos);
                    im[i] = Math.copySign(value, sin);
                }
            } else if (x > 0) {
                re[i] = INF;
                im[i] = y - y;
            } else {
                re[i] = 0;
                im[i] = Math.copySign(0.0, y);
            }
        } else {
            re[i] = Double.NaN;
            im[i] = y == 0 ? y : Double.NaN;
        }
    }

    /** The largest t with e^t finite in double: (MAX_EXP - 1) * ln 2, truncated, as glibc's complex functions use it. */
    private static final int EXP_LIMIT = 709;

    /** sin and cos of a finite x, as glibc's complex functions take them: (x, 1) for subnormal x. */
    private static void sinCos(double x, double[] sc) {
        if (Math.abs(x) > Double.MIN_NORMAL) {
            sc[0] = Math.sin(x);
            sc[1] = Math.cos(x);
        } else {
            sc[0] = x;
            sc[1] = 1;
        }
    }

    // sin, cos and tan are computed in double for both complex kinds (complex64 rounds the result once, see
    // ExprComplexKernel): glibc's float versions are not reproducible from their float steps alone.

    /**
     * glibc's {@code csin}: sin x cosh y + i cos x sinh y, with e^|y| scaled in steps of e^t so that a large |y|
     * overflows only where the result does.
     */
    static void sin(double x, double y, double[] re, double[] im, int i) {
        boolean negate = Math.copySign(1.0, x) < 0;
        double ax = Math.abs(x);
        double[] sc = new double[2];
        if (Double.isFinite(y)) {
            if (Double.isFinite(ax)) {
                sinCos(ax, sc);
                double sinix = negate ? -sc[0] : sc[0];
                double cosix = sc[1];
                if (Math.abs(y) > EXP_LIMIT) {
                    halfExpTimes(Math.abs(y), sinix, y < 0 ? -cosix : cosix, re, im, i);
                } else {
                    re[i] = Math.cosh(y) * sinix;
                    im[i] = Math.sinh(y) * cosix;
                }
            } else {
                re[i] = Double.NaN;   // inf - inf (NaN - NaN)
                im[i] = y == 0 ? y : Double.NaN;
            }
        } else if (Double.isInfinite(y)) {
            if (ax == 0) {
                re[i] = negate ? -0.0 : 0.0;
                im[i] = y;
            } else if (Double.isFinite(ax)) {
                sinCos(ax, sc);
                double rr = Math.copySign(INF, sc[0]);
                double ii = Math.copySign(INF, sc[1]);
                re[i] = negate ? -rr : rr;
                im[i] = y < 0 ? -ii : ii;
            } else {
                re[i] = Double.NaN;
                im[i] = INF;
            }
        } else {
            re[i] = ax == 0 ? (negate ? -0.0 : 0.0) : Double.NaN;
            im[i] = Double.NaN;
        }
    }

    /**
     * Sets re[i] = e^a / 2 * p and im[i] = e^a / 2 * q for an a beyond {@link #EXP_LIMIT}, where cosh a and sinh a
     * are e^a / 2 but e^a overflows: e^a is applied in steps of e^t, and a result that still overflows is the largest
     * value times the factor (so infinity, with the factor's sign), as glibc's csin and ccosh do.
     */
    private static void halfExpTimes(double a, double p, double q, double[] re, double[] im, int i) {
        double expT = Math.exp(EXP_LIMIT);
        double rest = a - EXP_LIMIT;
        p *= expT / 2;
        q *= expT / 2;
        if (rest > EXP_LIMIT) {
            rest -= EXP_LIMIT;
            p *= expT;
            q *= expT;
        }
        double e = rest > EXP_LIMIT ? Double.MAX_VALUE : Math.exp(rest);
        re[i] = e * p;
        im[i] = e * q;
    }

    /** glibc's {@code ccos}: ccosh(i z), that is ccosh(-y + i x). */
    static void cos(double x, double y, double[] re, double[] im, int i) {
        cosh(-y, x, re, im, i);
    }

    /** glibc's {@code ccosh}: cosh x cos y + i sinh x sin y, scaled like {@link #sin} for a large |x|. */
    private static void cosh(double x, double y, double[] re, double[] im, int i) {
        double[] sc = new double[2];
        if (Double.isFinite(x)) {
            if (Double.isFinite(y)) {
                sinCos(y, sc);
                if (Math.abs(x) > EXP_LIMIT) {
                    halfExpTimes(Math.abs(x), sc[1], Math.copySign(1.0, x) < 0 ? -sc[0] : sc[0], re, im, i);
                } else {
                    re[i] = Math.cosh(x) * sc[1];
                    im[i] = Math.sinh(x) * sc[0];
                }
            } else {
                im[i] = x == 0 ? 0 : Double.NaN;
                re[i] = Double.NaN;   // y - y of an infinite or NaN y
            }
        } else if (Double.isInfinite(x)) {
            if (Double.isFinite(y) && y != 0) {
                sinCos(y, sc);
                re[i] = Math.copySign(INF, sc[1]);
                im[i] = Math.copySign(INF, sc[0]) * Math.copySign(1.0, x);
            } else if (y == 0) {
                re[i] = INF;
                im[i] = y * Math.copySign(1.0, x);
            } else {
                re[i] = INF;
                im[i] = Double.NaN;
            }
        } else {
            re[i] = Double.NaN;
            im[i] = y == 0 ? y : Double.NaN;
        }
    }

    /**
     * glibc's {@code ctan}: (sin x cos x + i sinh y cosh y) / (cos^2 x + sinh^2 y), with e^(2|y|) scaled away for a
     * large |y|, where the imaginary part is +-1.
     */
    static void tan(double x, double y, double[] re, double[] im, int i) {
        double[] sc = new double[2];
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            if (Double.isInfinite(y)) {
                if (Double.isFinite(x) && Math.abs(x) > 1) {
                    sinCos(x, sc);
                    re[i] = Math.copySign(0.0, sc[0] * sc[1]);
                } else {
                    re[i] = Math.copySign(0.0, x);
                }
                im[i] = Math.copySign(1.0, y);
            } else if (x == 0) {
                re[i] = x;
                im[i] = y;
            } else {
                re[i] = Double.NaN;
                im[i] = y == 0 ? y : Double.NaN;
            }
            return;
        }
        sinCos(x, sc);
        double sinrx = sc[0];
        double cosrx = sc[1];
        int t = EXP_LIMIT / 2;
        if (Math.abs(y) > t) {
            double exp2t = Math.exp(2 * t);
            double ay = Math.abs(y) - t;
            double res = 4 * sinrx * cosrx / exp2t;
            re[i] = ay > t ? res / exp2t : res / Math.exp(2 * ay);
            im[i] = Math.copySign(1.0, y);
        } else {
            double sinhix = y;
            double coshix = 1;
            if (Math.abs(y) > Double.MIN_NORMAL) {
                sinhix = Math.sinh(y);
                coshix = Math.cosh(y);
            }
            double den = Math.abs(sinhix) > Math.abs(cosrx) * 0x1.0p-52
                    ? cosrx * cosrx + sinhix * sinhix : cosrx * cosrx;
            re[i] = sinrx * cosrx / den;
            im[i] = sinhix * coshix / den;
        }
    }

    /** glibc's {@code clog}: log|x| (with care near |x| = 1 and at the range's ends) + i atan2(y, x). */
    static void log(double x, double y, boolean single, double[] re, double[] im, int i) {
        if (x == 0 && y == 0) {
            im[i] = Math.copySign(Math.copySign(1.0, x) < 0 ? r(Math.PI, single) : 0, y);
            re[i] = -1 / Math.abs(x);
            return;
        }
        if (x != x || y != y) {
            im[i] = Double.NaN;
            re[i] = Double.isInfinite(x) || Double.isInfinite(y) ? INF : Double.NaN;
            return;
        }
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        if (ax < ay) {
            double t = ax;
            ax = ay;
            ay = t;
        }
        int scale = 0;
        double mn = min(single);
        if (ax > max(single) / 2) {
            scale = -1;
            ax = r(Math.scalb(ax, scale), single);
            ay = ay >= mn * 2 ? r(Math.scalb(ay, scale), single) : 0;
        } else if (ax < mn && ay < mn) {
            scale = single ? 24 : 53;
            ax = Math.scalb(ax, scale);
            ay = Math.scalb(ay, scale);
        }
        double eps = single ? 0x1p-23 : 0x1p-52;
        double real;
        if (ax == 1 && scale == 0) {
            real = r(r(Math.log1p(r(ay * ay, single)), single) / 2, single);
        } else if (ax > 1 && ax < 2 && ay < 1 && scale == 0) {
            double d2m1 = r(r(ax - 1, single) * r(ax + 1, single), single);
            if (ay >= eps) {
                d2m1 = r(d2m1 + r(ay * ay, single), single);
            }
            real = r(r(Math.log1p(d2m1), single) / 2, single);
        } else if (ax < 1 && ax >= 0.5 && ay < eps / 2 && scale == 0) {
            double d2m1 = r(r(ax - 1, single) * r(ax + 1, single), single);
            real = r(r(Math.log1p(d2m1), single) / 2, single);
        } else if (ax < 1 && ax >= 0.5 && scale == 0 && r(r(ax * ax, single) + r(ay * ay, single), single) >= 0.5) {
            real = r(r(Math.log1p(x2y2m1(ax, ay, single)), single) / 2, single);
        } else {
            double d = hypot(ax, ay, single);
            real = r(r(Math.log(d), single) - r(scale * r(LN2, single), single), single);
        }
        re[i] = real;
        im[i] = r(Math.atan2(y, x), single);
    }

    /**
     * glibc's {@code __x2y2m1}: x^2 + y^2 - 1 with little error, for |x| in [0.5, 1): for float in double; for double
     * from the exact products' halves (Dekker's split by FMA), added smallest first with error-free additions.
     */
    static double x2y2m1(double x, double y, boolean single) {
        if (single) {
            return (float) ((x - 1) * (x + 1) + y * y);
        }
        double[] v = new double[5];
        v[1] = x * x;
        v[0] = Math.fma(x, x, -v[1]);
        v[3] = y * y;
        v[2] = Math.fma(y, y, -v[3]);
        v[4] = -1.0;
        sortByMagnitude(v, 0);
        for (int k = 0; k <= 3; k++) {
            double hi = v[k + 1] + v[k];
            double lo = (v[k + 1] - hi) + v[k];
            v[k + 1] = hi;
            v[k] = lo;
            sortByMagnitude(v, k + 1);
        }
        return v[4] + v[3] + v[2] + v[1] + v[0];
    }

    private static void sortByMagnitude(double[] v, int from) {
        for (int a = from + 1; a < v.length; a++) {
            double t = v[a];
            int b = a - 1;
            while (b >= from && Math.abs(v[b]) > Math.abs(t)) {
                v[b + 1] = v[b];
                b--;
            }
            v[b + 1] = t;
        }
    }

    /** NumPy's {@code log10}: glibc's clog with both parts multiplied by log10(e). */
    static void log10(double x, double y, boolean single, double[] re, double[] im, int i) {
        log(x, y, single, re, im, i);
        double k = r(LOG10E, single);
        re[i] = r(re[i] * k, single);
        im[i] = r(im[i] * k, single);
    }

    /**
     * NumPy's {@code npy_cpow}: 1 for a zero exponent, 0 or NaN for a zero base, repeated multiplication for integral
     * exponents in (-100, 100) (then one division for negative ones), else glibc's {@code cexp(b * clog(a))}.
     */
    static void power(double ar, double ai, double br, double bi, boolean single, double[] re, double[] im, int i) {
        if (br == 0 && bi == 0) {
            re[i] = 1;
            im[i] = 0;
            return;
        }
        if (ar == 0 && ai == 0) {
            boolean zero = br > 0;
            re[i] = zero ? 0 : Double.NaN;
            im[i] = zero ? 0 : Double.NaN;
            return;
        }
        double[] t = new double[2];
        if (bi == 0 && br > -100 && br < 100 && br == (long) br) {
            int n = (int) br;
            if (n == 1) {
                t[0] = ar;
                t[1] = ai;
            } else if (n == 2) {
                cmul(ar, ai, ar, ai, single, t);
            } else if (n == 3) {
                cmul(ar, ai, ar, ai, single, t);
                cmul(ar, ai, t[0], t[1], single, t);
            } else {
                int k = Math.abs(n);
                double aar = 1;
                double aai = 0;
                double pr = ar;
                double pi = ai;
                for (int mask = 1; ; mask <<= 1) {
                    if ((k & mask) != 0) {
                        cmul(aar, aai, pr, pi, single, t);
                        aar = t[0];
                        aai = t[1];
                    }
                    if (k < (mask << 1)) {
                        break;
                    }
                    cmul(pr, pi, pr, pi, single, t);
                    pr = t[0];
                    pi = t[1];
                }
                t[0] = aar;
                t[1] = aai;
                if (br < 0) {
                    cdiv(1, 0, aar, aai, single, t);
                }
            }
            re[i] = t[0];
            im[i] = t[1];
            return;
        }
        log(ar, ai, single, re, im, i);
        annexGMultiply(br, bi, re[i], im[i], single, t);
        exp(t[0], t[1], single, re, im, i);
    }

    /**
     * C's complex multiplication (a + ib)(c + id), as GCC's {@code __muldc3}: the plain products, and when both parts
     * come out NaN, C11 Annex G's recovery of infinities (an infinite factor is boxed to ±1 or 0 and NaN parts of
     * the other become 0).
     */
    private static void annexGMultiply(double a, double b, double c, double d, boolean single, double[] out) {
        double ac = r(a * c, single);
        double bd = r(b * d, single);
        double ad = r(a * d, single);
        double bc = r(b * c, single);
        double x = r(ac - bd, single);
        double y = r(ad + bc, single);
        if (x != x && y != y) {
            boolean recalc = false;
            if (Double.isInfinite(a) || Double.isInfinite(b)) {
                a = box(a);
                b = box(b);
                c = unNaN(c);
                d = unNaN(d);
                recalc = true;
            }
            if (Double.isInfinite(c) || Double.isInfinite(d)) {
                c = box(c);
                d = box(d);
                a = unNaN(a);
                b = unNaN(b);
                recalc = true;
            }
            if (!recalc && (Double.isInfinite(ac) || Double.isInfinite(bd) || Double.isInfinite(ad)
                    || Double.isInfinite(bc))) {
                a = unNaN(a);
                b = unNaN(b);
                c = unNaN(c);
                d = unNaN(d);
                recalc = true;
            }
            if (recalc) {
                x = INF * r(r(a * c, single) - r(b * d, single), single);
                y = INF * r(r(a * d, single) + r(b * c, single), single);
            }
        }
        out[0] = x;
        out[1] = y;
    }

    /** An infinite part boxed to ±1, a finite one to ±0 (Annex G). */
    private static double box(double v) {
        return Math.copySign(Double.isInfinite(v) ? 1 : 0, v);
    }

    /** A NaN part replaced by a zero of its sign (Annex G). */
    private static double unNaN(double v) {
        return v != v ? Math.copySign(0.0, v) : v;
    }
}
