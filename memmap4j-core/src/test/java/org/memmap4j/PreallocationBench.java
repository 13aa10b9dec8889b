package org.memmap4j;

import java.nio.file.Files;
import java.nio.file.Path;
import org.memmap4j.format.Npy;

/**
 * Timing harness (not a test): what reserving the space of a new .npy file costs when the file is then written in
 * full through the mapping (a constant: the cost of the page faults and block allocation shows) and flushed, as
 * {@code evalToNpy} does, against NumPy's sparse file. Runs alternate, so
 * that drifting load hits both. Run with {@code flock /tmp/bench.lock java --enable-native-access=ALL-UNNAMED
 * --add-modules jdk.incubator.vector -cp target/classes:target/test-classes org.memmap4j.PreallocationBench DIR GIB
 * REPS}.
 */
public final class PreallocationBench {

    private PreallocationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
        long gib = args.length > 1 ? Long.parseLong(args[1]) : 2;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long n = (gib << 30) / 4;
        for (int r = 0; r < reps; r++) {
            for (boolean sparse : new boolean[] {true, false}) {
                Path f = dir.resolve("prealloc-bench.npy");
                Files.deleteIfExists(f);
                long t0 = System.nanoTime();
                try (NDArray a = sparse ? Npy.createSparse(f, DType.FLOAT32, Order.C, false, n)
                        : Npy.create(f, DType.FLOAT32, Order.C, false, n)) {
                    long t1 = System.nanoTime();
                    a.fill(1.5);   // memory-bound: the page faults and block allocation are what is timed
                    long t2 = System.nanoTime();
                    a.flush();
                    long t3 = System.nanoTime();
                    System.out.printf("%-8s %d GiB: create %.3f s  fill %.3f s  flush %.3f s  total %.3f s%n",
                            sparse ? "sparse" : "reserved", gib, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                            (t3 - t0) / 1e9);
                }
                Files.delete(f);
            }
        }
    }
}
