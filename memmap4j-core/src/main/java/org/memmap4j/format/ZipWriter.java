package org.memmap4j.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip archive the way NumPy's {@code savez} does through Python's zipfile: every local header carries a
 * zip64 extra field (NumPy passes {@code force_zip64=True}) whose sizes are filled in after the data, with no data
 * descriptor; the central directory and end records switch to zip64 only where a value needs it. Timestamps are
 * 1980-01-01 00:00, as Python's zipfile sets them for streamed members, which also makes the output reproducible.
 *
 * <p>One addition: the local header of a stored member is padded (with the alignment extra field that Android's
 * zipalign uses) so that its data, and with it the .npy data 64 bytes further on, starts at a multiple of 64 and
 * maps aligned. Readers skip extra fields they do not know.
 */
final class ZipWriter {

    /** Writes a member's uncompressed content. */
    @FunctionalInterface
    interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private static final int VERSION = 45;          // 4.5: zip64
    private static final int MADE_BY = 3 << 8 | VERSION; // Unix
    private static final int DOS_DATE_1980 = 0x21;  // 1980-01-01
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int ALIGNMENT_EXTRA = 0xD935;
    private static final int ALIGN = 64;
    private static final long UNIX_FILE_RW_R_R = 0100644L << 16;

    private record Written(byte[] name, int flags, int method, int crc, long compressedSize, long size, long offset) {
    }

    private final FileChannel ch;
    private final long zip64Limit;
    private final List<Written> written = new ArrayList<>();

    /** A writer at the channel's position 0, using zip64 records only for values of 0xFFFFFFFF and more. */
    ZipWriter(FileChannel ch) {
        this(ch, 0xFFFFFFFFL);
    }

    /** A writer that uses zip64 records for values of at least zip64Limit (lowered by tests to exercise them). */
    ZipWriter(FileChannel ch, long zip64Limit) {
        this.ch = ch;
        this.zip64Limit = zip64Limit;
    }

    /**
     * Appends a member.
     *
     * @param name    the member name
     * @param deflate whether to compress it
     * @param content writes the member's bytes
     */
    void add(String name, boolean deflate, Content content) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int flags = nameBytes.length == name.length() ? 0 : 0x800; // bit 11: the name is UTF-8
        int method = deflate ? ZipDirectory.DEFLATED : ZipDirectory.STORED;
        long offset = ch.position();
        int fixed = ZipDirectory.LOCAL_HEADER_SIZE + nameBytes.length + 20;
        int pad = 0;
        if (!deflate) {
            pad = (int) Math.floorMod(-(offset + fixed), (long) ALIGN);
            if (pad < 6) {
                pad += ALIGN; // the alignment field needs 6 bytes of its own
            }
        }
        ByteBuffer h = le(fixed + pad);
        h.putInt(ZipDirectory.LOCAL_SIG).putShort((short) VERSION).putShort((short) flags).putShort((short) method)
                .putShort((short) 0).putShort((short) DOS_DATE_1980).putInt(0).putInt(-1).putInt(-1)
                .putShort((short) nameBytes.length).putShort((short) (20 + pad)).put(nameBytes)
                .putShort((short) ZIP64_EXTRA).putShort((short) 16).putLong(0).putLong(0);
        if (pad > 0) {
            h.putShort((short) ALIGNMENT_EXTRA).putShort((short) (pad - 4)).putShort((short) ALIGN);
        }
        ChannelIO.writeFully(ch, h.position(0));

        long dataStart = ch.position();
        MemberChannel out = deflate ? new DeflatingChannel(ch) : new MemberChannel(ch);
        content.writeTo(out);
        out.finish();
        long compressedSize = ch.position() - dataStart;
        int crc = (int) out.crc.getValue();

        // Fill in what is known only now, as Python's zipfile does when it rewrites the local header.
        ChannelIO.writeFully(ch, le(4).putInt(crc).flip(), offset + 14);
        ChannelIO.writeFully(ch, le(16).putLong(out.size).putLong(compressedSize).flip(), offset + ZipDirectory.LOCAL_HEADER_SIZE + nameBytes.length + 4);
        written.add(new Written(nameBytes, flags, method, crc, compressedSize, out.size, offset));
    }

    /** Writes the central directory and end records; the archive is complete when this returns. */
    void finish() throws IOException {
        long cdStart = ch.position();
        for (Written w : written) {
            // Only values too large for 32 bits go to the zip64 extra field, in this order.
            List<Long> big = new ArrayList<>();
            for (long v : new long[] {w.size, w.compressedSize, w.offset}) {
                if (v >= zip64Limit) {
                    big.add(v);
                }
            }
            int extraLen = big.isEmpty() ? 0 : 4 + 8 * big.size();
            ByteBuffer c = le(ZipDirectory.CENTRAL_HEADER_SIZE + w.name.length + extraLen);
            c.putInt(ZipDirectory.CENTRAL_SIG).putShort((short) MADE_BY).putShort((short) VERSION)
                    .putShort((short) w.flags).putShort((short) w.method).putShort((short) 0)
                    .putShort((short) DOS_DATE_1980).putInt(w.crc).putInt(u32(w.compressedSize)).putInt(u32(w.size))
                    .putShort((short) w.name.length).putShort((short) extraLen).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt((int) UNIX_FILE_RW_R_R).putInt(u32(w.offset))
                    .put(w.name);
            if (!big.isEmpty()) {
                c.putShort((short) ZIP64_EXTRA).putShort((short) (8 * big.size()));
                big.forEach(c::putLong);
            }
            ChannelIO.writeFully(ch, c.flip());
        }
        long cdSize = ch.position() - cdStart;
        long count = written.size();
        if (count >= Math.min(0xFFFF, zip64Limit) || cdSize >= zip64Limit || cdStart >= zip64Limit) {
            long z64 = ch.position();
            ByteBuffer z = le(ZipDirectory.ZIP64_END_SIZE + ZipDirectory.ZIP64_LOCATOR_SIZE);
            z.putInt(ZipDirectory.ZIP64_END_SIG).putLong(ZipDirectory.ZIP64_END_SIZE - 12).putShort((short) MADE_BY)
                    .putShort((short) VERSION).putInt(0).putInt(0).putLong(count).putLong(count).putLong(cdSize)
                    .putLong(cdStart);
            z.putInt(ZipDirectory.ZIP64_LOCATOR_SIG).putInt(0).putLong(z64).putInt(1);
            ChannelIO.writeFully(ch, z.flip());
        }
        short count16 = (short) Math.min(count, 0xFFFF);
        ByteBuffer e = le(ZipDirectory.END_SIZE);
        e.putInt(ZipDirectory.END_SIG).putShort((short) 0).putShort((short) 0).putShort(count16).putShort(count16)
                .putInt(u32(cdSize)).putInt(u32(cdStart)).putShort((short) 0);
        ChannelIO.writeFully(ch, e.flip());
    }

    /** The 32-bit field for a value: itself, or all ones when it goes to the zip64 extra field. */
    private int u32(long v) {
        return v >= zip64Limit ? -1 : (int) v;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Passes a stored member's bytes through, counting them and computing their CRC-32. */
    private static class MemberChannel implements WritableByteChannel {
        final FileChannel out;
        final CRC32 crc = new CRC32();
        long size;

        MemberChannel(FileChannel out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            crc.update(src.duplicate());
            size += n;
            emit(src);
            return n;
        }

        void emit(ByteBuffer src) throws IOException {
            ChannelIO.writeFully(out, src);
        }

        void finish() throws IOException {
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() {
        }
    }

    /** Deflates a member's bytes (raw deflate, level 6, as Python's zipfile) on their way to the file. */
    private static final class DeflatingChannel extends MemberChannel {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);

        DeflatingChannel(FileChannel out) {
            super(out);
        }

        @Override
        void emit(ByteBuffer src) throws IOException {
            deflater.setInput(src);
            while (!deflater.needsInput()) {
                drain();
            }
        }

        @Override
        void finish() throws IOException {
            try {
                deflater.finish();
                while (!deflater.finished()) {
                    drain();
                }
            } finally {
                deflater.end();
            }
        }

        private void drain() throws IOException {
            deflater.deflate(buf.clear());
            ChannelIO.writeFully(out, buf.flip());
        }
    }
}
