package org.memmap4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The command line every example shares: {@code [DIR [N ...]]}. DIR is the working directory where the example
 * writes its files (created if missing, kept afterwards); without it the files go to a fresh temporary directory
 * that is deleted when the program exits. The directory is named on stderr, so stdout stays what the tutorial
 * prints. The numbers that follow are example-specific sizes.
 */
final class ExampleArgs {

    private ExampleArgs() {
    }

    /**
     * Returns the working directory: {@code args[0]} if given, else a new temporary directory deleted at exit.
     *
     * @throws IOException if the directory cannot be created
     */
    static Path workDir(String[] args) throws IOException {
        if (args.length > 0) {
            Path dir = Files.createDirectories(Path.of(args[0]));
            System.err.println("working directory: " + dir.toAbsolutePath());
            return dir;
        }
        Path dir = Files.createTempDirectory("memmap4j-example-");
        // Examples write up to 400 MB (and an 8 TB sparse file): don't leave them in /tmp after every run.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        System.err.println("working directory: " + dir + " (deleted at exit; give a directory to keep the files)");
        return dir;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Returns {@code args[position]} as a positive number ({@code 1_000_000} and {@code 1e6} are accepted), or the
     * default when absent.
     *
     * @throws IllegalArgumentException if the argument is not a positive whole number
     */
    static long size(String[] args, int position, long defaultValue) {
        if (args.length <= position) {
            return defaultValue;
        }
        String s = args[position].replace("_", "");
        try {
            double d = Double.parseDouble(s);
            long n = (long) d;
            if (n == d && n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the argument's position
        }
        throw new IllegalArgumentException("argument " + (position + 1) + " must be a positive whole number, got '" + args[position] + "'");
    }
}
