package org.memmap4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.compute.Histogram;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.format.Npy;

/**
 * Every operation of {@link Compute} that can run on a cluster gives, on Spark (local[2], which serializes every
 * task and result, and maps the files again in each task), exactly the local engine's result: same dtype, shape and
 * bits. Each operation is also checked to have really run Spark jobs.
 */
class SparkComputeTest {

    /** Small chunks: dozens of chunks and several partitions per job, so merges and partition order matter. */
    static final long CHUNK = 64 << 10;

    @TempDir
    static Path dir;

    static NDArray x;
    static NDArray xn;
    static NDArray y;
    static NDArray k;
    static NDArray m;
    static Compute local;
    static Compute spark;

    @BeforeAll
    static void data() throws Exception {
        x = input("x.npy", DType.FLOAT64, a -> Compute.local().fillNormal(a, 1), 120, 2500);
        xn = input("xn.npy", DType.FLOAT64, a -> {
            Compute.local().fillNormal(a, 2);
            for (long i = 0; i < 120; i += 7) {
                a.setDouble(Double.NaN, i, (i * 31) % 2500);
            }
        }, 120, 2500);
        y = input("y.npy", DType.FLOAT32, a -> Compute.local().fillUniform(a, 3), 300_000);
        k = input("k.npy", DType.INT32, a -> Compute.local().fillIntegers(a, -1000, 1000, 4), 80, 3000);
        m = input("m.npy", DType.FLOAT64, a -> Compute.local().fillNormal(a, 5), 2500, 40);
        local = Compute.on(ChunkExecutor.local(2, CHUNK));
        spark = Compute.on(SharedSpark.executor(CHUNK));
    }

    @AfterAll
    static void close() {
        for (NDArray a : List.of(x, xn, y, k, m)) {
            a.close();
        }
        local.executor().close();
    }

    interface Fill {
        void fill(NDArray a) throws Exception;
    }

    /** Writes an input file with the local engine and opens it read-only, as users' inputs are. */
    static NDArray input(String name, DType t, Fill fill, long... shape) throws Exception {
        Path f = dir.resolve(name);
        try (NDArray a = Npy.create(f, t, Order.C, false, shape)) {
            fill.fill(a);
            a.flush();
        }
        return Npy.open(f, Mode.READ_ONLY);
    }

    /** An operation: computes with c, writing any output file into out. */
    interface Op {
        Object run(Compute c, Path out) throws Exception;
    }

    static Arguments op(String name, Op op) {
        return Arguments.of(name, op);
    }

    static Stream<Arguments> operations() {
        int[] ax0 = {0};
        int[] ax1 = {1};
        return Stream.of(
                op("sum", (c, o) -> c.sum(x)), op("sum axis 0", (c, o) -> c.sum(x, 0)), op("sum axis 1 int32", (c, o) -> c.sum(k, 1)),
                op("sum float32", (c, o) -> c.sum(y)), op("prod axis 1", (c, o) -> c.prod(y.reshape(3000, 100), 1)),
                op("nanprod", (c, o) -> c.nanprod(xn, ax1, true)),
                op("mean", (c, o) -> c.mean(x)), op("mean axis 0", (c, o) -> c.mean(k, 0)),
                op("min", (c, o) -> c.min(x)), op("max axis 1", (c, o) -> c.max(k, 1)),
                op("var", (c, o) -> c.var(x)), op("var axis 0 ddof 1", (c, o) -> c.var(x, ax0, false, 1)),
                op("std axis 1", (c, o) -> c.std(y.reshape(600, 500), 1)),
                op("nansum", (c, o) -> c.nansum(xn)), op("nanmean axis 1", (c, o) -> c.nanmean(xn, 1)),
                op("nanmin", (c, o) -> c.nanmin(xn)), op("nanmax axis 0", (c, o) -> c.nanmax(xn, 0)),
                op("nanvar", (c, o) -> c.nanvar(xn)), op("nanstd axis 1", (c, o) -> c.nanstd(xn, 1)),
                op("count_nonzero", (c, o) -> c.countNonzero(k)), op("any axis 1", (c, o) -> c.any(k, 1)),
                op("all", (c, o) -> c.all(k)),
                op("argmin", (c, o) -> c.argmin(x)), op("argmax axis 1", (c, o) -> c.argmax(x, 1)),
                op("nanargmin axis 0", (c, o) -> c.nanargmin(xn, 0)), op("nanargmax", (c, o) -> c.nanargmax(xn)),
                op("median", (c, o) -> c.median(x)), op("median axis 1", (c, o) -> c.median(x, 1)),
                op("median float32", (c, o) -> c.median(y)),
                op("percentile axis 0", (c, o) -> c.percentile(k, new double[] {5, 50, 95}, ax0, false)),
                op("quantile", (c, o) -> c.quantile(xn, 0.25)),
                op("histogram", (c, o) -> c.histogram(x, 50)), op("histogram edges", (c, o) -> c.histogram(y, new double[] {0, 0.1, 0.5, 0.9, 1})),
                op("cov", (c, o) -> c.cov(x)), op("corrcoef", (c, o) -> c.corrcoef(x.get("::10"))),
                op("cov float32 ddof 0", (c, o) -> c.cov(y.reshape(6, 50_000), 0)),
                op("count_nonzero mask", (c, o) -> c.countNonzero(Expr.of(x).gt(0.5))),
                op("sum where", (c, o) -> c.sumWhere(x, Expr.of(x).gt(0))),
                op("mean where", (c, o) -> c.meanWhere(Expr.of(k).multiply(2), Expr.of(k).lt(0))),
                op("min where", (c, o) -> c.minWhere(y, Expr.of(y).gt(0.5))),
                op("max where", (c, o) -> c.maxWhere(x, Expr.of(xn).isnan().not())),
                op("extract to npy", (c, o) -> c.extractToNpy(Expr.of(x).gt(1), Expr.of(x), o.resolve("extract.npy"), false)),
                op("compress to npy", (c, o) -> c.compressToNpy(Expr.of(y).lt(0.25), Expr.of(y), o.resolve("compress.npy"), false)),
                op("eval to npy", (c, o) -> c.evalToNpy(Expr.of(x).multiply(9).divide(5).add(32).sqrt(), o.resolve("eval.npy"), false)),
                op("eval to raw", (c, o) -> c.evalToRaw(Expr.of(k).multiply(Expr.of(k)).astype(DType.INT64), o.resolve("eval.raw"), false)),
                op("eval into file", (c, o) -> {
                    NDArray out = Npy.create(o.resolve("into.npy"), DType.FLOAT32, Order.C, false, 120, 2500);
                    return c.evalInto(Expr.where(Expr.of(xn).isnan(), Expr.scalar(0.0), Expr.of(xn).exp()), out);
                }),
                op("cumsum axis 1 into file", (c, o) -> c.cumsum(x, 1, Npy.create(o.resolve("cumsum1.npy"), DType.FLOAT64, Order.C, false, 120, 2500))),
                op("cumsum flat into file", (c, o) -> c.cumsum(k, Npy.create(o.resolve("cumsum.npy"), DType.INT64, Order.C, false, 80 * 3000))),
                op("matmul into file", (c, o) -> c.matmul(x, m, Npy.create(o.resolve("matmul.npy"), DType.FLOAT64, Order.C, false, 120, 40))),
                op("fill normal file", (c, o) -> {
                    NDArray out = MemMap.open(o.resolve("normal.raw"), DType.FLOAT64, Mode.WRITE, 200_000);
                    c.fillNormal(out, 9);
                    return out;
                }),
                op("fill integers file", (c, o) -> {
                    NDArray out = MemMap.open(o.resolve("ints.raw"), DType.INT16, Mode.WRITE, 300, 700);
                    c.fillIntegers(out, -5, 5, 10);
                    return out;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void sparkGivesTheLocalEnginesAnswer(String name, Op op) throws Exception {
        String dirName = name.replace(' ', '_');
        Path lo = Files.createDirectories(dir.resolve("local").resolve(dirName));
        Path sp = Files.createDirectories(dir.resolve("spark").resolve(dirName));
        List<NDArray> expected = arrays(op.run(local, lo));
        long jobsBefore = ((SparkExecutor) spark.executor()).jobs();
        List<NDArray> actual = arrays(op.run(spark, sp));
        assertThat(((SparkExecutor) spark.executor()).jobs()).as("Spark jobs run by " + name).isGreaterThan(jobsBefore);
        try {
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                NDArray e = expected.get(i);
                NDArray a = actual.get(i);
                assertThat(a.dtype()).as(name).isEqualTo(e.dtype());
                assertThat(a.shape()).as(name).isEqualTo(e.shape());
                assertThat(NDArrays.arrayEqual(a, e, true)).as(name + ": " + a.str() + " vs " + e.str()).isTrue();
            }
        } finally {
            for (NDArray a : actual) {
                a.close();
            }
            for (NDArray a : expected) {
                a.close();
            }
        }
        // Outputs written by Spark tasks are in the files themselves, not only in this JVM's page view.
        try (Stream<Path> files = Files.list(sp)) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(f)).as(f.toString()).isEqualTo(Files.readAllBytes(lo.resolve(f.getFileName())));
            }
        }
    }

    /** The arrays of a result, to compare. */
    private static List<NDArray> arrays(Object r) {
        List<NDArray> out = new ArrayList<>();
        switch (r) {
            case NDArray a -> out.add(a);
            case Histogram h -> {
                out.add(h.counts());
                out.add(h.edges());
            }
            case Long n -> out.add(NDArrays.of(n));
            default -> throw new AssertionError(r);
        }
        return out;
    }

    @Test
    void anArrayInMemoryIsAClearError() {
        NDArray inMemory = NDArrays.arange(DType.FLOAT64, 100_000);
        assertThatThrownBy(() -> spark.sum(inMemory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot run on Spark")
                .hasMessageContaining("save it to a file first");
    }

    @Test
    void aResultInMemoryIsAClearError() {
        assertThatThrownBy(() -> spark.eval(Expr.of(x).multiply(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot run on Spark")
                .hasMessageContaining("evalToNpy");
    }

    @Test
    void interruptingTheCallerCancelsTheSparkJob() throws Exception {
        Job<Void> slow = new Job<>("slow", 64, 8, 1, (from, to) -> {
            Thread.sleep(300);
            return null;
        });
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                SparkExecutor.on(SharedSpark.context(), 8).map(slow);
            } catch (Throwable t) {
                thrown.set(t);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        long t0 = System.nanoTime();
        caller.start();
        Thread.sleep(500);
        caller.interrupt();
        caller.join(10_000);
        // 64 chunks of 300 ms on 2 cores would take about 10 s; cancelled, running tasks finish and no more start.
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThat(thrown.get()).isInstanceOf(java.util.concurrent.CancellationException.class)
                .hasMessageContaining("'slow' was interrupted");
        assertThat(interrupted).isTrue();
    }

    @Test
    void aCopyOnWriteArrayIsAClearError() throws Exception {
        try (NDArray c = Npy.open(dir.resolve("x.npy"), Mode.COPY_ON_WRITE)) {
            assertThatThrownBy(() -> spark.sum(c))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("copy-on-write")
                    .hasMessageContaining("mode r or r+");
        }
    }

    @Test
    void aChunksExceptionComesBackAsTheLocalEngineThrowsIt() {
        Job<Void> job = new Job<>("failing", 1000, 8, 1, (from, to) -> {
            if (from <= 500 && 500 < to) {
                throw new IllegalStateException("unit 500 is bad");
            }
            return null;
        });
        assertThatThrownBy(() -> spark.executor().map(job)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unit 500 is bad");
        assertThatThrownBy(() -> local.executor().map(job)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unit 500 is bad");
    }

    @Test
    void partialsComeBackInChunkOrderWithMonotoneProgress() {
        Job<long[]> job = new Job<>("ranges", 100_003, 8, 16, (from, to) -> new long[] {from, to});
        List<long[]> reports = new ArrayList<>();
        List<long[]> parts = spark.executor().map(job, (done, total) -> reports.add(new long[] {done, total}));
        List<long[]> expected = local.executor().map(job);
        assertThat(parts).hasSize(expected.size()).hasSizeGreaterThan(4);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(reports).isNotEmpty();
        assertThat(reports.getLast()).containsExactly(800_024, 800_024);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
        }
    }

    @Test
    void partitionsAreRunsOfWholeChunks() {
        List<long[]> g = SparkExecutor.groups(1003, 10, 101, 8);
        assertThat(g).hasSize(8);
        assertThat(g.getFirst()[0]).isZero();
        assertThat(g.getLast()[1]).isEqualTo(1003);
        for (int i = 1; i < g.size(); i++) {
            assertThat(g.get(i)[0]).isEqualTo(g.get(i - 1)[1]).isEqualTo(g.get(i)[0] / 10 * 10);
        }
        assertThat(SparkExecutor.partitions(3, 1 << 20, 2)).isEqualTo(3);
        assertThat(SparkExecutor.partitions(1000, 1 << 20, 2)).isEqualTo(8);
        assertThat(SparkExecutor.partitions(100_000, 100L << 30, 2)).isEqualTo(400);
    }
}
