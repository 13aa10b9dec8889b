package org.memmap4j.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.memmap4j.DType;

/**
 * Builds .npy headers byte for byte as NumPy's {@code np.lib.format.write_array} does: the dict text with sorted
 * keys, spare room for growing the first axis, space padding and a newline so that the data starts at a multiple
 * of 64, and the oldest format version that can hold the text.
 */
final class NpyHeaderWriter {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Data starts at a multiple of this, so any dtype is aligned when the file is mapped at a page boundary. */
    static final int ARRAY_ALIGN = 64;
    /** NumPy leaves room for the growing axis to reach this many digits (len(str(8 * 2**64 - 1))). */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private NpyHeaderWriter() {
    }

    /**
     * Returns everything a .npy file holds before its data: prefix, header text, padding and newline.
     *
     * @param dtype   the element type
     * @param fortran whether the data is in Fortran order
     * @param shape   the shape
     * @return the bytes; their length is the data offset
     */
    static byte[] encode(DType dtype, boolean fortran, long[] shape) {
        StringBuilder sb = dict(dtype, fortran, shape);
        if (shape.length > 0) {
            // Spare room so that the header can be rewritten in place when the growing axis gets longer.
            long growing = shape[fortran ? shape.length - 1 : 0];
            sb.repeat(' ', Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growing).length()));
        }
        return wrap(sb.toString());
    }

    /** NumPy formats the dict with sorted keys and a trailing ", " after each entry. */
    private static StringBuilder dict(DType dtype, boolean fortran, long[] shape) {
        return new StringBuilder("{'descr': '").append(dtype.descr()).append("', 'fortran_order': ")
                .append(fortran ? "True" : "False").append(", 'shape': ").append(shapeRepr(shape)).append(", }");
    }

    /**
     * Returns the header of a .npy file rewritten for a new shape, in the same length: same version and length
     * field, the dict as NumPy writes it, padded with spaces to the old end. This is what lets a file grow in place
     * (npy-append-array does the same for NumPy).
     *
     * @param old   the file's header
     * @param shape the new shape
     * @return the bytes from the start of the file to the data, {@code old.dataOffset()} long; null if the new dict
     *         does not fit in the old header
     */
    static byte[] encodeInPlace(NpyHeader old, long[] shape) {
        String text = dict(old.dtype(), old.fortranOrder(), shape).toString();
        // The dict is ASCII, so latin-1 (versions 1 and 2) and UTF-8 (version 3) give the same bytes.
        byte[] dict = text.getBytes(StandardCharsets.ISO_8859_1);
        int prefix = NpyHeader.prefixLength(old.major());
        long total = old.dataOffset();
        if (prefix + dict.length + 1L > total) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) old.major()).put((byte) 0);
        if (old.major() == 1) {
            b.putShort((short) old.headerLength());
        } else {
            b.putInt((int) old.headerLength());
        }
        b.put(dict);
        while (b.remaining() > 1) {
            b.put((byte) ' ');
        }
        return b.put((byte) '\n').array();
    }

    /**
     * Adds the prefix and padding to header text in the oldest version that can hold it, as NumPy's
     * {@code _wrap_header_guess_version}: 1.0, then 2.0 when the text is too long for a 16-bit length, then 3.0
     * (UTF-8) when it is not latin-1 encodable.
     */
    static byte[] wrap(String header) {
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(header);
        if (latin1) {
            byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
            byte[] v1 = wrap(text, 1);
            return v1 != null ? v1 : wrap(text, 2);
        }
        return wrap(header.getBytes(StandardCharsets.UTF_8), 3);
    }

    /** Returns the wrapped header in one version, or null when its length does not fit the version's length field. */
    private static byte[] wrap(byte[] text, int major) {
        int prefix = NpyHeader.prefixLength(major);
        long hlen = text.length + 1L;
        long padlen = ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
        long total = hlen + padlen;
        if (major == 1 && total > 0xFFFF) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(prefix + total)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) total);
        } else {
            b.putInt((int) total);
        }
        b.put(text);
        while (b.remaining() > 1) {
            b.put((byte) ' ');
        }
        return b.put((byte) '\n').array();
    }

    /**
     * Formats a shape as Python's repr of a tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. The header must hold
     * exactly this text, so it is spelled out here rather than borrowed from the core's message helpers.
     */
    static String shapeRepr(long[] shape) {
        String items = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + items + (shape.length == 1 ? ",)" : ")");
    }
}
