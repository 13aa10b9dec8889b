package org.memmap4j.format;

import java.io.IOException;
import java.util.Objects;

/**
 * Thrown when the bytes of a file do not follow its format: a corrupt, truncated or unsupported .npy file or .npz
 * archive. The file itself could be read; its content is wrong.
 *
 * <p>The message always names the source (a file, or a member of an archive) and the problem, in the form
 * {@code '<source>': <problem>}; {@link #source()} and {@link #problem()} return the two parts.
 */
public class FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was being read. */
    private final String source;
    /** What is wrong with it. */
    private final String problem;

    /**
     * Creates an exception for a problem found in a source.
     *
     * @param source  what was being read, e.g. a file name, or {@code "a.npz (member x.npy)"} for a member of an archive
     * @param problem what is wrong with it
     * @throws NullPointerException if an argument is null
     */
    public FormatException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * Creates an exception for a problem found in a source, with the exception that revealed it.
     *
     * @param source  what was being read
     * @param problem what is wrong with it
     * @param cause   the underlying exception, or null
     * @throws NullPointerException if source or problem is null
     */
    public FormatException(String source, String problem, Throwable cause) {
        super("'" + Objects.requireNonNull(source, "source") + "': " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
        this.problem = problem;
    }

    /**
     * Returns what was being read: a file name, or an archive and member.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the problem, without the source.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
