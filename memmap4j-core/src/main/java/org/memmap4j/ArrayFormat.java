package org.memmap4j;

/** Formats arrays as NumPy prints them (first version: plain nested lists; NumPy-exact formatting follows). */
final class ArrayFormat {

    private ArrayFormat() {
    }

    static String repr(NDArray a) {
        StringBuilder sb = new StringBuilder(a.file().isPresent() ? "memmap(" : "array(");
        append(sb, a, 0, new long[a.ndim()]);
        return sb.append(", dtype=").append(a.dtype()).append(')').toString();
    }

    private static void append(StringBuilder sb, NDArray a, int axis, long[] idx) {
        if (axis == a.ndim()) {
            sb.append(a.dtype().kind().isFloat() ? Double.toString(a.getDouble(idx)) : Long.toString(a.getLong(idx)));
            return;
        }
        sb.append('[');
        for (long i = 0; i < a.shape(axis); i++) {
            idx[axis] = i;
            sb.append(i > 0 ? ", " : "");
            append(sb, a, axis + 1, idx);
        }
        sb.append(']');
    }
}
