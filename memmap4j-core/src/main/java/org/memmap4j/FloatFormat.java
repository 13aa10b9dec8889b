package org.memmap4j;

import org.memmap4j.internal.Elements;
import java.math.BigInteger;

/**
 * Float-to-text conversion exactly as NumPy does it (its Dragon4 printer), for binary16, binary32 and binary64.
 *
 * <p>Why not {@link Double#toString(double)}: NumPy needs the shortest digits for each element's own precision
 * (float16 has no Java formatter), digit cut-offs that round the exact binary value, minimum digit counts that
 * continue past the shortest digits, and its own trimming and padding rules. Java's shortest-digit choice can also
 * differ (it may prefer a closer two-digit decimal where one digit suffices, e.g. 4.9E-324 versus NumPy's 5e-324).
 *
 * <p>Values are passed as doubles, which hold every binary16 and binary32 value exactly; the kind (FLOAT16, FLOAT32
 * or FLOAT64; complex callers pass their component's kind) says which format's neighbours decide the shortest
 * digits.
 */
final class FloatFormat {

    /** How trailing zeros and the decimal point are trimmed (NumPy's trim codes 'k', '.', '0' and '-'). */
    enum Trim {
        /** 'k': keep trailing zeros and the decimal point. */
        KEEP,
        /** '.': trim trailing zeros, keep the decimal point. */
        ZEROS,
        /** '0': trim trailing zeros but leave one after the decimal point. */
        LEAVE_ONE_ZERO,
        /** '-': trim trailing zeros and the decimal point. */
        DPT_ZEROS
    }

    private static final double LOG10_2 = 0.30102999566398119521373889472449;
    /** NumPy's digit buffer length: an upper bound on digits that unique mode never reaches. */
    private static final int MAX_DIGITS = 16384;

    /** Powers of ten up to what binary64 needs (its exponents reach 10^±324), shared by all threads. */
    private static final BigInteger[] POW10 = new BigInteger[400];

    static {
        POW10[0] = BigInteger.ONE;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1].multiply(BigInteger.TEN);
        }
    }

    private FloatFormat() {
    }

    /** Digits of a decimal, the first one standing for 10^exponent. */
    private record Digits(String digits, int exponent) {
    }

    /**
     * A finite float as {@code mantissa * 2^exponent}; {@code mantissaBit} is the index of the mantissa's highest set
     * bit and {@code unequalMargins} is true when the next float down is twice as close as the next one up.
     */
    private record Parts(boolean negative, long mantissa, int exponent, int mantissaBit, boolean unequalMargins) {
    }

    /** Returns true if the float has its sign bit set (-0.0 included, NaN per its bit). */
    static boolean signBit(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }

    private static Parts decompose(double v, DType.Kind kind) {
        long bits;
        int fracBits;
        int expBits;
        switch (kind) {
            case FLOAT16 -> {
                bits = Float.floatToFloat16((float) v) & 0xFFFF;
                fracBits = 10;
                expBits = 5;
            }
            case FLOAT32 -> {
                bits = Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL;
                fracBits = 23;
                expBits = 8;
            }
            default -> {
                bits = Double.doubleToRawLongBits(v);
                fracBits = 52;
                expBits = 11;
            }
        }
        long fraction = bits & ((1L << fracBits) - 1);
        int biased = (int) ((bits >>> fracBits) & ((1L << expBits) - 1));
        boolean negative = ((bits >>> (fracBits + expBits)) & 1) != 0;
        int bias = (1 << (expBits - 1)) - 1;
        if (biased != 0) {
            return new Parts(negative, (1L << fracBits) | fraction, biased - bias - fracBits, fracBits,
                    biased != 1 && fraction == 0);
        }
        int top = fraction == 0 ? 0 : 63 - Long.numberOfLeadingZeros(fraction);
        return new Parts(negative, fraction, 1 - bias - fracBits, top, false);
    }

    /**
     * Generates the shortest digits that identify the value among its neighbours (Steele &amp; White / Burger &amp;
     * Dybvig, with IEEE round-half-even margins), as NumPy's Dragon4 in unique mode: never past the digit at
     * {@code cutoffMax} (rounding the exact value there), and never before {@code cutoffMin} digits. Cut-offs count
     * digits after the decimal point when {@code fractional}, else all digits; -1 disables one.
     */
    private static Digits dragon4(Parts p, boolean fractional, int cutoffMax, int cutoffMin) {
        if (p.mantissa == 0) {
            return new Digits("0", 0);
        }
        boolean isEven = (p.mantissa & 1) == 0;
        // value = scaledValue / scale; margins are half the gaps to the neighbouring floats, on the same scale.
        int extra = p.unequalMargins ? 2 : 1;
        BigInteger value;
        BigInteger scale;
        BigInteger marginLow;
        if (p.exponent > 0) {
            value = BigInteger.valueOf(p.mantissa).shiftLeft(p.exponent + extra);
            scale = BigInteger.ONE.shiftLeft(extra);
            marginLow = BigInteger.ONE.shiftLeft(p.exponent);
        } else {
            value = BigInteger.valueOf(p.mantissa).shiftLeft(extra);
            scale = BigInteger.ONE.shiftLeft(-p.exponent + extra);
            marginLow = BigInteger.ONE;
        }
        // Estimate floor(log10(v)) + 1; it is exact or one too low, which the comparison below corrects.
        int digitExponent = (int) Math.ceil((double) (p.mantissaBit + p.exponent) * LOG10_2 - 0.69);
        if (cutoffMax >= 0 && fractional && digitExponent <= -cutoffMax) {
            digitExponent = -cutoffMax + 1;
        }
        if (digitExponent > 0) {
            scale = scale.multiply(POW10[digitExponent]);
        } else if (digitExponent < 0) {
            BigInteger pow = POW10[-digitExponent];
            value = value.multiply(pow);
            marginLow = marginLow.multiply(pow);
        }
        if (value.compareTo(scale) >= 0) {
            digitExponent++;
        } else {
            value = value.multiply(BigInteger.TEN);
            marginLow = marginLow.multiply(BigInteger.TEN);
        }
        int cutoffMaxExponent = digitExponent - MAX_DIGITS;
        if (cutoffMax >= 0) {
            cutoffMaxExponent = Math.max(cutoffMaxExponent, fractional ? -cutoffMax : digitExponent - cutoffMax);
        }
        int cutoffMinExponent = digitExponent;
        if (cutoffMin >= 0) {
            cutoffMinExponent = Math.min(cutoffMinExponent, fractional ? -cutoffMin : digitExponent - cutoffMin);
        }
        int outExponent = digitExponent - 1;

        StringBuilder out = new StringBuilder(24);
        int digit;
        boolean low;
        boolean high;
        while (true) {
            digitExponent--;
            BigInteger[] qr = value.divideAndRemainder(scale);
            digit = qr[0].intValue();
            value = qr[1];
            BigInteger marginHigh = p.unequalMargins ? marginLow.shiftLeft(1) : marginLow;
            int cmp = value.compareTo(marginLow);
            low = isEven ? cmp <= 0 : cmp < 0;
            cmp = value.add(marginHigh).compareTo(scale);
            high = isEven ? cmp >= 0 : cmp > 0;
            if ((low || high) && digitExponent <= cutoffMinExponent || digitExponent == cutoffMaxExponent) {
                break;
            }
            out.append((char) ('0' + digit));
            value = value.multiply(BigInteger.TEN);
            marginLow = marginLow.multiply(BigInteger.TEN);
        }
        boolean roundDown = low;
        if (low == high) {
            // Both or neither neighbour is out of reach: round the exact value to the nearest digit, ties to even.
            int cmp = value.shiftLeft(1).compareTo(scale);
            roundDown = cmp < 0 || cmp == 0 && (digit & 1) == 0;
        }
        if (roundDown) {
            out.append((char) ('0' + digit));
        } else if (digit < 9) {
            out.append((char) ('0' + digit + 1));
        } else {
            // Carry: drop trailing nines and bump the digit before them; all nines become a single 1.
            int i = out.length() - 1;
            while (i >= 0 && out.charAt(i) == '9') {
                i--;
            }
            if (i < 0) {
                out.setLength(0);
                out.append('1');
                outExponent++;
            } else {
                out.setCharAt(i, (char) (out.charAt(i) + 1));
                out.setLength(i + 1);
            }
        }
        return new Digits(out.toString(), outExponent);
    }

    /** NumPy's text for NaN and infinities: no sign on NaN, '+' on infinity only when asked. */
    private static String nonFinite(double v, boolean plus) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return (v < 0 ? "-" : plus ? "+" : "") + "inf";
    }

    /**
     * Formats in positional notation, like {@code np.format_float_positional(x, precision, unique=True,
     * fractional, trim, sign=plus, pad_left, pad_right, min_digits)}. Negative arguments mean "none".
     */
    static String positional(double v, DType.Kind kind, int precision, int minDigits, boolean plus, Trim trim,
                             int padLeft, int padRight, boolean fractional) {
        if (!Double.isFinite(v)) {
            return nonFinite(v, plus);
        }
        Parts p = decompose(v, kind);
        StringBuilder b = new StringBuilder(32);
        boolean hasSign = p.negative || plus;
        if (hasSign) {
            b.append(p.negative ? '-' : '+');
        }
        Digits d = dragon4(p, fractional, precision, minDigits);
        String ds = d.digits;
        int numWhole;
        int numFrac;
        if (d.exponent >= 0) {
            numWhole = d.exponent + 1;
            if (ds.length() <= numWhole) {
                b.append(ds).repeat('0', numWhole - ds.length());
                numFrac = 0;
            } else {
                b.append(ds, 0, numWhole).append('.').append(ds, numWhole, ds.length());
                numFrac = ds.length() - numWhole;
            }
        } else {
            int zeros = -(d.exponent + 1);
            numWhole = 1;
            b.append("0.").repeat('0', zeros).append(ds);
            numFrac = zeros + ds.length();
        }
        if (trim != Trim.DPT_ZEROS && numFrac == 0) {
            b.append('.');
        }
        int desiredFrac = fractional ? Math.max(minDigits, 0) : minDigits - numWhole;
        numFrac = trimEnd(b, numFrac, trim, desiredFrac, true);
        if (padRight >= numFrac) {
            if (trim == Trim.DPT_ZEROS && numFrac == 0) {
                b.append(' ');
            }
            b.repeat(' ', padRight - numFrac);
        }
        int left = padLeft - numWhole - (hasSign ? 1 : 0);
        return left > 0 ? " ".repeat(left) + b : b.toString();
    }

    /**
     * Formats in scientific notation, like {@code np.format_float_scientific(x, precision, unique=True, trim,
     * sign=plus, pad_left, exp_digits, min_digits)}. Negative arguments mean "none".
     */
    static String scientific(double v, DType.Kind kind, int precision, int minDigits, boolean plus, Trim trim,
                             int padLeft, int expDigits) {
        if (!Double.isFinite(v)) {
            return nonFinite(v, plus);
        }
        Parts p = decompose(v, kind);
        StringBuilder b = new StringBuilder(32);
        boolean hasSign = p.negative || plus;
        b.repeat(' ', Math.max(0, padLeft - 1 - (hasSign ? 1 : 0)));
        if (hasSign) {
            b.append(p.negative ? '-' : '+');
        }
        Digits d = dragon4(p, false, precision < 0 ? -1 : precision + 1, minDigits < 0 ? -1 : minDigits + 1);
        String ds = d.digits;
        b.append(ds.charAt(0));
        int numFrac = ds.length() - 1;
        if (numFrac > 0) {
            b.append('.').append(ds, 1, ds.length());
        }
        if (trim != Trim.DPT_ZEROS && numFrac == 0) {
            b.append('.');
        }
        trimEnd(b, numFrac, trim, Math.max(minDigits, 0), false);
        int exp = Math.abs(d.exponent);
        String e = Integer.toString(exp);
        int width = expDigits < 0 ? 2 : Math.min(expDigits, 5);
        b.append('e').append(d.exponent >= 0 ? '+' : '-').repeat('0', Math.max(0, width - e.length())).append(e);
        return b.toString();
    }

    /**
     * Applies the trim mode to the fraction at the end of b (after any '.' was added), padding with zeros to
     * desiredFrac digits in KEEP mode; positional mode also drops a bare '.' for DPT_ZEROS. Returns the new
     * number of fraction digits.
     */
    private static int trimEnd(StringBuilder b, int numFrac, Trim trim, int desiredFrac, boolean positional) {
        if (trim == Trim.LEAVE_ONE_ZERO) {
            if (numFrac == 0) {
                b.append('0');
                numFrac++;
            }
        } else if (trim == Trim.KEEP && desiredFrac > numFrac) {
            b.repeat('0', desiredFrac - numFrac);
            numFrac = desiredFrac;
        }
        if (trim != Trim.KEEP && numFrac > 0) {
            while (b.charAt(b.length() - 1) == '0') {
                b.setLength(b.length() - 1);
                numFrac--;
            }
            if (b.charAt(b.length() - 1) == '.') {
                if (trim == Trim.LEAVE_ONE_ZERO) {
                    b.append('0');
                    numFrac++;
                } else if (trim == Trim.DPT_ZEROS && positional) {
                    b.setLength(b.length() - 1);
                }
            }
        }
        return numFrac;
    }

    // ---- scalars: str(np.float32(x)), str(np.complex128(z)) -----------------------------------------------

    /** The magnitude from which str() of a scalar switches to scientific notation (NumPy 2.x, not legacy). */
    private static double maxPositional(DType.Kind kind) {
        return switch (kind) {
            case FLOAT16 -> 1e3;
            case FLOAT32 -> 1e6;
            default -> 1e16;
        };
    }

    /**
     * Returns {@code str()} of a NumPy float scalar of the kind: shortest digits, positional ("0.1", "5.0") for
     * magnitudes in [1e-4, cutoff) and zero, else scientific ("1e+16", "1.5e-05").
     */
    static String scalarStr(double v, DType.Kind kind) {
        return either(v, kind, Trim.LEAVE_ONE_ZERO, Trim.DPT_ZEROS, false);
    }

    private static String either(double v, DType.Kind kind, Trim trimPos, Trim trimSci, boolean plus) {
        double abs = Math.abs(v);
        if (abs == 0 || Double.isNaN(v) || abs < maxPositional(kind) && abs >= 1e-4) {
            return positional(v, kind, -1, -1, plus, trimPos, -1, -1, false);
        }
        return scientific(v, kind, -1, -1, plus, trimSci, -1, -1);
    }

    /** Returns {@code str()} of a NumPy complex scalar: "(1+2j)", "1j", "(nan+infj)", "-0j". */
    static String complexScalarStr(double re, double im, DType.Kind kind) {
        if (re == 0 && !signBit(re)) {
            return either(im, kind, Trim.DPT_ZEROS, Trim.DPT_ZEROS, false) + "j";
        }
        String r = Double.isFinite(re) ? either(re, kind, Trim.DPT_ZEROS, Trim.DPT_ZEROS, false) : nonFinite(re, false);
        String i = Double.isFinite(im) ? either(im, kind, Trim.DPT_ZEROS, Trim.DPT_ZEROS, true)
                : Double.isNaN(im) ? "+nan" : nonFinite(im, true);
        return "(" + r + i + "j)";
    }

    // ---- arrays: one column format shared by all elements -------------------------------------------------

    /**
     * NumPy's FloatingFormat with the default print options (precision 8, floatmode 'maxprec', no suppression):
     * chooses positional or scientific notation from all the values to print, and pads every element to one width
     * so columns align.
     */
    static final class Column {
        private static final int PRECISION = 8;

        private final DType.Kind kind;
        private final boolean plus;
        private boolean scientific;
        private int padLeft;
        private int padRight;
        private int precision = PRECISION;
        private int minDigits;
        private int expSize = -1;
        private Trim trim = Trim.ZEROS;

        /**
         * Prepares the format for the values (real parts, or imaginary parts with {@code plus}), as NumPy does
         * from the elements it will print.
         */
        Column(double[] values, DType.Kind kind, boolean plus) {
            this.kind = kind;
            this.plus = plus;
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            int finite = 0;
            boolean negInf = false;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    finite++;
                    double a = Math.abs(v);
                    if (a != 0) {
                        max = Math.max(max, a);
                        min = Math.min(min, a);
                    }
                } else if (v == Double.NEGATIVE_INFINITY) {
                    negInf = true;
                }
            }
            if (max != 0) {
                // NumPy compares with Python floats converted to the element type (NEP 50): 1e-4 becomes float32(1e-4).
                scientific = max >= expCutoff(kind) || min < toKind(1e-4, kind) || ratio(max, min, kind) > 1000;
            }
            if (finite == 0) {
                padLeft = 0;
                padRight = 0;
            } else if (scientific) {
                int maxInt = 0;
                int maxFrac = 0;
                int maxExp = 0;
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        String s = FloatFormat.scientific(v, kind, PRECISION, -1, plus, Trim.ZEROS, -1, -1);
                        int dot = s.indexOf('.');
                        int e = s.indexOf('e');
                        maxInt = Math.max(maxInt, dot);
                        maxFrac = Math.max(maxFrac, e - dot - 1);
                        maxExp = Math.max(maxExp, s.length() - e - 1);
                    }
                }
                expSize = maxExp - 1;
                trim = Trim.KEEP;
                precision = maxFrac;
                minDigits = maxFrac;
                padLeft = maxInt;
                padRight = expSize + 2 + precision;
            } else {
                int maxInt = 0;
                int maxFrac = 0;
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        String s = FloatFormat.positional(v, kind, PRECISION, -1, plus, Trim.ZEROS, -1, -1, true);
                        int dot = s.indexOf('.');
                        maxInt = Math.max(maxInt, dot);
                        maxFrac = Math.max(maxFrac, s.length() - dot - 1);
                    }
                }
                padLeft = maxInt;
                padRight = maxFrac;
                minDigits = 0;
            }
            if (finite != values.length) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (plus || negInf ? 1 : 0) - offset));
            }
        }

        /** NumPy's max/min ratio, computed in the element type's own arithmetic (float16 rounds to half). */
        private static double ratio(double max, double min, DType.Kind kind) {
            return switch (kind) {
                case FLOAT16, FLOAT32 -> toKind((float) max / (float) min, kind);
                default -> max / min;
            };
        }

        /** Rounds a double to the nearest value of the kind (once, as NumPy's casts do). */
        private static double toKind(double v, DType.Kind kind) {
            return switch (kind) {
                case FLOAT16 -> Float.float16ToFloat(Elements.doubleToHalf(v));
                case FLOAT32 -> (float) v;
                default -> v;
            };
        }

        /** The magnitude from which arrays print in scientific notation: 10^min(8, finfo(dtype).precision). */
        private static double expCutoff(DType.Kind kind) {
            return switch (kind) {
                case FLOAT16 -> 1e3;
                case FLOAT32 -> 1e6;
                default -> 1e8;
            };
        }

        /** Formats one value of the column, padded to the column's width. */
        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? (plus ? "+nan" : "nan") : nonFinite(v, plus);
                return " ".repeat(Math.max(0, padLeft + padRight + 1 - s.length())) + s;
            }
            if (scientific) {
                return FloatFormat.scientific(v, kind, precision, minDigits, plus, trim, padLeft, expSize);
            }
            return FloatFormat.positional(v, kind, precision, minDigits, plus, trim, padLeft, padRight, true);
        }
    }
}
