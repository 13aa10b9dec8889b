package org.memmap4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.format.Npy;

/**
 * Benchmark inputs: seeded .npy files made in a fresh temporary directory at the start of each trial, so that they
 * are in the page cache (just written) and no run depends on what an earlier one left behind. Floats are uniform in
 * [0, 1); integers are uniform in [0, {@link #INT_RANGE}).
 */
public final class BenchData {

    /** The exclusive upper bound of integer data. */
    public static final long INT_RANGE = 1000;

    private BenchData() {
    }

    /**
     * Makes a fresh directory for one trial's files under {@code memmap4j.bench.dir} (default: the JVM's temporary
     * directory).
     *
     * @return the new directory
     * @throws IOException if it cannot be created
     */
    public static Path newDirectory() throws IOException {
        Path base = Path.of(System.getProperty("memmap4j.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, "memmap4j-jmh-");
    }

    /**
     * Creates {@code dir/name.npy} and fills it with seeded random values.
     *
     * @param c     computes the values (the benchmark's executor, so setup is as fast as it can be)
     * @param dir   the directory
     * @param name  the file name without extension
     * @param dtype a float or integer dtype
     * @param seed  the seed
     * @param shape the shape
     * @return the file, mapped read-write (close it to unmap)
     * @throws IOException if it cannot be created
     */
    public static NDArray create(Compute c, Path dir, String name, DType dtype, long seed, long... shape)
            throws IOException {
        NDArray a = Npy.create(dir.resolve(name + ".npy"), dtype, Order.C, false, shape);
        if (dtype.kind().isFloat()) {
            c.fillUniform(a, seed);
        } else {
            c.fillIntegers(a, 0, INT_RANGE, seed);
        }
        return a;
    }

    /**
     * Returns the threshold that splits the data of a dtype in half: 0.5 for floats, the middle of
     * [0, {@link #INT_RANGE}) for integers.
     *
     * @param dtype the data's dtype
     * @return the threshold
     */
    public static double middle(DType dtype) {
        return dtype.kind().isFloat() ? 0.5 : (INT_RANGE - 1) / 2.0;
    }

    /**
     * Deletes a directory and everything under it.
     *
     * @param dir the directory; nothing happens if it is null or gone
     * @throws UncheckedIOException if a file cannot be deleted
     */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
