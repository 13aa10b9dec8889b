package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Runs an example's {@code main} in this JVM and hands back what it printed on standard output. */
final class ExampleRun {

    /** An example's entry point. */
    @FunctionalInterface
    interface Main {
        void main(String[] args) throws Exception;
    }

    private ExampleRun() {
    }

    /**
     * Runs {@code main(dir, sizes...)} with System.out and System.err captured (tests run one at a time in this
     * module, so the swap is safe) and returns the output with line ends normalised and the trailing newline stripped.
     */
    static String run(Main main, Path dir, Object... sizes) throws Exception {
        String[] args = new String[sizes.length + 1];
        args[0] = dir.toString();
        for (int i = 0; i < sizes.length; i++) {
            args[i + 1] = String.valueOf(sizes[i]);
        }
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            main.main(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        // stderr only names the working directory, keeping stdout what the tutorial prints.
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("working directory: " + dir.toAbsolutePath());
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n").stripTrailing();
    }

    /** Returns the lines of a text. */
    static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }

    /** Returns the rest of the only line that starts with {@code label}, failing the test if there is none. */
    static String value(String out, String label) {
        List<String> hits = lines(out).stream().filter(l -> l.startsWith(label)).toList();
        assertThat(hits).as("lines starting with '%s' in:%n%s", label, out).hasSize(1);
        return hits.get(0).substring(label.length()).strip();
    }

    /** Returns the part of a text from the line starting with {@code from} up to (not including) the line starting with {@code to}. */
    static String between(String text, String from, String to) {
        List<String> l = lines(text);
        int a = -1;
        for (int i = 0; i < l.size(); i++) {
            if (a < 0 && l.get(i).startsWith(from)) {
                a = i;
            } else if (a >= 0 && l.get(i).startsWith(to)) {
                return String.join("\n", l.subList(a, i)).strip();
            }
        }
        return fail("no section from '%s' to '%s' in:%n%s", from, to, text);
    }

    /** Returns the names of the files in a directory, sorted. */
    static List<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Asserts that the named files have the same bytes in both directories. */
    static void assertSameFiles(Path actual, Path expected, String... names) throws Exception {
        for (String name : names) {
            assertThat(Files.readAllBytes(actual.resolve(name))).as(name).isEqualTo(Files.readAllBytes(expected.resolve(name)));
        }
    }
}
