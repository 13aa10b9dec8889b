package org.memmap4j.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * For a forked JVM's {@code main} (a crash must not take the test JVM with it): runs each kernel on a mapped file
 * until C2 has compiled it, truncates the file under the mapping, and runs the kernel once more. Prints
 * {@code <kernel>: InternalError} when HotSpot turned the SIGBUS into an exception (what the library's executor
 * then reports naming the file); a kernel whose compiled code is not marked as doing unsafe access kills the JVM.
 * Run the child with {@code -Xbatch} so that compilation has finished when the file is truncated.
 */
public final class TruncatedMapping {

    /** Bytes of each kernel's file. */
    public static final long BYTES = 4L << 20;

    private TruncatedMapping() {
    }

    /**
     * Runs a main that calls {@link #run} in a forked JVM with the Vector API and {@code -Xbatch}, its crash log (if
     * any) in dir.
     *
     * @param main the class whose main runs
     * @param dir  the directory for the files and a crash log
     * @return what the child did (exit code 134: the JVM crashed)
     */
    public static ForkedJvm fork(Class<?> main, Path dir) throws Exception {
        return ForkedJvm.run(null, List.of("--add-modules", "jdk.incubator.vector", "-Xbatch",
                "-XX:ErrorFile=" + dir.resolve("hs_err.log")), main, dir.toString());
    }

    /**
     * Runs the kernels one after the other, each on its own zero-filled file in dir.
     *
     * @param dir     where the files go
     * @param only    the one kernel to run, or null for all (to check by hand that one crashes without its guard)
     * @param kernels kernels by name; each reads the whole {@link #BYTES}-byte segment it gets
     */
    public static void run(Path dir, String only, Map<String, Consumer<MemorySegment>> kernels) throws Exception {
        for (Map.Entry<String, Consumer<MemorySegment>> k : kernels.entrySet()) {
            if (only != null && !k.getKey().equals(only)) {
                continue;
            }
            Path file = dir.resolve(k.getKey().replace(' ', '-') + ".bin");
            Files.write(file, new byte[(int) BYTES]);
            try (Arena arena = Arena.ofShared();
                 FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment s = ch.map(FileChannel.MapMode.READ_ONLY, 0, BYTES, arena);
                for (int i = 0; i < 2000; i++) {
                    k.getValue().accept(s);
                }
                ch.truncate(0);
                try {
                    k.getValue().accept(s);
                    System.out.println(k.getKey() + ": no fault");
                } catch (InternalError e) {
                    System.out.println(k.getKey() + ": InternalError");
                }
            }
        }
    }
}
