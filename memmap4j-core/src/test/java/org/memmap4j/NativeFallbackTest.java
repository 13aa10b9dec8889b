package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.format.Npy;
import org.memmap4j.internal.NativeIO;
import org.memmap4j.testing.ForkedJvm;

/**
 * Without {@code --enable-native-access} memmap4j logs one warning and uses its fallbacks: a file larger than the free
 * space is still refused at once, advice still works as far as the JDK allows, and nothing fails. Run in a forked JVM,
 * since the test JVM has native access.
 */
class NativeFallbackTest {

    @TempDir
    Path dir;

    /** Everything that would use native calls, reporting one line each. */
    public static final class WithoutNativeAccess {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            System.out.println("available " + NativeIO.available());
            Path big = dir.resolve("big.dat");
            try (NDArray a = MemMap.open(big, DType.UINT8, Mode.WRITE, 1L << 52)) {
                System.out.println("created " + a.nbytes());
            } catch (IOException e) {
                System.out.println("refused " + e.getMessage());
            }
            System.out.println("big exists " + Files.exists(big));
            Path grown = dir.resolve("grown.dat");
            Files.write(grown, new byte[] {1, 2, 3});
            try (NDArray a = MemMap.builder(grown).mode(Mode.READ_WRITE).shape(1L << 52).open()) {
                System.out.println("grown " + a.nbytes());
            } catch (IOException e) {
                System.out.println("grown size " + Files.size(grown));
            }
            try (NDArray a = MemMap.open(dir.resolve("a.dat"), DType.FLOAT64, Mode.WRITE, 1 << 17)) {
                a.fill(2.5);
                for (Advice adv : Advice.values()) {
                    a.advise(adv);
                    a.get("1::3").advise(adv);
                }
                long[] counted;
                try (ChunkExecutor ex = ChunkExecutor.local(2, 4096)) {
                    counted = ex.map(new Job<>("count", a.size(), 8, 1, (from, to) -> {
                        long n = 0;
                        for (long i = from; i < to; i++) {
                            n += a.getDouble(i) == 2.5 ? 1 : 0;
                        }
                        return n;
                    }).scanning(a)).stream().mapToLong(Long::longValue).toArray();
                }
                System.out.println("advised " + java.util.Arrays.stream(counted).sum());
            }
            try (NDArray n = Npy.create(dir.resolve("n.npy"), DType.INT16, Order.C, false, 1000)) {
                n.fill(3L);
            }
            System.out.println("done");
        }
    }

    @Test
    void withoutNativeAccessOneWarningAndTheFallbacksWork() throws Exception {
        ForkedJvm r = ForkedJvm.run(null, List.of("-Xmx64m"), WithoutNativeAccess.class, dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0)).isEqualTo("available false");
        assertThat(out.get(1)).startsWith("refused no space left on device: '" + dir.resolve("big.dat") + "' needs "
                + (1L << 52) + " more bytes (4.0 PiB) but its file system has ").endsWith("free space there or write the file elsewhere");
        assertThat(out.subList(2, out.size())).containsExactly("big exists false", "grown size 3", "advised " + (1 << 17), "done");
        assertThat(Files.readAllBytes(dir.resolve("grown.dat"))).containsExactly(1, 2, 3);
        assertThat(Npy.load(dir.resolve("n.npy")).getLong(999)).isEqualTo(3);

        List<String> warnings = r.err().lines().filter(l -> l.contains("memmap4j cannot call native code")).toList();
        assertThat(warnings).as(r.err()).hasSize(1);
        assertThat(warnings.get(0)).contains("native access is not enabled; run java with --enable-native-access=ALL-UNNAMED");
        assertThat(r.err()).as("the JVM's own warning about restricted methods").doesNotContain("restricted method");
    }
}
