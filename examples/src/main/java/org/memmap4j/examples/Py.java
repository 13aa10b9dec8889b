package org.memmap4j.examples;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Python's number formatting, so the examples print exactly what the tutorials' {@code print} lines print. */
final class Py {

    private Py() {
    }

    /**
     * Returns Python's {@code f"{x:.Nf}"}: the exact binary value rounded half-even (Java's {@code %.2f} rounds the
     * shortest decimal half-up, which differs for values like 0.125).
     */
    static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative number that rounds to zero: f"{-0.001:.2f}" is "-0.00".
        return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
    }

    /** Returns Python's text for a shape tuple: {@code (50,)}, {@code (100, 50)}. */
    static String tuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
