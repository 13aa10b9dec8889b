package org.memmap4j.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} in a new JVM with chosen flags (and, optionally, under a shell {@code ulimit}), for
 * what cannot happen in the test JVM: no native access, a tiny address space, a crash.
 *
 * @param exitCode the child's exit code
 * @param out      its standard output
 * @param err      its standard error
 */
public record ForkedJvm(int exitCode, String out, String err) {

    /**
     * Runs {@code main} of a class on this JVM's class path.
     *
     * @param ulimit   a shell ulimit option and value, e.g. {@code "-v 2097152"}, or null for none
     * @param jvmFlags flags for the child JVM
     * @param main     the class whose main runs
     * @param args     its arguments
     * @return what the child did
     */
    public static ForkedJvm run(String ulimit, List<String> jvmFlags, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (ulimit != null) {
            // exec keeps the limit for the JVM itself; "$@" passes the arguments untouched.
            cmd.addAll(List.of("bash", "-c", "ulimit " + ulimit + " && exec \"$@\"", "bash"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String out = readAll(p.getInputStream());
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("forked JVM timed out: " + cmd);
        }
        return new ForkedJvm(p.exitValue(), out, err.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
