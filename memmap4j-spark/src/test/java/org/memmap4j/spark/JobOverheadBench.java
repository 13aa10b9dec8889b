package org.memmap4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.format.Npy;

/**
 * Measures the Spark engine's fixed cost (docs/BENCHMARKS.md): the wall time of an empty one-chunk job, of a
 * 16-chunk job, and of {@code sum} over a small file, each against the local engine. Run with the module's test
 * class path: {@code java -cp ... org.memmap4j.spark.JobOverheadBench local[2]}.
 */
public final class JobOverheadBench {

    private JobOverheadBench() {
    }

    /**
     * Runs the measurements.
     *
     * @param args the master URL (default local[2])
     * @throws Exception if something fails
     */
    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        SparkConf conf = new SparkConf().setMaster(master).setAppName("overhead").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        Path dir = Files.createTempDirectory("overhead");
        Path f = dir.resolve("a.npy");
        try (NDArray a = Npy.create(f, DType.FLOAT64, Order.C, false, 1 << 17)) {
            Compute.local().fillNormal(a, 1);
        }
        try (SparkExecutor spark = SparkExecutor.start(conf, 64 << 10);
             ChunkExecutor local = ChunkExecutor.local(2, 64 << 10);
             NDArray a = Npy.open(f, Mode.READ_ONLY)) {
            Job<Long> one = new Job<>("one", 1, 8, 1, (from, to) -> to - from);
            Job<Long> sixteen = new Job<>("sixteen", 16 * 8192, 8, 1, (from, to) -> to - from);
            for (ChunkExecutor ex : new ChunkExecutor[] {spark, local}) {
                String name = ex == spark ? "spark " + master : "local, 2 threads";
                Compute c = Compute.on(ex);
                time(name, "empty job, 1 chunk", () -> ex.map(one));
                time(name, "empty job, 16 chunks", () -> ex.map(sixteen));
                time(name, "sum of 1 MiB float64 (16 chunks)", () -> c.sum(a));
            }
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }

    private static void time(String engine, String what, Runnable r) {
        for (int i = 0; i < 300; i++) {
            r.run(); // warm-up
        }
        int n = 300;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            r.run();
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf("%-18s %-34s %8.3f ms per job%n", engine, what, ms);
    }
}
