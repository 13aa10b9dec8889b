package org.memmap4j;

import java.util.ArrayList;
import java.util.List;

/** Parses NumPy index expressions ({@code "10:20, ::2, -5:, ..., None, [0, 2]"}) into {@link Index} items. */
final class IndexParser {

    private IndexParser() {
    }

    static Index[] parse(String expression) {
        String text = expression == null ? "" : expression.strip();
        if (text.isEmpty()) {
            // a[()] : the whole array, as a view.
            return new Index[0];
        }
        List<Index> items = new ArrayList<>();
        for (String part : splitTopLevel(text, expression)) {
            items.add(parseItem(part.strip(), expression));
        }
        return items.toArray(Index[]::new);
    }

    /** Splits at commas that are not inside brackets; a trailing comma ("0,") is allowed, as in Python. */
    private static List<String> splitTopLevel(String text, String whole) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
                if (depth < 0) {
                    throw bad(whole, "unbalanced '" + c + "'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw bad(whole, "unbalanced brackets");
        }
        String last = text.substring(start);
        if (!last.isBlank() || parts.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    private static Index parseItem(String s, String whole) {
        if (s.isEmpty()) {
            throw bad(whole, "empty index item");
        }
        switch (s) {
            case "...", "Ellipsis" -> {
                return Index.ellipsis();
            }
            case "None", "np.newaxis", "numpy.newaxis", "newaxis" -> {
                return Index.newAxis();
            }
            case ":", "::" -> {
                return Index.all();
            }
            default -> { }
        }
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                throw bad(whole, "'" + s + "' is not a list");
            }
            return Index.array(parseList(s, whole));
        }
        if (s.indexOf(':') >= 0) {
            String[] f = s.split(":", -1);
            if (f.length > 3) {
                throw bad(whole, "'" + s + "' has more than two ':'");
            }
            Long start = parseBound(f[0], whole);
            Long stop = parseBound(f[1], whole);
            Long step = f.length == 3 ? parseBound(f[2], whole) : null;
            if (step != null && step == 0) {
                throw bad(whole, "slice step cannot be zero");
            }
            return Index.slice(start, stop, step == null ? 1 : step);
        }
        return Index.at(parseLong(s, whole));
    }

    /** Parses "[1, -2, 3]", "[True, False]" or a nested list like "[[0, 1], [1, 0]]" into an index array. */
    private static NDArray parseList(String s, String whole) {
        List<Object> nested = new ArrayList<>();
        int end = parseListInto(s, 0, nested, whole);
        if (end != s.length()) {
            throw bad(whole, "unexpected text after list '" + s + "'");
        }
        List<Long> shape = new ArrayList<>();
        Object cur = nested;
        while (cur instanceof List<?> l) {
            shape.add((long) l.size());
            cur = l.isEmpty() ? null : l.getFirst();
        }
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        List<Object> flat = new ArrayList<>();
        flatten(nested, 0, dims, flat, whole);
        boolean bools = !flat.isEmpty() && flat.getFirst() instanceof Boolean;
        NDArray out = NDArrays.empty(bools ? DType.BOOL : DType.INT64, dims);
        long k = 0;
        for (Object o : flat) {
            if (bools != (o instanceof Boolean)) {
                throw bad(whole, "a list index mixes booleans and integers");
            }
            if (bools) {
                out.setFlat(k++, (Boolean) o ? 1 : 0);
            } else {
                out.setFlat(k++, (Long) o);
            }
        }
        return out;
    }

    private static int parseListInto(String s, int pos, List<Object> out, String whole) {
        // s.charAt(pos) == '['
        int i = pos + 1;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                throw bad(whole, "unterminated list");
            }
            char c = s.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (c == '[') {
                List<Object> inner = new ArrayList<>();
                i = parseListInto(s, i, inner, whole);
                out.add(inner);
            } else {
                int j = i;
                while (j < s.length() && s.charAt(j) != ',' && s.charAt(j) != ']') {
                    j++;
                }
                String tok = s.substring(i, j).strip();
                switch (tok) {
                    case "True" -> out.add(Boolean.TRUE);
                    case "False" -> out.add(Boolean.FALSE);
                    default -> out.add(parseLong(tok, whole));
                }
                i = j;
            }
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static void flatten(Object node, int depth, long[] dims, List<Object> flat, String whole) {
        if (depth == dims.length) {
            if (node instanceof List<?>) {
                throw bad(whole, "a list index is ragged");
            }
            flat.add(node);
            return;
        }
        if (!(node instanceof List<?> l) || l.size() != dims[depth]) {
            throw bad(whole, "a list index is ragged");
        }
        for (Object o : l) {
            flatten(o, depth + 1, dims, flat, whole);
        }
    }

    private static Long parseBound(String s, String whole) {
        String t = s.strip();
        return t.isEmpty() || t.equals("None") ? null : parseLong(t, whole);
    }

    private static long parseLong(String s, String whole) {
        String t = s.strip().replace("_", "");
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw bad(whole, "'" + s.strip() + "' is not an integer, slice, '...', None or list"
                    + (t.matches("[-+]?[0-9.eE+-]+") ? " (only integers are valid indices)" : ""));
        }
    }

    private static IllegalArgumentException bad(String whole, String why) {
        return new IllegalArgumentException("invalid index '" + whole + "': " + why);
    }
}
