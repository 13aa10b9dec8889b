package org.memmap4j.cli.sensor;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.format.AtomicFile;
import org.memmap4j.format.Npy;

/**
 * How the pipeline's files are stored: .npy (the shape and dtype in a header; {@code np.load(f, mmap_mode='r')}
 * maps them) or raw C-ordered native elements, as the seed's {@code np.memmap} files ({@code np.memmap(f,
 * dtype='float32', mode='r', shape=(S, N))} maps them).
 */
public enum SensorFormat {
    /** NumPy's .npy files. */
    NPY("npy"),
    /** Raw binary files, as {@code np.memmap} writes them. */
    RAW("dat");

    private final String extension;

    SensorFormat(String extension) {
        this.extension = extension;
    }

    /**
     * Parses a format name.
     *
     * @param name {@code npy} or {@code raw}, in any case
     * @return the format
     * @throws IllegalArgumentException if the name is neither
     */
    public static SensorFormat of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "npy" -> NPY;
            case "raw" -> RAW;
            default -> throw new IllegalArgumentException("--format must be npy or raw, got '" + name + "'");
        };
    }

    /** {@return the file name extension, without the dot: npy or dat} */
    public String extension() {
        return extension;
    }

    /** Writes the elements of a new file, given its temporary path and the byte offset of element 0. */
    @FunctionalInterface
    interface ElementWriter {
        void write(Path tmp, long dataOffset) throws IOException;
    }

    /**
     * Creates a file of C-ordered native elements under a temporary name ({@link AtomicFile}), lets the writer fill
     * it, forces it to disk (if asked) and renames it into place.
     *
     * @param file   the file to create
     * @param force  whether an existing file may be replaced
     * @param sync   whether to force the file to disk before the rename
     * @param dtype  the element type, native byte order
     * @param shape  the shape
     * @param writer fills the elements at dataOffset + position * itemsize
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and force is false
     * @throws IOException if writing fails; the file is then left as it was
     */
    void create(Path file, boolean force, boolean sync, DType dtype, long[] shape, ElementWriter writer) throws IOException {
        AtomicFile.write(file, force, sync, tmp -> writer.write(tmp, prepare(tmp, dtype, shape)));
    }

    /**
     * Gives an empty file its final size: a .npy header then a hole, or just the hole for raw; the elements are
     * then written with positional writes in any order.
     *
     * @param tmp   the empty file
     * @param dtype the element type, native byte order
     * @param shape the shape
     * @return the byte offset of element 0
     * @throws IOException if the file cannot be written
     */
    long prepare(Path tmp, DType dtype, long[] shape) throws IOException {
        if (this == NPY) {
            try (NDArray o = Npy.create(tmp, dtype, Order.C, true, shape)) {
                return o.fileOffset().orElseThrow();
            }
        }
        long bytes = dtype.itemSize();
        for (long d : shape) {
            bytes *= d;
        }
        if (bytes > 0) {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.allocate(1), bytes - 1);
            }
        }
        return 0;
    }

    /**
     * Maps a file of this format read-only.
     *
     * @param file  the file
     * @param dtype the element type (raw files)
     * @param shape the shape (raw files)
     * @return the array
     * @throws IOException if the file cannot be mapped
     */
    NDArray open(Path file, DType dtype, long[] shape) throws IOException {
        if (this == NPY) {
            return Npy.open(file, Mode.READ_ONLY);
        }
        return MemMap.builder(file).dtype(dtype).mode(Mode.READ_ONLY).shape(shape).open();
    }

    /** Writes a staging buffer's first {@code bytes} bytes at a file position, fully. */
    static void writeFully(FileChannel ch, MemorySegment stage, long bytes, long position) throws IOException {
        java.nio.ByteBuffer bb = stage.asByteBuffer().limit((int) bytes);
        long pos = position;
        while (bb.hasRemaining()) {
            pos += ch.write(bb, pos);
        }
    }
}
