package org.memmap4j.testing;

import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.DType;
import org.memmap4j.Order;
import org.memmap4j.internal.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.memmap4j.format.Raw;
import org.memmap4j.testing.NumPy;

/**
 * Runs many small NumPy snippets in one python3 process (process start is the slow part) and hands back what
 * each produced: dtype, shape, strides and the C-order bytes of {@code r}, or the exception it raised.
 *
 * <p>A snippet is Python code that sets {@code r} (anything {@code np.asarray} accepts) and may set {@code info}
 * (any value, returned as its {@code str}). Java arrays reach NumPy as raw files: {@link #input(NDArray)} writes
 * one and returns the expression that reads it back. Warnings are silenced, as NumPy's casts warn on overflow.
 */
public final class NumPyBatch {

    /** What one snippet produced. */
    public record Result(String code, boolean ok, String dtype, long[] shape, long[] strides, String info, String error,
                  String message, byte[] bytes) {

        /** Returns the result as an array in memory, failing the test if the snippet raised. */
        public NDArray array() {
            assertOk();
            MemorySegment copy = MemorySegment.ofArray(bytes.clone());
            return NDArrays.wrap(copy, DType.of(dtype), Order.C, 0, shape);
        }

        /** The snippet's last line (where the result is made), to name it in failures. */
        public String label() {
            String c = code.strip();
            return c.substring(c.lastIndexOf('\n') + 1);
        }

        public void assertOk() {
            if (!ok) {
                fail("NumPy raised %s: %s%nfor: %s", error, message, code);
            }
        }
    }

    private static final String DRIVER = """
            import json, warnings
            d = sys.argv[1]
            cases = json.load(open(d + '/cases.json'))
            out = open(d + '/results.txt', 'w')
            def clean(s):
                return str(s).replace('\\\\', '\\\\\\\\').replace('\\n', '\\\\n').replace('\\t', ' ')
            for i, code in enumerate(cases):
                env = {'np': np}
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter('ignore')
                        exec(code, env)
                        r = np.asarray(env.get('r', 0))
                        data = r.tobytes()
                    open(d + '/r%d.bin' % i, 'wb').write(data)
                    out.write('OK\\t%s\\t%s\\t%s\\t%s\\n' % (r.dtype.str, ','.join(map(str, r.shape)),
                              ','.join(map(str, r.strides)), clean(env.get('info', ''))))
                except Exception as e:
                    out.write('ERR\\t%s\\t%s\\n' % (type(e).__name__, clean(e)))
            out.close()
            """;

    private final Path dir;
    private final List<String> cases = new ArrayList<>();
    private int inputs;

    /**
     * Creates a batch whose files live in dir.
     *
     * @param dir an empty directory (a JUnit {@code @TempDir})
     */
    public NumPyBatch(Path dir) {
        this.dir = dir;
    }

    /** Writes an array to a raw file; returns the Python expression for the same array (dtype, shape, values). */
    public String input(NDArray a) {
        Path f = dir.resolve("in" + inputs++ + ".bin");
        try {
            Raw.toFile(a, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "np.fromfile(r'" + f.toAbsolutePath() + "', dtype='" + a.dtype().descr() + "').reshape("
                + pyTuple(a.shape()) + ")";
    }

    /** Adds a snippet; returns its position in the list {@link #run()} returns. */
    public int add(String code) {
        cases.add(code);
        return cases.size() - 1;
    }

    /** Runs every snippet added so far in one python process. */
    public List<Result> run() {
        try {
            Files.writeString(dir.resolve("cases.json"), json(cases));
            NumPy.run(DRIVER, dir);
            List<String> lines = Files.readAllLines(dir.resolve("results.txt"));
            assertThat(lines).hasSize(cases.size());
            List<Result> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", -1);
                String code = cases.get(i);
                if (f[0].equals("OK")) {
                    byte[] bytes = Files.readAllBytes(dir.resolve("r" + i + ".bin"));
                    out.add(new Result(code, true, f[1], longs(f[2]), longs(f[3]), unclean(f[4]), null, null, bytes));
                } else {
                    out.add(new Result(code, false, null, null, null, null, f[1], unclean(f[2]), null));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- comparing ------------------------------------------------------------------------------------------------

    /** Asserts dtype, shape and element bytes (C order) equal NumPy's; strides are not compared. */
    public static void assertSameArray(NDArray actual, Result expected) {
        expected.assertOk();
        String where = "for: " + expected.label();
        assertThat(actual.dtype().descr()).as("dtype " + where).isEqualTo(expected.dtype());
        assertThat(actual.shape()).as("shape " + where).containsExactly(expected.shape());
        byte[] got = bytes(actual);
        if (!Arrays.equals(got, expected.bytes())) {
            int size = actual.itemsize();
            int k = Arrays.mismatch(got, expected.bytes()) / size;
            NDArray want = expected.array();
            fail("element %d (C order) differs %s%n  memmap4j: %s (bytes %s)%n  numpy:    %s (bytes %s)", k, where,
                    describe(actual, k), hex(got, k * size, size), describe(want, k), hex(expected.bytes(), k * size, size));
        }
    }

    /** Asserts dtype, shape, values and byte strides equal NumPy's; strides of axes of length 1 may differ. */
    public static void assertSameView(NDArray actual, Result expected) {
        assertSameArray(actual, expected);
        long[] shape = actual.shape();
        long[] st = actual.strides();
        long[] want = expected.strides();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1 && actual.size() > 0) {
                assertThat(st[i]).as("stride of axis %d: memmap4j %s, numpy %s, for: %s", i, Arrays.toString(st),
                        Arrays.toString(want), expected.label()).isEqualTo(want[i]);
            }
        }
    }

    /**
     * Asserts that memmap4j refuses what NumPy refused: an IndexError becomes IndexOutOfBoundsException with NumPy's
     * message, except for malformed indices (two ellipses, a float), which are IllegalArgumentException like
     * ValueError, TypeError and Python's syntax errors.
     */
    public static void assertRaisesLike(ThrowingCallable call, Result r) {
        String numpy = r.error() + ": " + r.message();
        String m = r.message().strip();
        if (r.error().equals("IndexError") && !m.startsWith("only integers") && !m.startsWith("an index can only")) {
            assertThatThrownBy(call).as(numpy).isInstanceOf(IndexOutOfBoundsException.class)
                    // NumPy casts uint64 positions to int64 before it reports them; memmap4j reports the value.
                    .hasMessage(spaced(m).replace("index -9223372036854775808", "index 9223372036854775808"));
        } else if (m.startsWith("an index can only")) {
            assertThatThrownBy(call).as(numpy).isInstanceOf(IllegalArgumentException.class).hasMessage(m);
        } else {
            assertThatThrownBy(call).as(numpy).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** NumPy's tuples as memmap4j prints them: (3, 4, 5) rather than (3,4,5). */
    public static String spaced(String numpy) {
        return numpy.replaceAll(",(?=\\d)", ", ");
    }

    /** Returns the C-order bytes of an array, as {@code a.tobytes()}. */
    public static byte[] bytes(NDArray a) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            a.writeTo(Channels.newChannel(bos));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    private static String describe(NDArray a, long flat) {
        long[] idx = new long[a.ndim()];
        for (int i = a.ndim() - 1; i >= 0; i--) {
            idx[i] = flat % a.shape(i);
            flat /= a.shape(i);
        }
        long off = a.segmentOffset();
        for (int i = 0; i < idx.length; i++) {
            off += idx[i] * a.strides()[i];
        }
        MemorySegment s = a.segment();
        DType t = a.dtype();
        if (t.kind().isComplex()) {
            return Elements.getDouble(s, off, t) + "+" + Elements.getImag(s, off, t) + "j";
        }
        if (t.kind().isFloat()) {
            return Double.toString(Elements.getDouble(s, off, t));
        }
        long v = Elements.getLong(s, off, t);
        return t.kind() == DType.Kind.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
    }

    private static String hex(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(b.length, from + n); i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }

    // ---- the same array on both sides ------------------------------------------------------------------------------

    /** Returns {@code np.arange(size).astype(dtype).reshape(shape)} in memmap4j. */
    public static NDArray arange(String dtype, long... shape) {
        return NDArrays.arange(DType.of(dtype), sizeOf(shape)).reshape(shape);
    }

    /** Returns {@code -1 - np.arange(size).astype(dtype).reshape(shape)} in memmap4j: values unlike any arange's. */
    public static NDArray negatedArange(String dtype, long... shape) {
        NDArray v = NDArrays.empty(DType.of(dtype), shape);
        for (long k = 0; k < v.size(); k++) {
            v.reshape(-1).setLong(-1 - k, k);
        }
        return v;
    }

    /** Returns the Python expression for {@link #negatedArange(String, long...)}. */
    public static String pyNegatedArange(String dtype, long... shape) {
        return "(-1 - " + pyArange(dtype, shape) + ")";
    }

    /** Returns the Python expression for {@link #arange(String, long...)}. */
    public static String pyArange(String dtype, long... shape) {
        return "np.arange(" + sizeOf(shape) + ").astype('" + dtype + "').reshape(" + pyTuple(shape) + ")";
    }

    // ---- Python text -----------------------------------------------------------------------------------------------

    /** Formats a shape as a Python tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    public static String pyTuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static long sizeOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] longs(String csv) {
        return csv.isEmpty() ? new long[0] : Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static String unclean(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String json(List<String> strings) {
        StringBuilder sb = new StringBuilder("[");
        for (String s : strings) {
            sb.append(sb.length() > 1 ? ",\n" : "").append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }
}
