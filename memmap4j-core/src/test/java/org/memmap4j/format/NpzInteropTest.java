package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memmap4j.NDArray;
import org.memmap4j.testing.NumPy;

/** .npz interop with real NumPy, both ways: stored and deflated, every dtype, both byte and memory orders, zip64. */
class NpzInteropTest {

    @TempDir
    static Path dir;

    /** Array names in the archives NumPy writes: every dtype, byte order and memory order, a 0-d and an empty array. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : Values.NAMES) {
            for (String tag : List.of("le", "be")) {
                for (String order : List.of("C", "F")) {
                    names.add(name + "_" + tag + "_" + order);
                }
            }
        }
        names.add("zero_d");
        names.add("empty");
        return names;
    }

    static final String PY_ARRAYS = Values.PY + """
            import zipfile
            def arrays(out):
                d = {}
                for name in NAMES:
                    a = values(name, (2, 3, 4))
                    dump(a, f'{out}/{name}.txt')
                    for e, tag in (('<', 'le'), ('>', 'be')):
                        for order in 'CF':
                            d[f'{name}_{tag}_{order}'] = np.array(a, dtype=np.dtype(name).newbyteorder(e), order=order)
                d['zero_d'] = np.array(-2.5)
                d['empty'] = np.zeros((0, 3), '>u2')
                for k in ('zero_d', 'empty'):
                    dump(d[k], f'{out}/{k}.txt')
                return d
            """;

    @BeforeAll
    static void numpyWrites() {
        NumPy.run(PY_ARRAYS + """
                out = sys.argv[1]
                d = arrays(out)
                np.savez(f'{out}/stored.npz', **d)
                np.savez_compressed(f'{out}/compressed.npz', **d)
                np.savez(f'{out}/positional.npz', d['int16_be_F'], d['zero_d'], d['complex64_le_C'])
                np.savez(f'{out}/nothing.npz')
                # Python's zipfile switches to zip64 central directory and end records only past 2 GiB or 65535
                # members; lowering its limits makes it write them for small arrays.
                zipfile.ZIP64_LIMIT = 10
                zipfile.ZIP_FILECOUNT_LIMIT = 2
                np.savez(f'{out}/zip64_stored.npz', **d)
                np.savez_compressed(f'{out}/zip64_compressed.npz', **d)
                """, dir);
    }

    private static Path expected(String name) {
        String dtype = name.contains("_") && !name.equals("zero_d") ? name.substring(0, name.indexOf('_')) : name;
        return dir.resolve(dtype + ".txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "compressed.npz", "zip64_stored.npz", "zip64_compressed.npz"})
    void numpyWritesMemmap4jReads(String archive) throws IOException {
        Path file = dir.resolve(archive);
        boolean compressed = archive.contains("compressed");
        String numpyFiles = NumPy.run("print(' '.join(np.load(sys.argv[1]).files))", file);
        try (NpzFile npz = Npz.open(file)) {
            assertThat(String.join(" ", npz.files())).isEqualTo(numpyFiles);
            assertThat(npz.files()).containsExactlyInAnyOrderElementsOf(names());
            for (NpzMember m : npz.members()) {
                assertThat(m.compressed()).isEqualTo(compressed);
                assertThat(m.entryName()).isEqualTo(m.name() + ".npy");
                assertThat(m.size()).isEqualTo(m.header().dataOffset() + m.header().nbytes());
                try (NDArray a = npz.get(m.name())) {
                    assertThat(a.dtype()).isEqualTo(m.header().dtype());
                    assertThat(a.shape()).isEqualTo(m.header().shape());
                    if (!compressed) {
                        // Stored members are mapped read-only from the archive itself.
                        assertThat(a.file()).contains(file);
                        assertThat(a.isWritable()).isFalse();
                    } else {
                        assertThat(a.file()).isEmpty();
                    }
                    Values.assertMatches(a, expected(m.name()));
                }
            }
        }
    }

    @Test
    void positionalAndEmptyArchives() throws IOException {
        try (NpzFile npz = Npz.open(dir.resolve("positional.npz"))) {
            assertThat(npz.files()).containsExactly("arr_0", "arr_1", "arr_2");
            Values.assertMatches(npz.get("arr_0.npy"), expected("int16"));
            Values.assertMatches(npz.get("arr_1"), expected("zero_d"));
            assertThat(npz.member("arr_2").header().dtype().descr()).isEqualTo("<c8");
        }
        try (NpzFile npz = Npz.open(dir.resolve("nothing.npz"))) {
            assertThat(npz.files()).isEmpty();
        }
    }

    /** Deflated members above the in-memory limit go through a temporary file that is already deleted. */
    @Test
    void deflatedMembersAboveTheLimitAreMappedFromADeletedTempFile() throws IOException {
        try (NpzFile npz = Npz.open(dir.resolve("compressed.npz"), 0)) {
            for (NpzMember m : npz.members()) {
                try (NDArray a = npz.get(m.name())) {
                    if (m.header().nbytes() > 0) {
                        assertThat(a.file()).isPresent();
                        assertThat(a.file().get().getFileName().toString()).startsWith("memmap4j-npz-");
                        assertThat(a.file().get()).doesNotExist();
                    }
                    assertThat(a.isWritable()).isTrue();
                    Values.assertMatches(a, expected(m.name()));
                }
            }
        }
        try (NpzFile npz = Npz.open(dir.resolve("compressed.npz"), 24 * 8);
             NDArray small = npz.get("float64_le_C"); NDArray large = npz.get("complex128_be_F")) {
            assertThat(small.file()).isEmpty();
            assertThat(large.file()).isPresent();
        }
    }

    /** memmap4j writes stored, deflated and positional archives of NumPy's arrays; NumPy checks every byte. */
    @Test
    void memmap4jWritesNumpyReads() throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try (NpzFile npz = Npz.open(dir.resolve("compressed.npz"))) {
            for (String name : npz.files()) {
                arrays.put(name, npz.get(name));
            }
        }
        Path ours = Files.createDirectories(dir.resolve("ours"));
        Npz.save(ours.resolve("stored.npz"), arrays);
        Npz.saveCompressed(ours.resolve("compressed.npz"), arrays);
        Npz.save(ours.resolve("positional.npz"), arrays.get("int16_be_F"), arrays.get("zero_d"), arrays.get("complex64_le_C"));
        Npz.saveCompressed(ours.resolve("positional_compressed.npz"), arrays.get("empty"));
        Npz.save(ours.resolve("nothing.npz"));
        try (FileChannel ch = FileChannel.open(ours.resolve("zip64.npz"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch, 0); // every value in zip64 records
            zip.add("a.npy", false, out -> Npy.write(arrays.get("uint64_be_C"), out));
            zip.add("b.npy", true, out -> Npy.write(arrays.get("float16_le_F"), out));
            zip.finish();
        }
        String out = NumPy.run(PY_ARRAYS + """
                import io
                src, ours = sys.argv[1], sys.argv[2]
                d = arrays(src)
                def same(x, want):
                    return (x.dtype.str == want.dtype.str and x.shape == want.shape and x.flags.f_contiguous == want.flags.f_contiguous
                            and x.flags.c_contiguous == want.flags.c_contiguous and x.tobytes(order='A') == want.tobytes(order='A'))
                def check(f, expected, compressed):
                    with zipfile.ZipFile(f) as z:
                        assert z.testzip() is None, f
                        for i in z.infolist():
                            assert i.compress_type == (zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED), f
                            b = io.BytesIO(); np.save(b, expected[i.filename[:-4]])
                            assert z.read(i) == b.getvalue(), (f, i.filename)
                    z = np.load(f)
                    assert z.files == list(expected), (f, z.files)
                    for k, want in expected.items():
                        assert same(z[k], want), (f, k)
                check(f'{ours}/stored.npz', d, False)
                check(f'{ours}/compressed.npz', d, True)
                check(f'{ours}/positional.npz', {'arr_0': d['int16_be_F'], 'arr_1': d['zero_d'], 'arr_2': d['complex64_le_C']}, False)
                check(f'{ours}/positional_compressed.npz', {'arr_0': d['empty']}, True)
                check(f'{ours}/nothing.npz', {}, False)
                z = np.load(f'{ours}/zip64.npz')
                assert same(z['a'], d['uint64_be_C']) and same(z['b'], d['float16_le_F'])
                print('ok')
                """, dir, ours);
        assertThat(out).isEqualTo("ok");

        // Our own reader, zip64 records included; stored data is 64-byte aligned in the archive.
        for (String f : List.of("stored.npz", "zip64.npz")) {
            Path file = ours.resolve(f);
            try (FileChannel ch = FileChannel.open(file); NpzFile npz = Npz.open(file)) {
                ZipDirectory.Directory zd = ZipDirectory.read(ch, f);
                for (ZipDirectory.Entry e : zd.entries()) {
                    if (e.method() == ZipDirectory.STORED) {
                        assertThat(ZipDirectory.dataOffset(ch, e, zd.start(), f) % 64).as(e.name()).isZero();
                    }
                }
                for (String name : npz.files()) {
                    try (NDArray a = npz.get(name)) {
                        Values.assertMatches(a, expected(f.equals("zip64.npz") ? (name.equals("a") ? "uint64" : "float16") : name));
                    }
                }
            }
        }
    }
}
