package org.memmap4j.format;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.memmap4j.ArrayLock;
import org.memmap4j.NDArray;

/**
 * Appends rows to a .npy file in place: the data grows along the first axis and the shape in the header is
 * rewritten in the header's spare room, as the Python package npy-append-array does. Keeps the file open for many
 * appends; {@link Npy#append} does one.
 *
 * <pre>{@code
 * try (NpyAppender out = NpyAppender.open(Path.of("log.npy"))) {   // an existing (n, 3) float64 file
 *     out.append(batch);                                            // a (k, 3) float64 array: now (n + k, 3)
 * }
 * }</pre>
 *
 * <p><b>Which files.</b> C-order files of one or more dimensions whose header has room for the longer shape. Files
 * written by current NumPy (which leaves room for the first axis to reach 21 digits) or by memmap4j always have it. Fortran-order files cannot grow by rows (a row's elements are spread through the data), nor can 0-d arrays.
 *
 * <p><b>Order of writes.</b> Each append takes an exclusive {@link ArrayLock} on the file, reads the header again
 * (another process may have appended), writes the new rows after the data the header announces (over any bytes a
 * crashed append left there), forces them to the storage device, and only then rewrites the shape: one positional
 * write of the header bytes that change, within the first page, followed by a second force. So at every moment the
 * file is a valid .npy file with the old shape or the new one, whose data is all there: a process killed mid-append,
 * or a reader that opens the file meanwhile, sees the old rows (and maybe some bytes after them, which NumPy and
 * memmap4j ignore) or all the rows. Arrays mapped before an append keep their old shape; open the file again to see
 * the new rows. One caveat: Linux does not promise that a read racing with the header write sees it whole on every
 * file system. memmap4j's readers ({@link Npy#readHeader}, {@link Npy#open}) read the header until two reads agree,
 * so they never take a mix of the two headers; a NumPy reader that opens the file in the same microsecond as the
 * header write could in principle, and readers that must never risk it take a shared {@link ArrayLock} (or
 * {@code fcntl.lockf(f, fcntl.LOCK_SH)} in Python) around opening the file.
 *
 * <p>Not thread-safe for concurrent use of one appender (its methods are synchronized); appenders in other threads
 * or processes wait for each other through the lock.
 */
public final class NpyAppender implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private NpyHeader header;
    private boolean closed;

    private NpyAppender(Path file, FileChannel channel, NpyHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens a .npy file for appending rows, checking that rows can be appended to it.
     *
     * @param file an existing .npy file, writable
     * @return the appender; close it to close the file
     * @throws FormatException          if the file is not a valid .npy file, or is shorter than its header says
     * @throws IllegalArgumentException if the file is in Fortran order or holds a 0-d array; the message names the file
     * @throws IOException              if the file cannot be opened for reading and writing (e.g.
     *                                  {@link java.nio.file.NoSuchFileException}), or is a directory
     */
    public static NpyAppender open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException("'" + file + "' is a directory, not a file");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        boolean done = false;
        try {
            NpyAppender a = new NpyAppender(file, ch, null);
            a.header = a.readHeader();
            done = true;
            return a;
        } finally {
            if (!done) {
                ch.close();
            }
        }
    }

    /** {@return the file} */
    public Path file() {
        return file;
    }

    /**
     * Returns the header as of the last append through this appender (or its opening); other processes may have
     * appended since.
     *
     * @return the header
     */
    public synchronized NpyHeader header() {
        return header;
    }

    /**
     * Appends rows: afterwards the file's first axis is longer by {@code rows.shape(0)} and its last rows are these.
     * Waits for an exclusive {@link ArrayLock} on the file (other appenders and cooperating writers); see the class
     * description for the order of writes. Appending no rows changes nothing.
     *
     * @param rows an array of the file's dtype (byte order included) with the file's number of dimensions and the
     *             same dimensions after the first; any layout, in memory or mapped
     * @throws IllegalArgumentException if rows has another dtype, number of dimensions or row shape, or the file would
     *                                  exceed 2^63 bytes; the file is not changed
     * @throws FormatException          if the file is no longer a valid .npy file, or is shorter than its header says;
     *                                  the file is not changed
     * @throws IOException              if the header has no room for the new shape (the message names the file and
     *                                  how to rewrite it with room; the file is not changed), or writing fails (the
     *                                  file keeps its old shape and, where the channel still allows it, its old size)
     * @throws InterruptedIOException   if the thread is interrupted while waiting for the lock (nothing is written;
     *                                  the interrupt status is kept) or while writing (the file keeps its old shape
     *                                  and this appender is closed)
     * @throws IllegalStateException    if this appender is closed, or rows is a closed array
     */
    public synchronized void append(NDArray rows) throws IOException {
        Objects.requireNonNull(rows, "rows");
        if (closed || !channel.isOpen()) {
            throw new IllegalStateException("the appender of '" + file + "' is closed");
        }
        ArrayLock lock;
        try {
            lock = ArrayLock.exclusive(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the lock on '" + file + "'; nothing was appended");
        }
        try {
            appendLocked(rows);
        } finally {
            lock.close();
        }
    }

    private void appendLocked(NDArray rows) throws IOException {
        NpyHeader h = readHeader();
        header = h;
        long[] shape = checkRows(h, rows);
        if (rows.shape(0) == 0) {
            return;
        }
        byte[] newHeader = NpyHeaderWriter.encodeInPlace(h, shape);
        if (newHeader == null) {
            throw new IOException("'" + file + "': the .npy header has no room for the shape "
                    + NpyHeaderWriter.shapeRepr(shape) + " (" + h.dataOffset() + " bytes before the data): the file "
                    + "was written without spare header room (by an old NumPy or another writer); rewrite it "
                    + "once with room, e.g. try (NDArray a = Npy.open(file, Mode.READ_ONLY)) { Npy.save(file, a); }, "
                    + "which writes a new file and renames it into place");
        }
        byte[] oldHeader = new byte[newHeader.length];
        ChannelIO.readAt(channel, ByteBuffer.wrap(oldHeader), 0);
        writeRows(rows, h.dataOffset() + h.nbytes());
        writeChangedBytes(oldHeader, newHeader);
        channel.force(false);
        header = new NpyHeader(h.major(), h.minor(), h.dtype(), false, shape, h.dataOffset());
    }

    /** Reads and checks the header through the appender's channel. */
    private NpyHeader readHeader() throws IOException {
        NpyHeader h = NpyHeaderReader.read(ChannelIO.region(channel, 0, Long.MAX_VALUE), file.toString());
        Npy.checkComplete(h, channel.size(), file.toString());
        if (h.fortranOrder()) {
            throw new IllegalArgumentException("'" + file + "' is in Fortran order: rows cannot be appended in place "
                    + "(each row's elements are spread through the data); only C-order .npy files grow by rows");
        }
        if (h.shape().length == 0) {
            throw new IllegalArgumentException("'" + file + "' holds a 0-d array: there are no rows to append to");
        }
        return h;
    }

    /** Returns the shape after appending, or throws if the rows do not fit the file. */
    private long[] checkRows(NpyHeader h, NDArray rows) {
        long[] fileShape = h.shape();
        long[] rowsShape = rows.shape();
        if (!rows.dtype().equals(h.dtype())) {
            throw new IllegalArgumentException("cannot append rows of " + rows.dtype() + " to '" + file + "' of "
                    + h.dtype() + " ('" + h.dtype().descr() + "'): convert them first with astype");
        }
        if (rowsShape.length != fileShape.length
                || !Arrays.equals(rowsShape, 1, rowsShape.length, fileShape, 1, fileShape.length)) {
            long[] want = fileShape.clone();
            want[0] = -1;
            throw new IllegalArgumentException("cannot append rows of shape " + NpyHeaderWriter.shapeRepr(rowsShape)
                    + " to '" + file + "' of shape " + NpyHeaderWriter.shapeRepr(fileShape) + ": rows must have shape "
                    + NpyHeaderWriter.shapeRepr(want).replace("-1", "k"));
        }
        long[] shape = fileShape.clone();
        try {
            shape[0] = Math.addExact(fileShape[0], rowsShape[0]);
        } catch (ArithmeticException e) {
            shape[0] = Long.MAX_VALUE;
        }
        if (shape[0] == Long.MAX_VALUE || !NpyHeader.fits(h.dtype(), shape, h.dataOffset())) {
            throw new IllegalArgumentException("cannot append " + rowsShape[0] + " rows to '" + file
                    + "': the data would exceed 2^63 bytes");
        }
        return shape;
    }

    /**
     * Writes the rows at the end of the announced data and forces them to the device. On failure the file is cut
     * back to its old size: the bytes written so far lie beyond the old shape anyway.
     */
    private void writeRows(NDArray rows, long at) throws IOException {
        long size = channel.size();
        try {
            channel.position(at);
            rows.writeTo(channel);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            if (!channel.isOpen()) {
                closed = true;
                if (e instanceof java.nio.channels.ClosedByInterruptException) {
                    InterruptedIOException ie = new InterruptedIOException("interrupted while appending to '" + file
                            + "': the file keeps its old shape; open a new appender");
                    ie.initCause(e);
                    throw ie;
                }
                throw e;
            }
            try {
                if (channel.size() > size) {
                    channel.truncate(size);
                }
            } catch (IOException s) {
                e.addSuppressed(s);
            }
            throw e;
        }
    }

    /**
     * Rewrites the header by one positional write of the bytes that differ (the shape's digits and the padding after
     * them): the smallest write, within the first page, so that a reader sees the old header or the new one.
     */
    private void writeChangedBytes(byte[] oldHeader, byte[] newHeader) throws IOException {
        int from = Arrays.mismatch(oldHeader, newHeader);
        if (from < 0) {
            return;
        }
        int to = newHeader.length;
        while (to > from && oldHeader[to - 1] == newHeader[to - 1]) {
            to--;
        }
        ChannelIO.writeFully(channel, ByteBuffer.wrap(newHeader, from, to - from), from);
    }

    /**
     * Closes the file. Later calls do nothing.
     *
     * @throws IOException if closing the channel fails
     */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
