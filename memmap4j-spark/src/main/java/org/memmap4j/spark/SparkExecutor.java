package org.memmap4j.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.exec.RangeTask;

/**
 * Runs memmap4j's chunk jobs on Apache Spark: every {@link Job} becomes one Spark job whose tasks run the job's own
 * {@link RangeTask} (the kernel the local engine runs) on consecutive chunks, on executors that see the arrays' files
 * at the same paths (a shared file system, or identical node-local copies).
 *
 * <p><b>Same answers as the local engine.</b> Chunks are cut exactly as {@link ChunkExecutor#local(int, long)} cuts
 * them for the same chunk size ({@link Job#unitsPerChunk}), and kernels make their results independent of the chunk
 * size anyway. A Spark partition is a run of consecutive chunks; partitions come back with {@code collect} in
 * partition order, so {@link #map} returns one partial per chunk in chunk order and the caller merges them on the
 * driver exactly as it merges the local engine's: results are equal bit for bit.
 *
 * <p><b>What can run.</b> Tasks reach their arrays through {@link org.memmap4j.exec.ArrayRef}, which maps the same
 * file region again on the executor; outputs are files the driver created, each task writing its own range and
 * forcing it to the file before it returns. Arrays in memory (and copy-on-write arrays) cannot be shipped: such a
 * job fails with an {@link IllegalArgumentException} naming the remedy (save the array to a file).
 *
 * <p><b>Partitions.</b> A job of {@code c} chunks has {@code min(c, max(4 * parallelism, bytes / 256 MiB))}
 * partitions of consecutive chunks: a few tasks per core balance the load, and no task reads more than about 256 MiB,
 * so a lost task costs little to retry. Progress is reported as partitions complete (polled a few times a second).
 *
 * <p><b>Cancellation.</b> Interrupting the thread in {@link #map} cancels the Spark job: no new task starts, and
 * {@code map} throws {@link CancellationException} with the interrupt status set, at once. Spark does not interrupt
 * running tasks by default ({@code spark.job.interruptOnCancel}), so tasks already running finish their chunks on the
 * executors (no chunk of an output is left half-written), unlike the local engine without {@code map} waiting for
 * them.
 *
 * <p>One {@code SparkContext} exists per JVM: an executor made with {@link #on(JavaSparkContext, long)} shares the
 * caller's and leaves it running on {@link #close()}; one made with {@link #start(SparkConf, long)} stops its own.
 */
public final class SparkExecutor implements ChunkExecutor {

    /** Tasks per core that a job is cut into, at least (fewer when there are fewer chunks). */
    static final int TASKS_PER_CORE = 4;
    /** Input bytes per task, at most about (more partitions for larger jobs). */
    static final long TASK_BYTES = 256L << 20;
    /** How often a running job's progress is polled. */
    private static final long POLL_MILLIS = 200;
    /**
     * How long a job on a cluster waits for a first executor before it fails, in seconds: system property
     * {@code memmap4j.spark.executorWait}, default 120. Spark itself would wait forever, warning in its log.
     */
    static final String EXECUTOR_WAIT_PROPERTY = "memmap4j.spark.executorWait";

    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final long chunkBytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong jobs = new AtomicLong();

    private SparkExecutor(JavaSparkContext sc, boolean ownsContext, long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, got " + chunkBytes);
        }
        this.sc = Objects.requireNonNull(sc, "sc");
        this.ownsContext = ownsContext;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Returns an executor on a running Spark context, which it leaves running when closed.
     *
     * @param sc         the context
     * @param chunkBytes the target input bytes per chunk, at least 1 (e.g. {@link ChunkExecutor#DEFAULT_CHUNK_BYTES})
     * @return the executor
     * @throws IllegalArgumentException if chunkBytes is below 1
     * @throws NullPointerException     if sc is null
     */
    public static SparkExecutor on(JavaSparkContext sc, long chunkBytes) {
        return new SparkExecutor(sc, false, chunkBytes);
    }

    /**
     * Starts a Spark context (or joins the one this JVM already runs, as {@code SparkContext.getOrCreate} does) and
     * returns an executor on it; closing the executor stops the context if this call started it.
     *
     * @param conf       the Spark configuration: at least the master URL ({@code local[N]}, {@code spark://host:port})
     * @param chunkBytes the target input bytes per chunk, at least 1
     * @return the executor
     * @throws IllegalArgumentException if chunkBytes is below 1
     * @throws RuntimeException         if Spark cannot start (Spark throws its {@code SparkException} undeclared),
     *                                   e.g. when the master is unreachable
     */
    public static SparkExecutor start(SparkConf conf, long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, got " + chunkBytes);
        }
        // A context that started during the call is this executor's; an older one is someone else's to stop.
        long before = System.currentTimeMillis();
        SparkContext sc = SparkContext.getOrCreate(conf);
        return new SparkExecutor(JavaSparkContext.fromSparkContext(sc), sc.startTime() >= before, chunkBytes);
    }

    /** {@return the Spark context jobs run on} */
    public JavaSparkContext context() {
        return sc;
    }

    /** {@return how many Spark jobs this executor has submitted (one per non-empty {@link Job})} */
    public long jobs() {
        return jobs.get();
    }

    /** {@return Spark's default parallelism: the cores of the executors (or N of local[N])} */
    @Override
    public int parallelism() {
        return Math.max(1, sc.defaultParallelism());
    }

    /** {@return true: tasks and their results are serialized, even in local mode} */
    @Override
    public boolean shipsTasks() {
        return true;
    }

    @Override
    public long chunkBytes() {
        return chunkBytes;
    }

    /**
     * Runs a job as one Spark job and returns the partial result of each chunk, in chunk order.
     *
     * @param job      the job; its task and partials must be serializable
     * @param progress hears bytes done as partitions complete
     * @param <P>      the partial result
     * @return one partial per chunk; empty when the job has no units
     * @throws IllegalArgumentException   if the task cannot be sent to Spark's executors (an array in memory or
     *                                    copy-on-write, or another value that is not serializable); the message names
     *                                    the job and the remedy
     * @throws CancellationException      if the calling thread is interrupted (the Spark job is cancelled)
     * @throws RuntimeException           the exception a chunk threw, as the local engine throws it (checked ones
     *                                    wrapped: {@link IOException} in {@link UncheckedIOException}); other Spark
     *                                    failures (a lost executor after retries) as Spark reports them
     * @throws IllegalStateException      if the executor is closed, or no executor joined the cluster within
     *                                    {@code memmap4j.spark.executorWait} seconds (default 120; the job is
     *                                    cancelled)
     */
    @Override
    public <P> List<P> map(Job<P> job, ProgressListener progress) {
        if (closed.get()) {
            throw new IllegalStateException("executor is closed");
        }
        long n = job.units();
        long per = job.unitsPerChunk(chunkBytes);
        long chunks = job.chunkCount(chunkBytes);
        if (chunks == 0) {
            return List.of();
        }
        long totalBytes = n * job.unitBytes();
        List<long[]> groups = groups(n, per, chunks, partitions(chunks, totalBytes, parallelism()));
        // Only the task and plain numbers go to the executors: the job also holds arrays (scans) and the listener.
        RangeTask<P> task = job.task();
        JavaFutureAction<List<List<P>>> future;
        try {
            sc.setJobDescription(job.name());
            JavaRDD<List<P>> rdd = sc.parallelize(groups, groups.size()).map(g -> runChunks(task, g[0], g[1], g[2]));
            future = rdd.collectAsync();
            jobs.incrementAndGet();
        } catch (Exception e) { // Spark throws its checked SparkException ("Task not serializable") undeclared
            throw failure(job, e);
        }
        List<List<P>> parts = await(job, future, groups.size(), totalBytes, progress);
        List<P> partials = new ArrayList<>((int) chunks);
        for (List<P> p : parts) {
            partials.addAll(p);
        }
        progress.progress(totalBytes, totalBytes);
        return partials;
    }

    /** The number of partitions for a job (see the class comment). */
    static int partitions(long chunks, long totalBytes, int parallelism) {
        long wanted = Math.max((long) TASKS_PER_CORE * parallelism, (totalBytes + TASK_BYTES - 1) / TASK_BYTES);
        return (int) Math.min(Math.min(chunks, wanted), Integer.MAX_VALUE - 8);
    }

    /**
     * Cuts the units into partitions of consecutive chunks, as balanced as whole chunks allow: {from, to, per} each,
     * where chunks start at multiples of per from 0 (the local engine's chunks).
     */
    static List<long[]> groups(long units, long per, long chunks, int partitions) {
        List<long[]> groups = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            long c0 = chunks * p / partitions;
            long c1 = chunks * (p + 1) / partitions;
            groups.add(new long[] {c0 * per, Math.min(units, c1 * per), per});
        }
        return groups;
    }

    /** One Spark task: the chunks of units {@code [from, to)}, each {@code per} units, in order. */
    private static <P> List<P> runChunks(RangeTask<P> task, long from, long to, long per) throws Exception {
        List<P> out = new ArrayList<>();
        for (long c = from; c < to; c += per) {
            out.add(task.run(c, Math.min(to, c + per)));
        }
        return out;
    }

    /** Waits for the job, reporting progress per completed partition; cancels it if the caller is interrupted. */
    private <P> List<List<P>> await(Job<P> job, JavaFutureAction<List<List<P>>> future, int partitions,
                                    long totalBytes, ProgressListener progress) {
        long reported = 0;
        long started = System.nanoTime();
        long executorWait = TimeUnit.SECONDS.toNanos(Long.getLong(EXECUTOR_WAIT_PROPERTY, 120));
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long completed = completedTasks(future);
                    long done = totalBytes * completed / partitions;
                    if (done > reported && done < totalBytes) {
                        reported = done;
                        progress.progress(done, totalBytes);
                    }
                    if (completed == 0 && System.nanoTime() - started > executorWait && !hasExecutors()) {
                        future.cancel(true);
                        throw new IllegalStateException("job '" + job.name() + "': no Spark executor has joined "
                                + sc.master() + " after " + TimeUnit.NANOSECONDS.toSeconds(executorWait) + " s: check "
                                + "that workers are running and can reach this driver (spark.driver.host), and that "
                                + "spark.executor.memory and spark.executor.cores fit a worker (-D" + EXECUTOR_WAIT_PROPERTY
                                + "=SECONDS waits longer)");
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("job '" + job.name() + "' was interrupted (its Spark job was cancelled) after "
                    + reported + " of " + totalBytes + " bytes");
        } catch (ExecutionException e) {
            throw failure(job, e.getCause() != null ? e.getCause() : e);
        }
    }

    /** {@return true if tasks can run: local mode, or at least one executor besides the driver} */
    private boolean hasExecutors() {
        return sc.isLocal() || sc.statusTracker().getExecutorInfos().length > 1;
    }

    /** Tasks completed so far in the stages of a running job. */
    private long completedTasks(JavaFutureAction<?> future) {
        long done = 0;
        for (int jobId : future.jobIds()) {
            SparkJobInfo info = sc.statusTracker().getJobInfo(jobId);
            if (info == null) {
                continue;
            }
            for (int stageId : info.stageIds()) {
                SparkStageInfo stage = sc.statusTracker().getStageInfo(stageId);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                }
            }
        }
        return done;
    }

    /**
     * Turns Spark's report of a failure into what the local engine throws: the chunk's own exception when Spark
     * brought it back, an IllegalArgumentException when the task could not be serialized.
     */
    private RuntimeException failure(Job<?> job, Throwable t) {
        if (sc.sc().isStopped()) {
            // E.g. the master never answered (Spark gives up after a minute): the job's own error says little.
            return new IllegalStateException("job '" + job.name() + "' failed: Spark stopped (is the master URL "
                    + sc.master() + " right and reachable? Spark's log above says more)", t);
        }
        return unwrap(job, t);
    }

    /** What a failure of a job on a running context means for the caller (see {@link #failure}). */
    static RuntimeException unwrap(Job<?> job, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NotSerializableException ns) {
                // ArrayRef explains arrays that cannot be shipped; otherwise Java names the class.
                String what = ns.getMessage() != null && ns.getMessage().contains(" ") ? ns.getMessage()
                        : "it uses a value that cannot be serialized (" + ns.getMessage() + ")";
                return new IllegalArgumentException("job '" + job.name() + "' cannot run on Spark: " + what, t);
            }
        }
        if (t instanceof org.apache.spark.SparkException && t.getCause() != null) {
            // A task failed: Spark brings the task's exception back as the cause when it could serialize it.
            Throwable cause = t.getCause();
            if (cause instanceof RuntimeException r) {
                return r;
            }
            if (cause instanceof IOException io) {
                return new UncheckedIOException(io);
            }
            if (cause instanceof InternalError e && e.getMessage() != null && e.getMessage().contains("fault occurred")) {
                return new IllegalStateException("job '" + job.name() + "': a fault occurred accessing mapped data on "
                        + "a Spark executor: a mapped file was probably truncated by another process", e);
            }
            if (cause instanceof Error e) {
                throw e;
            }
            return new RuntimeException("job '" + job.name() + "' failed: " + cause, cause);
        }
        return t instanceof RuntimeException r ? r : new RuntimeException("job '" + job.name() + "' failed: " + t, t);
    }

    /** Stops the Spark context if this executor started it; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsContext) {
            sc.stop();
        }
    }
}
