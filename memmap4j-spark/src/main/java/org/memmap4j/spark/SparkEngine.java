package org.memmap4j.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.EngineProvider;

/**
 * The {@code spark} engine for programs that find engines by name ({@link EngineProvider#find}), such as the CLI's
 * {@code --engine spark --master URL}. It starts a Spark context and returns a {@link SparkExecutor} that stops it
 * when closed.
 *
 * <p>Settings: {@link EngineProvider#MASTER} (default {@code local[*]}), {@link EngineProvider#CHUNK_BYTES} and
 * {@link EngineProvider#JARS}. Every other Spark setting comes from {@code spark.*} system properties, as Spark reads
 * them (e.g. {@code JAVA_OPTS=-Dspark.executor.memory=4g}). Defaults that differ from Spark's, each unless set:
 * the application is named {@code memmap4j}; the web UI is off ({@code -Dspark.ui.enabled=true} turns it on); a
 * {@code local} master binds the driver to 127.0.0.1; executors run with the Vector API and native access (the fast
 * kernels); and for a cluster, the jars of memmap4j-core, of this module and the {@code jars} setting are sent to
 * the executors ({@code spark.jars}), so that the nodes need only a JDK 25 and Spark, besides the files.
 */
public final class SparkEngine implements EngineProvider {

    /** Creates the provider (ServiceLoader calls this). */
    public SparkEngine() {
    }

    /** {@return {@code spark}} */
    @Override
    public String name() {
        return "spark";
    }

    /**
     * Starts Spark and returns an executor on it.
     *
     * @param settings the master URL, chunk bytes and extra jars (see the class comment)
     * @return the executor; closing it stops Spark
     * @throws IllegalArgumentException if chunkBytes is not a number of at least 1
     * @throws RuntimeException         if Spark cannot start (Spark throws its {@code SparkException} undeclared),
     *                                   e.g. when the master is unreachable
     */
    @Override
    public ChunkExecutor open(Map<String, String> settings) {
        return SparkExecutor.start(conf(settings), chunkBytes(settings.get(CHUNK_BYTES)));
    }

    /** The Spark configuration for the settings (see the class comment). */
    static SparkConf conf(Map<String, String> settings) {
        SparkConf conf = new SparkConf();
        String master = settings.get(MASTER);
        if (master != null) {
            conf.setMaster(master);
        } else {
            conf.setIfMissing("spark.master", "local[*]");
        }
        conf.setIfMissing("spark.app.name", "memmap4j");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.extraJavaOptions",
                "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            Set<String> jars = new LinkedHashSet<>();
            for (String j : conf.get("spark.jars", "").split(",")) {
                if (!j.isBlank()) {
                    jars.add(j.strip());
                }
            }
            jarOf(EngineProvider.class, jars);
            jarOf(SparkEngine.class, jars);
            String extra = settings.get(JARS);
            if (extra != null) {
                for (String j : extra.split(File.pathSeparator)) {
                    if (j.endsWith(".jar") && Files.isRegularFile(Path.of(j))) {
                        jars.add(Path.of(j).toAbsolutePath().toString());
                    }
                }
            }
            conf.set("spark.jars", String.join(",", jars));
        }
        return conf;
    }

    /** Adds the jar a class was loaded from (nothing for a class directory: executors get those otherwise). */
    private static void jarOf(Class<?> c, Set<String> jars) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return;
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                jars.add(p.toAbsolutePath().toString());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file location: nothing to send
        }
    }

    private static long chunkBytes(String s) {
        if (s == null) {
            return ChunkExecutor.DEFAULT_CHUNK_BYTES;
        }
        try {
            long n = Long.parseLong(s.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("chunk bytes must be a number of at least 1, got '" + s + "'");
    }
}
