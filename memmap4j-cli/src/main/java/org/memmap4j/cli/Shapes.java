package org.memmap4j.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses shapes as users type them: {@code 1000,1000}, {@code (1000, 1000)}, {@code (5,)}, {@code ()}. */
final class Shapes {

    private Shapes() {
    }

    static long[] parse(String text) {
        String s = text.strip();
        if (s.startsWith("(") && s.endsWith(")") || s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        List<Long> dims = new ArrayList<>();
        if (!s.isEmpty()) {
            String[] parts = s.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.isEmpty() && i == parts.length - 1 && i > 0) {
                    break; // trailing comma, as in (5,)
                }
                long d;
                try {
                    d = Long.parseLong(p.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid shape '" + text + "': '" + p + "' is not a whole number");
                }
                if (d < 0) {
                    throw new IllegalArgumentException("invalid shape '" + text + "': negative dimension " + d);
                }
                dims.add(d);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

}
