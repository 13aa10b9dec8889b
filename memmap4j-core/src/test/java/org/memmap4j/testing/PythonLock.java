package org.memmap4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Python's side of advisory locking, for tests: {@code fcntl.lockf} (a classic POSIX record lock on the whole file),
 * tried once or held by a python3 process until {@link #close()}.
 */
public final class PythonLock implements AutoCloseable {

    private static final String TRY = "import fcntl\n"
            + "f = open(sys.argv[1], 'r+b')\n"
            + "try:\n"
            + "    fcntl.lockf(f, (fcntl.LOCK_EX if sys.argv[2] == 'ex' else fcntl.LOCK_SH) | fcntl.LOCK_NB)\n"
            + "    print('got')\n"
            + "except OSError:\n"
            + "    print('busy')\n";
    private static final String HOLD = "import fcntl, sys\n"
            + "f = open(sys.argv[1], 'r+b')\n"
            + "fcntl.lockf(f, fcntl.LOCK_EX if sys.argv[2] == 'ex' else fcntl.LOCK_SH)\n"
            + "print('locked', flush=True)\n"
            + "sys.stdin.readline()\n";

    private final Process process;

    private PythonLock(Process process) {
        this.process = process;
    }

    /**
     * Tries once, in a new python3 process, to lock a file with {@code fcntl.lockf(..., LOCK_NB)}.
     *
     * @param file      the file
     * @param exclusive LOCK_EX rather than LOCK_SH
     * @return true if Python got the lock (it is released when the process exits)
     */
    public static boolean tryLock(Path file, boolean exclusive) {
        return NumPy.run(TRY, file, exclusive ? "ex" : "sh").equals("got");
    }

    /**
     * Starts a python3 process that locks a file with {@code fcntl.lockf} (waiting for it) and holds the lock until
     * closed; returns once the lock is held.
     *
     * @param file      the file
     * @param exclusive LOCK_EX rather than LOCK_SH
     * @return the holder
     * @throws IOException if python cannot start or does not report the lock
     */
    public static PythonLock hold(Path file, boolean exclusive) throws IOException {
        NumPy.assume();
        Process p = new ProcessBuilder(System.getenv().getOrDefault("MEMMAP4J_PYTHON", "python3"), "-c", HOLD, file.toAbsolutePath().toString(), exclusive ? "ex" : "sh")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new IOException("python did not lock " + file + ": " + line);
        }
        return new PythonLock(p);
    }

    /** Releases the lock: the process exits. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
