package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.testing.NumPy;

/** Archive safety and errors: escaping names, corrupt or unsupported members, read-only access, lifetime. */
class NpzFileTest {

    @TempDir
    Path dir;

    private final NDArray a = NDArrays.arange(DType.INT32, 6).reshape(2, 3);

    /** An archive written by our ZipWriter with exactly these member names, each holding the same .npy. */
    private Path archive(String file, boolean deflate, String... names) throws IOException {
        Path f = dir.resolve(file);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch);
            for (String n : names) {
                zip.add(n, deflate, out -> Npy.write(a, out));
            }
            zip.finish();
        }
        return f;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../evil.npy|'..' segment that escapes the directory",
            "a/../../evil.npy|'..' segment",
            "/etc/evil.npy|absolute path",
            "a\\b.npy|backslash",
            "C:evil.npy|drive letter",
            "c:/evil.npy|drive letter"})
    void namesThatEscapeAreRefused(String name, String reason) throws IOException {
        Path f = archive("escape.npz", false, "fine.npy", name);
        assertThatThrownBy(() -> Npz.open(f)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("'" + f + "': refusing member " + new PyLiteral.Str(name).repr())
                .hasMessageContaining(reason);

        Path out = dir.resolve("out.npz");
        String key = name.substring(0, name.length() - 4);
        assertThatThrownBy(() -> Npz.save(out, Map.of(key, a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
        assertThat(out).doesNotExist();
    }

    @Test
    void escapingNameWrittenByPythonIsRefused() {
        Path f = dir.resolve("py_escape.npz");
        zipWithPython("""
                with zipfile.ZipFile(sys.argv[1], 'w') as z:
                    z.writestr('../../tmp/evil.npy', b.getvalue())
                print(np.load(sys.argv[1]).files)
                """, f);
        assertThatThrownBy(() -> Npz.open(f)).isInstanceOf(FormatException.class).hasMessageContaining("'../../tmp/evil.npy'");
    }

    @Test
    void subdirectoriesAndEmptyNamesOnWrite() throws IOException {
        Path f = dir.resolve("sub.npz");
        Npz.save(f, Map.of("group/x", a));
        assertThat(NumPy.run("print(np.load(sys.argv[1]).files)", f)).isEqualTo("['group/x']");
        try (NpzFile npz = Npz.open(f)) {
            assertThat(npz.files()).containsExactly("group/x");
        }
        assertThatThrownBy(() -> Npz.save(dir.resolve("e.npz"), Map.of("", a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void nonAsciiNamesRoundTripThroughNumpy() throws IOException {
        Path ours = dir.resolve("ours.npz");
        Npz.save(ours, Map.of("température", a));
        Path theirs = dir.resolve("theirs.npz");
        assertThat(NumPy.run("""
                print(np.load(sys.argv[1]).files)
                np.savez(sys.argv[2], **{'naïve': np.arange(2)})
                """, ours, theirs)).isEqualTo("['température']");
        try (NpzFile npz = Npz.open(theirs)) {
            assertThat(npz.files()).containsExactly("naïve");
        }
    }

    @Test
    void folderEntriesAreSkipped() throws IOException {
        Path f = dir.resolve("folders.npz");
        zipWithPython("""
                with zipfile.ZipFile(sys.argv[1], 'w') as z:
                    z.writestr(zipfile.ZipInfo('sub/'), b'')
                    z.writestr('sub/x.npy', b.getvalue())
                """, f);
        try (NpzFile npz = Npz.open(f)) {
            assertThat(npz.files()).containsExactly("sub/x");
            assertThat(npz.get("sub/x").getLong(2)).isEqualTo(2);
        }
    }

    @Test
    void unsupportedMembersAreRefused() {
        Path f = dir.resolve("odd.npz");
        zipWithPython("""
                with zipfile.ZipFile(sys.argv[1], 'w') as z:
                    z.writestr('x.npy', b.getvalue(), compress_type=zipfile.ZIP_BZIP2)
                with zipfile.ZipFile(sys.argv[2], 'w') as z:
                    z.writestr('x.npy', b.getvalue())
                    z.writestr('readme.txt', 'not an array')
                with zipfile.ZipFile(sys.argv[3], 'w') as z:
                    z.writestr('x.npy', b.getvalue()[:-8])
                """, f, dir.resolve("text.npz"), dir.resolve("short.npz"));
        assertThatThrownBy(() -> Npz.open(f)).isInstanceOf(FormatException.class)
                .hasMessageContaining("(member x.npy)").hasMessageContaining("compression method 12 is not supported");
        assertThatThrownBy(() -> Npz.open(dir.resolve("text.npz"))).isInstanceOf(FormatException.class)
                .hasMessageContaining("(member readme.txt)").hasMessageContaining("magic string is not correct");
        assertThatThrownBy(() -> Npz.open(dir.resolve("short.npz"))).isInstanceOf(FormatException.class)
                .hasMessageContaining("(member x.npy)").hasMessageContaining("truncated .npy file: the header announces 24 bytes");
    }

    @Test
    void duplicateAndEncryptedMembersAreRefused() throws IOException {
        Path dup = archive("dup.npz", false, "x.npy", "x");
        assertThatThrownBy(() -> Npz.open(dup)).isInstanceOf(FormatException.class)
                .hasMessageContaining("members 'x.npy' and 'x' are both called 'x'");

        Path enc = archive("enc.npz", false, "x.npy");
        byte[] b = Files.readAllBytes(enc);
        int cd = centralDirectory(b);
        b[cd + 8] |= 1;
        Files.write(enc, b);
        assertThatThrownBy(() -> Npz.open(enc)).isInstanceOf(FormatException.class).hasMessageContaining("encrypted");
    }

    @Test
    void corruptDeflatedDataIsAFormatError() throws IOException {
        Path f = archive("crc.npz", true, "x.npy");
        byte[] b = Files.readAllBytes(f);
        int cd = centralDirectory(b);
        b[cd + 16] ^= 1; // the central directory's CRC-32
        Files.write(f, b);
        try (NpzFile npz = Npz.open(f)) {
            assertThatThrownBy(() -> npz.get("x")).isInstanceOf(FormatException.class)
                    .hasMessageContaining("(member x.npy)").hasMessageContaining("CRC-32 mismatch");
        }
        b[cd + 16] ^= 1;
        int localExtra = ByteBuffer.wrap(b, 28, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        int data = 30 + "x.npy".length() + localExtra;
        for (int i = data + 20; i < cd - 2; i++) {
            b[i] = (byte) 0xFF;
        }
        Files.write(f, b);
        try (NpzFile npz = Npz.open(f)) {
            assertThatThrownBy(() -> npz.get("x")).isInstanceOf(FormatException.class).hasMessageContaining("(member x.npy)");
        } catch (FormatException headerAlreadyCorrupt) {
            assertThat(headerAlreadyCorrupt.getMessage()).contains("(member x.npy)");
        }
    }

    @Test
    void truncatedOrForeignFilesAreFormatErrors() throws IOException {
        Path f = archive("cut.npz", false, "x.npy", "y.npy");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> Npz.open(f)).isInstanceOf(FormatException.class).hasMessageContaining("no end of central directory record");

        Path npy = dir.resolve("plain.npy");
        Npy.save(npy, a);
        assertThatThrownBy(() -> Npz.open(npy)).isInstanceOf(FormatException.class)
                .hasMessage("'" + npy + "': not a zip archive: no end of central directory record");
        Path tiny = Files.write(dir.resolve("tiny.npz"), new byte[3]);
        assertThatThrownBy(() -> Npz.open(tiny)).isInstanceOf(FormatException.class).hasMessageContaining("too short");
    }

    @Test
    void readingNeverChangesTheArchive() throws Exception {
        Path f = dir.resolve("ro.npz");
        Npz.save(f, Map.of("a", a, "b", a.T()));
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        try (NpzFile npz = Npz.open(f)) {
            for (String n : npz.files()) {
                try (NDArray x = npz.get(n)) {
                    assertThat(x.isWritable()).isFalse();
                    assertThatThrownBy(() -> x.setLong(1, 0, 0)).isInstanceOf(UnsupportedOperationException.class);
                    assertThat(NDArrays.arrayEqual(x, n.equals("a") ? a : a.T())).isTrue();
                }
            }
        }
        assertThat(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void lookupAndLifetime() throws IOException {
        Path f = dir.resolve("life.npz");
        Npz.saveCompressed(f, a, a);
        NDArray kept;
        NpzFile npz = Npz.open(f);
        try (npz) {
            assertThat(npz.member("arr_1")).isEqualTo(npz.member("arr_1.npy"));
            assertThatThrownBy(() -> npz.get("nope")).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("'nope' is not a file in the archive").hasMessageContaining("[arr_0, arr_1]");
            kept = npz.get("arr_0");
        }
        assertThatThrownBy(() -> npz.get("arr_0")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(NDArrays.arrayEqual(kept, a)).isTrue();
        npz.close();
    }

    /** Random corruption of small archives: opening and reading either succeed or throw FormatException. */
    @Test
    void corruptedArchivesOnlyEverThrowFormatException() throws IOException {
        byte[] stored = Files.readAllBytes(archive("s.npz", false, "x.npy", "y.npy"));
        byte[] deflated = Files.readAllBytes(archive("d.npz", true, "x.npy", "y.npy"));
        Random rnd = new Random(7);
        Path f = dir.resolve("fuzz.npz");
        int ok = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] b = (i % 2 == 0 ? stored : deflated).clone();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                int at = rnd.nextInt(b.length);
                b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (rnd.nextBoolean() ? 0xFF : 0);
            }
            Files.write(f, b);
            try (NpzFile npz = Npz.open(f, rnd.nextBoolean() ? 0 : 1 << 20)) {
                for (String n : npz.files()) {
                    npz.get(n).close();
                }
                ok++;
            } catch (FormatException expected) {
                assertThat(expected.getMessage()).startsWith("'" + f);
            }
        }
        assertThat(ok).isBetween(1, 1999);
    }

    /** Runs Python code that writes zip files with zipfile; {@code b} holds the bytes of a .npy of arange(3). */
    private static void zipWithPython(String body, Object... args) {
        NumPy.run("import zipfile, io\nb = io.BytesIO(); np.save(b, np.arange(3))\n" + body, args);
    }

    private static int centralDirectory(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return bb.getInt(b.length - 22 + 16);
    }
}
