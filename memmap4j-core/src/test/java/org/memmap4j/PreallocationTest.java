package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.format.Npy;
import org.memmap4j.internal.NativeIO;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.SmallTmpfs;

/**
 * New file space is reserved when a file is created or grown, so that a full disk is an IOException at once, with no
 * file left behind; sparse growth (NumPy's) stays available on request. The full disk is a 1 MiB tmpfs.
 */
class PreallocationTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Opens a sparse file larger than its file system and fills it, reporting what the write threw. */
    public static final class FillSparse {
        public static void main(String[] args) throws Exception {
            try (NDArray a = MemMap.builder(Path.of(args[0])).mode(Mode.WRITE).shape(4 * MIB).sparse(true).open()) {
                System.out.println("opened");
                a.fill(1L);
                System.out.println("filled");
            } catch (IllegalStateException e) {
                System.out.println(e.getClass().getName() + (e.getMessage().contains(args[0]) ? " naming the file" : "")
                        + (e.getCause() instanceof InternalError ? " caused by InternalError" : "")
                        + (e.getMessage().contains("file system full") ? ", saying the file system is full" : ""));
            }
        }
    }

    static long allocated(Path f) throws Exception {
        return LargeFileTest.allocatedBytes(f);
    }

    @Test
    void theTestJvmHasNativeAccess() {
        assertThat(NativeIO.available()).as("tests run with --enable-native-access").isTrue();
    }

    @Test
    void wPlusReservesTheBytesOfANewFileAndSparseLeavesAHole() throws Exception {
        Path f = dir.resolve("a.dat");
        try (NDArray a = MemMap.open(f, DType.FLOAT64, Mode.WRITE, 2 * MIB)) {
            assertThat(a.getDouble(2 * MIB - 1)).isZero();
        }
        assertThat(Files.size(f)).isEqualTo(16 * MIB);
        assertThat(allocated(f)).isGreaterThanOrEqualTo(16 * MIB);

        Path g = dir.resolve("sparse.dat");
        try (NDArray a = MemMap.builder(g).dtype(DType.FLOAT64).mode(Mode.WRITE).shape(2 * MIB).sparse(true).open()) {
            assertThat(a.getDouble(2 * MIB - 1)).isZero();
        }
        assertThat(Files.size(g)).isEqualTo(16 * MIB);
        assertThat(allocated(g)).isLessThan(MIB);
    }

    @Test
    void rPlusGrowthReservesOnlyTheBytesAddedAndKeepsTheFileSparseHoles() throws Exception {
        Path f = dir.resolve("grow.dat");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(64 * MIB);   // a sparse file, as NumPy makes them
        }
        try (NDArray a = MemMap.builder(f).dtype(DType.UINT8).mode(Mode.READ_WRITE).shape(80 * MIB).open()) {
            a.setLong(9, 80 * MIB - 1);
        }
        assertThat(Files.size(f)).isEqualTo(80 * MIB);
        assertThat(allocated(f)).isBetween(16 * MIB, 17 * MIB);
        try (NDArray a = MemMap.open(f, DType.UINT8, Mode.READ_ONLY)) {
            assertThat(a.getLong(80 * MIB - 1)).isEqualTo(9);
            assertThat(a.getLong(64 * MIB)).isZero();
        }
    }

    @Test
    void npyCreateReservesItsDataAndCreateSparseDoesNot() throws Exception {
        Path f = dir.resolve("a.npy");
        try (NDArray a = Npy.create(f, DType.INT32, Order.C, false, 1024, 4096)) {
            assertThat(a.getLong(1023, 4095)).isZero();
        }
        assertThat(allocated(f)).isGreaterThanOrEqualTo(16 * MIB);
        Path g = dir.resolve("sparse.npy");
        try (NDArray a = Npy.createSparse(g, DType.INT32, Order.C, false, 1024, 4096)) {
            a.setLong(5, 1023, 4095);
        }
        assertThat(Files.size(g)).isEqualTo(Files.size(f));
        assertThat(allocated(g)).isLessThan(MIB);
        assertThat(Npy.load(g).getLong(1023, 4095)).isEqualTo(5);
    }

    @Test
    void aFileLargerThanTheDiskIsRefusedAtOnceAndLeavesNoFile() {
        Path f = dir.resolve("petabyte.dat");
        // ext4 refuses it as too large a file (EFBIG), others as too little space: either way now, with the file named.
        assertThatThrownBy(() -> MemMap.open(f, DType.UINT8, Mode.WRITE, 1L << 50)).isInstanceOf(IOException.class)
                .hasMessageContaining("'" + f + "'")
                .hasMessageMatching(".*(largest file its file system allows|no space left on device).*");
        assertThat(f).doesNotExist();
    }

    @Test
    void aFullDiskFailsWPlusAtOnceNamingTheFileAndLeavesNoFile() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, MIB)) {
            Path f = fs.dir().resolve("big.dat");
            assertThatThrownBy(() -> MemMap.open(f, DType.FLOAT32, Mode.WRITE, MIB))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no space left on device")
                    .hasMessageContaining("'" + f + "'")
                    .hasMessageContaining("needs " + 4 * MIB + " more bytes")
                    .hasMessageContaining("free space there or write the file elsewhere");
            assertThat(f).doesNotExist();
            assertThat(fs.usedBytes()).isLessThan(64 << 10);
            // What fits is reserved: the same file system then has room for exactly that much less.
            try (NDArray a = MemMap.open(f, DType.UINT8, Mode.WRITE, 600 << 10)) {
                a.fill(7L);
            }
            assertThatThrownBy(() -> MemMap.open(fs.dir().resolve("second.dat"), DType.UINT8, Mode.WRITE, 600 << 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("second.dat");
            assertThat(fs.dir().resolve("second.dat")).doesNotExist();
        }
    }

    @Test
    void aFullDiskFailsRPlusGrowthAndLeavesTheFileAsItWas() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, MIB)) {
            Path f = fs.dir().resolve("grow.dat");
            byte[] before = new byte[100_000];
            for (int i = 0; i < before.length; i++) {
                before[i] = (byte) (i * 31);
            }
            Files.write(f, before);
            assertThatThrownBy(() -> MemMap.builder(f).dtype(DType.UINT8).mode(Mode.READ_WRITE).shape(4 * MIB).open())
                    .isInstanceOf(IOException.class).hasMessageContaining("no space left on device")
                    .hasMessageContaining("'" + f + "'");
            assertThat(Files.readAllBytes(f)).isEqualTo(before);
        }
    }

    @Test
    void aFullDiskFailsNpyCreateLeavingNoTemporaryFileAndTheReplacedFileIntact() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, MIB)) {
            Path f = fs.dir().resolve("a.npy");
            assertThatThrownBy(() -> Npy.create(f, DType.FLOAT64, Order.C, false, MIB))
                    .isInstanceOf(IOException.class).hasMessageContaining("no space left on device")
                    .hasMessageContaining("'" + f + "'");
            try (Stream<Path> files = Files.list(fs.dir())) {
                assertThat(files).isEmpty();
            }
            Npy.save(f, NDArrays.of(1.0, 2.0, 3.0));
            assertThatThrownBy(() -> Npy.create(f, DType.FLOAT64, Order.C, true, MIB)).isInstanceOf(IOException.class);
            try (Stream<Path> files = Files.list(fs.dir())) {
                assertThat(files).containsExactly(f);
            }
            assertThat(Npy.load(f).getDouble(2)).isEqualTo(3.0);
        }
    }

    @Test
    void sparseGrowthOnAFullDiskOpensButTheWriteFailsWithAClearException() throws Exception {
        // What reserving avoids (and what NumPy does: its process dies of SIGBUS). Forked, in case a JVM cannot recover.
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, MIB)) {
            Path f = fs.dir().resolve("sparse.dat");
            ForkedJvm r = ForkedJvm.run(null, List.of("-Xmx64m", "--enable-native-access=ALL-UNNAMED"), FillSparse.class, f.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().lines()).containsExactly("opened",
                    "java.lang.IllegalStateException naming the file caused by InternalError, saying the file system is full");
        }
    }
}
