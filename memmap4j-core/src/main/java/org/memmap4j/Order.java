package org.memmap4j;

import java.util.Objects;

/** Memory layout of a multi-dimensional array: C (row-major, last index fastest) or F (column-major, first index fastest). */
public enum Order {
    /** Row-major: the last index varies fastest (NumPy's default). */
    C,
    /** Column-major (Fortran): the first index varies fastest. */
    F;

    /**
     * Parses {@code "C"} or {@code "F"} (either case).
     *
     * @param s the order string
     * @return the order
     * @throws IllegalArgumentException if s is neither
     * @throws NullPointerException     if s is null
     */
    public static Order of(String s) {
        return switch (Objects.requireNonNull(s, "order").strip()) {
            case "C", "c" -> C;
            case "F", "f" -> F;
            default -> throw new IllegalArgumentException("order must be C or F, got '" + s + "'");
        };
    }
}
