package org.memmap4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every kernel benchmark shares: the parameters (elements, threads, Vector API on or off, chunk size), a
 * {@link Compute} on {@code ChunkExecutor.local(threads, chunkBytes)}, and a fresh directory of seeded mapped files
 * made at the start of each trial and deleted at its end. Subclasses make their files in {@link #open()} through
 * {@link #data}. Throughput mode: the primary score is operations per second, the {@link Traffic} counter
 * {@code :gb} the bandwidth in GB/s.
 *
 * <p>The heap is capped at 64 MiB: memmap4j's kernels stream through the files, so their heap use must not grow with
 * the array size, and a benchmark that needed more would fail instead of quietly measuring something else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED"})
public abstract class KernelBench {

    /** The seed of the first input; further inputs of a benchmark use the next seeds. */
    protected static final long SEED = 42;

    /** Elements of the main input (64 Mi: 256 MB of float32, well inside the page cache). */
    @Param("67108864")
    public long n;

    /** Threads of the executor (1 runs everything on the calling thread). */
    @Param({"1", "2"})
    public int threads;

    /** Whether the Vector API kernels run (else the scalar ones); see {@link VectorSwitch}. */
    @Param({"true", "false"})
    public boolean vector;

    /** Target input bytes per chunk (the library's default is 4 MiB; tiny values exercise chunk boundaries). */
    @Param("4194304")
    public long chunkBytes;

    /** The computation under test. */
    protected Compute c;

    private ChunkExecutor executor;
    private Path dir;
    private final List<NDArray> open = new ArrayList<>();

    /** Creates the benchmark; JMH does. */
    protected KernelBench() {
    }

    /**
     * Chooses the kernels, starts the executor and makes the inputs.
     *
     * @throws IOException if an input cannot be made
     */
    @Setup(Level.Trial)
    public final void setUpTrial() throws IOException {
        VectorSwitch.apply(vector); // first: the kernels load on first use
        executor = ChunkExecutor.local(threads, chunkBytes);
        c = Compute.on(executor);
        dir = BenchData.newDirectory();
        try {
            open();
        } catch (IOException | RuntimeException e) {
            tearDownTrial(); // JMH does not tear down a trial whose setup failed: leave no files behind
            throw e;
        }
    }

    /** Unmaps the inputs, stops the executor and deletes the files. */
    @TearDown(Level.Trial)
    public final void tearDownTrial() {
        open.forEach(NDArray::close);
        open.clear();
        if (executor != null) {
            executor.close();
        }
        BenchData.delete(dir);
    }

    /**
     * Makes this benchmark's inputs with {@link #data} and {@link #file}.
     *
     * @throws IOException if an input cannot be made
     */
    protected abstract void open() throws IOException;

    /**
     * Makes a seeded mapped input file, closed at the end of the trial.
     *
     * @param name  the file name without extension
     * @param dtype its dtype
     * @param seed  the seed
     * @param shape its shape
     * @return the array, mapped read-write
     * @throws IOException if it cannot be made
     */
    protected final NDArray data(String name, DType dtype, long seed, long... shape) throws IOException {
        NDArray a = BenchData.create(c, dir, name, dtype, seed, shape);
        open.add(a);
        return a;
    }

    /**
     * Makes a mapped output file of zeros, closed at the end of the trial.
     *
     * @param name  the file name without extension
     * @param dtype its dtype
     * @param shape its shape
     * @return the array, mapped read-write
     * @throws IOException if it cannot be made
     */
    protected final NDArray file(String name, DType dtype, long... shape) throws IOException {
        NDArray a = Npy.create(dir.resolve(name + ".npy"), dtype, Order.C, false, shape);
        open.add(a);
        return a;
    }

    /**
     * Returns an element of a result and frees the result: in-memory results hold native memory until closed, and a
     * benchmark makes thousands of them.
     *
     * @param r the result, at least one element
     * @return its first element in C order
     */
    protected static double first(NDArray r) {
        try (r) {
            return r.getDouble(new long[r.ndim()]);
        }
    }

    /**
     * Returns the bytes of an array's elements.
     *
     * @param a the array
     * @return size times item size
     */
    protected static long bytes(NDArray a) {
        return a.size() * a.itemsize();
    }

    /**
     * Returns a 2-d view of a 1-d array with the given number of columns.
     *
     * @param a    the array
     * @param cols the columns; must divide its size
     * @return the view
     * @throws IllegalArgumentException if cols does not divide the size
     */
    protected static NDArray columns(NDArray a, long cols) {
        if (cols < 1 || a.size() % cols != 0) {
            throw new IllegalArgumentException("n = " + a.size() + " is not a multiple of " + cols + " columns");
        }
        return a.reshape(a.size() / cols, cols);
    }
}
