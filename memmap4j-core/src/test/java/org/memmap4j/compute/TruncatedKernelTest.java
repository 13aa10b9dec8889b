package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.TruncatedMapping;

/**
 * A file truncated under a mapping while a C2-compiled vectorised kernel reads it: the kernel fails with an
 * exception (which the executor turns into one naming the file) and the JVM survives. Without {@link FaultGuard}
 * the forked JVM dies of SIGBUS in the kernel (as NumPy's process does).
 */
class TruncatedKernelTest {

    @Test
    void everyVectorKernelSurvivesItsFileBeingTruncatedAfterC2CompiledIt(@TempDir Path dir) throws Exception {
        ForkedJvm child = TruncatedMapping.fork(TruncatedKernelMain.class, dir);
        assertThat(child.exitCode()).as("exit code (134: the JVM crashed)\n%s", child.err()).isZero();
        assertThat(child.out().lines()).containsExactly("sum: InternalError", "var: InternalError",
                "max: InternalError", "argmax: InternalError", "masked sum: InternalError",
                "masked count: InternalError", "masked max: InternalError", "masked int count: InternalError",
                "masked int sum: InternalError", "masked int max: InternalError", "masked int mean: InternalError",
                "masked int64 mean: InternalError",
                "radix: InternalError");
    }
}
