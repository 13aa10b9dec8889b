package org.memmap4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The oracle: runs real NumPy (python3) from tests.
 *
 * <p>Scripts get their arguments as {@code sys.argv[1:]} and {@code np} already imported. Without python3 + numpy the
 * calling test is skipped, unless {@code MEMMAP4J_REQUIRE_NUMPY=1} (set by CI), where it fails instead.
 * {@code MEMMAP4J_PYTHON} names another interpreter than {@code python3}.
 */
public final class NumPy {

    private static Boolean available;
    private static final String PYTHON = System.getenv().getOrDefault("MEMMAP4J_PYTHON", "python3");

    private NumPy() {
    }

    /** Skips (or, under CI, fails) the calling test when NumPy is missing. */
    public static void assume() {
        boolean ok = available();
        if (!ok && "1".equals(System.getenv("MEMMAP4J_REQUIRE_NUMPY"))) {
            throw new AssertionError("python3 with numpy is required (MEMMAP4J_REQUIRE_NUMPY=1) but not found");
        }
        assumeTrue(ok, "python3 with numpy not found: NumPy interop test skipped");
    }

    /** Returns true if {@code python3 -c 'import numpy'} works. */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }

    /**
     * Runs a Python script with numpy imported as np and returns its standard output, stripped.
     *
     * @param script the script body
     * @param args   arguments, passed as strings in sys.argv[1:]
     * @return stdout, without the trailing newline
     * @throws AssertionError if python fails, with its stderr
     */
    public static String run(String script, Object... args) {
        assume();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", "import sys\nimport numpy as np\n" + script));
        for (Object a : args) {
            cmd.add(a instanceof Path p ? p.toAbsolutePath().toString() : String.valueOf(a));
        }
        try {
            Process p = new ProcessBuilder(cmd).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python timed out:\n" + script);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("python failed (" + p.exitValue() + "):\n" + script + "\n---\n"
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run python3: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
