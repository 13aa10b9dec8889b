package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An example run as a program, the way scripts/example runs it: without a directory it cleans up after itself. */
class CommandLineTest {

    @Test
    void withoutADirectoryTheTemporaryFilesAreDeletedAtExit() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SharedWrites.class.getName())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out.strip().replace(System.lineSeparator(), "\n"))
                .isEqualTo("other mapping, [0, 0]: 42.0\nplain read of the file: [42.]");
        String line = err.lines().filter(l -> l.startsWith("working directory: ")).findFirst().orElseThrow();
        assertThat(line).endsWith(" (deleted at exit; give a directory to keep the files)");
        Path dir = Path.of(line.substring("working directory: ".length(), line.indexOf(" (deleted")));
        assertThat(dir.getFileName().toString()).startsWith("memmap4j-example-");
        assertThat(Files.exists(dir)).as(dir + " after exit").isFalse();
    }

    @Test
    void sizesMustBePositiveWholeNumbers() {
        assertThat(ExampleArgs.size(new String[] {"d", "1_000_000"}, 1, 5)).isEqualTo(1_000_000);
        assertThat(ExampleArgs.size(new String[] {"d", "1e6"}, 1, 5)).isEqualTo(1_000_000);
        assertThat(ExampleArgs.size(new String[] {"d"}, 1, 5)).isEqualTo(5);
        for (String bad : new String[] {"0", "-3", "2.5", "ten", ""}) {
            assertThatThrownBy(() -> ExampleArgs.size(new String[] {"d", bad}, 1, 5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument 2 must be a positive whole number, got '" + bad + "'");
        }
    }
}
