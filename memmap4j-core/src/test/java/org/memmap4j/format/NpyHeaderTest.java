package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.testing.NumPy;

/** Header bytes compared with NumPy's writer, and every validation error of the reader. */
class NpyHeaderTest {

    @TempDir
    Path dir;

    /** NumPy's _write_array_header(version=None) and NpyHeaderWriter produce the same bytes, growth padding included. */
    @Test
    void headersMatchNumpyByteForByte() {
        record Case(String descr, boolean fortran, long[] shape) { }
        List<Case> cases = new ArrayList<>();
        long[][] shapes = {{}, {0}, {1}, {7}, {2, 3}, {3, 0}, {1_000_000_000_000_000_000L}, {Long.MAX_VALUE},
                {5, 1_000_000_000_000L, 9}, new long[64], ones(64), {12345, 6}};
        for (long[] shape : shapes) {
            for (String descr : List.of("<f8", ">i2", "|b1", "<c16")) {
                cases.add(new Case(descr, false, shape));
                cases.add(new Case(descr, true, shape));
            }
        }
        String input = cases.stream().map(c -> c.descr() + ";" + (c.fortran() ? 1 : 0) + ";"
                + NpyHeaderWriter.shapeRepr(c.shape())).collect(Collectors.joining("\n"));
        Path spec = write("cases.txt", input.getBytes(StandardCharsets.UTF_8));
        String out = NumPy.run("""
                import io, ast
                from numpy.lib import _format_impl as F
                for line in open(sys.argv[1]).read().split('\\n'):
                    descr, fortran, shape = line.split(';')
                    b = io.BytesIO()
                    F._write_array_header(b, {'descr': descr, 'fortran_order': fortran == '1', 'shape': ast.literal_eval(shape)}, None)
                    print(b.getvalue().hex())
                """, spec);
        List<String> expected = out.lines().toList();
        assertThat(expected).hasSameSizeAs(cases);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            byte[] ours = NpyHeaderWriter.encode(DType.of(c.descr()), c.fortran(), c.shape());
            assertThat(HexFormat.of().formatHex(ours)).as("%s fortran=%s %s", c.descr(), c.fortran(),
                    NpyHeaderWriter.shapeRepr(c.shape())).isEqualTo(expected.get(i));
        }
    }

    /** Version switching: 2.0 past 65535 bytes, 3.0 for text latin-1 cannot encode, as _wrap_header_guess_version. */
    @Test
    void versionSwitchMatchesNumpy() {
        List<String> headers = List.of("{'a': 'é'}", "{'a': 'π'}", "x".repeat(65400), "x".repeat(65524),
                "x".repeat(65525), "x".repeat(70000), "π".repeat(40000));
        Path spec = write("headers.txt", String.join("\n", headers).getBytes(StandardCharsets.UTF_8));
        String out = NumPy.run("""
                import warnings
                from numpy.lib import _format_impl as F
                warnings.simplefilter('ignore')
                for h in open(sys.argv[1], encoding='utf-8').read().split('\\n'):
                    print(F._wrap_header_guess_version(h).hex())
                """, spec);
        List<String> expected = out.lines().toList();
        for (int i = 0; i < headers.size(); i++) {
            byte[] ours = NpyHeaderWriter.wrap(headers.get(i));
            assertThat(HexFormat.of().formatHex(ours)).as("header %d", i).isEqualTo(expected.get(i));
        }
        assertThat(NpyHeaderWriter.wrap("x".repeat(65400))[6]).isEqualTo((byte) 1);
        assertThat(NpyHeaderWriter.wrap("x".repeat(70000))[6]).isEqualTo((byte) 2);
        assertThat(NpyHeaderWriter.wrap("{'a': 'é'}")[6]).isEqualTo((byte) 1);
        assertThat(NpyHeaderWriter.wrap("{'a': 'π'}")[6]).isEqualTo((byte) 3);
    }

    private static long[] ones(int n) {
        long[] s = new long[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    // ---- reading: accepted variants ----------------------------------------------------------------------------

    /** Variants NumPy accepts: Python 2 longs, u-strings, double quotes, other key order, escapes, names for dtypes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsWhatNumpyAccepts(String header, String descr, boolean fortran, long[] shape) throws IOException {
        Path f = write("ok.npy", npy(1, header, 1 << 12));
        NpyHeader h = Npy.readHeader(f);
        assertThat(h.dtype()).isEqualTo(DType.of(descr));
        assertThat(h.fortranOrder()).isEqualTo(fortran);
        assertThat(h.shape()).isEqualTo(shape);
        String numpy = NumPy.run("""
                import warnings
                warnings.simplefilter('ignore')
                a = np.load(sys.argv[1], mmap_mode='r')
                print(a.dtype.str, a.flags.f_contiguous and not a.flags.c_contiguous, a.shape)
                """, f);
        assertThat(numpy).startsWith(DType.of(descr).descr() + " ");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("{'descr': '<i8', 'fortran_order': False, 'shape': (2L, 3L), }", "<i8", false, new long[] {2, 3}),
                Arguments.of("{u'shape': (4,), u'fortran_order': True, u'descr': u'>f4'}", ">f4", true, new long[] {4}),
                Arguments.of("{\"descr\": \"<u2\", \"fortran_order\": False, \"shape\": ()}", "<u2", false, new long[0]),
                Arguments.of("{'descr': '\\x3cf8', 'fortran_order': False, 'shape': ((3), 2)}", "<f8", false, new long[] {3, 2}),
                Arguments.of("  {'descr':'float32','fortran_order':False,'shape':(\n5,\t)}\n", "float32", false, new long[] {5}),
                Arguments.of("{'descr': '<c8', 'fortran_order': False, 'shape': (+1, 0)}", "<c8", false, new long[] {1, 0}));
    }

    // ---- reading: refused ----------------------------------------------------------------------------------------

    /** Each malformed file is a FormatException naming the file and the problem; mapping it fails the same way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesMalformedHeaders(String problem, byte[] bytes, String message) throws IOException {
        Path f = write("bad.npy", bytes);
        for (ThrowingRead read : List.<ThrowingRead>of(Npy::readHeader, Npy::load, p -> Npy.open(p, Mode.READ_ONLY),
                p -> Npy.open(p, Mode.READ_WRITE), p -> Npy.open(p, Mode.COPY_ON_WRITE))) {
            assertThatThrownBy(() -> read.apply(f)).isExactlyInstanceOf(FormatException.class)
                    .hasMessageStartingWith("'" + f + "': ").hasMessageContaining(message)
                    .satisfies(e -> assertThat(((FormatException) e).source()).isEqualTo(f.toString()));
        }
        assertThat(Files.readAllBytes(f)).as("the file is unchanged").isEqualTo(bytes);
    }

    interface ThrowingRead {
        Object apply(Path p) throws IOException;
    }

    static Stream<Arguments> refused() {
        String ok = dict("'<f8'", "False", "(3,), ");
        byte[] v2Huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put(NpyHeaderWriter.MAGIC)
                .put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE).array();
        return Stream.of(
                Arguments.of("empty file", new byte[0], "truncated .npy file: 0 bytes"),
                Arguments.of("bad magic", "\u0093NUMPZ\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), "the magic string is not correct; expected b'\\x93NUMPY', got b'\\x93NUMPZ'"),
                Arguments.of("text file", "hello world, not numpy".getBytes(StandardCharsets.US_ASCII), "got b'hello '"),
                Arguments.of("magic only", java.util.Arrays.copyOf(npy(1, ok, 24), 7), "too short for the magic string and version"),
                Arguments.of("version 4.0", version(npy(1, ok, 24), 4, 0), "unsupported .npy format version 4.0"),
                Arguments.of("version 1.1", version(npy(1, ok, 24), 1, 1), "unsupported .npy format version 1.1"),
                Arguments.of("length field cut", java.util.Arrays.copyOf(npy(2, ok, 24), 10), "header length field of version 2.0 needs 4 bytes, found 2"),
                Arguments.of("header cut", java.util.Arrays.copyOf(npy(1, ok, 24), 30), "the header length field says " + ok.length() + " bytes, but only 20 follow"),
                Arguments.of("header too long", v2Huge, "header length 2147483647 exceeds memmap4j's limit of 1048576 bytes"),
                Arguments.of("not a dict", npy(1, "[('descr', '<f8')]", 0), "header is not a dictionary: [('descr', '<f8')]"),
                Arguments.of("unclosed", npy(1, "{'descr': '<f8', ", 0), "cannot parse header"),
                Arguments.of("code", npy(1, "{'descr': __import__('os').system('true')}", 0), "'__import__' is not a literal"),
                Arguments.of("comment", npy(1, "{'descr': '<f8', # hi\n 'fortran_order': False, 'shape': (3,)}", 24), "cannot parse header: unexpected '#'"),
                Arguments.of("expression", npy(1, dict("'<f8'", "False", "(1+2,)"), 24), "cannot parse header"),
                Arguments.of("duplicate key", npy(1, "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", 24), "duplicate dict key 'descr'"),
                Arguments.of("deep nesting", npy(1, "[".repeat(5000), 0), "nested deeper than 32 levels"),
                Arguments.of("missing key", npy(1, "{'descr': '<f8', 'fortran_order': False}", 24), "header does not contain the correct keys: missing 'shape'"),
                Arguments.of("extra key", npy(1, dict("'<f8'", "False", "(3,), 'x': 1"), 24), "unexpected 'x'"),
                Arguments.of("shape negative", npy(1, dict("'<f8'", "False", "(-3,)"), 24), "shape is not valid: (-3,): dimension 0 is negative"),
                Arguments.of("shape float", npy(1, dict("'<f8'", "False", "(3.0,)"), 24), "shape is not valid: (3.0,): dimension 0 is not an int"),
                Arguments.of("shape bool", npy(1, dict("'<f8'", "False", "(True,)"), 24), "dimension 0 is a bool"),
                Arguments.of("shape list", npy(1, dict("'<f8'", "False", "[3]"), 24), "shape is not valid: [3] is not a tuple of ints"),
                Arguments.of("shape int", npy(1, dict("'<f8'", "False", "3"), 24), "shape is not valid: 3 is not a tuple"),
                Arguments.of("shape huge int", npy(1, dict("'<f8'", "False", "(" + "9".repeat(30) + ",)"), 24), "exceeds 2^63 - 1"),
                Arguments.of("shape too big", npy(1, dict("'<f8'", "False", "(4611686018427387904, 4)"), 24), "is too big: the data would exceed 2^63 bytes"),
                Arguments.of("shape too big with 0", npy(1, dict("'<u1'", "False", "(4611686018427387904, 4, 0)"), 0), "is too big"),
                Arguments.of("shape 65 dims", npy(1, dict("'<f8'", "False", "(" + "1, ".repeat(65) + ")"), 24), "65 dimensions, more than the maximum of 64"),
                Arguments.of("fortran_order int", npy(1, dict("'<f8'", "0", "(3,)"), 24), "fortran_order is not a valid bool: 0"),
                Arguments.of("fortran_order str", npy(1, dict("'<f8'", "'False'", "(3,)"), 24), "fortran_order is not a valid bool: 'False'"),
                Arguments.of("object", npy(1, dict("'|O'", "False", "(3,)"), 24), "object arrays hold Python pointers"),
                Arguments.of("string", npy(1, dict("'<U10'", "False", "(3,)"), 120), "string dtypes are not supported"),
                Arguments.of("structured", npy(1, dict("[('a', '<f4'), ('b', '<i4')]", "False", "(3,)"), 24), "structured dtypes are not supported"),
                Arguments.of("descr int", npy(1, dict("8", "False", "(3,)"), 24), "descr is not a supported dtype"),
                Arguments.of("unknown descr", npy(1, dict("'<x4'", "False", "(3,)"), 24), "not a known NumPy dtype"),
                Arguments.of("bad utf-8 in 3.0", npy(3, dict("'<f8\u00ff'", "False", "(3,)"), 24, StandardCharsets.ISO_8859_1), "not valid UTF-8"),
                Arguments.of("data truncated", npy(1, ok, 16), "truncated .npy file: the header announces 24 bytes of data ((3,) of float64) from byte " + (10 + ok.length()) + ", but only 16 bytes follow"),
                Arguments.of("no data", npy(1, ok, 0), "but only 0 bytes follow"));
    }

    /** A header dict with these values, as Python source. */
    private static String dict(String descr, String fortranOrder, String shape) {
        return "{'descr': " + descr + ", 'fortran_order': " + fortranOrder + ", 'shape': " + shape + "}";
    }

    private static byte[] version(byte[] file, int major, int minor) {
        file[6] = (byte) major;
        file[7] = (byte) minor;
        return file;
    }

    static byte[] npy(int major, String header, int dataBytes) {
        return npy(major, header, dataBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** A .npy file with exactly this header text (no padding added) and some zero data bytes. */
    static byte[] npy(int major, String header, int dataBytes, java.nio.charset.Charset cs) {
        byte[] text = header.getBytes(cs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(NpyHeaderWriter.MAGIC);
        out.write(major);
        out.write(0);
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) text.length);
        } else {
            len.putInt(text.length);
        }
        out.writeBytes(len.array());
        out.writeBytes(text);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
