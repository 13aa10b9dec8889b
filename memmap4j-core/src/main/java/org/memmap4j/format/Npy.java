package org.memmap4j.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.internal.NativeIO;

/**
 * NumPy's .npy files: {@code np.load(file, mmap_mode=...)}, {@code np.lib.format.open_memmap},
 * {@code np.save} and {@code np.load}.
 *
 * <pre>{@code
 * try (NDArray a = Npy.create(Path.of("a.npy"), DType.FLOAT32, Order.C, false, 1000, 1000)) {
 *     a.get("0:10, :").fill(1.5);
 * }
 * try (NDArray b = Npy.open(Path.of("a.npy"), Mode.READ_ONLY)) { ... }
 * }</pre>
 *
 * <p><b>Reading.</b> Versions 1.0, 2.0 and 3.0 are read. Headers are parsed by a strict parser of the Python
 * literals they contain (nothing is evaluated) and validated; every problem with the bytes of a file is a
 * {@link FormatException} that names the file and the problem, and no input makes the reader fail any other way.
 * A header longer than {@value NpyHeaderReader#MAX_HEADER_LENGTH} bytes is refused (NumPy's {@code np.load}
 * refuses more than 10000 characters by default). A file shorter than its header says is refused in every mode,
 * never grown. Bytes after the data are ignored, as NumPy does.
 *
 * <p><b>Writing.</b> Files are written byte for byte as {@code np.lib.format.write_array} writes them: version 1.0
 * (2.0 when the header exceeds 65535 bytes, 3.0 when it is not latin-1 encodable), data at a multiple of 64 bytes,
 * and the spare header room NumPy leaves for growing the first axis (the last for Fortran order).
 *
 * <p><b>Appending.</b> {@link #append} (or an {@link NpyAppender} for many appends) grows a C-order file by rows in
 * place, using that room, so that the file is valid with its old or its new shape at every moment.
 */
public final class Npy {

    private Npy() {
    }

    /**
     * Reads and validates the header of a .npy file, and checks that the file holds all the data it announces.
     *
     * @param file the file
     * @return the header
     * @throws FormatException if the file is not a valid .npy file of a supported dtype, or is shorter than its
     *                         header says
     * @throws IOException     if the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException}), or is a
     *                         directory
     */
    public static NpyHeader readHeader(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = ChannelIO.openRead(file)) {
            NpyHeader h = stableHeader(ch, file.toString());
            checkComplete(h, ch.size(), file.toString());
            return h;
        }
    }

    /**
     * Reads a header until two reads in a row agree. An appender in another process ({@link NpyAppender}) rewrites
     * the shape in place with one small write, which the kernel does not promise to show a concurrent reader whole;
     * a read that overlaps it may see a mix, or fail to parse. A second read after it sees the write done.
     */
    private static NpyHeader stableHeader(FileChannel ch, String source) throws IOException {
        FormatException failed = null;
        NpyHeader last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            NpyHeader h;
            try {
                h = NpyHeaderReader.read(ChannelIO.region(ch, 0, Long.MAX_VALUE), source);
            } catch (FormatException e) {
                if (failed != null) {
                    throw e;   // twice in a row: the file is bad, not being appended to
                }
                failed = e;
                last = null;
                continue;
            }
            if (last != null && sameHeader(last, h)) {
                return h;
            }
            failed = null;
            last = h;
        }
        if (last == null) {
            throw failed;
        }
        return last;
    }

    private static boolean sameHeader(NpyHeader a, NpyHeader b) {
        return a.dataOffset() == b.dataOffset() && a.fortranOrder() == b.fortranOrder() && a.dtype().equals(b.dtype())
                && java.util.Arrays.equals(a.shape(), b.shape());
    }

    /** Refuses data shorter than the header announces: the file was truncated or never fully written. */
    static void checkComplete(NpyHeader h, long available, String source) throws FormatException {
        long nbytes = h.nbytes();
        if (available - h.dataOffset() < nbytes) {
            throw new FormatException(source, "truncated .npy file: the header announces " + nbytes + " bytes of data ("
                    + NpyHeaderWriter.shapeRepr(h.shape()) + " of " + h.dtype() + ") from byte " + h.dataOffset()
                    + ", but only " + Math.max(0, available - h.dataOffset()) + " bytes follow the header");
        }
    }

    /**
     * Maps an existing .npy file, like {@code np.load(file, mmap_mode=mode)}: the array has the file's dtype, shape
     * and order, and its elements are the file's bytes after the header.
     *
     * <p>Modes r and c never change a byte of the file. Mode w+ is refused: NumPy's {@code np.load(f,
     * mmap_mode='w+')} destroys the file, which is never what a caller of {@code open} wants; use
     * {@link #create} for a new file and r+ to write to an existing one.
     *
     * @param file the file
     * @param mode r (read only), r+ (writes reach the file) or c (writes stay private)
     * @return the array; close it to unmap
     * @throws IllegalArgumentException if mode is w+; the file is not touched
     * @throws FormatException          if the file is not a valid .npy file of a supported dtype, or is shorter
     *                                  than its header says
     * @throws IOException              if the file cannot be opened in the mode or mapped
     */
    public static NDArray open(Path file, Mode mode) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.WRITE) {
            throw new IllegalArgumentException("mode w+ would create a new file in place of '" + file
                    + "'; use Npy.create to create a .npy file, or mode r+ to write to an existing one");
        }
        return map(file, readHeader(file), mode);
    }

    private static NDArray map(Path file, NpyHeader h, Mode mode) throws IOException {
        return MemMap.builder(file).dtype(h.dtype()).mode(mode).offset(h.dataOffset()).shape(h.shape())
                .order(h.order()).open();
    }

    /**
     * Creates a .npy file of zeros and maps it for reading and writing, like
     * {@code np.lib.format.open_memmap(file, mode='w+', dtype=dtype, shape=shape, fortran_order=...)}, with the
     * space of its data reserved on the file system.
     *
     * <p>The file is complete at once: header and data. Reserving ({@code fallocate}) takes milliseconds whatever
     * the size on ext4, XFS, btrfs and tmpfs, and makes a full disk an {@link IOException} here rather than a crash
     * of a later write into the mapping (see {@link org.memmap4j.MemMap.Builder#sparse(boolean)} for the fallback
     * without native access). Use {@link #createSparse} for NumPy's sparse file. The file is written under a
     * temporary name and renamed into place, so an existing file being replaced is never seen half-written, arrays
     * still mapping it keep their old contents, and a failure leaves no file behind.
     *
     * @param file      the file to create
     * @param dtype     the element type
     * @param order     the memory order of the data, recorded in the header as {@code fortran_order}
     * @param overwrite whether an existing file may be replaced; when false an existing file is refused
     * @param shape     the shape; no values makes a 0-d array of one element
     * @return the array, mode r+; close it to unmap
     * @throws FileAlreadyExistsException if the file exists and overwrite is false; it is not touched
     * @throws IllegalArgumentException   if a dimension is negative or the data would exceed 2^63 bytes
     * @throws IOException                if the file system has no room for the data (the message names the file,
     *                                    the bytes needed and available), or the file cannot be written or mapped
     */
    public static NDArray create(Path file, DType dtype, Order order, boolean overwrite, long... shape) throws IOException {
        return create(file, dtype, order, overwrite, false, shape);
    }

    /**
     * Creates a sparse .npy file of zeros and maps it for reading and writing: exactly
     * {@code np.lib.format.open_memmap(file, mode='w+', ...)}. Like {@link #create}, except that the data is left a
     * hole where the file system allows it: creating is instant and takes no space whatever the size, and only the
     * pages written take space. For files larger than the free space that will be written only in part; the price
     * is that a write into the hole when the file system is full fails inside the mapping, where Java can only
     * report it as an {@link InternalError} (the kernel's SIGBUS).
     *
     * @param file      the file to create
     * @param dtype     the element type
     * @param order     the memory order of the data, recorded in the header as {@code fortran_order}
     * @param overwrite whether an existing file may be replaced; when false an existing file is refused
     * @param shape     the shape; no values makes a 0-d array of one element
     * @return the array, mode r+; close it to unmap
     * @throws FileAlreadyExistsException if the file exists and overwrite is false; it is not touched
     * @throws IllegalArgumentException   if a dimension is negative or the data would exceed 2^63 bytes
     * @throws IOException                if the file cannot be written or mapped
     */
    public static NDArray createSparse(Path file, DType dtype, Order order, boolean overwrite, long... shape) throws IOException {
        return create(file, dtype, order, overwrite, true, shape);
    }

    private static NDArray create(Path file, DType dtype, Order order, boolean overwrite, boolean sparse, long[] shape)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(order, "order");
        long[] sh = shape.clone();
        for (long d : sh) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed: " + NpyHeaderWriter.shapeRepr(sh));
            }
        }
        byte[] header = NpyHeaderWriter.encode(dtype, order == Order.F, sh);
        if (!NpyHeader.fits(dtype, sh, header.length)) {
            throw new IllegalArgumentException("array is too big: shape " + NpyHeaderWriter.shapeRepr(sh) + " of "
                    + dtype + " exceeds 2^63 bytes");
        }
        long nbytes = new NpyHeader(header[6], 0, dtype, order == Order.F, sh, header.length).nbytes();
        AtomicFile.write(file, overwrite, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ChannelIO.writeFully(ch, ByteBuffer.wrap(header));
                if (nbytes > 0) {
                    NativeIO.grow(ch, tmp, file, header.length, header.length + nbytes, sparse);
                }
            }
        });
        return MemMap.builder(file).dtype(dtype).mode(Mode.READ_WRITE).offset(header.length).shape(sh).order(order).open();
    }

    /**
     * Writes an array to a .npy file, like {@code np.save(file, array)}: the header records the array's dtype
     * (with its byte order) and shape, and {@code fortran_order} when the array is Fortran- but not C-contiguous;
     * the data follows in that order. The file is written under a temporary name and renamed into place when
     * complete, replacing any existing file, so a failure never leaves a partial file. The name is used as given
     * ({@code np.save} appends {@code .npy} when missing).
     *
     * @param file  the file to create or replace
     * @param array the array
     * @throws IOException           if writing fails
     * @throws IllegalStateException if the array is closed
     */
    public static void save(Path file, NDArray array) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(array, "array");
        AtomicFile.write(file, true, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                write(array, ch);
            }
        });
    }

    /** Writes an array in .npy format (header, then data) at the channel's position. */
    static void write(NDArray array, WritableByteChannel out) throws IOException {
        // NumPy checks C-contiguity first: a 1-d array is both, and is written as C.
        boolean fortran = !array.isCContiguous() && array.isFContiguous();
        ChannelIO.writeFully(out, ByteBuffer.wrap(NpyHeaderWriter.encode(array.dtype(), fortran, array.shape())));
        // A Fortran-ordered array's bytes in memory order are the C-order bytes of its transpose.
        (fortran ? array.T() : array).writeTo(out);
    }

    /**
     * Appends rows to a C-order .npy file in place, growing its first axis: {@link NpyAppender#append} on a
     * new appender, closed afterwards. Takes an exclusive {@link org.memmap4j.ArrayLock} on the file meanwhile.
     *
     * @param file an existing .npy file, writable
     * @param rows an array of the file's dtype with the file's dimensions after the first
     * @throws IllegalArgumentException if the file is in Fortran order or 0-d, or the rows do not match its dtype or
     *                                  row shape; the file is not changed
     * @throws FormatException          if the file is not a valid .npy file; it is not changed
     * @throws IOException              if the header has no room for the new shape (the file is not changed), or the
     *                                  file cannot be opened or written (it keeps its old shape)
     * @throws IllegalStateException    if rows is a closed array
     */
    public static void append(Path file, NDArray rows) throws IOException {
        try (NpyAppender out = NpyAppender.open(file)) {
            out.append(rows);
        }
    }

    /**
     * Reads a .npy file into a new in-memory array, like {@code np.load(file)}: same dtype (byte order kept) and
     * shape, laid out in the file's order.
     *
     * @param file the file
     * @return the array
     * @throws FormatException if the file is not a valid .npy file of a supported dtype, or is shorter than its
     *                         header says
     * @throws IOException     if the file cannot be read
     */
    public static NDArray load(Path file) throws IOException {
        NpyHeader h = readHeader(file);
        try (NDArray mapped = map(file, h, Mode.READ_ONLY)) {
            return mapped.copy(h.order());
        }
    }
}
