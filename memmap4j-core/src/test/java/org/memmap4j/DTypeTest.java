package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DType parsing and printing, checked against {@code np.dtype(spec)} for a broad list of specs. */
class DTypeTest {

    @TempDir
    Path dir;

    /** Specs NumPy refuses but memmap4j accepts on purpose (documented leniency). */
    private static final Set<String> LENIENT = Set.of(
            " f4", "f4 ", "np.float32", "numpy.int8", "!f4", "!i2", "float_", "complex_");

    private static List<String> specs() {
        Set<String> s = new LinkedHashSet<>();
        String[] codes = {"b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"};
        for (String c : codes) {
            for (String p : new String[] {"", "<", ">", "=", "|"}) {
                s.add(p + c);
            }
        }
        // Every one-letter code, both cases: 'B' (uint8) and 'b' (int8) must not be confused.
        for (char c = 'a'; c <= 'z'; c++) {
            s.add(String.valueOf(c));
            s.add(String.valueOf(Character.toUpperCase(c)));
        }
        s.add("?");
        for (String p : new String[] {"<", ">", "="}) {
            for (String c : new String[] {"?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "F", "D"}) {
                s.add(p + c);
            }
        }
        s.addAll(List.of("bool", "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float16", "float32", "float64", "complex64", "complex128", "int", "float", "complex", "uint", "intp",
                "uintp", "int_", "long", "ulong", "longlong", "ulonglong", "byte", "ubyte", "short", "ushort", "intc",
                "uintc", "half", "single", "double", "csingle", "cdouble",
                // NumPy refuses these: case matters, removed aliases, bad sizes.
                "Float32", "INT8", "Int", "F8", "C16", "F4", "I4", "U8", "B1", "bool8", "int0", "uint0", "i3", "b2",
                "u16", "f1", "c4", "E", "float8", "int128", "", "  ", "l8",
                // Supported by NumPy, not by memmap4j.
                "O", "object", "object_", "S10", "S", "a5", "U5", "U", "<U5", "str", "str_", "bytes", "bytes_", "c",
                "V8", "void", "M8", "m8", "<M8[ns]", "M8[D]", "m8[s]", "datetime64", "timedelta64", "g", "G", "f16",
                "<f16", ">c32", "longdouble", "clongdouble", "float128", "complex256", "i4,f8", "(2,)i4",
                "[('a', '<i4')]", "<i4,<f8",
                // Accepted on purpose although NumPy refuses them.
                " f4", "f4 ", "np.float32", "numpy.int8", "!f4", "!i2", "float_", "complex_"));
        return new ArrayList<>(s);
    }

    @TestFactory
    Stream<DynamicTest> parsesLikeNumPy() {
        NumPyBatch batch = new NumPyBatch(dir);
        List<String> specs = specs();
        for (String spec : specs) {
            batch.add("d = np.dtype(" + pyString(spec) + ")\n"
                    + "info = ';'.join(map(str, [d.str, d.name, d.kind, d.itemsize, repr(d), d.names is not None,"
                    + " d.subdtype is not None]))");
        }
        List<NumPyBatch.Result> results = batch.run();
        return specs.stream().map(spec -> DynamicTest.dynamicTest("'" + spec + "'", () -> {
            NumPyBatch.Result r = results.get(specs.indexOf(spec));
            if (!r.ok()) {
                if (LENIENT.contains(spec)) {
                    assertThat(DType.of(spec)).isNotNull();
                } else {
                    assertThatThrownBy(() -> DType.of(spec)).as("NumPy refuses '%s': %s", spec, r.message())
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageStartingWith("unsupported dtype '" + spec + "'");
                }
                return;
            }
            String[] f = r.info().split(";");
            String str = f[0];
            String name = f[1];
            char kind = f[2].charAt(0);
            int itemsize = Integer.parseInt(f[3]);
            String repr = f[4];
            boolean structured = f[5].equals("True") || f[6].equals("True");
            String reason = unsupportedReason(kind, itemsize, structured);
            if (reason != null) {
                assertThatThrownBy(() -> DType.of(spec)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("unsupported dtype '" + spec + "'")
                        .hasMessageContaining(reason);
                return;
            }
            DType t = DType.of(spec);
            assertThat(t.descr()).isEqualTo(str);
            assertThat(t.kind().numpyName()).isEqualTo(name);
            assertThat(t.itemSize()).isEqualTo(itemsize);
            // NumPy prints dtype('int16') and dtype('>f4'); memmap4j quotes only the latter.
            assertThat(t.toString().replace("'", "")).isEqualTo(repr.substring("dtype('".length(), repr.length() - 2));
            // The printed descr parses back to the same dtype.
            assertThat(DType.of(t.descr())).isEqualTo(t);
        }));
    }

    /** What memmap4j's message must say for a dtype NumPy has but memmap4j refuses; null if supported. */
    private static String unsupportedReason(char kind, int itemsize, boolean structured) {
        if (structured) {
            return "structured";
        }
        return switch (kind) {
            case 'O' -> "object";
            case 'S', 'U', 'T' -> "string";
            case 'V' -> "void";
            case 'M', 'm' -> "datetime";
            case 'f', 'c' -> itemsize > 8 && (kind == 'f' || itemsize > 16) ? "long double" : null;
            default -> null;
        };
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void uppercaseOneLetterCodesAreDistinct() {
        assertThat(DType.of("B")).isEqualTo(DType.UINT8);
        assertThat(DType.of("b")).isEqualTo(DType.INT8);
        assertThat(DType.of("F")).isEqualTo(DType.COMPLEX64);
        assertThat(DType.of("f")).isEqualTo(DType.FLOAT32);
        assertThat(DType.of("D")).isEqualTo(DType.COMPLEX128);
        assertThat(DType.of("d")).isEqualTo(DType.FLOAT64);
    }

    @Test
    void wrongCaseNamesAreRefusedWithAHint() {
        assertThatThrownBy(() -> DType.of("Float32")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 'float32'?");
        assertThatThrownBy(() -> DType.of("F8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 'f8'?");
    }

    @ParameterizedTest
    @CsvSource({
        "<f4, FLOAT32, LITTLE_ENDIAN",
        ">f4, FLOAT32, BIG_ENDIAN",
        ">i8, INT64, BIG_ENDIAN",
        "<c16, COMPLEX128, LITTLE_ENDIAN",
        ">c8, COMPLEX64, BIG_ENDIAN",
        "=u2, UINT16, NATIVE",
        "u2, UINT16, NATIVE",
        "|b1, BOOL, NATIVE",
        ">u1, UINT8, NATIVE",
        "<i1, INT8, NATIVE",
        ">f2, FLOAT16, BIG_ENDIAN",
    })
    void byteOrder(String spec, DType.Kind kind, String order) {
        DType t = DType.of(spec);
        ByteOrder want = switch (order) {
            case "LITTLE_ENDIAN" -> ByteOrder.LITTLE_ENDIAN;
            case "BIG_ENDIAN" -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
        assertThat(t.kind()).isEqualTo(kind);
        assertThat(t.order()).isEqualTo(want);
        assertThat(t.isNativeOrder()).isEqualTo(want == ByteOrder.nativeOrder());
        assertThat(t.toNative()).isEqualTo(DType.of(kind));
        assertThat(t.withOrder(want)).isEqualTo(t).hasSameHashCodeAs(t);
    }

    @Test
    void oneByteKindsIgnoreByteOrder() {
        for (DType.Kind k : new DType.Kind[] {DType.Kind.BOOL, DType.Kind.INT8, DType.Kind.UINT8}) {
            DType big = DType.of(k, ByteOrder.BIG_ENDIAN);
            DType little = DType.of(k, ByteOrder.LITTLE_ENDIAN);
            assertThat(big).isEqualTo(little).hasSameHashCodeAs(little);
            assertThat(big.descr()).startsWith("|");
            assertThat(big.isNativeOrder()).isTrue();
        }
    }

    @Test
    void nonNativeOrderIsPrintedAndDistinct() {
        DType big = DType.of(">f8");
        assertThat(big).isNotEqualTo(DType.FLOAT64);
        assertThat(big.descr()).isEqualTo(">f8");
        assertThat(big.name()).isEqualTo("float64 (>f8)");
        assertThat(big.toString()).isEqualTo("'>f8'");
        assertThat(DType.FLOAT64.name()).isEqualTo("float64");
    }

    @Test
    void kindPredicates() {
        for (DType.Kind k : DType.Kind.values()) {
            int n = (k.isBool() ? 1 : 0) + (k.isInteger() ? 1 : 0) + (k.isFloat() ? 1 : 0) + (k.isComplex() ? 1 : 0);
            assertThat(n).as(k.name()).isEqualTo(1);
            assertThat(k.isUnsigned()).isEqualTo(k.numpyName().startsWith("uint"));
            assertThat(DType.of(k.numpyName()).kind()).isEqualTo(k);
        }
    }

    @Test
    void refusalsNameTheReason() {
        assertThatThrownBy(() -> DType.of("O")).hasMessageContaining("object arrays hold Python pointers");
        assertThatThrownBy(() -> DType.of("S10")).hasMessageContaining("string dtypes");
        assertThatThrownBy(() -> DType.of("u16")).hasMessageContaining("not a known NumPy dtype");
        assertThatThrownBy(() -> DType.of("i4,f8")).hasMessageContaining("structured");
        assertThatThrownBy(() -> DType.of("f16")).hasMessageContaining("long double");
        assertThatThrownBy(() -> DType.of("M8[ns]")).hasMessageContaining("datetime");
        assertThatThrownBy(() -> DType.of((String) null)).isInstanceOf(NullPointerException.class);
    }
}
