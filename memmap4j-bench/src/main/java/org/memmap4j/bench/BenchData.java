package org.memmap4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.format.Npy;

/** The benchmark input: a float32 .npy of uniform [0, 1) values, made once (seeded) and reused across runs. */
public final class BenchData {

    private BenchData() {
    }

    /**
     * Returns the file for n float32 elements under the directory in {@code memmap4j.bench.dir} (default
     * {@code /tmp}), creating it when missing.
     *
     * @param n the number of elements
     * @return the path of the .npy file
     * @throws IOException if it cannot be created
     */
    public static Path float32(long n) throws IOException {
        Path dir = Path.of(System.getProperty("memmap4j.bench.dir", "/tmp"));
        Path f = dir.resolve("memmap4j-bench-f32-" + n + ".npy");
        if (!Files.exists(f)) {
            try (NDArray a = Npy.create(f, DType.FLOAT32, Order.C, false, n)) {
                Compute.local().fillUniform(a, 42);
                a.flush();
            }
        }
        return f;
    }

    /**
     * Opens the benchmark file read-only.
     *
     * @param n the number of elements
     * @return the mapped array
     * @throws IOException if it cannot be created or opened
     */
    public static NDArray open(long n) throws IOException {
        return Npy.open(float32(n), Mode.READ_ONLY);
    }
}
