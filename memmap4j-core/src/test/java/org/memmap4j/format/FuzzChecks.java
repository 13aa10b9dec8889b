package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.memmap4j.NDArray;

/**
 * What the fuzz targets of the readers check, and the file they share.
 *
 * <p>The contract under test: for any bytes, the readers either succeed with arrays whose every element can be
 * read, or throw a {@link FormatException} whose message names the file and the problem on one line. Any other
 * exception, a hang or an {@link OutOfMemoryError} is a finding.
 */
final class FuzzChecks {

    /** One file per JVM, rewritten for each input: creating a file per input would dominate the run time. */
    private static Path file;

    private FuzzChecks() {
    }

    /** Returns the shared file, holding exactly these bytes. Arrays mapping it must be closed before the next call. */
    static synchronized Path file(byte[] data) {
        try {
            if (file == null) {
                Path dir = Files.createTempDirectory("memmap4j-fuzz-");
                dir.toFile().deleteOnExit();
                file = dir.resolve("input");
                file.toFile().deleteOnExit();
            }
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A documented failure: the message is {@code '<source>': <problem>}, on one line, for this file. */
    static void checkMessage(FormatException e, String file) {
        assertThat(e.getMessage()).startsWith("'" + file);
        // One line, printable: control characters and line separators of the input must appear escaped.
        String m = e.getMessage();
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new AssertionError(String.format("character U+%04X at %d in the message: %s", (int) c, i, m));
            }
        }
        assertThat(e.source()).startsWith(file);
        assertThat(e.problem()).isNotBlank();
    }

    /** Reads every element of an array, as a caller of the reader would, and checks the shape it announces. */
    static void readAll(NDArray a, long[] expectedShape) {
        long[] shape = a.shape();
        assertThat(shape).isEqualTo(expectedShape);
        if (a.size() == 0) {
            return;
        }
        long[] index = new long[shape.length];
        double sum = 0;
        do {
            double[] z = a.getComplex(index);
            sum += z[0] + z[1];
        } while (next(index, shape));
        // NaN != NaN: the comparison only keeps the reads from being optimised away.
        assertThat(sum == sum || Double.isNaN(sum)).isTrue();
    }

    /** Steps a C-order odometer; false after the last index. */
    private static boolean next(long[] index, long[] shape) {
        for (int k = index.length - 1; k >= 0; k--) {
            if (++index[k] < shape[k]) {
                return true;
            }
            index[k] = 0;
        }
        return false;
    }

    /** Element-wise equality of two arrays of the same shape (NaN equal to NaN, bit for bit). */
    static void assertSameElements(NDArray a, NDArray b) {
        assertThat(b.shape()).isEqualTo(a.shape());
        assertThat(b.dtype()).isEqualTo(a.dtype());
        if (a.size() == 0) {
            return;
        }
        long[] index = new long[a.ndim()];
        do {
            double[] x = a.getComplex(index);
            double[] y = b.getComplex(index);
            if (!Arrays.equals(x, y)) {
                throw new AssertionError("element " + Arrays.toString(index) + " differs: " + Arrays.toString(x)
                        + " vs " + Arrays.toString(y));
            }
        } while (next(index, a.shape()));
    }
}
