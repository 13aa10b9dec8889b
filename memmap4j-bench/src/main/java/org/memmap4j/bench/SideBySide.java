package org.memmap4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.format.Npy;

/**
 * The memmap4j half of scripts/bench-vs-numpy: times each named operation on a float32 .npy (best of REPS) and
 * prints one JSON line per operation, {"op","seconds","result"}. Usage: {@code SideBySide FILE REPS OUTDIR OP...}.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * Runs the operations.
     *
     * @param args FILE REPS OUTDIR OP...
     * @throws Exception if an operation fails
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int reps = Integer.parseInt(args[1]);
        Path outDir = Path.of(args[2]);
        Compute c = Compute.local();
        try (NDArray a = Npy.open(file, Mode.READ_ONLY)) {
            for (int i = 3; i < args.length; i++) {
                String op = args[i];
                Supplier<Double> f = switch (op) {
                    case "sum" -> () -> c.sum(a).getDouble();
                    case "mean" -> () -> c.mean(a).getDouble();
                    case "min" -> () -> c.min(a).getDouble();
                    case "max" -> () -> c.max(a).getDouble();
                    case "std" -> () -> c.std(a).getDouble();
                    case "var" -> () -> c.var(a).getDouble();
                    case "argmax" -> () -> (double) c.argmax(a).getLong();
                    case "masksum" -> () -> c.sumWhere(a, Expr.of(a).gt(0.5)).getDouble();
                    case "median" -> () -> c.median(a).getDouble();
                    case "fused" -> () -> fused(c, a, outDir.resolve("memmap4j-fused.npy"));
                    // Into the page cache only, like NumPy's loop without out.flush(): no wait for the disk.
                    case "fused_nosync" -> () -> fused(c.withDurableFiles(false), a, outDir.resolve("memmap4j-fused.npy"));
                    default -> throw new IllegalArgumentException("unknown op " + op);
                };
                double best = Double.MAX_VALUE;
                double result = Double.NaN;
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    result = f.get();
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf(Locale.ROOT, "{\"op\":\"%s\",\"seconds\":%.6f,\"result\":%.17g}%n", op, best, result);
            }
        }
    }

    /** The seed's conversion, (d * 9 / 5 + 32) * 1.02 in float32, fused into a new .npy; returns its last element. */
    private static double fused(Compute c, NDArray a, Path out) {
        try {
            Expr e = Expr.of(a).multiply(9).divide(5).add(32).multiply(1.02);
            double last;
            try (NDArray o = c.evalToNpy(e, out, true)) {
                last = o.getDouble(o.size() - 1);
            }
            Files.deleteIfExists(out);
            return last;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
