package org.memmap4j.format;

/**
 * Which member names an archive may hold. An archive is a set of files, and names that would leave the directory
 * they are extracted to (absolute paths, {@code ..} segments, drive letters, backslashes that Windows reads as
 * separators) are refused both when reading and writing, whatever memmap4j itself does with them: the same
 * archive may later be extracted by other tools.
 */
final class MemberNames {

    private MemberNames() {
    }

    /**
     * Returns a member name quoted for a message, as Python's repr quotes it: control characters and line breaks
     * escaped, so that a hostile name cannot break the message's line.
     */
    static String quoted(String name) {
        return new PyLiteral.Str(name).repr();
    }

    /** Returns a member name for a message: as it is when it prints on one line, else {@link #quoted}. */
    static String forMessage(String name) {
        String q = quoted(name);
        return q.equals("'" + name + "'") ? name : q;
    }

    /** Returns why a member name is refused, or null when it is safe. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "the member name is empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "the member name contains a NUL character";
        }
        if (name.indexOf('\\') >= 0) {
            return "the member name contains a backslash, a path separator on Windows";
        }
        if (name.startsWith("/")) {
            return "the member name is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "the member name starts with a drive letter";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "the member name has a '..' segment that escapes the directory";
            }
        }
        return null;
    }
}
