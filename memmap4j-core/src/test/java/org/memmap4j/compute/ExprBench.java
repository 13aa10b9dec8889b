package org.memmap4j.compute;

import java.nio.file.Files;
import java.nio.file.Path;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.format.Npy;

/**
 * Timing harness for the performance targets (not a test): masked sum and the fused expression into a new .npy
 * file, on a large float32 .npy file. Run with
 * {@code flock /tmp/bench.lock java -Xmx64m --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.memmap4j.compute.ExprBench /tmp/big4g.npy [what]}; what is {@code mask}, {@code fused}, {@code minmax}
 * (minWhere's vector pass against the generic path), {@code generic}, {@code tobool} (a comparison into a bool
 * file), {@code intmask} (on an int32 file), {@code cpu} or {@code all}.
 */
public final class ExprBench {

    private ExprBench() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args.length > 0 ? args[0] : "/tmp/big4g.npy");
        String what = args.length > 1 ? args[1] : "all";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Compute c = Compute.local();
        System.out.println("threads=" + c.executor().parallelism() + " vector=" + Vectorization.ENABLED
                + " kernels=" + MaskKernels.INSTANCE.getClass().getSimpleName());
        try (NDArray a = Npy.open(in, Mode.READ_ONLY)) {
            if (what.equals("mask") || what.equals("all")) {
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    NDArray s = c.sumWhere(a, Expr.of(a).gt(0.5));
                    long t1 = System.nanoTime();
                    long n = c.countNonzero(Expr.of(a).gt(0.5));
                    long t2 = System.nanoTime();
                    System.out.printf("a[a>0.5].sum() = %s  %.3f s   count_nonzero(a>0.5) = %d  %.3f s%n",
                            s.getDouble(), (t1 - t) / 1e9, n, (t2 - t1) / 1e9);
                }
            }
            if (what.equals("minmax")) {
                NDArray b = a.view(a.dtype());
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    NDArray fast = c.minWhere(a, Expr.of(a).gt(0.5));
                    long t1 = System.nanoTime();
                    // Not the pattern (the mask is on an op node): the generic block path.
                    NDArray slow = c.minWhere(a, Expr.of(b).add(0.0f).gt(0.5));
                    long t2 = System.nanoTime();
                    System.out.printf("a[a>0.5].min() = %s  %.3f s   generic a[(a+0)>0.5].min() = %s  %.3f s%n",
                            fast.getDouble(), (t1 - t) / 1e9, slow.getDouble(), (t2 - t1) / 1e9);
                }
            }
            if (what.equals("generic")) {
                NDArray b = a.view(a.dtype());
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    // Not the pattern: the mask is on a+0 (an op node), so the generic block path runs.
                    NDArray s = c.sumWhere(a, Expr.of(b).add(0.0f).gt(0.5));
                    System.out.printf("generic a[(a+0)>0.5].sum() = %s  %.3f s%n", s.getDouble(), (System.nanoTime() - t) / 1e9);
                }
            }
            if (what.equals("intmask")) {
                // An int32 file: masked reductions with an int scalar (the integer hot pattern).
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    NDArray s = c.sumWhere(a, Expr.of(a).gt(50));
                    long t1 = System.nanoTime();
                    long n = c.countNonzero(Expr.of(a).gt(50));
                    long t2 = System.nanoTime();
                    NDArray m = c.maxWhere(a, Expr.of(a).lt(50));
                    long t3 = System.nanoTime();
                    NDArray mean = c.meanWhere(a, Expr.of(a).gt(50));
                    long t4 = System.nanoTime();
                    System.out.printf("a[a>50].sum() = %d %.3f s   count_nonzero(a>50) = %d %.3f s   a[a<50].max() = %d %.3f s"
                            + "   a[a>50].mean() = %s %.3f s%n", s.getLong(), (t1 - t) / 1e9, n, (t2 - t1) / 1e9, m.getLong(),
                            (t3 - t2) / 1e9, mean.getDouble(), (t4 - t3) / 1e9);
                }
            }
            if (what.equals("tobool")) {
                // A comparison written to a bool .npy (a mask file), against the same elements added into a float32 one.
                NDArray part = a.get(":50000000");
                Path out = Files.createTempFile("exprbench", ".npy");
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    c.evalToNpy(Expr.of(part).gt(0.5), out, true).close();
                    long t1 = System.nanoTime();
                    c.evalToNpy(Expr.of(part).add(1f), out, true).close();
                    long t2 = System.nanoTime();
                    System.out.printf("50M: a > 0.5 into bool .npy %.3f s   a + 1 into float32 .npy %.3f s%n",
                            (t1 - t) / 1e9, (t2 - t1) / 1e9);
                }
                Files.deleteIfExists(out);
            }
            if (what.equals("cpu")) {
                // Single thread, 100M elements, output already faulted in: the compute cost alone.
                NDArray part = a.get(":100000000");
                Expr d = Expr.of(part);
                Expr e = d.multiply(9).divide(5).add(32).multiply(1.02);
                try (org.memmap4j.exec.ChunkExecutor one = org.memmap4j.exec.ChunkExecutor.local(1, org.memmap4j.exec.ChunkExecutor.DEFAULT_CHUNK_BYTES);
                     NDArray o = c.eval(e)) {
                    Compute c1 = Compute.on(one);
                    for (int r = 0; r < reps; r++) {
                        long t = System.nanoTime();
                        c1.evalInto(e, o);
                        long t1 = System.nanoTime();
                        c1.evalInto(d, o);
                        long t2 = System.nanoTime();
                        System.out.printf("1 thread, 100M: fused %.3f s (%.2f GB/s in+out), copy %.3f s%n", (t1 - t) / 1e9,
                                8e8 / ((t1 - t) / 1e9) / 1e9, (t2 - t1) / 1e9);
                    }
                }
            }
            if (what.equals("phases")) {
                Expr d = Expr.of(a);
                Expr e = d.multiply(9).divide(5).add(32).multiply(1.02);
                Path out = Path.of("/tmp/hexpr/java_phases.npy");
                for (int r = 0; r < reps; r++) {
                    long[] t = new long[4];
                    t[0] = System.nanoTime();
                    org.memmap4j.format.AtomicFile.write(out, true, tmp -> {
                        long off;
                        try (NDArray o = Npy.create(tmp, e.dtype(), org.memmap4j.Order.C, true, e.shape())) {
                            off = o.fileOffset().orElseThrow();
                        }
                        t[1] = System.nanoTime();
                        ElementwiseOps.runToFile(c, e, tmp, off);
                        t[2] = System.nanoTime();
                    });
                    t[3] = System.nanoTime();
                    System.out.printf("create %.3f s, evaluate+write %.3f s, force+rename %.3f s, total %.3f s%n",
                            (t[1] - t[0]) / 1e9, (t[2] - t[1]) / 1e9, (t[3] - t[2]) / 1e9, (t[3] - t[0]) / 1e9);
                    Files.deleteIfExists(out);
                }
            }
            if (what.equals("parts")) {
                Expr d = Expr.of(a);
                Expr e = d.multiply(9).divide(5).add(32).multiply(1.02);
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    try (NDArray o = c.eval(e)) {
                        long t1 = System.nanoTime();
                        c.evalInto(e, o);
                        long t2 = System.nanoTime();
                        System.out.printf("eval to new memory %.3f s, into the same memory again %.3f s%n", (t1 - t) / 1e9, (t2 - t1) / 1e9);
                    }
                    Path out = Path.of("/tmp/hexpr/java_parts.npy");
                    long t3 = System.nanoTime();
                    try (NDArray o = Npy.create(out, a.dtype(), org.memmap4j.Order.C, true, a.shape())) {
                        long t4 = System.nanoTime();
                        c.evalInto(e, o);
                        long t5 = System.nanoTime();
                        try (var ch = java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                        long t6 = System.nanoTime();
                        System.out.printf("npy create %.3f s, eval into fresh mapping %.3f s, force %.3f s%n", (t4 - t3) / 1e9, (t5 - t4) / 1e9, (t6 - t5) / 1e9);
                    }
                    Files.deleteIfExists(out);
                }
            }
            if (what.equals("fused") || what.equals("all")) {
                Path out = Path.of("/tmp/hexpr/java_out.npy");
                for (int r = 0; r < Math.min(reps, 3); r++) {
                    long t = System.nanoTime();
                    Expr d = Expr.of(a);
                    try (NDArray o = c.evalToNpy(d.multiply(9).divide(5).add(32).multiply(1.02), out, true)) {
                        System.out.printf("fused (d*9/5+32)*1.02 -> npy  %.3f s  o[12345]=%s%n", (System.nanoTime() - t) / 1e9,
                                o.getDouble(12345));
                    }
                    Files.deleteIfExists(out);
                }
            }
        }
    }
}
