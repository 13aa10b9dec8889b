package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.testing.NumPy;

/** .npy interop with real NumPy, both ways, for every dtype, byte order, memory order and format version. */
class NpyInteropTest {

    @TempDir
    static Path dir;

    /** NumPy writes every combination with write_array(version=...), and the values of each dtype as text. */
    @BeforeAll
    static void numpyWrites() {
        NumPy.run(Values.PY + """
                out = sys.argv[1]
                for name in NAMES:
                    a = values(name, (2, 3, 4))
                    dump(a, f'{out}/{name}.txt')
                    for e, tag in (('<', 'le'), ('>', 'be')):
                        for order in 'CF':
                            arr = np.array(a, dtype=np.dtype(name).newbyteorder(e), order=order)
                            for ver in (1, 2, 3):
                                with open(f'{out}/{name}_{tag}_{order}_v{ver}.npy', 'wb') as f:
                                    np.lib.format.write_array(f, arr, version=(ver, 0))
                """, dir);
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String name : Values.NAMES) {
            for (String tag : List.of("le", "be")) {
                for (String order : List.of("C", "F")) {
                    for (int v = 1; v <= 3; v++) {
                        all.add(Arguments.of(name, tag, order, v));
                    }
                }
            }
        }
        return all.stream();
    }

    static DType dtype(String name, String tag) {
        return DType.of(name).withOrder(tag.equals("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    @ParameterizedTest(name = "{0} {1} {2} v{3}")
    @MethodSource("cases")
    void numpyWritesMemmap4jReads(String name, String tag, String order, int version) throws IOException {
        Path file = dir.resolve(name + "_" + tag + "_" + order + "_v" + version + ".npy");
        Path expected = dir.resolve(name + ".txt");

        NpyHeader h = Npy.readHeader(file);
        assertThat(h.major()).isEqualTo(version);
        assertThat(h.minor()).isZero();
        assertThat(h.dtype()).isEqualTo(dtype(name, tag));
        assertThat(h.order()).isEqualTo(Order.of(order));
        assertThat(h.shape()).containsExactly(2, 3, 4);
        assertThat(h.dataOffset() % 64).isZero();
        assertThat(h.dataOffset() + h.nbytes()).isEqualTo(Files.size(file));

        try (NDArray mapped = Npy.open(file, Mode.READ_ONLY)) {
            assertThat(mapped.dtype()).isEqualTo(h.dtype());
            assertThat(order.equals("F") ? mapped.isFContiguous() : mapped.isCContiguous()).isTrue();
            Values.assertMatches(mapped, expected);
        }
        NDArray loaded = Npy.load(file);
        assertThat(loaded.file()).isEmpty();
        assertThat(loaded.dtype()).isEqualTo(h.dtype());
        assertThat(order.equals("F") ? loaded.isFContiguous() : loaded.isCContiguous()).isTrue();
        Values.assertMatches(loaded, expected);
    }

    /**
     * memmap4j writes every combination two ways (save of a loaded array, and create + assign), and NumPy checks
     * dtype, order and bytes. Saved files must equal NumPy's own version 1.0 files byte for byte.
     */
    @Test
    void memmap4jWritesNumpyReads() throws IOException {
        Path ours = Files.createDirectories(dir.resolve("ours"));
        int count = 0;
        for (String name : Values.NAMES) {
            for (String tag : List.of("le", "be")) {
                for (String order : List.of("C", "F")) {
                    String stem = name + "_" + tag + "_" + order;
                    NDArray a = Npy.load(dir.resolve(stem + "_v3.npy"));
                    Npy.save(ours.resolve(stem + ".npy"), a);
                    assertThat(Files.readAllBytes(ours.resolve(stem + ".npy"))).as(stem)
                            .isEqualTo(Files.readAllBytes(dir.resolve(stem + "_v1.npy")));
                    try (NDArray c = Npy.create(ours.resolve(stem + "_created.npy"), a.dtype(), Order.of(order), false, a.shape())) {
                        c.assign(a);
                    }
                    count++;
                }
            }
        }
        String out = NumPy.run(Values.PY + """
                src, ours = sys.argv[1], sys.argv[2]
                bad = []
                n = 0
                for name in NAMES:
                    for e, tag in (('<', 'le'), ('>', 'be')):
                        for order in 'CF':
                            stem = f'{name}_{tag}_{order}'
                            want = np.load(f'{src}/{stem}_v1.npy')
                            for f in (f'{ours}/{stem}.npy', f'{ours}/{stem}_created.npy'):
                                x = np.load(f)
                                if (x.dtype != want.dtype or x.dtype.str != want.dtype.str or x.shape != want.shape
                                        or x.flags.f_contiguous != (order == 'F') or x.flags.c_contiguous != (order == 'C')
                                        or x.tobytes(order='A') != want.tobytes(order='A')):
                                    bad.append(f)
                            n += 1
                print(n, bad)
                """, dir, ours);
        assertThat(out).isEqualTo(count + " []");
    }

    /** Arrays built in Java (views, transposes, 0-d, empty, big-endian casts) saved by memmap4j equal np.save's files. */
    @Test
    void javaArraysSaveLikeNumpy() throws IOException {
        NDArray base = NDArrays.arange(DType.FLOAT64, 24).reshape(2, 3, 4);
        record Case(String file, NDArray array, String numpy) { }
        List<Case> cases = List.of(
                new Case("plain", base, "np.arange(24.).reshape(2, 3, 4)"),
                new Case("transposed", base.T(), "np.arange(24.).reshape(2, 3, 4).T"),
                new Case("strided", base.get("::2, 1:, ::-1"), "np.arange(24.).reshape(2, 3, 4)[::2, 1:, ::-1]"),
                new Case("zero_d", NDArrays.arange(DType.INT32, 1).reshape(), "np.array(0, dtype=np.int32)"),
                new Case("empty", NDArrays.zeros(DType.INT16, 0, 3), "np.zeros((0, 3), np.int16)"),
                new Case("empty_f", NDArrays.zeros(DType.INT16, 3, 0, 2).T(), "np.zeros((3, 0, 2), np.int16).T"),
                new Case("big_endian", base.astype(DType.of(">i4"), Order.F), "np.asfortranarray(np.arange(24).reshape(2, 3, 4).astype('>i4'))"),
                new Case("column", NDArrays.arange(DType.UINT8, 5).reshape(5, 1).T().T(), "np.arange(5, dtype=np.uint8).reshape(5, 1)"));
        StringBuilder py = new StringBuilder("import io\nd = sys.argv[1]\nbad = []\n");
        for (Case c : cases) {
            Npy.save(dir.resolve(c.file() + ".npy"), c.array());
            py.append("b = io.BytesIO(); np.save(b, ").append(c.numpy()).append(")\n")
                    .append("if open(f'{d}/").append(c.file()).append(".npy', 'rb').read() != b.getvalue(): bad.append('")
                    .append(c.file()).append("')\n");
        }
        py.append("print(bad)\n");
        assertThat(NumPy.run(py.toString(), dir)).isEqualTo("[]");
    }

    /** Npy.create writes the same bytes as np.lib.format.open_memmap(mode='w+'), 1-d Fortran order included. */
    @Test
    void createMatchesOpenMemmap() throws IOException {
        record Case(String file, DType dtype, Order order, long[] shape) { }
        List<Case> cases = List.of(
                new Case("create_c3d", DType.of("<f4"), Order.C, new long[] {2, 3, 4}),
                new Case("create_f3d", DType.of(">c16"), Order.F, new long[] {2, 3, 4}),
                new Case("create_f1d", DType.INT8, Order.F, new long[] {7}),
                new Case("create_zero_d", DType.UINT64, Order.C, new long[0]),
                new Case("create_empty", DType.BOOL, Order.C, new long[] {0, 5}));
        StringBuilder py = new StringBuilder("d = sys.argv[1]\nbad = []\n");
        for (Case c : cases) {
            try (NDArray a = Npy.create(dir.resolve(c.file() + ".npy"), c.dtype(), c.order(), false, c.shape())) {
                assertThat(a.shape()).isEqualTo(c.shape());
                assertThat(a.mode()).isEqualTo(Mode.READ_WRITE);
            }
            String shape = NpyHeaderWriter.shapeRepr(c.shape());
            py.append("m = np.lib.format.open_memmap(f'{d}/np_").append(c.file()).append(".npy', mode='w+', dtype='")
                    .append(c.dtype().descr()).append("', shape=").append(shape).append(", fortran_order=")
                    .append(c.order() == Order.F ? "True" : "False").append(")\ndel m\n")
                    .append("if open(f'{d}/np_").append(c.file()).append(".npy', 'rb').read() != open(f'{d}/")
                    .append(c.file()).append(".npy', 'rb').read(): bad.append('").append(c.file()).append("')\n");
        }
        py.append("print(bad)\n");
        assertThat(NumPy.run(py.toString(), dir)).isEqualTo("[]");
    }
}
