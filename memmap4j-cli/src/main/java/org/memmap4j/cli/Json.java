package org.memmap4j.cli;

import java.util.List;
import java.util.Map;
import org.memmap4j.DType;
import org.memmap4j.NDArray;

/**
 * Compact JSON for the CLI's machine output: maps, lists, strings, numbers, booleans, null, and arrays as nested
 * lists. Non-finite floats become the strings {@code "nan"}, {@code "inf"}, {@code "-inf"}; complex numbers
 * {@code [re, im]}.
 */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    static void append(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d -> number(sb, d);
            case Float f -> floatNumber(sb, f);
            case Number n -> sb.append(n);
            case long[] a -> {
                sb.append('[');
                for (int i = 0; i < a.length; i++) {
                    sb.append(i > 0 ? "," : "").append(a[i]);
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    append(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    append(sb, l.get(i));
                }
                sb.append(']');
            }
            case NDArray a -> array(sb, a, 0, new long[a.ndim()]);
            default -> string(sb, v.toString());
        }
    }

    /** Writes an array as nested lists, element by element (the caller bounds the size). */
    private static void array(StringBuilder sb, NDArray a, int axis, long[] idx) {
        if (axis == a.ndim()) {
            element(sb, a, idx);
            return;
        }
        sb.append('[');
        for (long i = 0; i < a.shape(axis); i++) {
            idx[axis] = i;
            sb.append(i > 0 ? "," : "");
            array(sb, a, axis + 1, idx);
        }
        sb.append(']');
    }

    private static void element(StringBuilder sb, NDArray a, long[] idx) {
        DType.Kind k = a.dtype().kind();
        if (k.isBool()) {
            sb.append(a.getBoolean(idx));
        } else if (k == DType.Kind.UINT64) {
            sb.append(Long.toUnsignedString(a.getLong(idx)));
        } else if (k.isInteger()) {
            sb.append(a.getLong(idx));
        } else if (k.isComplex()) {
            double[] c = a.getComplex(idx);
            sb.append('[');
            real(sb, k == DType.Kind.COMPLEX64, c[0]);
            sb.append(',');
            real(sb, k == DType.Kind.COMPLEX64, c[1]);
            sb.append(']');
        } else {
            real(sb, k != DType.Kind.FLOAT64, a.getDouble(idx));
        }
    }

    /** Narrow floats print their own shortest digits (0.1f as 0.1, not 0.10000000149011612). */
    private static void real(StringBuilder sb, boolean narrow, double d) {
        if (narrow) {
            floatNumber(sb, (float) d);
        } else {
            number(sb, d);
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("\"nan\"");
        } else if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "\"inf\"" : "\"-inf\"");
        } else {
            sb.append(Double.toString(d));
        }
    }

    private static void floatNumber(StringBuilder sb, float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            number(sb, f);
        } else {
            sb.append(Float.toString(f));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
