package org.memmap4j.format;

import java.math.BigInteger;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A strict parser for the subset of Python literals that .npy headers use: dict, tuple, list, str (single or double
 * quotes, with escapes), int (with an optional sign), float (recognised only so that errors can name it),
 * {@code True}, {@code False} and {@code None}.
 *
 * <p>It replaces NumPy's {@code ast.literal_eval}: nothing is evaluated, and input outside the subset (names,
 * operators, comments, triple quotes, string concatenation, bytes, complex numbers, hex or underscored integers) is
 * a {@link ParseException}. Nesting depth, integer length and dict size are bounded so that hostile input can cost
 * neither stack nor quadratic time; every other resource is bounded by the length of the text.
 */
final class PyLiteral {

    /** Deeper nesting is refused; real headers nest two levels (dict of tuple). */
    static final int MAX_DEPTH = 32;
    /** Longer integer literals are refused: no .npy quantity needs more than 20 digits. */
    static final int MAX_INT_DIGITS = 100;
    /**
     * Larger dicts are refused: a .npy header's has three entries. Keys whose hashes collide (easily made: "Aa" and
     * "BB" hash alike) cost linear time each to insert, so an unbounded dict would cost quadratic time.
     */
    static final int MAX_DICT_ENTRIES = 64;

    /** A parsed literal. {@link #repr()} prints it as Python would, for error messages. */
    sealed interface Value permits Str, Int, Float, Bool, NoneValue, Tuple, PyList, Dict {
        String repr();
    }

    record Str(String value) implements Value {
        @Override
        public String repr() {
            StringBuilder sb = new StringBuilder("'");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\'' -> sb.append("\\'");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        // Control characters and line separators are escaped as Python's repr does, so that a
                        // repr always prints on one line.
                        if (Character.isISOControl(c)) {
                            sb.append(String.format("\\x%02x", (int) c));
                        } else if (c == '\u2028' || c == '\u2029') {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('\'').toString();
        }
    }

    record Int(BigInteger value) implements Value {
        @Override
        public String repr() {
            return value.toString();
        }
    }

    /** A float literal, kept as written: headers never need its value, only the fact that it is not an int. */
    record Float(String text) implements Value {
        @Override
        public String repr() {
            return text;
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String repr() {
            return value ? "True" : "False";
        }
    }

    record NoneValue() implements Value {
        @Override
        public String repr() {
            return "None";
        }
    }

    record Tuple(List<Value> items) implements Value {
        @Override
        public String repr() {
            return items.size() == 1 ? "(" + items.getFirst().repr() + ",)" : join("(", items, ")");
        }
    }

    record PyList(List<Value> items) implements Value {
        @Override
        public String repr() {
            return join("[", items, "]");
        }
    }

    /** A dict in insertion order. Keys are compared as values, so {@code 1} and {@code True} stay distinct. */
    record Dict(Map<Value, Value> entries) implements Value {
        @Override
        public String repr() {
            return entries.entrySet().stream().map(e -> e.getKey().repr() + ": " + e.getValue().repr())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    private static String join(String open, List<Value> items, String close) {
        return items.stream().map(Value::repr).collect(Collectors.joining(", ", open, close));
    }

    private final String text;
    private final boolean longSuffix;
    private int pos;

    private PyLiteral(String text, boolean longSuffix) {
        this.text = text;
        this.longSuffix = longSuffix;
    }

    /**
     * Parses one literal that makes up the whole text, surrounded by optional whitespace.
     *
     * @param text       the text
     * @param longSuffix whether integers may carry Python 2's {@code L} suffix (as in .npy 1.0 and 2.0 headers
     *                   written by Python 2, which NumPy still reads)
     * @return the value
     * @throws ParseException if the text is not exactly one literal of the subset; the offset is where it fails
     */
    static Value parse(String text, boolean longSuffix) throws ParseException {
        PyLiteral p = new PyLiteral(text, longSuffix);
        p.skipSpace();
        Value v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the literal");
        }
        return v;
    }

    private Value value(int depth) throws ParseException {
        if (depth >= MAX_DEPTH) {
            throw error("literal nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of text, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> dict(depth);
            case '(' -> tuple(depth);
            case '[' -> new PyList(items(']', depth));
            case '\'', '"' -> string();
            case '-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> {
                if (Character.isLetter(c) || c == '_') {
                    yield name();
                }
                throw error("unexpected " + describeHere() + ", expected a value");
            }
        };
    }

    private Dict dict(int depth) throws ParseException {
        int start = pos;
        pos++;
        Map<Value, Value> map = new LinkedHashMap<>();
        skipSpace();
        while (!peek('}')) {
            int keyPos = pos;
            Value key = value(depth + 1);
            if (key instanceof PyList || key instanceof Dict) {
                pos = keyPos;
                throw error("unhashable dict key " + key.repr());
            }
            skipSpace();
            expect(':');
            skipSpace();
            Value val = value(depth + 1);
            if (map.size() == MAX_DICT_ENTRIES) {
                pos = keyPos;
                throw error("dict with more than " + MAX_DICT_ENTRIES + " entries");
            }
            if (map.putIfAbsent(key, val) != null) {
                pos = keyPos;
                throw error("duplicate dict key " + key.repr());
            }
            if (!separator('}', start)) {
                break;
            }
        }
        closing('}', start);
        return new Dict(map);
    }

    private Value tuple(int depth) throws ParseException {
        int start = pos;
        pos++;
        List<Value> items = new ArrayList<>();
        skipSpace();
        boolean comma = false;
        while (!peek(')')) {
            items.add(value(depth + 1));
            comma = separator(')', start);
            if (!comma) {
                break;
            }
        }
        closing(')', start);
        // "(x)" is x in parentheses, not a tuple; "(x,)" and "()" are tuples.
        return items.size() == 1 && !comma ? items.getFirst() : new Tuple(List.copyOf(items));
    }

    private List<Value> items(char close, int depth) throws ParseException {
        int start = pos;
        pos++;
        List<Value> items = new ArrayList<>();
        skipSpace();
        while (!peek(close)) {
            items.add(value(depth + 1));
            if (!separator(close, start)) {
                break;
            }
        }
        closing(close, start);
        return List.copyOf(items);
    }

    /** After an item: consumes a comma and following space and returns true, or returns false before the closer. */
    private boolean separator(char close, int start) throws ParseException {
        skipSpace();
        if (pos >= text.length()) {
            throw neverClosed(start);
        }
        if (peek(',')) {
            pos++;
            skipSpace();
            return true;
        }
        if (!peek(close)) {
            throw error("unexpected " + describeHere() + ", expected ',' or '" + close + "'");
        }
        return false;
    }

    private void closing(char close, int start) throws ParseException {
        if (pos >= text.length()) {
            throw neverClosed(start);
        }
        expect(close);
    }

    private ParseException neverClosed(int start) {
        return new ParseException("'" + text.charAt(start) + "' at position " + start + " is never closed", pos);
    }

    private Str string() throws ParseException {
        int start = pos;
        char quote = text.charAt(pos++);
        if (text.startsWith("" + quote + quote, pos)) {
            pos = start;
            throw error("triple-quoted strings are not supported");
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                pos = start;
                throw error("string literal is never closed");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
            }
        }
        skipSpace();
        if (peek('\'') || peek('"')) {
            throw error("implicit string concatenation is not supported");
        }
        return new Str(sb.toString());
    }

    private void escape(StringBuilder sb) throws ParseException {
        int at = pos - 1;
        if (pos >= text.length()) {
            throw error("string literal is never closed");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '\\', '\'', '"' -> sb.append(e);
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\n' -> { } // a backslash before a newline continues the string
            case 'x' -> sb.append((char) hex(2, at));
            case 'u' -> sb.append((char) hex(4, at));
            case 'U' -> {
                long cp = hex(8, at);
                if (cp > Character.MAX_CODE_POINT) {
                    pos = at;
                    throw error("escape \\U" + Long.toHexString(cp) + " is beyond Unicode");
                }
                sb.appendCodePoint((int) cp);
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = e - '0';
                for (int k = 0; k < 2 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; k++) {
                    v = v * 8 + text.charAt(pos++) - '0';
                }
                sb.append((char) v);
            }
            default -> {
                pos = at;
                // The character is described, never copied: it may be a line break or a control character.
                throw error("unsupported escape sequence: backslash followed by " + describe(e));
            }
        }
    }

    private long hex(int digits, int at) throws ParseException {
        if (pos + digits > text.length()) {
            pos = at;
            throw error("truncated \\" + text.charAt(at + 1) + " escape");
        }
        long v = 0;
        for (int k = 0; k < digits; k++) {
            char c = text.charAt(pos + k);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                pos = at;
                throw error("bad \\" + text.charAt(at + 1) + " escape: expected " + digits + " hex digits");
            }
            v = v * 16 + d;
        }
        pos += digits;
        return v;
    }

    private Value number() throws ParseException {
        int start = pos;
        boolean negative = false;
        if (peek('-') || peek('+')) {
            negative = text.charAt(pos++) == '-';
            skipSpace();
        }
        int digitsStart = pos;
        skipDigits();
        boolean isFloat = false;
        if (peek('.')) {
            pos++;
            skipDigits();
            isFloat = true;
        }
        if (pos == digitsStart || pos == digitsStart + 1 && isFloat) {
            pos = start;
            throw error("malformed number");
        }
        if (peek('e') || peek('E')) {
            int e = pos++;
            if (peek('-') || peek('+')) {
                pos++;
            }
            int expDigits = pos;
            skipDigits();
            if (pos == expDigits) {
                pos = e;
                throw error("malformed exponent");
            }
            isFloat = true;
        }
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            char c = text.charAt(pos);
            if (!isFloat && longSuffix && (c == 'L' || c == 'l') && !continuesName(pos + 1)) {
                pos++;
                return integer(text.substring(digitsStart, pos - 1), negative, start);
            }
            throw error("unsupported number syntax near " + describeHere());
        }
        if (isFloat) {
            return new Float(text.substring(start, pos));
        }
        return integer(text.substring(digitsStart, pos), negative, start);
    }

    private Int integer(String digits, boolean negative, int start) throws ParseException {
        if (digits.length() > 1 && digits.charAt(0) == '0' && !digits.chars().allMatch(c -> c == '0')) {
            pos = start;
            throw error("leading zeros in an integer are not allowed");
        }
        if (digits.length() > MAX_INT_DIGITS) {
            pos = start;
            throw error("integer literal longer than " + MAX_INT_DIGITS + " digits");
        }
        BigInteger v = new BigInteger(digits);
        return new Int(negative ? v.negate() : v);
    }

    private boolean continuesName(int i) {
        return i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_');
    }

    private void skipDigits() {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
    }

    private Value name() throws ParseException {
        int start = pos;
        while (continuesName(pos)) {
            pos++;
        }
        String name = text.substring(start, pos);
        switch (name) {
            case "True" -> {
                return new Bool(true);
            }
            case "False" -> {
                return new Bool(false);
            }
            case "None" -> {
                return new NoneValue();
            }
            default -> {
                if ((name.equals("u") || name.equals("U")) && (peek('\'') || peek('"'))) {
                    return string();
                }
                pos = start;
                throw error("'" + abbreviate(name, 40) + "' is not a literal (only True, False and None are)");
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws ParseException {
        if (!peek(c)) {
            throw error("unexpected " + describeHere() + ", expected '" + c + "'");
        }
        pos++;
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "end of text";
        }
        return describe(text.charAt(pos));
    }

    /** A character for a message: quoted when printable ASCII, else its code point, so that messages stay on one line. */
    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    private ParseException error(String message) {
        return new ParseException(message + " at position " + pos, pos);
    }

    /** Returns s, cut to at most max characters with a marker when longer: messages stay readable. */
    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " characters)";
    }
}
