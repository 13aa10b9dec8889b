package org.memmap4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to make a file system really full. Mounting needs root (or CAP_SYS_ADMIN);
 * elsewhere {@link #mount} makes the test skip, with a message, through a JUnit assumption.
 */
public final class SmallTmpfs implements AutoCloseable {

    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of the given size on a new directory under {@code parent}, or skips the test.
     *
     * @param parent where to create the mount point
     * @param bytes  the size of the file system
     * @return the mounted file system; close it to unmount
     */
    public static SmallTmpfs mount(Path parent, long bytes) throws IOException, InterruptedException {
        assumeTrue(System.getProperty("os.name").equals("Linux") && "root".equals(System.getProperty("user.name")),
                "a full disk is tested on a small tmpfs, which only root can mount: test skipped");
        Path dir = Files.createTempDirectory(parent, "tmpfs");
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        assumeTrue(out == null, "cannot mount a tmpfs here (" + out + "): full-disk test skipped");
        return new SmallTmpfs(dir);
    }

    /** {@return the mount point} */
    public Path dir() {
        return dir;
    }

    /** Remounts the file system read-only: even root then cannot open its files for writing. */
    public void remountReadOnly() throws IOException, InterruptedException {
        String out = run("mount", "-o", "remount,ro", dir.toString());
        if (out != null) {
            throw new IOException("cannot remount " + dir + " read-only: " + out);
        }
    }

    /** {@return the bytes in use on the file system, from df} */
    public long usedBytes() throws IOException {
        var store = Files.getFileStore(dir);
        return store.getTotalSpace() - store.getUnallocatedSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", dir.toString());
        if (out != null) {
            // A mapping still open keeps the file system busy: detach it now, the kernel frees it when unmapped.
            run("umount", "-l", dir.toString());
        }
        Files.deleteIfExists(dir);
    }

    /** Runs a command; returns null on success, else its output. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }
}
