package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.Fingerprint;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.NumPy;
import org.memmap4j.testing.SmallTmpfs;

/**
 * Mode c on files Java cannot open for writing, which NumPy maps copy-on-write from a read-only descriptor: a
 * read-only file system (as root, where permissions do not stop writing) and a file without write permission.
 */
class CopyOnWriteReadOnlyFileTest {

    @TempDir
    Path dir;

    @Test
    void onAReadOnlyFileSystemModeCMapsPrivatelyAndTheFileNeverChanges() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, 1 << 20)) {
            Path npy = fs.dir().resolve("a.npy");
            Path raw = fs.dir().resolve("a.dat");
            write(npy, raw);
            fs.remountReadOnly();
            assertThatThrownBy(() -> Npy.open(npy, Mode.READ_WRITE)).hasMessageContaining(npy.toString());
            checkCopyOnWrite(npy, raw);
        }
    }

    @Test
    void onAFileWithoutWritePermissionModeCMapsPrivately() throws Exception {
        Path npy = dir.resolve("a.npy");
        Path raw = dir.resolve("a.dat");
        write(npy, raw);
        for (Path f : List.of(npy, raw)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        }
        checkCopyOnWrite(npy, raw);
    }

    @Test
    void withoutNativeAccessTheErrorSaysHowToEnableIt() throws Exception {
        Path npy = dir.resolve("a.npy");
        write(npy, dir.resolve("a.dat"));
        try (SmallTmpfs fs = SmallTmpfs.mount(dir, 1 << 20)) {
            Path ro = Files.copy(npy, fs.dir().resolve("a.npy"));
            fs.remountReadOnly();
            ForkedJvm child = ForkedJvm.run(null, List.of(), OpenCopyOnWrite.class, ro.toString());
            assertThat(child.out().strip()).startsWith("FileSystemException: " + ro + ": read-only file system, cannot open for mode c")
                    .endsWith("run java with --enable-native-access=ALL-UNNAMED)");
        }
    }

    /** For the forked JVM: opens a .npy in mode c and prints the exception. */
    public static final class OpenCopyOnWrite {
        public static void main(String[] args) {
            try (NDArray a = Npy.open(Path.of(args[0]), Mode.COPY_ON_WRITE)) {
                System.out.println("opened " + a.size());
            } catch (Exception e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static void write(Path npy, Path raw) {
        NumPy.run("a = np.arange(3000, dtype='<f8').reshape(30, 100); np.save(sys.argv[1], a); "
                + "np.arange(5000, dtype='<i4').tofile(sys.argv[2])", npy, raw);
    }

    private static void checkCopyOnWrite(Path npy, Path raw) throws Exception {
        var before = Fingerprint.of(npy, raw);
        try (NDArray a = Npy.open(npy, Mode.COPY_ON_WRITE);
             // An offset that is not a multiple of the page size: mmap's offset is aligned down, then sliced.
             NDArray b = MemMap.builder(raw).dtype(DType.INT32).mode(Mode.COPY_ON_WRITE).offset(4 * 1234).shape(100, 20)
                     .open()) {
            assertThat(a.getDouble(29, 99)).isEqualTo(2999.0);
            assertThat(b.getLong(0, 0)).isEqualTo(1234);
            assertThat(b.getLong(99, 19)).isEqualTo(1234 + 1999);
            a.get("5").fill(-1.0);
            b.setLong(7, 3, 3);
            a.flush();
            b.flush();
            a.advise(Advice.SEQUENTIAL);
            assertThat(a.getDouble(5, 42)).isEqualTo(-1.0);
            assertThat(a.getDouble(6, 0)).isEqualTo(600.0);
            assertThat(b.getLong(3, 3)).isEqualTo(7);
            // NumPy, in another process, sees the file as it was.
            assertThat(NumPy.run("print(np.load(sys.argv[1])[5, 42], np.fromfile(sys.argv[2], dtype='<i4')[1234 + 63])",
                    npy, raw)).isEqualTo("542.0 1297");
        }
        assertThat(Fingerprint.of(npy, raw)).isEqualTo(before);
        try (NDArray again = Npy.open(npy, Mode.COPY_ON_WRITE)) {
            assertThat(again.getDouble(5, 42)).isEqualTo(542.0);
        }
    }
}
