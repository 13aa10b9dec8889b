package org.memmap4j.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Whole-buffer reads and writes on channels, which may transfer fewer bytes than asked. */
final class ChannelIO {

    private ChannelIO() {
    }

    static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Writes at a position, leaving the channel's own position alone. */
    static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    /** Reads up to {@code b.remaining()} bytes at a position; returns how many were read (fewer only at end of file). */
    static int readAt(FileChannel ch, ByteBuffer b, long position) throws IOException {
        int start = b.position();
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        return b.position() - start;
    }

    /** Opens a file for reading, refusing directories with a message that names them. */
    static FileChannel openRead(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("'" + file + "' is a directory, not a file");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** A stream over {@code length} bytes of a channel from a position; reads do not move the channel. */
    static InputStream region(FileChannel ch, long position, long length) {
        return new InputStream() {
            private long pos = position;
            private final long end = position + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= end) {
                    return -1;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }
}
