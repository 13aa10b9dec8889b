package org.memmap4j;

/**
 * How an array's elements are about to be accessed, for {@link NDArray#advise(Advice)}: the operating system uses it
 * to read ahead, or not, and to keep or drop pages. The values are {@code madvise}'s ({@code MADV_NORMAL} ...);
 * advice never changes the elements, only how fast they arrive.
 */
public enum Advice {
    /** No particular pattern: the default read-ahead around each page touched ({@code MADV_NORMAL}). */
    NORMAL,
    /** Elements will be read in order, once: read ahead far ({@code MADV_SEQUENTIAL}). */
    SEQUENTIAL,
    /** Elements will be read in no order: read only the pages touched ({@code MADV_RANDOM}). */
    RANDOM,
    /** Elements will be read soon: start reading them from the file now, in the background ({@code MADV_WILLNEED}). */
    WILLNEED,
    /**
     * Elements will not be read soon: release their memory ({@code MADV_DONTNEED}). Changes already made reach the
     * file as usual; the next access reads the pages again.
     */
    DONTNEED
}
