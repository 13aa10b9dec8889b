package org.memmap4j.format;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.memmap4j.DType;

/**
 * Reads and validates a .npy header: magic string, version, length field and the header dict, as NumPy's
 * {@code read_magic} and {@code _read_array_header}, but stricter (see {@link PyLiteral}) and with every problem
 * reported as a {@link FormatException}. Reads exactly the header's bytes from the stream, never more.
 */
final class NpyHeaderReader {

    /**
     * Longer headers are refused before any byte of them is read. NumPy's {@code np.load} refuses more than 10000
     * characters; files it writes for the dtypes memmap4j supports have headers under 2 KiB.
     */
    static final int MAX_HEADER_LENGTH = 1 << 20;
    /** NumPy's limit on the number of dimensions. */
    static final int MAX_DIMS = 64;

    private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");

    private NpyHeaderReader() {
    }

    /**
     * Reads a header from the start of a .npy stream.
     *
     * @param in     the stream, positioned at the magic string; left just after the header
     * @param source names the file in messages
     * @return the validated header
     * @throws FormatException if the bytes are not a valid header of a supported array
     * @throws IOException     if reading fails
     */
    static NpyHeader read(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(8);
        int n = Math.min(6, magic.length);
        if (!Arrays.equals(magic, 0, n, NpyHeaderWriter.MAGIC, 0, n)) {
            throw new FormatException(source, "not a .npy file: the magic string is not correct; expected "
                    + bytesRepr(NpyHeaderWriter.MAGIC) + ", got " + bytesRepr(Arrays.copyOf(magic, n)));
        }
        if (magic.length < 8) {
            throw new FormatException(source, "truncated .npy file: " + magic.length
                    + " bytes, too short for the magic string and version");
        }
        int major = magic[6] & 0xFF;
        int minor = magic[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new FormatException(source, "unsupported .npy format version " + major + "." + minor
                    + "; memmap4j reads versions 1.0, 2.0 and 3.0");
        }
        int fieldSize = major == 1 ? 2 : 4;
        byte[] field = in.readNBytes(fieldSize);
        if (field.length < fieldSize) {
            throw new FormatException(source, "truncated .npy file: the header length field of version " + major
                    + ".0 needs " + fieldSize + " bytes, found " + field.length);
        }
        long length = 0;
        for (int i = fieldSize - 1; i >= 0; i--) {
            length = length << 8 | (field[i] & 0xFF);
        }
        if (length > MAX_HEADER_LENGTH) {
            throw new FormatException(source, "header length " + length + " exceeds memmap4j's limit of "
                    + MAX_HEADER_LENGTH + " bytes (NumPy's np.load allows 10000); the file is corrupt or not an array of a supported dtype");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new FormatException(source, "truncated .npy file: the header length field says " + length
                    + " bytes, but only " + bytes.length + " follow");
        }
        String text = decode(bytes, major, source);
        Map<PyLiteral.Value, PyLiteral.Value> dict = parseDict(text, major, source);
        long[] shape = shape(dict.get(new PyLiteral.Str("shape")), source);
        boolean fortran = fortranOrder(dict.get(new PyLiteral.Str("fortran_order")), source);
        DType dtype = dtype(dict.get(new PyLiteral.Str("descr")), source);
        long dataOffset = NpyHeader.prefixLength(major) + length;
        checkSize(dtype, shape, dataOffset, source);
        return new NpyHeader(major, 0, dtype, fortran, shape, dataOffset);
    }

    private static String decode(byte[] bytes, int major, String source) throws FormatException {
        if (major < 3) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(source, "the header of a version 3.0 file is not valid UTF-8", e);
        }
    }

    private static Map<PyLiteral.Value, PyLiteral.Value> parseDict(String text, int major, String source) throws FormatException {
        PyLiteral.Value v;
        try {
            // Python 2 wrote longs as "3L"; NumPy still reads such 1.0 and 2.0 headers.
            v = PyLiteral.parse(text, major < 3);
        } catch (ParseException e) {
            throw new FormatException(source, "cannot parse header: " + e.getMessage() + " in "
                    + new PyLiteral.Str(PyLiteral.abbreviate(text.strip(), 200)).repr(), e);
        }
        if (!(v instanceof PyLiteral.Dict(Map<PyLiteral.Value, PyLiteral.Value> entries))) {
            throw new FormatException(source, "header is not a dictionary: " + abbreviatedRepr(v));
        }
        List<String> missing = new ArrayList<>();
        for (String k : KEYS) {
            if (!entries.containsKey(new PyLiteral.Str(k))) {
                missing.add("'" + k + "'");
            }
        }
        Set<String> extra = new TreeSet<>();
        for (PyLiteral.Value k : entries.keySet()) {
            if (!(k instanceof PyLiteral.Str(String s) && KEYS.contains(s))) {
                extra.add(PyLiteral.abbreviate(k.repr(), 60));
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new FormatException(source, "header does not contain the correct keys"
                    + (missing.isEmpty() ? "" : ": missing " + String.join(", ", missing))
                    + (extra.isEmpty() ? "" : (missing.isEmpty() ? ": " : "; ") + "unexpected " + String.join(", ", extra))
                    + " (expected exactly 'descr', 'fortran_order' and 'shape')");
        }
        return entries;
    }

    private static long[] shape(PyLiteral.Value v, String source) throws FormatException {
        if (!(v instanceof PyLiteral.Tuple(List<PyLiteral.Value> items))) {
            throw new FormatException(source, "shape is not valid: " + abbreviatedRepr(v) + " is not a tuple of ints");
        }
        if (items.size() > MAX_DIMS) {
            throw new FormatException(source, "shape is not valid: " + items.size() + " dimensions, more than the maximum of " + MAX_DIMS);
        }
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof PyLiteral.Int(BigInteger d))) {
                throw new FormatException(source, "shape is not valid: " + abbreviatedRepr(v) + ": dimension " + i
                        + " is " + (items.get(i) instanceof PyLiteral.Bool ? "a bool" : "not an int") + " (" + items.get(i).repr() + ")");
            }
            if (d.signum() < 0) {
                throw new FormatException(source, "shape is not valid: " + abbreviatedRepr(v) + ": dimension " + i + " is negative");
            }
            if (d.bitLength() > 63) {
                throw new FormatException(source, "shape is not valid: " + abbreviatedRepr(v) + ": dimension " + i
                        + " exceeds 2^63 - 1");
            }
            shape[i] = d.longValue();
        }
        return shape;
    }

    private static boolean fortranOrder(PyLiteral.Value v, String source) throws FormatException {
        if (!(v instanceof PyLiteral.Bool(boolean b))) {
            throw new FormatException(source, "fortran_order is not a valid bool: " + abbreviatedRepr(v));
        }
        return b;
    }

    private static DType dtype(PyLiteral.Value v, String source) throws FormatException {
        // Non-strings (lists for structured dtypes, tuples for subarrays) are passed as their repr, so that
        // DType.of explains why they are refused.
        String spec = v instanceof PyLiteral.Str(String s) ? s : v.repr();
        // Dtype strings are printable ASCII. Other strings are refused here, quoted as Python would, because DType's
        // message would quote them verbatim, control characters and line breaks included.
        if (v instanceof PyLiteral.Str && !spec.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new FormatException(source, "descr is not a supported dtype: " + abbreviatedRepr(v)
                    + " is not a NumPy dtype string (it has characters other than printable ASCII)");
        }
        try {
            return DType.of(spec);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source, "descr is not a supported dtype: " + PyLiteral.abbreviate(e.getMessage(), 400), e);
        }
    }

    /** Refuses arrays whose extent (or strides) overflow 2^63 bytes, as NumPy's "array is too big". */
    private static void checkSize(DType dtype, long[] shape, long dataOffset, String source) throws FormatException {
        if (!NpyHeader.fits(dtype, shape, dataOffset)) {
            throw new FormatException(source, "shape is not valid: " + NpyHeaderWriter.shapeRepr(shape) + " of " + dtype
                    + " is too big: the data would exceed 2^63 bytes");
        }
    }

    private static String abbreviatedRepr(PyLiteral.Value v) {
        return PyLiteral.abbreviate(v.repr(), 200);
    }

    /** Python's repr of bytes, for messages about the magic string. */
    static String bytesRepr(byte[] b) {
        StringBuilder sb = new StringBuilder("b'");
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == '\\' || c == '\'') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('\'').toString();
    }
}
