package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.testing.NumPy;

/** Modes, creation and replacement of .npy files: what changes on disk and what never does. */
class NpyFileTest {

    @TempDir
    Path dir;

    private Path numpyFile(String name) {
        Path f = dir.resolve(name);
        NumPy.run("np.save(sys.argv[1], np.arange(12, dtype='>i4').reshape(3, 4))", f);
        return f;
    }

    @Test
    void readModesNeverChangeTheFile() throws Exception {
        Path f = numpyFile("a.npy");
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000_000_000L));
        String before = sha256(f);

        try (NDArray r = Npy.open(f, Mode.READ_ONLY)) {
            assertThat(r.getLong(2, 3)).isEqualTo(11);
            assertThat(r.isWritable()).isFalse();
            assertThatThrownBy(() -> r.setLong(5, 0, 0)).isInstanceOf(UnsupportedOperationException.class);
        }
        try (NDArray c = Npy.open(f, Mode.COPY_ON_WRITE)) {
            c.fill(-7L);
            c.flush();
            assertThat(c.getLong(1, 1)).isEqualTo(-7);
        }
        Npy.load(f).fill(3L);
        Npy.readHeader(f);

        assertThat(sha256(f)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void emptyAndZeroDimensionalFilesMapInEveryReadMode() throws IOException {
        Path empty = dir.resolve("empty.npy");
        Path scalar = dir.resolve("scalar.npy");
        NumPy.run("np.save(sys.argv[1], np.zeros((0, 3), '<f4')); np.save(sys.argv[2], np.array(7, '>i8'))", empty, scalar);
        try (NDArray e = Npy.open(empty, Mode.READ_ONLY); NDArray s = Npy.open(scalar, Mode.READ_ONLY)) {
            assertThat(e.shape()).containsExactly(0, 3);
            assertThat(e.isWritable()).isFalse();
            assertThat(s.ndim()).isZero();
            assertThat(s.getLong()).isEqualTo(7);
        }
        try (NDArray s = Npy.open(scalar, Mode.READ_WRITE)) {
            s.setLong(-8);
        }
        assertThat(NumPy.run("a = np.load(sys.argv[1]); print(a.shape, a.dtype.str, a)", scalar)).isEqualTo("() >i8 -8");
    }

    @Test
    void readWriteModeWritesReachNumpy() throws IOException {
        Path f = numpyFile("rw.npy");
        try (NDArray a = Npy.open(f, Mode.READ_WRITE)) {
            a.setLong(-1, 2, 3);
            a.get("0, :").fill(100L);
            a.flush();
        }
        assertThat(NumPy.run("a = np.load(sys.argv[1]); print(a.dtype.str, a[2, 3], a[0].tolist(), a[1].tolist())", f))
                .isEqualTo(">i4 -1 [100, 100, 100, 100] [4, 5, 6, 7]");
    }

    @Test
    void writeModeIsRefusedAndTheFileKept() throws Exception {
        Path f = numpyFile("w.npy");
        String before = sha256(f);
        assertThatThrownBy(() -> Npy.open(f, Mode.WRITE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("Npy.create").hasMessageContaining("r+");
        assertThat(sha256(f)).isEqualTo(before);
    }

    @Test
    void truncatedFileIsNeverGrown() throws Exception {
        Path f = numpyFile("t.npy");
        byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(f), (int) Files.size(f) - 5);
        Files.write(f, cut);
        for (Mode m : new Mode[] {Mode.READ_ONLY, Mode.READ_WRITE, Mode.COPY_ON_WRITE}) {
            assertThatThrownBy(() -> Npy.open(f, m)).isInstanceOf(FormatException.class).hasMessageContaining("truncated");
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(cut);
        assertThat(NumPy.run("""
                try:
                    np.load(sys.argv[1])
                    print('loaded')
                except ValueError as e:
                    print('refused')
                """, f)).isEqualTo("refused");
    }

    @Test
    void createRefusesAnExistingFileUnlessOverwriting() throws Exception {
        Path f = numpyFile("c.npy");
        String before = sha256(f);
        assertThatThrownBy(() -> Npy.create(f, DType.FLOAT32, Order.C, false, 5)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(f.toString());
        assertThat(sha256(f)).isEqualTo(before);

        try (NDArray old = Npy.open(f, Mode.READ_ONLY);
             NDArray a = Npy.create(f, DType.FLOAT32, Order.F, true, 2, 5)) {
            a.setDouble(1.5, 1, 4);
            // The replaced file was renamed over, not truncated: arrays mapping it still see its data.
            assertThat(old.getLong(2, 3)).isEqualTo(11);
        }
        assertThat(NumPy.run("a = np.load(sys.argv[1]); print(a.dtype, a.shape, a.flags.f_contiguous, a[1, 4], a.sum())", f))
                .isEqualTo("float32 (2, 5) True 1.5 1.5");
    }

    @Test
    void createValidatesItsArguments() {
        Path f = dir.resolve("bad.npy");
        assertThatThrownBy(() -> Npy.create(f, DType.INT8, Order.C, false, 3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Npy.create(f, DType.FLOAT64, Order.C, false, 1L << 40, 1L << 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too big");
        assertThat(f).doesNotExist();
    }

    @Test
    void createSparseIsSparseAndZeroFilled() throws IOException {
        Path f = dir.resolve("big.npy");
        long n = 1L << 33; // 8 GiB of data: only a sparse file makes this cheap
        try (NDArray a = Npy.createSparse(f, DType.UINT8, Order.C, false, n)) {
            a.setLong(255, n - 1);
        }
        assertThat(Files.size(f)).isEqualTo(128 + n);
        NpyHeader h = Npy.readHeader(f);
        assertThat(h.shape()).containsExactly(n);
        assertThat(h.dataOffset()).isEqualTo(128);
        try (NDArray a = Npy.open(f, Mode.READ_ONLY)) {
            assertThat(a.getLong(n - 1)).isEqualTo(255);
            assertThat(a.getLong(n / 2)).isZero();
        }
    }

    @Test
    void missingFileAndDirectoryAreIoErrorsNotFormatErrors() throws IOException {
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> Npy.readHeader(missing)).isInstanceOf(NoSuchFileException.class);
        Path sub = Files.createDirectory(dir.resolve("sub.npy"));
        assertThatThrownBy(() -> Npy.load(sub)).isInstanceOf(IOException.class).isNotInstanceOf(FormatException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void savedFilesGetDefaultPermissionsAndReplacedFilesKeepTheirs() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path saved = dir.resolve("saved.npy");
        Npy.save(saved, NDArrays.of(1.0, 2.0));
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(Files.getPosixFilePermissions(plain));

        Set<PosixFilePermission> secret = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(saved, secret);
        Npy.save(saved, NDArrays.of(3.0));
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(secret);
        assertThat(Npy.load(saved).getDouble(0)).isEqualTo(3.0);
    }

    private static final String PUNCTUATION = "{}()[]',:-+.0123456789 \\\"\nxLuTFe";

    /** Random corruption of a valid file: the reader either succeeds or throws FormatException, nothing else. */
    @Test
    void corruptedHeadersOnlyEverThrowFormatException() throws IOException {
        byte[] good = HexFormat.of().parseHex(NumPy.run("""
                import io
                b = io.BytesIO(); np.save(b, np.zeros((3, 4), '<f4')); print(b.getvalue().hex())
                """));
        Random rnd = new Random(42);
        Path f = dir.resolve("fuzz.npy");
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = good.clone();
            int edits = 1 + rnd.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(Math.min(b.length, 128));
                b[at] = switch (rnd.nextInt(4)) {
                    case 0 -> (byte) rnd.nextInt(256);
                    case 1 -> (byte) PUNCTUATION.charAt(rnd.nextInt(PUNCTUATION.length()));
                    case 2 -> (byte) (b[at] ^ (1 << rnd.nextInt(8)));
                    default -> 0;
                };
            }
            if (rnd.nextInt(8) == 0) {
                b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            Files.write(f, b);
            try {
                Npy.load(f);
                accepted++;
            } catch (FormatException expected) {
                assertThat(expected.getMessage()).startsWith("'" + f + "': ");
            }
        }
        assertThat(accepted).isBetween(1, 2999);
    }

    private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
