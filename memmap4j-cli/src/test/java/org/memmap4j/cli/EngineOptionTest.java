package org.memmap4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.cli.CliTest.Result;

/**
 * {@code --engine}: without the memmap4j-spark module on the class path (as here, and in the plain launcher),
 * {@code --engine spark} is a one-line error that says how to get it; wrong combinations are one-line errors too.
 * The Spark engine's own answers are tested in memmap4j-spark.
 */
class EngineOptionTest {

    @TempDir
    Path dir;

    @Test
    void sparkWithoutTheModuleSaysHowToGetIt() throws Exception {
        Path f = dir.resolve("a.raw");
        Files.write(f, new byte[80]);
        for (Object[] args : new Object[][] {{"stats", f, "--dtype", "float64"}, {"sensor", "--dir", dir.resolve("s")}}) {
            Object[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--engine", "spark", "--master", "local[2]", "--quiet")).toArray();
            Result r = CliTest.run(all);
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).startsWith("memmap4j: --engine spark needs the memmap4j-spark module")
                    .contains("./memmap4j").doesNotContain("Exception").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void wrongCombinationsAreOneLineErrors() throws Exception {
        Path f = dir.resolve("a.raw");
        Files.write(f, new byte[80]);
        String[][] cases = {
            {"--engine", "spark", "needs --master"},
            {"--master", "local[2]", "--master needs --engine spark"},
            {"--engine", "dask", "--engine must be local or spark"}};
        for (String[] c : cases) {
            Object[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("stats", f, "--dtype", "float64", "--quiet"),
                    java.util.Arrays.stream(c, 0, c.length - 1)).toArray();
            Result r = CliTest.run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains(c[c.length - 1]).hasLineCount(1);
        }
        assertThat(CliTest.run("stats", f, "--dtype", "float64", "--quiet", "--engine", "local").code()).isZero();
    }
}
