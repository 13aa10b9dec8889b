package org.memmap4j.compute;

import java.nio.file.Path;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.format.Npy;

/**
 * Times {@code median} of a large .npy file (default /tmp/big4g.npy): run with
 * {@code java -Xmx64m --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.memmap4j.compute.QuantileBench [file] [repeats] [op]}, op one of median, p90, axis1.
 */
public final class QuantileBench {

    private QuantileBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/big4g.npy");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String op = args.length > 2 ? args[2] : "median";
        Compute c = Compute.local();
        try (NDArray a = Npy.open(file, Mode.READ_ONLY)) {
            if (Boolean.getBoolean("touch")) {
                long t0 = System.nanoTime();
                java.lang.foreign.MemorySegment s = a.segment();
                long x = 0;
                for (long o = 0; o < s.byteSize(); o += 4096) {
                    x += s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, o);
                }
                System.out.printf("touch %.3f s (%d)%n", (System.nanoTime() - t0) / 1e9, x);
            }
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                NDArray r = switch (op) {
                    case "p90" -> c.percentile(a, new double[] {10, 50, 90});
                    case "axis1" -> c.median(a.reshape(50, -1), 1);
                    default -> c.median(a);
                };
                long t1 = System.nanoTime();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("%s: %.3f s  result %s  heap used %d MiB%n", op, (t1 - t0) / 1e9,
                        r.size() == 1 ? Double.toString(r.reshape(-1).getDouble(0)) : r.toString(),
                        (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
    }
}
