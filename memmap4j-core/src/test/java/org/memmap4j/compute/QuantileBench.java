package org.memmap4j.compute;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.format.Npy;

/**
 * Times operations of this package on a large .npy file (default /tmp/big4g.npy, 1e9 float32): run with
 * {@code java -Xmx64m --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.memmap4j.compute.QuantileBench [file] [repeats] [op...]}; ops: median (default), percentiles, axis1 (median of
 * each of 50 rows), axis0 (median of each of 50 interleaved columns), hist, cov (50 rows), corr (every 10th row, first 10,000 columns), cumsum (into a memmap next to
 * the file), matvec (50 rows times a vector).
 */
public final class QuantileBench {

    private QuantileBench() {
    }

    /** CPU time of this process: with other processes on the cores, wall time alone says little. */
    private static long cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/big4g.npy");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] ops = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[] {"median"};
        Compute c = Compute.local();
        try (NDArray a = Npy.open(file, Mode.READ_ONLY)) {
            NDArray rows = a.reshape(50, -1);
            for (String op : ops) {
                for (int i = 0; i < repeats; i++) {
                    long cpu0 = cpu();
                    long t0 = System.nanoTime();
                    Object r = switch (op) {
                        case "percentiles" -> c.percentile(a, new double[] {10, 50, 90});
                        case "axis1" -> c.median(rows, 1);
                        case "axis0" -> c.median(a.reshape(-1, 50), 0);
                        case "hist" -> c.histogram(a, 100).counts();
                        case "cov" -> c.cov(rows);
                        case "corr" -> c.corrcoef(rows.get("::10, :10000"));
                        case "matvec" -> c.dot(rows, org.memmap4j.NDArrays.full(DType.FLOAT32, 1.0, rows.shape(1)));
                        case "cumsum" -> {
                            Path out = file.resolveSibling("cumsum-bench.npy");
                            try (NDArray o = Npy.create(out, DType.FLOAT32, Order.C, true, a.size())) {
                                c.cumsum(a, o);
                                yield o.getDouble(a.size() - 1);
                            }
                        }
                        default -> c.median(a);
                    };
                    long t1 = System.nanoTime();
                    long cpu1 = cpu();
                    Runtime rt = Runtime.getRuntime();
                    String shown = r instanceof NDArray x && x.size() == 1 ? Double.toString(x.reshape(-1).getDouble(0))
                            : r instanceof NDArray x ? x.dtype() + java.util.Arrays.toString(x.shape()) : String.valueOf(r);
                    System.out.printf("%s: %.3f s (cpu %.3f s)  result %s  heap used %d MiB%n", op, (t1 - t0) / 1e9,
                            (cpu1 - cpu0) / 1e9, shown, (rt.totalMemory() - rt.freeMemory()) >> 20);
                }
            }
        }
    }
}
