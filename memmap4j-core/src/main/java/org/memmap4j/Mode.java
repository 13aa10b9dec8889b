package org.memmap4j;

import java.util.Locale;
import java.util.Objects;

/**
 * How a file is opened, with numpy.memmap's meaning and names.
 *
 * <ul>
 *   <li>{@link #READ_ONLY} ({@code "r"}): read only; any write throws. The file must be large enough.</li>
 *   <li>{@link #READ_WRITE} ({@code "r+"}): read and write an existing file; a smaller file is grown (sparse) to fit.</li>
 *   <li>{@link #WRITE} ({@code "w+"}): create or truncate, then read and write. A shape is required.</li>
 *   <li>{@link #COPY_ON_WRITE} ({@code "c"}): writes go to private memory and never reach the file.
 *       Like NumPy, it works on files that cannot be opened for writing (read-only permissions or file system).</li>
 * </ul>
 */
public enum Mode {
    /** {@code "r"}: read only. */
    READ_ONLY("r", "readonly"),
    /** {@code "r+"}: read and write an existing file. */
    READ_WRITE("r+", "readwrite"),
    /** {@code "w+"}: create or truncate, then read and write. */
    WRITE("w+", "write"),
    /** {@code "c"}: copy-on-write; changes stay in memory. */
    COPY_ON_WRITE("c", "copyonwrite");

    private final String code;
    private final String alias;

    Mode(String code, String alias) {
        this.code = code;
        this.alias = alias;
    }

    /** {@return NumPy's short code: {@code r}, {@code r+}, {@code w+} or {@code c}} */
    public String code() {
        return code;
    }

    /** {@return true if writes through arrays opened in this mode are allowed (r+, w+ and c)} */
    public boolean writable() {
        return this != READ_ONLY;
    }

    /** {@return true if writes reach the file (r+ and w+)} */
    public boolean writesFile() {
        return this == READ_WRITE || this == WRITE;
    }

    /**
     * Parses a NumPy mode string: {@code r, r+, w+, c} or the aliases {@code readonly, readwrite, write,
     * copyonwrite}.
     *
     * @param s the mode string
     * @return the mode
     * @throws IllegalArgumentException if s is not a mode
     * @throws NullPointerException     if s is null
     */
    public static Mode of(String s) {
        String m = Objects.requireNonNull(s, "mode").strip().toLowerCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.code.equals(m) || mode.alias.equals(m)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be one of r, r+, w+, c (or readonly, readwrite, write, copyonwrite), got '" + s + "'");
    }

    @Override
    public String toString() {
        return code;
    }
}
