package org.memmap4j.compute;

import java.nio.file.Path;
import java.util.function.Function;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.format.Npy;

/**
 * A quick timing harness (not a test): times reductions of a .npy file, e.g. the 1e9-element float32
 * /tmp/big4g.npy, with the page cache warm. Run with a small heap to show heap use is bounded:
 *
 * <pre>
 * flock /tmp/bench.lock java -Xmx64m --add-modules jdk.incubator.vector \
 *     -cp memmap4j-core/target/classes:memmap4j-core/target/test-classes \
 *     org.memmap4j.compute.ReduceBench /tmp/big4g.npy sum,mean,min,max,std,var,argmax 5
 * </pre>
 */
public final class ReduceBench {

    private ReduceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/big4g.npy");
        String[] ops = (args.length > 1 ? args[1] : "sum,mean,min,max,std,var,argmax").split(",");
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String axes = args.length > 3 ? args[3] : "";
        Compute c = Compute.local();

        try (NDArray a = Npy.open(file, Mode.READ_ONLY)) {
            NDArray v = axes.startsWith("reshape=") ? a.reshape(parse(axes.substring(8).split(";")[0])) : a;
            int[] ax = axes.contains(";") ? toInts(parse(axes.split(";")[1])) : null;
            for (String op : ops) {
                java.util.function.Function<NDArray, NDArray> f = switch (op) {
                    case "sum" -> x -> c.sum(x, ax, false);
                    case "mean" -> x -> c.mean(x, ax, false);
                    case "min" -> x -> c.min(x, ax, false);
                    case "max" -> x -> c.max(x, ax, false);
                    case "std" -> x -> c.std(x, ax, false, 0);
                    case "var" -> x -> c.var(x, ax, false, 0);
                    case "nansum" -> x -> c.nansum(x, ax, false);
                    case "nanstd" -> x -> c.nanstd(x, ax, false, 0);
                    case "nanmax" -> x -> c.nanmax(x, ax, false);
                    case "argmax" -> x -> ax == null ? c.argmax(x) : c.argmax(x, ax[0]);
                    case "argmin" -> x -> ax == null ? c.argmin(x) : c.argmin(x, ax[0]);
                    case "count" -> x -> c.countNonzero(x, ax, false);
                    default -> throw new IllegalArgumentException(op);
                };
                double best = Double.MAX_VALUE;
                double bestCpu = Double.MAX_VALUE;
                NDArray r = null;
                for (int i = 0; i < reps; i++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    r = f.apply(v);
                    double s = (System.nanoTime() - t0) / 1e9;
                    best = Math.min(best, s);
                    bestCpu = Math.min(bestCpu, (cpuNanos() - c0) / 1e9);
                }
                // CPU time shows the work when other processes share the cores (wall time then inflates).
                System.out.printf("%-8s best %.3f s  (cpu %.3f s)  %s%n", op, best, bestCpu,
                        r.size() == 1 ? r.str() : r.shape().length + "-d");
            }
        }
    }

    /** Process CPU time (user + system) from /proc/self/stat, in nanoseconds (10 ms resolution). */
    private static long cpuNanos() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static long[] parse(String s) {
        String[] p = s.split(",");
        long[] r = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = Long.parseLong(p[i].trim());
        }
        return r;
    }

    private static int[] toInts(long[] l) {
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = (int) l[i];
        }
        return r;
    }
}
