package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.ForkedJvm;

/**
 * A mapping that the kernel refuses ("Map failed") is an IOException that names the file, says which limit was hit
 * and how to raise it. Both limits are hit for real, in forked JVMs: the address space under {@code ulimit -v}, and
 * vm.max_map_count by mapping until the kernel says no.
 */
class MapFailureTest {

    /** A small JVM that fits in 2 GiB of address space. */
    private static final List<String> SMALL_JVM = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=32m",
            "-XX:CompressedClassSpaceSize=32m", "-XX:MaxMetaspaceSize=64m", "-Xshare:off");

    /**
     * A JVM that needs no new mapping of its own once running: its heap and code cache are committed at start, since
     * committing memory at the mapping limit fails too.
     */
    private static final List<String> MAP_MANY_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
            "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-XX:InitialCodeCacheSize=64m", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    /** Maps the whole file read-only and prints what happened. */
    public static final class MapWhole {
        public static void main(String[] args) {
            try (NDArray a = MemMap.open(Path.of(args[0]), DType.UINT8, Mode.READ_ONLY)) {
                System.out.println("mapped " + a.size());
            } catch (IOException e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    /** Maps the first page of a file over and over, keeping every mapping, until one fails. */
    public static final class MapUntilRefused {
        public static void main(String[] args) throws IOException {
            List<NDArray> open = new ArrayList<>();
            // Load (and link the string concatenations of) the failure path while mappings can still be made: at the
            // limit, even the JVM's metaspace cannot grow.
            Path f = Path.of(args[0]);
            IOException cause = new IOException("Map failed");
            for (MapFailure m : List.of(MapFailure.current(), new MapFailure(-1, -1, 10, 10), new MapFailure(10, 5, -1, -1))) {
                m.exception(f, 4096, cause);
            }
            try {
                for (int i = 0; i < 10_000_000; i++) {
                    open.add(MemMap.builder(f).mode(Mode.READ_ONLY).shape(4096).open());
                }
                System.out.println("never refused");
            } catch (IOException e) {
                String m = e.getMessage();
                // Free the mappings before anything else needs one.
                for (NDArray a : open) {   // a loop, not a method reference: that would spin a class now
                    a.close();
                }
                System.out.println("after " + open.size() + " mappings: " + m);
            }
        }
    }

    private static boolean linuxWithBash() {
        return System.getProperty("os.name").equals("Linux") && Files.isExecutable(Path.of("/bin/bash"));
    }

    @Test
    void aMappingLargerThanTheAddressSpaceLimitNamesTheFileAndUlimit() throws Exception {
        assumeTrue(linuxWithBash(), "needs Linux and bash for ulimit -v: test skipped");
        Path f = dir.resolve("huge.dat");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(64L << 30);   // sparse: costs nothing
        } catch (IOException e) {
            assumeTrue(false, "file system lacks 64 GiB sparse files: test skipped");
        }
        ForkedJvm r = ForkedJvm.run("-v " + (2L << 20), SMALL_JVM, MapWhole.class, f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith("java.io.IOException: cannot map 68719476736 bytes (64.0 GiB) of '" + f + "'")
                .contains("Map failed")
                .contains("address space is limited to 2.0 GiB (ulimit -v)")
                .contains("raise the limit (ulimit -v unlimited) or map less at once");
    }

    @Test
    void runningOutOfMappingsNamesTheFileAndVmMaxMapCount() throws Exception {
        assumeTrue(linuxWithBash(), "needs Linux: test skipped");
        // Not Files.readString, which reads "6" of "65530" from this procfs file (it trusts a size of 0 and one read).
        long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).strip());
        assumeTrue(max <= 262_144, "vm.max_map_count is " + max + ", too many mappings to exhaust quickly: test skipped");
        Path f = dir.resolve("page.dat");
        Files.write(f, new byte[4096]);
        // Should the JVM itself die at the limit, its crash report goes to the temporary directory, not the working one.
        List<String> flags = new ArrayList<>(MAP_MANY_JVM);
        flags.add("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        ForkedJvm r = ForkedJvm.run(null, flags, MapUntilRefused.class, f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).contains("cannot map 4096 bytes (4.0 KiB) of '" + f + "'")
                .contains("memory mappings, the system's limit (vm.max_map_count=" + max + ")")
                .contains("close arrays no longer used, or raise the limit (sysctl -w vm.max_map_count=" + 4 * max + ")");
    }

    @Test
    void withoutAKnownLimitTheMessageGivesBothRemedies() {
        String d = new MapFailure(-1, -1, -1, -1).diagnosis(1 << 30);
        assertThat(d).contains("ulimit -v").contains("sysctl -w vm.max_map_count=262144").contains("close unused arrays");
        // Far from both limits (e.g. a kernel refusing for another reason): the same generic advice.
        assertThat(new MapFailure(8L << 30, 1L << 30, 100, 65530).diagnosis(1 << 20)).isEqualTo(d);
    }
}
