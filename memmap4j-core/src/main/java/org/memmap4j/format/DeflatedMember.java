package org.memmap4j.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;

/**
 * Reads deflated .npz members: their header, and their data into memory or, when larger than a limit, into a
 * temporary file that is mapped and deleted at once (its space is freed when the array is closed). The whole
 * member is inflated, and its size and CRC-32 are checked against the central directory.
 */
final class DeflatedMember {

    private static final int CHUNK = 1 << 20;
    /**
     * Deflate's largest expansion: a match of 258 bytes coded in two bits. A member announcing more bytes than this
     * times its compressed size is corrupt, and is refused before memory or a temporary file is sized for it.
     */
    static final int MAX_RATIO = 1032;

    private DeflatedMember() {
    }

    /** Reads the .npy header at the start of a deflated member. */
    static NpyHeader header(FileChannel ch, long dataStart, ZipDirectory.Entry e, String source) throws IOException {
        try (InputStream in = inflate(ch, dataStart, e)) {
            return NpyHeaderReader.read(in, source);
        } catch (ZipException | EOFException x) {
            throw corrupt(x, e, source);
        }
    }

    /**
     * Inflates a member's data into a new array.
     *
     * @param inMemoryLimit data of more bytes goes to a temporary file instead of memory
     */
    static NDArray read(FileChannel ch, long dataStart, ZipDirectory.Entry e, NpyHeader h, long inMemoryLimit,
                        String source) throws IOException {
        long nbytes = h.nbytes();
        NDArray out = null;
        try (CheckedInputStream in = new CheckedInputStream(inflate(ch, dataStart, e), new CRC32())) {
            in.skipNBytes(h.dataOffset());
            out = nbytes <= inMemoryLimit ? inMemory(in, h) : inTempFile(in, h);
            long rest = e.size() - h.dataOffset() - nbytes;
            if (in.skip(rest) != rest || in.read() >= 0) {
                throw new FormatException(source, "the member's uncompressed size differs from the "
                        + e.size() + " bytes its directory entry announces");
            }
            if ((int) in.getChecksum().getValue() != e.crc()) {
                throw new FormatException(source, String.format("CRC-32 mismatch: the data gives %08x, the directory says %08x",
                        in.getChecksum().getValue(), e.crc()));
            }
            NDArray result = out;
            out = null;
            return result;
        } catch (ZipException | EOFException x) {
            throw corrupt(x, e, source);
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    private static NDArray inMemory(InputStream in, NpyHeader h) throws IOException {
        NDArray a = NDArrays.empty(h.dtype(), h.order(), h.shape());
        MemorySegment dst = a.segment();
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, dst.byteSize()))];
        for (long pos = 0; pos < dst.byteSize(); ) {
            int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, dst.byteSize() - pos));
            if (n == 0) {
                throw new EOFException("data ends after " + pos + " of " + dst.byteSize() + " bytes");
            }
            MemorySegment.copy(MemorySegment.ofArray(buf), 0, dst, pos, n);
            pos += n;
        }
        return a;
    }

    private static NDArray inTempFile(InputStream in, NpyHeader h) throws IOException {
        Path tmp = Files.createTempFile("memmap4j-npz-", ".data");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[CHUNK];
                for (long left = h.nbytes(); left > 0; ) {
                    int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
                    if (n == 0) {
                        throw new EOFException("data ends " + left + " bytes early");
                    }
                    ChannelIO.writeFully(out, ByteBuffer.wrap(buf, 0, n));
                    left -= n;
                }
            }
            return MemMap.builder(tmp).dtype(h.dtype()).mode(Mode.READ_WRITE).shape(h.shape()).order(h.order()).open();
        } finally {
            // The mapping outlives the name on POSIX systems: deleting now leaves nothing behind, even after a crash.
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException stillMapped) {
                tmp.toFile().deleteOnExit();
            }
        }
    }

    /** A stream of the member's uncompressed bytes. Closing it releases the inflater's native memory. */
    private static InputStream inflate(FileChannel ch, long dataStart, ZipDirectory.Entry e) {
        Inflater inflater = new Inflater(true);
        return new InflaterInputStream(ChannelIO.region(ch, dataStart, e.compressedSize()), inflater, 64 << 10) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
    }

    private static FormatException corrupt(IOException x, ZipDirectory.Entry e, String source) {
        return x instanceof EOFException
                ? new FormatException(source, "the compressed data of " + e.compressedSize() + " bytes ends early", x)
                : new FormatException(source, "corrupt compressed data: " + x.getMessage(), x);
    }
}
