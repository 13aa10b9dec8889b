package org.memmap4j.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.EngineProvider;
import picocli.CommandLine.Option;

/**
 * How a long-running command runs: on which engine ({@code --engine local}, the default, or {@code --engine spark
 * --master URL} when the memmap4j-spark module is on the class path), where its chunks run ({@code --threads N},
 * and the hidden {@code --chunk-bytes N} with which tests exercise chunk boundaries; without either, the shared
 * executor on every core) and whether it shows progress bars ({@code --quiet}).
 */
final class ExecOptions {

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core; local engine).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where chunks run: this machine (default) or an Apache Spark cluster whose nodes see the same files (needs --master).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master, local[N] or spark://host:port.")
    String master;

    /** Hidden: bytes of input per chunk (tiny values make many chunks, to test their boundaries). */
    @Option(names = "--chunk-bytes", paramLabel = "N", hidden = true)
    Long chunkBytes;

    /** Returns the command's progress bars on stderr (none with --quiet); close it when done. */
    Progress progress() {
        return Progress.onStderr(quiet);
    }

    /**
     * Returns the executor to run on; close it when done (closing the shared one does nothing, closing a Spark one
     * stops Spark).
     *
     * @throws IllegalArgumentException if --threads or --chunk-bytes is below 1, the engine is unknown, --master is
     *                                  missing for spark or given for local, --threads is given for spark, or the
     *                                  spark engine is not on the class path
     */
    ChunkExecutor open() {
        if (chunkBytes != null && chunkBytes < 1) {
            throw new IllegalArgumentException("--chunk-bytes must be at least 1, got " + chunkBytes);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        String name = engine.strip().toLowerCase(Locale.ROOT);
        if (!name.equals("local")) {
            return openEngine(name);
        }
        if (master != null) {
            throw new IllegalArgumentException("--master needs --engine spark");
        }
        if (threads == null && chunkBytes == null) {
            return ChunkExecutor.local();
        }
        return ChunkExecutor.local(threads != null ? threads : ChunkExecutor.local().parallelism(),
                chunkBytes != null ? chunkBytes : ChunkExecutor.DEFAULT_CHUNK_BYTES);
    }

    private ChunkExecutor openEngine(String name) {
        if (!name.equals("spark")) {
            throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
        }
        if (master == null) {
            throw new IllegalArgumentException("--engine spark needs --master URL (local[N] or spark://host:port)");
        }
        if (threads != null) {
            throw new IllegalArgumentException("--threads is for the local engine; with --engine spark the cores come "
                    + "from --master (local[N], or the cluster's executors)");
        }
        EngineProvider provider = EngineProvider.find(name).orElseThrow(() -> new IllegalArgumentException(
                "--engine spark needs the memmap4j-spark module and Apache Spark on the class path: run ./memmap4j, "
                        + "which adds them when --engine spark is given (building memmap4j-spark on first use)"));
        Map<String, String> settings = new HashMap<>();
        settings.put(EngineProvider.MASTER, master);
        if (chunkBytes != null) {
            settings.put(EngineProvider.CHUNK_BYTES, Long.toString(chunkBytes));
        }
        // The executors run the CLI's own tasks (the sensor pipeline's), so they need its jar too.
        String cliJar = codeSource();
        if (cliJar != null) {
            settings.put(EngineProvider.JARS, cliJar);
        }
        return provider.open(settings);
    }

    /** The CLI's jar, or null when it runs from class directories. */
    private static String codeSource() {
        try {
            Path p = Path.of(ExecOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p + File.pathSeparator : null;
        } catch (Exception e) {
            return null;
        }
    }
}
