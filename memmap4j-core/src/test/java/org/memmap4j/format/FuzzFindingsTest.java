package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.StringJoiner;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;

/**
 * One hand-made minimal input for each reader bug that fuzzing found ({@link NpyFuzzTest}, {@link NpzFuzzTest}; the
 * fuzzer's own reproducers are replayed from their inputs directories), and for the resource bounds it checks: the
 * reader fails with a {@link FormatException} that names the file and the problem, on one line.
 */
class FuzzFindingsTest {

    @TempDir
    Path dir;

    /** Found by npyHeader: a backslash before a carriage return put the raw line break into the message. */
    @Test
    void unsupportedEscapeOfALineBreakIsDescribedNotCopied() throws IOException {
        Path f = write("cr.npy", NpyHeaderTest.npy(1, "{'descr': '<f8\\\r', 'fortran_order': False, 'shape': (1,)}", 8));
        assertOneLineFormatError(f, f)
                .hasMessageContaining("cannot parse header: unsupported escape sequence: backslash followed by character U+000D at position 14");
    }

    /** Found by npyHeader: the header quoted in a parse error kept C1 control characters such as U+0093. */
    @Test
    void controlCharactersOfAHeaderAreEscapedInMessages() throws IOException {
        Path f = write("c1.npy", NpyHeaderTest.npy(1, "{'descr': '<f8', 'shape': (\u0093,)}", 8));
        assertOneLineFormatError(f, f).hasMessageContaining("unexpected character U+0093, expected a value at position 27")
                .hasMessageContaining("'shape\\': (\\x93,)}'");
        assertThat(new PyLiteral.Str("a\u0085b\u2028c\u007f").repr()).isEqualTo("'a\\x85b\\u2028c\\x7f'");
    }

    /** Found by npyHeader: a descr with control characters was quoted verbatim by DType's message. */
    @Test
    void descrWithControlCharactersIsQuotedAsPythonWould() throws IOException {
        Path f = write("nul.npy", NpyHeaderTest.npy(1, "{'descr': '<f8\\x00\\n', 'fortran_order': False, 'shape': (1,)}", 8));
        assertOneLineFormatError(f, f).hasMessageEndingWith(": descr is not a supported dtype: '<f8\\x00\\n' is not a NumPy"
                + " dtype string (it has characters other than printable ASCII)");
    }

    /** Found by npzArchive: member names went into messages (and sources) verbatim, control characters included. */
    @Test
    void memberNamesWithControlCharactersAreQuotedInMessages() throws IOException {
        Path multiDisk = archive("disk.npz", "x\n.npy");
        byte[] b = Files.readAllBytes(multiDisk);
        b[centralDirectory(b) + 34] = 1; // the member's disk number
        Files.write(multiDisk, b);
        assertOneLineFormatError(multiDisk, multiDisk)
                .hasMessageEndingWith(": multi-disk zip archives are not supported (member 'x\\n.npy')");

        Path notNpy = dir.resolve("text.npz");
        try (FileChannel ch = FileChannel.open(notNpy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch);
            zip.add("bad\u0085.npy", false, out -> out.write(ByteBuffer.wrap("not an array".getBytes(StandardCharsets.UTF_8))));
            zip.finish();
        }
        assertOneLineFormatError(notNpy, notNpy).hasMessageStartingWith("'" + notNpy + " (member 'bad\\x85.npy')': not a .npy file");
    }

    /**
     * Found by review of what npyHeader checks (no hang): thousands of dict keys with one hash code ("Aa" and "BB"
     * collide) took 14 s to parse from a 0.9 MB header, quadratic in the number of keys. Dicts are now bounded.
     */
    @Test
    void dictsWithManyCollidingKeysAreRefusedQuickly() throws IOException {
        StringJoiner dict = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < 26_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 14; bit >= 0; bit--) {
                key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            dict.add("'" + key + "': 0");
        }
        Path f = write("collide.npy", NpyHeaderTest.npy(2, dict.toString(), 0));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertOneLineFormatError(f, f)
                .hasMessageContaining("cannot parse header: dict with more than " + PyLiteral.MAX_DICT_ENTRIES + " entries"));
    }

    /**
     * Found by review of what npzArchive checks (bounded memory): a deflated member announcing far more bytes than
     * its compressed data can hold made {@code get} allocate all of them (up to the in-memory limit) before failing.
     * It is now refused by {@code open}.
     */
    @Test
    void deflatedMemberAnnouncingMoreThanDeflateCanHoldIsRefused() throws IOException {
        long elements = 8_000_000;
        byte[] header = NpyHeaderWriter.encode(DType.FLOAT64, false, new long[] {elements});
        Path f = dir.resolve("lie.npz");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch);
            zip.add("x.npy", true, out -> out.write(ByteBuffer.wrap(header))); // the header, and none of its data
            zip.finish();
        }
        byte[] b = Files.readAllBytes(f);
        int cd = centralDirectory(b);
        long announced = header.length + elements * 8;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(cd + 24, (int) announced); // the uncompressed size
        Files.write(f, b);
        long compressed = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(cd + 20);
        assertOneLineFormatError(f, f).hasMessage("'" + f + " (member x.npy)': corrupt zip archive: " + compressed
                + " bytes of deflated data cannot inflate to the " + announced
                + " bytes the directory entry announces (deflate expands at most 1032-fold)");
    }

    /** The bound of the previous test leaves real data alone: zeros deflate about 1029-fold, and still read. */
    @Test
    void realDeflatedZerosStillRead() throws IOException {
        Path f = dir.resolve("zeros.npz");
        NDArray zeros = NDArrays.empty(DType.UINT8, Order.C, 16 << 20);
        Npz.saveCompressed(f, zeros);
        try (NpzFile npz = Npz.open(f); NDArray a = npz.get("arr_0")) {
            assertThat(npz.member("arr_0").size()).isGreaterThan(1000 * npz.member("arr_0").compressedSize());
            assertThat(a.size()).isEqualTo(16 << 20);
            assertThat(a.getLong((16 << 20) - 1)).isZero();
        }
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertOneLineFormatError(Path open, Path named) {
        var thrown = assertThatThrownBy(() -> {
            if (open.toString().endsWith(".npz")) {
                Npz.open(open).close();
            } else {
                Npy.readHeader(open);
            }
        }).isInstanceOf(FormatException.class).hasMessageStartingWith("'" + named);
        thrown.satisfies(e -> FuzzChecks.checkMessage((FormatException) e, named.toString()));
        return thrown;
    }

    /** A stored archive with one member of this name holding a small valid .npy. */
    private Path archive(String file, String name) throws IOException {
        Path f = dir.resolve(file);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch);
            zip.add(name, false, out -> Npy.write(NDArrays.arange(DType.INT32, 3), out));
            zip.finish();
        }
        return f;
    }

    private static int centralDirectory(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(b.length - 22 + 16);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
