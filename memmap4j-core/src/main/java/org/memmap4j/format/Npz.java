package org.memmap4j.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.memmap4j.NDArray;

/**
 * NumPy's .npz archives: {@code np.load} of a .npz file, {@code np.savez} and {@code np.savez_compressed}.
 *
 * <pre>{@code
 * Npz.save(Path.of("ab.npz"), Map.of("a", a, "b", b));
 * try (NpzFile npz = Npz.open(Path.of("ab.npz")); NDArray x = npz.get("a")) { ... }
 * }</pre>
 *
 * <p>An archive is a zip file of .npy files, one per array, named {@code <name>.npy}. Reading parses the zip
 * structures directly (zip64 included) so that stored members can be mapped in place; see {@link NpzFile}. Every
 * member must be a valid .npy file of a supported dtype, and member names that would escape the directory an
 * archive is extracted to (absolute paths, {@code ..} segments, backslashes, drive letters) are refused, both when
 * reading and when writing.
 *
 * <p>Writing produces what NumPy writes: zip64 local headers, members in the order given, stored or deflated. It
 * goes to a temporary file that replaces the target only when complete, so a failure never leaves a partial
 * archive. Paths are used as given ({@code np.savez} appends {@code .npz} when missing). Stored members' data is
 * additionally aligned to 64 bytes in the archive, so that mapping them is aligned.
 */
public final class Npz {

    /** The default in-memory limit of {@link #open(Path)}: deflated members of more data bytes go to a temporary file. */
    public static final long DEFAULT_IN_MEMORY_LIMIT = 64L << 20;

    private Npz() {
    }

    /**
     * Opens an archive, like {@code np.load(file)} of a .npz file, with the {@linkplain #DEFAULT_IN_MEMORY_LIMIT
     * default in-memory limit}. Every member's .npy header is read and validated now.
     *
     * @param file the archive
     * @return the open archive; close it when done
     * @throws FormatException if the file is not a valid zip archive, or a member is not a valid .npy file of a
     *                         supported dtype, is encrypted, uses a method other than stored or deflated, is shorter
     *                         than its header says, announces more bytes than its deflated data can inflate to, has a
     *                         name that escapes the directory, or shares its name with another member
     * @throws IOException     if the file cannot be read, or is a directory
     */
    public static NpzFile open(Path file) throws IOException {
        return open(file, DEFAULT_IN_MEMORY_LIMIT);
    }

    /**
     * Opens an archive, choosing where deflated members are inflated: in memory when their data has at most
     * {@code inMemoryLimit} bytes, else in a temporary file (in {@code java.io.tmpdir}) that is mapped and deleted
     * at once. Every member's .npy header is read and validated now.
     *
     * @param file          the archive
     * @param inMemoryLimit the largest data, in bytes, inflated into memory; 0 sends every non-empty deflated
     *                      member to a temporary file
     * @return the open archive; close it when done
     * @throws IllegalArgumentException if inMemoryLimit is negative
     * @throws FormatException          as for {@link #open(Path)}
     * @throws IOException              if the file cannot be read, or is a directory
     */
    public static NpzFile open(Path file, long inMemoryLimit) throws IOException {
        Objects.requireNonNull(file, "file");
        if (inMemoryLimit < 0) {
            throw new IllegalArgumentException("inMemoryLimit must be non-negative, got " + inMemoryLimit);
        }
        return NpzFile.open(file, inMemoryLimit);
    }

    /**
     * Writes arrays to an uncompressed archive under their names, like {@code np.savez(file, **arrays)}: member
     * {@code <name>.npy} for each entry, in the map's iteration order (use a {@link java.util.SequencedMap} such
     * as {@link LinkedHashMap} to choose it).
     *
     * @param file   the archive to create or replace
     * @param arrays the arrays by name
     * @throws IllegalArgumentException if a name is empty or would escape the directory (absolute, {@code ..},
     *                                  backslash, drive letter, NUL)
     * @throws IOException              if writing fails
     * @throws IllegalStateException    if an array is closed
     */
    public static void save(Path file, Map<String, NDArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /**
     * Writes arrays to an uncompressed archive as {@code arr_0.npy}, {@code arr_1.npy}, ..., like
     * {@code np.savez(file, *arrays)}.
     *
     * @param file   the archive to create or replace
     * @param arrays the arrays
     * @throws IOException           if writing fails
     * @throws IllegalStateException if an array is closed
     */
    public static void save(Path file, NDArray... arrays) throws IOException {
        write(file, positional(arrays), false);
    }

    /**
     * Writes arrays to a deflated archive under their names, like {@code np.savez_compressed(file, **arrays)}.
     *
     * @param file   the archive to create or replace
     * @param arrays the arrays by name, in the map's iteration order
     * @throws IllegalArgumentException if a name is empty or would escape the directory
     * @throws IOException              if writing fails
     * @throws IllegalStateException    if an array is closed
     */
    public static void saveCompressed(Path file, Map<String, NDArray> arrays) throws IOException {
        write(file, arrays, true);
    }

    /**
     * Writes arrays to a deflated archive as {@code arr_0.npy}, {@code arr_1.npy}, ..., like
     * {@code np.savez_compressed(file, *arrays)}.
     *
     * @param file   the archive to create or replace
     * @param arrays the arrays
     * @throws IOException           if writing fails
     * @throws IllegalStateException if an array is closed
     */
    public static void saveCompressed(Path file, NDArray... arrays) throws IOException {
        write(file, positional(arrays), true);
    }

    private static Map<String, NDArray> positional(NDArray[] arrays) {
        Map<String, NDArray> named = new LinkedHashMap<>();
        for (int i = 0; i < arrays.length; i++) {
            named.put("arr_" + i, arrays[i]);
        }
        return named;
    }

    private static void write(Path file, Map<String, NDArray> arrays, boolean deflate) throws IOException {
        Objects.requireNonNull(file, "file");
        Map<String, NDArray> members = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            Objects.requireNonNull(name, "array name");
            Objects.requireNonNull(array, "array '" + name + "'");
            String problem = MemberNames.problem(name + ".npy");
            if (name.isEmpty() || problem != null) {
                throw new IllegalArgumentException("cannot name an array " + new PyLiteral.Str(name).repr() + ": "
                        + (name.isEmpty() ? "the name is empty" : problem));
            }
            members.put(name + ".npy", array);
        });
        AtomicFile.write(file, true, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ZipWriter zip = new ZipWriter(ch);
                for (Map.Entry<String, NDArray> m : members.entrySet()) {
                    zip.add(m.getKey(), deflate, out -> Npy.write(m.getValue(), out));
                }
                zip.finish();
            }
        });
    }
}
