package org.memmap4j.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.TruncatedMapping;

/** The sensor pipeline's vector kernels survive their file being truncated under the mapping once C2 compiled them. */
class TruncatedRowKernelTest {

    @Test
    void rowKernelsFailWithAnExceptionNotACrash(@TempDir Path dir) throws Exception {
        ForkedJvm child = TruncatedMapping.fork(TruncatedRowKernelMain.class, dir);
        assertThat(child.exitCode()).as("exit code (134: the JVM crashed)\n%s", child.err()).isZero();
        assertThat(child.out().lines()).containsExactly("block: InternalError", "minMax: InternalError",
                "countBeyond: InternalError");
    }
}
