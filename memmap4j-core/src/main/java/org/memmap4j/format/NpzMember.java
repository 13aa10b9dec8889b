package org.memmap4j.format;

import java.util.Objects;

/**
 * One array of a .npz archive, as listed by {@link NpzFile#members()}.
 *
 * @param name           the array's name: the member's file name without its {@code .npy} suffix, as in NumPy's
 *                       {@code np.load(f).files}
 * @param entryName      the member's file name in the archive, e.g. {@code "x.npy"}
 * @param compressed     true for a deflated member (inflated when read), false for a stored one (mapped in place)
 * @param compressedSize the member's bytes in the archive
 * @param size           the member's bytes once uncompressed: the size of its .npy file
 * @param header         the member's .npy header
 * @param memberOffset   where the member's bytes (its .npy file, compressed or not) start in the archive
 */
public record NpzMember(String name, String entryName, boolean compressed, long compressedSize, long size, NpyHeader header,
                        long memberOffset) {

    /**
     * Creates a member description.
     *
     * @throws NullPointerException if name, entryName or header is null
     */
    public NpzMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entryName, "entryName");
        Objects.requireNonNull(header, "header");
    }

    /**
     * Returns the byte offset in the archive at which a stored member's array data starts (where it is mapped),
     * or the offset of the data inside the uncompressed .npy for a compressed member.
     *
     * @return the data offset
     */
    public long dataOffset() {
        return compressed ? header.dataOffset() : memberOffset + header.dataOffset();
    }
}
