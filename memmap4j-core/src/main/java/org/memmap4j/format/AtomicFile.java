package org.memmap4j.format;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes a file under a temporary name in the same directory and renames it into place when complete, so readers
 * and crashes never see a partial file and a failure leaves the target as it was. Used for every file memmap4j
 * saves, and by the CLI for files it creates or converts.
 */
public final class AtomicFile {

    /** Writes the content of a file at the temporary path it is given. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param tmp an existing empty file to fill; it may be replaced (e.g. by another atomic write)
         * @throws IOException if writing fails; the target is then left untouched
         */
        void write(Path tmp) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    /**
     * Runs the writer on a fresh temporary file next to {@code target}, forces it to disk, and renames it to
     * {@code target}. On failure the temporary file is deleted and {@code target} is untouched.
     *
     * @param target    the final path
     * @param overwrite whether an existing target may be replaced
     * @param writer    writes the content
     * @throws FileAlreadyExistsException if target exists and overwrite is false
     * @throws IOException                if writing or renaming fails
     */
    public static void write(Path target, boolean overwrite, Writer writer) throws IOException {
        write(target, overwrite, true, writer);
    }

    /**
     * Runs the writer on a fresh temporary file next to {@code target}, forces it to disk if asked, and renames it
     * to {@code target}. On failure the temporary file is deleted and {@code target} is untouched.
     *
     * <p>Without forcing, the rename still makes the file appear whole or not at all to readers and survives the
     * process being killed (the data is in the page cache); only a crash of the whole machine before the kernel
     * writes it back could lose it, as for {@code np.save} or {@code Files.write}. Forcing costs a wait for the disk,
     * which for large files is most of the time taken.
     *
     * @param target    the final path
     * @param overwrite whether an existing target may be replaced
     * @param force     whether to force the content to the storage device before the rename
     * @param writer    writes the content
     * @throws FileAlreadyExistsException if target exists and overwrite is false
     * @throws IOException                if writing or renaming fails
     */
    public static void write(Path target, boolean overwrite, boolean force, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        if (!overwrite && Files.exists(abs)) {
            throw new FileAlreadyExistsException(target.toString(), null, "file exists (refusing to overwrite it)");
        }
        Path tmp = createTemp(abs);
        boolean done = false;
        try {
            keepPermissions(abs, tmp);
            writer.write(tmp);
            if (force) {
                forceToDisk(tmp);
            }
            if (overwrite) {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // createLink fails if the target appeared meanwhile: no race can clobber it.
                Files.createLink(abs, tmp);
                Files.delete(tmp);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void forceToDisk(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Creates an empty temporary file next to target with the default permissions (the umask applies, as for any
     * new file). Files.createTempFile would make it owner-only (0600), and the renamed result would stay so.
     */
    private static Path createTemp(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** A replaced file keeps its permissions, as when NumPy rewrites it in place: a private file stays private. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            // a new file, or a file system without POSIX permissions: the defaults stay
        }
    }
}
