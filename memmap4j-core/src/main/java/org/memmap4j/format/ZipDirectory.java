package org.memmap4j.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the central directory of a zip archive, zip64 included, and locates each member's data through its local
 * header. Written by hand rather than with java.util.zip because mapping a stored member needs the exact offset of
 * its data, which {@code ZipFile} does not reveal; the local header must be read for it, since its name and extra
 * field lengths may differ from the central directory's (NumPy's zip64 local headers carry an extra field that the
 * central directory does not).
 *
 * <p>Every offset and length read from the archive is checked against the file before it is used, so any input
 * fails with a {@link FormatException} rather than another exception or an unbounded allocation.
 */
final class ZipDirectory {

    static final int LOCAL_SIG = 0x04034b50;
    static final int CENTRAL_SIG = 0x02014b50;
    static final int END_SIG = 0x06054b50;
    static final int ZIP64_END_SIG = 0x06064b50;
    static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final int LOCAL_HEADER_SIZE = 30;
    static final int CENTRAL_HEADER_SIZE = 46;
    static final int END_SIZE = 22;
    static final int ZIP64_END_SIZE = 56;
    static final int ZIP64_LOCATOR_SIZE = 20;
    /** Larger central directories are refused: 64 MiB holds about half a million members. */
    static final int MAX_CENTRAL_DIRECTORY = 64 << 20;

    /** Python's zipfile decodes names without the UTF-8 flag as cp437; so do we, when the JDK has it. */
    private static final Charset CP437 = Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;

    /**
     * One member as the central directory describes it.
     *
     * @param name               the decoded name
     * @param rawName            the name's bytes, to compare with the local header's
     * @param flags              the general purpose flags
     * @param method             0 (stored) or 8 (deflated); others are refused when reading
     * @param crc                CRC-32 of the uncompressed data
     * @param compressedSize     bytes of data in the archive
     * @param size               bytes of data once uncompressed
     * @param localHeaderOffset  where the member's local header starts
     */
    record Entry(String name, byte[] rawName, int flags, int method, int crc, long compressedSize, long size,
                 long localHeaderOffset) {

        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    /** The entries, and where the central directory starts: members' data must end before it. */
    record Directory(List<Entry> entries, long start) {
    }

    private ZipDirectory() {
    }

    /**
     * Reads the central directory.
     *
     * @param ch     the archive
     * @param source names the archive in messages
     * @return the entries in directory order
     * @throws FormatException if the archive is malformed, multi-disk, or its directory is too large
     * @throws IOException     if reading fails
     */
    static Directory read(FileChannel ch, String source) throws IOException {
        long fileSize = ch.size();
        if (fileSize < END_SIZE) {
            throw new FormatException(source, "not a zip archive: " + fileSize + " bytes, too short for the end of central directory record");
        }
        int tailSize = (int) Math.min(fileSize, END_SIZE + 0xFFFF);
        long tailStart = fileSize - tailSize;
        ByteBuffer tail = readExactly(ch, tailStart, tailSize, source, "end of archive");
        int end = findEnd(tail);
        if (end < 0) {
            throw new FormatException(source, "not a zip archive: no end of central directory record");
        }
        long endPos = tailStart + end;
        if (u16(tail, end + 4) != 0 || u16(tail, end + 6) != 0) {
            throw new FormatException(source, "multi-disk zip archives are not supported");
        }
        long cdSize = u32(tail, end + 12);
        long cdStart = u32(tail, end + 16);
        long cdLimit = endPos;
        if (endPos >= ZIP64_LOCATOR_SIZE) {
            ByteBuffer loc = readExactly(ch, endPos - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE, source, "zip64 locator");
            if (loc.getInt(0) == ZIP64_LOCATOR_SIG) {
                long z64Pos = loc.getLong(8);
                if (loc.getInt(4) != 0 || loc.getInt(16) > 1) {
                    throw new FormatException(source, "multi-disk zip archives are not supported");
                }
                if (z64Pos < 0 || z64Pos > endPos - ZIP64_LOCATOR_SIZE - ZIP64_END_SIZE) {
                    throw new FormatException(source, "corrupt zip64 locator: the zip64 end record offset " + z64Pos + " is outside the archive");
                }
                ByteBuffer z = readExactly(ch, z64Pos, ZIP64_END_SIZE, source, "zip64 end record");
                if (z.getInt(0) != ZIP64_END_SIG) {
                    throw new FormatException(source, "corrupt zip64 end of central directory record at byte " + z64Pos);
                }
                if (z.getInt(16) != 0 || z.getInt(20) != 0) {
                    throw new FormatException(source, "multi-disk zip archives are not supported");
                }
                cdSize = z.getLong(40);
                cdStart = z.getLong(48);
                cdLimit = z64Pos;
            }
        }
        if (cdSize < 0 || cdStart < 0 || cdStart > cdLimit || cdSize > cdLimit - cdStart) {
            throw new FormatException(source, "corrupt zip archive: the central directory (" + Long.toUnsignedString(cdSize)
                    + " bytes at byte " + Long.toUnsignedString(cdStart) + ") does not lie before its end record at byte " + cdLimit);
        }
        if (cdSize > MAX_CENTRAL_DIRECTORY) {
            throw new FormatException(source, "central directory of " + cdSize + " bytes exceeds memmap4j's limit of "
                    + MAX_CENTRAL_DIRECTORY + " bytes");
        }
        ByteBuffer cd = readExactly(ch, cdStart, (int) cdSize, source, "central directory");
        List<Entry> entries = new ArrayList<>();
        while (cd.hasRemaining()) {
            entries.add(entry(cd, cdStart, source));
        }
        return new Directory(List.copyOf(entries), cdStart);
    }

    /** Returns the position in tail of the last end record whose comment fits, or -1. */
    private static int findEnd(ByteBuffer tail) {
        for (int p = tail.limit() - END_SIZE; p >= 0; p--) {
            if (tail.getInt(p) == END_SIG && p + END_SIZE + u16(tail, p + 20) <= tail.limit()) {
                return p;
            }
        }
        return -1;
    }

    private static Entry entry(ByteBuffer cd, long cdStart, String source) throws FormatException {
        int p = cd.position();
        String where = "central directory entry at byte " + (cdStart + p);
        if (cd.remaining() < CENTRAL_HEADER_SIZE || cd.getInt(p) != CENTRAL_SIG) {
            throw new FormatException(source, "corrupt zip archive: bad " + where);
        }
        int flags = u16(cd, p + 8);
        int method = u16(cd, p + 10);
        int crc = cd.getInt(p + 16);
        long csize = u32(cd, p + 20);
        long size = u32(cd, p + 24);
        int nameLen = u16(cd, p + 28);
        int extraLen = u16(cd, p + 30);
        int commentLen = u16(cd, p + 32);
        int disk = u16(cd, p + 34);
        long offset = u32(cd, p + 42);
        if (cd.remaining() < CENTRAL_HEADER_SIZE + nameLen + extraLen + commentLen) {
            throw new FormatException(source, "corrupt zip archive: " + where + " runs past the central directory");
        }
        byte[] rawName = new byte[nameLen];
        cd.get(p + CENTRAL_HEADER_SIZE, rawName);
        String name = decodeName(rawName, flags, source);
        // Zip64: each 32-bit field that is all ones is replaced by the next 64-bit value of the extra field.
        ByteBuffer extra = cd.slice(p + CENTRAL_HEADER_SIZE + nameLen, extraLen).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer z64 = extraField(extra, 0x0001, source, name);
        if (size == 0xFFFFFFFFL) {
            size = zip64Value(z64, source, name, "size");
        }
        if (csize == 0xFFFFFFFFL) {
            csize = zip64Value(z64, source, name, "compressed size");
        }
        if (offset == 0xFFFFFFFFL) {
            offset = zip64Value(z64, source, name, "local header offset");
        }
        if (disk == 0xFFFF) {
            if (z64 == null || z64.remaining() < 4) {
                throw new FormatException(source, "corrupt zip64 extra field of member " + MemberNames.quoted(name) + ": no disk number");
            }
            disk = z64.getInt();
        }
        if (disk != 0) {
            throw new FormatException(source, "multi-disk zip archives are not supported (member " + MemberNames.quoted(name) + ")");
        }
        cd.position(p + CENTRAL_HEADER_SIZE + nameLen + extraLen + commentLen);
        return new Entry(name, rawName, flags, method, crc, csize, size, offset);
    }

    /** Returns the data of the first extra block with the given id, or null; refuses blocks that overrun the field. */
    private static ByteBuffer extraField(ByteBuffer extra, int id, String source, String name) throws FormatException {
        ByteBuffer found = null;
        int p = 0;
        while (p + 4 <= extra.limit()) {
            int blockId = u16(extra, p);
            int len = u16(extra, p + 2);
            if (p + 4 + len > extra.limit()) {
                throw new FormatException(source, String.format("corrupt extra field %04x (size %d) of member %s", blockId, len, MemberNames.quoted(name)));
            }
            if (blockId == id && found == null) {
                found = extra.slice(p + 4, len).order(ByteOrder.LITTLE_ENDIAN);
            }
            p += 4 + len;
        }
        return found;
    }

    private static long zip64Value(ByteBuffer z64, String source, String name, String field) throws FormatException {
        if (z64 == null || z64.remaining() < 8) {
            throw new FormatException(source, "corrupt zip64 extra field of member " + MemberNames.quoted(name) + ": no " + field);
        }
        long v = z64.getLong();
        if (v < 0) {
            throw new FormatException(source, "member " + MemberNames.quoted(name) + " has a " + field + " beyond 2^63 bytes");
        }
        return v;
    }

    private static String decodeName(byte[] raw, int flags, String source) throws FormatException {
        if ((flags & 0x800) == 0) {
            return new String(raw, CP437);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(source, "member name is flagged UTF-8 but is not valid UTF-8", e);
        }
    }

    /**
     * Returns where a member's data starts, from its local header, and checks that the data lies before the
     * central directory.
     *
     * @throws FormatException if the local header is missing, names another member, or the data overruns
     */
    static long dataOffset(FileChannel ch, Entry e, long cdStart, String source) throws IOException {
        long at = e.localHeaderOffset();
        if (at > cdStart - LOCAL_HEADER_SIZE) {
            throw new FormatException(source, "corrupt zip archive: the local header of member " + MemberNames.quoted(e.name())
                    + " at byte " + at + " is not before the central directory");
        }
        ByteBuffer h = readExactly(ch, at, LOCAL_HEADER_SIZE, source, "local header");
        if (h.getInt(0) != LOCAL_SIG) {
            throw new FormatException(source, "corrupt zip archive: no local header for member " + MemberNames.quoted(e.name()) + " at byte " + at);
        }
        int nameLen = u16(h, 26);
        int extraLen = u16(h, 28);
        long data = at + LOCAL_HEADER_SIZE + nameLen + extraLen;
        if (data > cdStart || e.compressedSize() > cdStart - data) {
            throw new FormatException(source, "corrupt or truncated zip archive: the data of member " + MemberNames.quoted(e.name())
                    + " (" + e.compressedSize() + " bytes from byte " + data + ") runs into the central directory at byte " + cdStart);
        }
        ByteBuffer localName = readExactly(ch, at + LOCAL_HEADER_SIZE, nameLen, source, "local header name");
        if (!localName.equals(ByteBuffer.wrap(e.rawName()))) {
            throw new FormatException(source, "corrupt zip archive: file name in directory " + MemberNames.quoted(e.name())
                    + " and local header differ");
        }
        return data;
    }

    private static ByteBuffer readExactly(FileChannel ch, long pos, int n, String source, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        if (ChannelIO.readAt(ch, b, pos) < n) {
            throw new FormatException(source, "truncated zip archive: the " + what + " at byte " + pos + " needs "
                    + n + " bytes");
        }
        return b.flip();
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
