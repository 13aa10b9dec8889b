package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/** The header literal parser against Python's ast.literal_eval: same values where it accepts, a subset of what Python accepts. */
class NpyLiteralTest {

    @TempDir
    Path dir;

    /** Python accepts all of these; the parser must give the same values. */
    static final List<String> BOTH_ACCEPT = List.of(
            "{}", "()", "[]", "(1,)", "(1)", "((3), 2)", "[1, 2,]", "(1, 2, )", "{'a': (1, 2), 'b': [True, None, False],}",
            "'\\x41\\u00e9\\U0001F600\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r'", "\"it's\"", "u'x'", "U\"y\"", "'\\101\\0\\7'",
            "'a\\\nb'", "-5", "+5", "- 5", "0", "00", "-0", "1.5", ".5", "5.", "1e3", "2E-3", "((((1,),),),)",
            "18446744073709551616", "-" + "9".repeat(100), "  {'x' : 1}\n  \n", "'é'", "''", "{'descr': '<f8', 'fortran_order': False, 'shape': (3L, 4L), }");

    /** Outside the subset: Python refuses them too, or accepts them though no .npy header needs them. */
    static final List<String> REFUSED = List.of(
            "{", "'abc", "1 2", "[1,,2]", "(,)", "{'a'}", "{'a': 1,, }", "'\\x4'", "01", "[1, 2)", "{'a': [1, 2}",
            "__import__('os')", "foo", "1 + 2", "-'a'", "1_000", "0x10", "'''x'''", "'a' 'b'", "b'x'", "1j",
            "(1, 2) # c", "'\\q'", "'\\N{BULLET}'", "[" .repeat(40) + "]".repeat(40), "1" .repeat(101), "{[1]: 2}",
            "{'a': 1, 'a': 2}", "'\\U00110000'", "'a\nb'", "1, 2", "inf", "nan", "1e", "1.e+", ".", "-", "\u0000", "");

    @Test
    void acceptsWhatPythonAcceptsWithTheSameValues() throws Exception {
        List<String> python = canonicalInPython(BOTH_ACCEPT);
        for (int i = 0; i < BOTH_ACCEPT.size(); i++) {
            String text = BOTH_ACCEPT.get(i);
            assertThat(python.get(i)).as("Python on %s", text).doesNotStartWith("ERROR");
            boolean longs = text.contains("L,");
            assertThat(canonical(PyLiteral.parse(text, longs))).as(text).isEqualTo(python.get(i));
        }
    }

    @Test
    void refusesEverythingElse() throws Exception {
        List<String> python = canonicalInPython(REFUSED);
        int refusedByPythonToo = 0;
        for (int i = 0; i < REFUSED.size(); i++) {
            String text = REFUSED.get(i);
            assertThatThrownBy(() -> PyLiteral.parse(text, false)).as(text).isInstanceOf(ParseException.class)
                    .hasMessageContaining("at position");
            refusedByPythonToo += python.get(i).startsWith("ERROR") ? 1 : 0;
        }
        // The list mixes both kinds on purpose; most are errors in Python as well.
        assertThat(refusedByPythonToo).isBetween(REFUSED.size() / 2, REFUSED.size() - 1);
        assertThatThrownBy(() -> PyLiteral.parse("(3L,)", false)).isInstanceOf(ParseException.class);
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertThatThrownBy(() -> PyLiteral.parse("{'a': 1 'b': 2}", false)).hasMessage("unexpected ''', expected ',' or '}' at position 8");
        assertThatThrownBy(() -> PyLiteral.parse("(1, 2", false)).hasMessage("'(' at position 0 is never closed");
        assertThatThrownBy(() -> PyLiteral.parse("{'a': os.system}", false))
                .hasMessage("'os' is not a literal (only True, False and None are) at position 6");
        assertThatThrownBy(() -> PyLiteral.parse("[" .repeat(10_000), false)).hasMessageContaining("nested deeper than 32 levels");
    }

    /** Python's ast.literal_eval of each text, canonicalized, or ERROR. */
    private List<String> canonicalInPython(List<String> texts) throws IOException {
        Path in = dir.resolve("texts.txt");
        Files.writeString(in, texts.stream().map(t -> HexFormat.of().formatHex(t.getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining("\n")));
        return NumPy.run("""
                import ast, tokenize, io
                from numpy.lib import _format_impl as F
                def c(v):
                    if isinstance(v, bool): return 'B' + str(v)
                    if isinstance(v, int): return 'I' + str(v)
                    if isinstance(v, float): return 'F'
                    if isinstance(v, str): return 'S' + v.encode('utf-8', 'surrogatepass').hex()
                    if v is None: return 'N'
                    if isinstance(v, tuple): return 'T(' + ','.join(map(c, v)) + ')'
                    if isinstance(v, list): return 'L[' + ','.join(map(c, v)) + ']'
                    if isinstance(v, dict): return 'D{' + ','.join(c(k) + ':' + c(x) for k, x in v.items()) + '}'
                    return 'ERROR type'
                for line in open(sys.argv[1]).read().split('\\n'):
                    s = bytes.fromhex(line).decode('utf-8')
                    try:
                        try:
                            v = ast.literal_eval(s)
                        except SyntaxError:
                            v = ast.literal_eval(F._filter_header(s))  # NumPy's fallback for Python 2 longs
                        print(c(v))
                    except Exception as e:
                        print('ERROR', type(e).__name__)
                """, in).lines().toList();
    }

    private static String canonical(PyLiteral.Value v) {
        return switch (v) {
            case PyLiteral.Bool b -> "B" + (b.value() ? "True" : "False");
            case PyLiteral.Int i -> "I" + i.value();
            case PyLiteral.Float f -> "F";
            case PyLiteral.Str s -> "S" + HexFormat.of().formatHex(s.value().getBytes(StandardCharsets.UTF_8));
            case PyLiteral.NoneValue n -> "N";
            case PyLiteral.Tuple t -> t.items().stream().map(NpyLiteralTest::canonical).collect(Collectors.joining(",", "T(", ")"));
            case PyLiteral.PyList l -> l.items().stream().map(NpyLiteralTest::canonical).collect(Collectors.joining(",", "L[", "]"));
            case PyLiteral.Dict d -> d.entries().entrySet().stream().map(e -> canonical(e.getKey()) + ":" + canonical(e.getValue()))
                    .collect(Collectors.joining(",", "D{", "}"));
        };
    }
}
