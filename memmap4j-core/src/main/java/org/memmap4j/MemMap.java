package org.memmap4j;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import org.memmap4j.internal.NativeIO;

/**
 * Maps raw binary files as arrays: Java's {@code numpy.memmap(filename, dtype, mode, offset, shape, order)}.
 *
 * <pre>{@code
 * try (NDArray a = MemMap.open(Path.of("data.dat"), DType.FLOAT32, Mode.WRITE, 1000, 1000)) {
 *     a.get("0:100, :").fill(1.5);
 *     a.flush();
 * }
 * try (NDArray b = MemMap.builder(Path.of("data.dat")).dtype(DType.FLOAT32).offset(4000).open()) { ... }
 * }</pre>
 *
 * <p>Mapping is lazy: opening a sparse 8 TB file takes milliseconds, and only the pages that are touched are read.
 * Modes follow NumPy: r and c need a file at least as large as offset plus the data; r+ and w+ grow a smaller file;
 * w+ creates or truncates and needs a shape; c keeps writes private. A missing shape means a 1-d array of everything
 * after the offset. Any byte offset is allowed, aligned or not.
 *
 * <p><b>Space.</b> Unlike NumPy, the bytes a file grows by are reserved on its file system when it grows
 * ({@code fallocate}; milliseconds whatever the size), so a full disk is an {@link IOException} from {@code open}
 * rather than a crash of a later write into the mapping. {@link Builder#sparse(boolean)} asks for NumPy's sparse
 * growth instead, for files larger than the disk that will be written only in part.
 *
 * <p>For .npy files, which carry their own dtype and shape, use {@link org.memmap4j.format.Npy}.
 */
public final class MemMap {

    private MemMap() {
    }

    /**
     * Maps a file in C order at offset 0, like {@code np.memmap(file, dtype, mode, shape=shape)}.
     *
     * @param file  the file
     * @param dtype the element type
     * @param mode  r, r+, w+ or c
     * @param shape the shape; no values means "infer a 1-d shape from the file size", as NumPy's default
     *              {@code shape=None} (build a 0-d array with {@link #builder(Path)})
     * @return the array; close it to unmap
     * @throws IOException              if the file cannot be opened, is too small (r, c), or its size does not fit
     *                                  the dtype when the shape is inferred; the message names the file
     * @throws IllegalArgumentException if the shape is invalid, or w+ is given without a shape
     */
    public static NDArray open(Path file, DType dtype, Mode mode, long... shape) throws IOException {
        Builder b = builder(file).dtype(dtype).mode(mode);
        return (shape.length == 0 ? b : b.shape(shape)).open();
    }

    /**
     * Starts describing a mapping of a file. Defaults are NumPy's: dtype uint8, mode r+, offset 0, shape inferred,
     * order C.
     *
     * @param file the file
     * @return a builder
     */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"));
    }

    /** The parameters of one mapping; {@link #open()} maps it. Not thread-safe; each call returns this builder. */
    public static final class Builder {
        private final Path file;
        private DType dtype = DType.UINT8;
        private Mode mode = Mode.READ_WRITE;
        private long offset;
        private long[] shape;
        private Order order = Order.C;
        private boolean sparse;

        private Builder(Path file) {
            this.file = file;
        }

        /**
         * Sets the element type (default uint8, as NumPy).
         *
         * @param dtype the dtype
         * @return this builder
         */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /**
         * Sets the mode (default r+, as NumPy).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the byte offset of the first element in the file (default 0); need not be aligned.
         *
         * @param offset the offset
         * @return this builder
         * @throws IllegalArgumentException if offset is negative
         */
        public Builder offset(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be non-negative, got " + offset);
            }
            this.offset = offset;
            return this;
        }

        /**
         * Sets the shape; with no values the array is 0-d (one element). Not calling this infers a 1-d shape.
         *
         * @param shape the shape
         * @return this builder
         * @throws IllegalArgumentException if a dimension is negative
         */
        public Builder shape(long... shape) {
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimensions are not allowed: " + NDArrays.shapeString(shape));
                }
            }
            this.shape = shape.clone();
            return this;
        }

        /**
         * Sets the memory order of the data in the file (default C).
         *
         * @param order C or F
         * @return this builder
         */
        public Builder order(Order order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /**
         * Sets how the file grows when mode r+ or w+ makes it larger (default false: reserved). Reserved growth
         * allocates the new bytes on the file system before mapping them, so a full disk (or quota) fails
         * {@link #open()} with an {@link IOException} naming the file and the space needed. Sparse growth is NumPy's:
         * the file's size is set and its new bytes stay a hole that takes no space until written, so creating is
         * instant and free whatever the size, but a write into the hole when the file system is full then fails
         * inside the mapping, where Java can only report it as an {@link InternalError} (the kernel's SIGBUS).
         *
         * <p>Reserving takes milliseconds on file systems with {@code fallocate} (ext4, XFS, btrfs, tmpfs). Where the
         * JVM has no native access (no {@code --enable-native-access}, or not Linux), or the file system cannot
         * reserve, the growth is checked against the usable space instead and then left sparse.
         *
         * @param sparse true to leave new bytes as a hole, as NumPy does
         * @return this builder
         */
        public Builder sparse(boolean sparse) {
            this.sparse = sparse;
            return this;
        }

        /**
         * Opens the file and maps it. When mode r+ or w+ grows the file, the new bytes are reserved (see
         * {@link #sparse(boolean)}). If opening fails after the file was created or grown, a file that w+ created is
         * deleted and a grown file is cut back to its former size (zero for w+, whose truncation is NumPy's), so no
         * partial file is left behind.
         *
         * @return the array; close it to unmap
         * <p>Mode c maps a file that cannot be opened for writing (no write permission, a read-only file system)
         * from a read-only descriptor, as NumPy does; that needs native access ({@code --enable-native-access}), and
         * without it the exception says so.
         *
         * @throws IOException              if the file cannot be opened or mapped, is too small for mode r or c, its
         *                                  size after the offset is not a multiple of the item size when the shape is
         *                                  inferred, or its file system has no room for the bytes it must grow by;
         *                                  the message names the file and, for space and mapping failures, the remedy
         * @throws IllegalArgumentException if mode is w+ and no shape was given (no file is created), or the array
         *                                  is larger than 2^63 bytes
         */
        public NDArray open() throws IOException {
            if (mode == Mode.WRITE && shape == null) {
                throw new IllegalArgumentException("shape must be given if mode == 'w+' (" + file + ")");
            }
            boolean creates = mode == Mode.WRITE && !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            // Copy-on-write never writes the file, but the JDK's PRIVATE map mode wants a writable channel: a file
            // that cannot be written (permissions, read-only file system; access(2) knows both) is mapped natively
            // from a read-only descriptor instead, as NumPy does. Without native access, opening it for writing fails
            // with the message that names the remedy.
            boolean readOnlyCopy = mode == Mode.COPY_ON_WRITE && Files.exists(file) && !Files.isDirectory(file)
                    && !Files.isWritable(file) && NativeIO.available();
            try (FileChannel ch = openChannel(file, readOnlyCopy ? Mode.READ_ONLY : mode)) {
                long fileSize = ch.size();
                try {
                    return open(ch, fileSize, readOnlyCopy);
                } catch (IOException | RuntimeException | Error e) {
                    if (mode.writesFile()) {
                        undoGrowth(ch, creates, fileSize, e);
                    }
                    throw e;
                }
            }
        }

        private NDArray open(FileChannel ch, long fileSize, boolean readOnlyCopy) throws IOException {
            long[] sh = shape != null ? shape : inferShape(fileSize);
            long nbytes = NDArrays.checkedBytes(dtype, sh);
            long end;
            try {
                end = Math.addExact(offset, nbytes);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("offset " + offset + " plus " + nbytes + " bytes overflows a file position");
            }
            if (fileSize < end) {
                if (!mode.writesFile()) {
                    throw new IOException("'" + file + "' is too small for mode " + mode.code() + ": the array needs "
                            + end + " bytes (offset " + offset + " + " + nbytes + " bytes of " + dtype + " "
                            + NDArrays.shapeString(sh) + ") but the file has " + fileSize + " bytes");
                }
                NativeIO.grow(ch, file, file, fileSize, end, sparse);
            }
            return NDArray.contiguous(map(ch, nbytes, readOnlyCopy), dtype, sh, order, 0);
        }

        private void undoGrowth(FileChannel ch, boolean created, long formerSize, Throwable failure) {
            try {
                if (created) {
                    Files.deleteIfExists(file);
                } else if (ch.size() > formerSize) {
                    ch.truncate(formerSize);
                }
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private long[] inferShape(long fileSize) throws IOException {
            long bytes = fileSize - offset;
            if (bytes < 0) {
                throw new IOException("offset " + offset + " is past the end of '" + file + "' (" + fileSize + " bytes)");
            }
            if (bytes == 0) {
                throw new IOException("cannot map an empty region: '" + file + "' has no bytes after offset " + offset
                        + (fileSize == 0 ? " (the file is empty)" : "") + "; give a shape with mode r+ or w+ to grow it");
            }
            if (bytes % dtype.itemSize() != 0) {
                throw new IOException("size of available data is not a multiple of the data-type size: '" + file + "' has "
                        + bytes + " bytes after offset " + offset + ", not a multiple of " + dtype.itemSize() + " (" + dtype + ")");
            }
            return new long[] {bytes / dtype.itemSize()};
        }

        private Storage map(FileChannel ch, long nbytes, boolean readOnlyCopy) throws IOException {
            Arena arena = Arena.ofShared();
            try {
                // An empty array maps nothing; its segment must still be read-only in mode r, like a mapped one.
                MemorySegment seg = nbytes == 0 ? (mode == Mode.READ_ONLY ? MemorySegment.NULL.asReadOnly() : MemorySegment.NULL)
                        : readOnlyCopy ? NativeIO.mapPrivate(file, offset, nbytes, arena)
                        : ch.map(mapMode(mode), offset, nbytes, arena);
                return Storage.mapped(seg, arena, file, mode, offset);
            } catch (IOException | OutOfMemoryError e) {
                arena.close();
                if (e instanceof ClosedByInterruptException interrupted) {
                    throw interrupted;   // the calling thread was interrupted: not a mapping failure to explain
                }
                throw MapFailure.current().exception(file, nbytes, e);
            }
        }
    }

    private static FileChannel.MapMode mapMode(Mode mode) {
        return switch (mode) {
            case READ_ONLY -> FileChannel.MapMode.READ_ONLY;
            case READ_WRITE, WRITE -> FileChannel.MapMode.READ_WRITE;
            case COPY_ON_WRITE -> FileChannel.MapMode.PRIVATE;
        };
    }

    /** Why mode c could not open a file that is not writable, and what to do. */
    private static final String COPY_REMEDY = " (copy-on-write of a file Java cannot open for writing maps it natively,"
            + " which needs native access: run java with --enable-native-access=ALL-UNNAMED)";

    /** Opens the channel a mode needs, translating failures into messages that name the file and the remedy. */
    static FileChannel openChannel(Path file, Mode mode) throws IOException {
        Set<OpenOption> opts = switch (mode) {
            case READ_ONLY -> Set.of(StandardOpenOption.READ);
            // A private mapping needs a channel opened for writing in Java, but nothing is ever written to it.
            case READ_WRITE, COPY_ON_WRITE -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
            case WRITE -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        };
        if (Files.isDirectory(file)) {
            throw new IOException("'" + file + "' is a directory, not a file");
        }
        try {
            return FileChannel.open(file, opts);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file (mode " + mode.code()
                    + " opens an existing file; use w+ to create one)");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "permission denied for mode " + mode.code()
                    + (mode == Mode.COPY_ON_WRITE ? COPY_REMEDY : ""));
        } catch (FileSystemException e) {
            if (mode == Mode.COPY_ON_WRITE && "Read-only file system".equals(e.getReason())) {
                throw new FileSystemException(file.toString(), null, "read-only file system, cannot open for mode c"
                        + COPY_REMEDY);
            }
            throw new IOException("cannot open '" + file + "' in mode " + mode.code() + ": " + e.getReason(), e);
        }
    }
}
