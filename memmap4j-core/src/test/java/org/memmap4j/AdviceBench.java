package org.memmap4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * Timing harness (not a test): one thread reads a file through its mapping from a cold page cache (the file's pages
 * are dropped first with {@code posix_fadvise(DONTNEED)}, through python3), with each kind of advice in turn. Run with
 * {@code flock /tmp/bench.lock java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes
 * org.memmap4j.AdviceBench FILE REPS}.
 */
public final class AdviceBench {

    private AdviceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < reps; r++) {
            for (Advice advice : List.of(Advice.NORMAL, Advice.SEQUENTIAL, Advice.RANDOM)) {
                dropFromPageCache(file);
                long t0 = System.nanoTime();
                long sum = 0;
                try (NDArray a = MemMap.open(file, DType.UINT8, Mode.READ_ONLY)) {
                    a.advise(advice);
                    MemorySegment s = a.segment();
                    for (long i = 0; i + 8 <= s.byteSize(); i += 4096) {
                        sum += s.get(ValueLayout.JAVA_LONG_UNALIGNED, i);   // one read per page: I/O bound
                    }
                }
                System.out.printf("%-10s %.3f s  (%d)%n", advice, (System.nanoTime() - t0) / 1e9, sum);
            }
        }
    }

    private static void dropFromPageCache(Path file) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
                + "os.fsync(fd); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot drop " + file + " from the page cache");
        }
    }
}
