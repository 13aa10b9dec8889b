package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.testing.NumPy;

/** Raw binary (tofile/fromfile, np.memmap) for every dtype, byte order and memory order, both ways against NumPy. */
class RawTest {

    static final String[] KINDS = {"b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"};

    @TempDir
    Path dir;

    static List<String> descrs() {
        List<String> out = new ArrayList<>();
        for (String k : KINDS) {
            out.add((k.endsWith("1") && !k.startsWith("c") ? "|" : "<") + k);
            if (!k.endsWith("1") || k.startsWith("c")) {
                out.add(">" + k);
            }
        }
        return out;
    }

    /** NumPy's reference data for a dtype: arange(12) cast, with a few sign/fraction twists where the dtype allows. */
    static final String MAKE = """
            def make(d):
                dt = np.dtype(d)
                a = np.arange(12).reshape(3, 4)
                if dt.kind == 'b':
                    return (a % 3 == 0).astype(dt)
                if dt.kind in 'fc':
                    a = a * 1.25 - 3
                if dt.kind == 'c':
                    a = a + 1j * (a[::-1] * 0.5)
                if dt.kind == 'i':
                    a = a - 5
                return a.astype(dt)
            """;

    @Test
    void numPyWritesEveryDtypeAndOrderAndWeReadEqualValues() throws Exception {
        List<String> ds = descrs();
        StringBuilder script = new StringBuilder(MAKE).append("import os\nfor d in sys.argv[2:]:\n")
                .append("    for o in 'CF':\n")
                .append("        m = np.memmap(os.path.join(sys.argv[1], d.replace('<','L').replace('>','B').replace('|','N') + o), dtype=d, mode='w+', shape=(3, 4), order=o)\n")
                .append("        m[:] = make(d); m.flush()\n")
                .append("        print(d, o, ';'.join(repr(complex(x)) for x in make(d).ravel()))\n");
        List<Object> args = new ArrayList<>(List.of(dir));
        args.addAll(ds);
        String out = NumPy.run(script.toString(), args.toArray());
        int checked = 0;
        for (String line : out.split("\n")) {
            String[] f = line.split(" ", 3);
            DType dt = DType.of(f[0]);
            Order order = Order.of(f[1]);
            String[] values = f[2].split(";");
            Path file = dir.resolve(f[0].replace('<', 'L').replace('>', 'B').replace('|', 'N') + f[1]);
            try (NDArray a = MemMap.builder(file).dtype(dt).mode(Mode.READ_ONLY).shape(3, 4).order(order).open()) {
                for (int k = 0; k < 12; k++) {
                    double[] expected = parseComplex(values[k]);
                    double[] got = a.getComplex(k / 4, k % 4);
                    assertThat(got).as(f[0] + " " + f[1] + " element " + k).containsExactly(expected);
                }
            }
            checked++;
        }
        assertThat(checked).isEqualTo(ds.size() * 2);
    }

    @Test
    void weWriteEveryDtypeAndOrderAndNumPyReadsEqualValues() throws Exception {
        List<String> ds = descrs();
        List<Object> args = new ArrayList<>(List.of(dir));
        for (String d : ds) {
            DType dt = DType.of(d);
            for (Order o : Order.values()) {
                String name = d.replace('<', 'L').replace('>', 'B').replace('|', 'N') + o;
                // The same values as MAKE, built in Java: write through a memmap, and via Raw.toFile of a view.
                try (NDArray m = MemMap.builder(dir.resolve(name)).dtype(dt).mode(Mode.WRITE).shape(3, 4).order(o).open()) {
                    fillLikeMake(m);
                    m.flush();
                    Raw.toFile(m.T(), dir.resolve(name + ".T"));
                }
                args.add(d);
            }
        }
        String script = MAKE + """
                import os
                bad = []
                for d in sys.argv[2::2]:
                    for o in 'CF':
                        name = os.path.join(sys.argv[1], d.replace('<','L').replace('>','B').replace('|','N') + o)
                        m = np.memmap(name, dtype=d, mode='r', shape=(3, 4), order=o)
                        t = np.fromfile(name + '.T', dtype=d).reshape(4, 3)
                        if not (np.array_equal(m, make(d)) and np.array_equal(t, make(d).T)):
                            bad.append(d + o)
                print(bad)
                """;
        assertThat(NumPy.run(script, args.toArray())).isEqualTo("[]");
    }

    private static void fillLikeMake(NDArray m) {
        DType.Kind k = m.dtype().kind();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                long v = i * 4L + j;
                if (k.isBool()) {
                    m.setBoolean(v % 3 == 0, i, j);
                } else if (k.isComplex()) {
                    long w = (2 - i) * 4L + j;
                    m.setComplex(v * 1.25 - 3, (w * 1.25 - 3) * 0.5, i, j);
                } else if (k.isFloat()) {
                    m.setDouble(v * 1.25 - 3, i, j);
                } else if (k.isUnsigned()) {
                    m.setLong(v, i, j);
                } else {
                    m.setLong(v - 5, i, j);
                }
            }
        }
    }

    private static double[] parseComplex(String repr) {
        // Python's repr(complex): "(a+bj)", "(a-bj)", "bj" or "(-0-0j)"
        String s = repr.replace("(", "").replace(")", "");
        if (!s.endsWith("j")) {
            return new double[] {Double.parseDouble(s), 0};
        }
        s = s.substring(0, s.length() - 1);
        int split = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (split > 0 && (s.charAt(split - 1) == 'e' || s.charAt(split - 1) == 'E')) {
            split = Math.max(s.lastIndexOf('+', split - 1), s.lastIndexOf('-', split - 1));
        }
        if (split <= 0) {
            return new double[] {0, Double.parseDouble(s)};
        }
        return new double[] {Double.parseDouble(s.substring(0, split)), Double.parseDouble(s.substring(split))};
    }

    @Test
    void fromFileReadsCountElementsAfterAnOffset() throws Exception {
        Path f = dir.resolve("ff.dat");
        NumPy.run("open(sys.argv[1], 'wb').write(b'xyz' + np.arange(10, dtype='>u2').tobytes())", f);
        NDArray a = Raw.fromFile(f, DType.of(">u2"), 4, 3);
        assertThat(NDArrays.arrayEqual(a, NDArrays.arange(DType.INT64, 4))).isTrue();
        NDArray all = Raw.fromFile(f, DType.of(">u2"), -1, 3);
        assertThat(all.shape()).containsExactly(10);
        assertThatThrownBy(() -> Raw.fromFile(f, DType.of(">u2"), 11, 3)).isInstanceOf(IOException.class).hasMessageContaining(f.toString());
        assertThatThrownBy(() -> Raw.fromFile(f, DType.FLOAT32, -1, 2)).isInstanceOf(IOException.class).hasMessageContaining("multiple");
    }

    @Test
    void toFileOfANonContiguousViewLargerThanTheBufferIsCOrder() throws Exception {
        NDArray big = NDArrays.arange(DType.INT32, 3 * 400_000).reshape(400_000, 3);
        Path f = dir.resolve("col.dat");
        Raw.toFile(big.get(":, 1"), f);
        assertThat(Files.size(f)).isEqualTo(400_000L * 4);
        assertThat(NumPy.run("a = np.fromfile(sys.argv[1], dtype='i4'); print(np.array_equal(a, np.arange(1, 1200000, 3)))", f))
                .isEqualTo("True");
    }
}
