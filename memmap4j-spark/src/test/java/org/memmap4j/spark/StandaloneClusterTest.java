package org.memmap4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.Main;

/**
 * A real standalone Spark cluster on 127.0.0.1: a master and a worker started as separate JVMs from the Spark jars
 * on the test class path (no Spark installation), the worker starting its own executor JVM. The CLI, in a driver
 * JVM of its own, runs the sensor pipeline with {@code --engine spark --master spark://127.0.0.1:PORT}; its report
 * and files equal the local engine's. Executors get the memmap4j classes through
 * {@code spark.executor.extraClassPath} (the nodes share this machine's paths, as a cluster shares a file system).
 */
class StandaloneClusterTest {

    @TempDir
    Path dir;

    private static final String CLASS_PATH = System.getProperty("java.class.path");

    private final List<Process> processes = new ArrayList<>();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sensorPipelineOnAStandaloneClusterGivesTheLocalEnginesAnswers() throws Exception {
        String master = startMaster();
        Process w = start("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "2", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                "--work-dir", dir.resolve("work").toString(), master);
        awaitLog(w, dir.resolve("worker.log"), "Successfully registered with master");

        Object[] common = {"sensor", "--sensors", 12, "--readings", 40_000, "--seed", 3, "--json", "--quiet",
            "--corr-readings", "all", "--chunk-bytes", 65_536};
        Path lo = dir.resolve("local");
        Path sp = dir.resolve("cluster");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(strings(common, "--dir", lo), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();

        List<String> driver = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.executor.extraClassPath=" + CLASS_PATH, "-Dspark.executor.memory=512m", "-Dspark.cores.max=2",
                "-cp", CLASS_PATH, Main.class.getName()));
        driver.addAll(List.of(strings(common, "--dir", sp, "--engine", "spark", "--master", master)));
        Process d = new ProcessBuilder(driver).redirectError(dir.resolve("driver.log").toFile())
                .redirectOutput(dir.resolve("driver.out").toFile()).start();
        processes.add(d);
        assertThat(d.waitFor(3, TimeUnit.MINUTES)).as("driver finished").isTrue();
        assertThat(d.exitValue()).as(Files.readString(dir.resolve("driver.log"))).isZero();

        String cluster = Files.readString(dir.resolve("driver.out"));
        assertThat(SparkCliTest.comparable(cluster, sp, lo)).isEqualTo(SparkCliTest.comparable(out.toString(), lo, lo))
                .contains("\"anomalies\"");
        for (String f : List.of("sensor_readings.npy", "processed_readings.npy", "sensor_statistics.npy")) {
            assertThat(Files.readAllBytes(sp.resolve(f))).as(f).isEqualTo(Files.readAllBytes(lo.resolve(f)));
        }
        // The tasks ran in an executor JVM the worker started, not in the driver.
        assertThat(Files.readString(dir.resolve("worker.log"))).contains("Asked to launch executor");
    }

    /** A cluster without workers: Spark would wait forever; the job fails after memmap4j.spark.executorWait. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withoutWorkersAJobFailsWithAClearErrorInsteadOfWaitingForever() throws Exception {
        String master = startMaster();
        Path f = dir.resolve("a.npy");
        assertThat(Main.run(new String[] {"create", f.toString(), "--dtype", "f4", "--shape", "1000", "--fill", "arange"},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        Process d = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow", "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1", "-Dmemmap4j.spark.executorWait=3", "-cp", CLASS_PATH,
                Main.class.getName(), "stats", f.toString(), "--engine", "spark", "--master", master)
                .redirectError(dir.resolve("driver.log").toFile()).redirectOutput(dir.resolve("driver.out").toFile())
                .start();
        processes.add(d);
        assertThat(d.waitFor(90, TimeUnit.SECONDS)).as("the driver gave up").isTrue();
        assertThat(d.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("driver.log")))
                .contains("memmap4j: job '").contains("no Spark executor has joined " + master + " after 3 s");
    }

    /** Stops the master, worker and driver processes a test started, last started first. */
    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes.reversed()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Starts a standalone master on 127.0.0.1 and waits for its port; returns its URL. */
    private String startMaster() throws Exception {
        int port = freePort();
        Process m = start("master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitPort(m, port);
        return "spark://127.0.0.1:" + port;
    }

    /**
     * Starts a Spark daemon from the test class path. The worker builds executor class paths from SPARK_HOME/jars
     * (here empty) plus spark.executor.extraClassPath.
     */
    private Process start(String name, String main, String... args) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home").resolve("jars")).getParent();
        // INFO logs (the tests' own configuration keeps warnings only): the test waits for the worker's registration.
        Path logConf = dir.resolve("log4j2-info.properties");
        Files.writeString(logConf, String.join("\n", "rootLogger.level = info", "rootLogger.appenderRef.o.ref = o",
                "appender.o.type = Console", "appender.o.name = o", "appender.o.layout.type = PatternLayout",
                "appender.o.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n"));
        List<String> cmd = new ArrayList<>(List.of(java(), "--sun-misc-unsafe-memory-access=allow", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + logConf, "-cp", CLASS_PATH, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String[] strings(Object[] args, Object... more) {
        List<String> all = new ArrayList<>();
        for (Object a : args) {
            all.add(a.toString());
        }
        for (Object a : more) {
            all.add(a.toString());
        }
        return all.toArray(String[]::new);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(Process p, int port) throws Exception {
        for (int i = 0; i < 600; i++) {
            assertThat(p.isAlive()).as(log("master")).isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the master did not open port " + port + ": " + log("master"));
    }

    private void awaitLog(Process p, Path log, String line) throws Exception {
        for (int i = 0; i < 600; i++) {
            assertThat(p.isAlive()).as(Files.exists(log) ? Files.readString(log) : "").isTrue();
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in " + log + ": " + Files.readString(log));
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
