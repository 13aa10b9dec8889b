package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.memmap4j.Randoms;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Raw;
import org.memmap4j.testing.NumPy;

/** Generators: bitwise NumPy for arange/linspace; seeded random fills identical for every thread count and chunk size. */
class GeneratorsTest {

    @TempDir
    Path dir;

    @Test
    void arangeAndLinspaceAreBitwiseNumPys() throws Exception {
        Compute c = Compute.local();
        record Case(String py, NDArray got) {
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("np.arange(0.1, 1.0, 0.3)", c.arange(0.1, 1.0, 0.3, DType.FLOAT64)));
        cases.add(new Case("np.arange(0, 1, 0.1)", c.arange(0, 1, 0.1, DType.FLOAT64)));
        cases.add(new Case("np.arange(1, 10, 2.5)", c.arange(1, 10, 2.5, DType.FLOAT64)));
        cases.add(new Case("np.arange(10, -3, -0.7, dtype=np.float32)", c.arange(10, -3, -0.7, DType.FLOAT32)));
        cases.add(new Case("np.arange(-7, 20, 3)", c.arange(-7, 20, 3, DType.INT64)));
        cases.add(new Case("np.arange(0, 3, 0.37, dtype=np.float16)", c.arange(0, 3, 0.37, DType.FLOAT16)));
        cases.add(new Case("np.arange(1e6, 1e6 + 7, 0.3, dtype=np.float32)", c.arange(1e6, 1e6 + 7, 0.3, DType.FLOAT32)));
        cases.add(new Case("np.arange(5, 1, 1.0)", c.arange(5, 1, 1, DType.FLOAT64)));
        cases.add(new Case("np.linspace(0, 1, 7)", c.linspace(0, 1, 7, true, DType.FLOAT64)));
        cases.add(new Case("np.linspace(2, 3, 5, endpoint=False)", c.linspace(2, 3, 5, false, DType.FLOAT64)));
        cases.add(new Case("np.linspace(0, 10, 4, dtype=int)", c.linspace(0, 10, 4, true, DType.INT64)));
        cases.add(new Case("np.linspace(-5, 5, 4, dtype=np.int32)", c.linspace(-5, 5, 4, true, DType.INT32)));
        cases.add(new Case("np.linspace(1e-300, 1e-300, 3)", c.linspace(1e-300, 1e-300, 3, true, DType.FLOAT64)));
        cases.add(new Case("np.linspace(0, 1e-320, 5)", c.linspace(0, 1e-320, 5, true, DType.FLOAT64)));
        cases.add(new Case("np.linspace(3, 9, 1)", c.linspace(3, 9, 1, true, DType.FLOAT64)));
        cases.add(new Case("np.linspace(3, 9, 0)", c.linspace(3, 9, 0, true, DType.FLOAT64)));
        cases.add(new Case("np.linspace(-1, 1, 1001, dtype=np.float32)", c.linspace(-1, 1, 1001, true, DType.FLOAT32)));
        StringBuilder py = new StringBuilder("import os\n");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Path f = dir.resolve("g" + i);
            Raw.toFile(cases.get(i).got(), f);
            py.append("a = ").append(cases.get(i).py()).append("\n")
                    .append("b = np.fromfile(sys.argv[").append(i + 1).append("], dtype=a.dtype)\n")
                    .append("print(a.dtype.str, a.shape == b.shape and a.tobytes() == b.tobytes())\n");
            args.add(f);
        }
        String[] lines = NumPy.run(py.toString(), args.toArray()).split("\n");
        for (int i = 0; i < cases.size(); i++) {
            assertThat(lines[i]).as(cases.get(i).py()).isEqualTo(cases.get(i).got().dtype().descr() + " True");
        }
        assertThatThrownBy(() -> c.arange(0, 1, 0, DType.FLOAT64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.linspace(0, 1, -1, true, DType.FLOAT64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomFillsAreTheSameForEveryThreadCountAndChunkSizeAndLayout() throws Exception {
        NDArray reference = NDArrays.empty(DType.FLOAT64, 37, 41);
        Randoms.fillNormal(reference, 5);
        for (int threads : new int[] {1, 2, 4}) {
            for (long chunk : new long[] {8, 100, 1 << 20}) {
                try (ChunkExecutor ex = ChunkExecutor.local(threads, chunk)) {
                    Compute c = Compute.on(ex);
                    NDArray f = NDArrays.empty(DType.of(">f8"), Order.F, 37, 41);
                    c.fillNormal(f, 5);
                    assertThat(NDArrays.arrayEqual(f, reference)).isTrue();
                    NDArray i = c.integers(DType.INT16, -3, 7, 9, 1000);
                    NDArray i1 = NDArrays.empty(DType.INT16, 1000);
                    Randoms.fillIntegers(i1, -3, 7, 9);
                    assertThat(NDArrays.arrayEqual(i, i1)).isTrue();
                    assertThat(NDArrays.arrayEqual(c.uniform(DType.FLOAT32, 2, 500), c.uniform(DType.FLOAT32, 2, 500))).isTrue();
                }
            }
        }
    }

    @Test
    void fillsWriteMemoryMappedFilesAndRefuseReadOnlyOnes() throws Exception {
        Path f = dir.resolve("full.dat");
        Compute c = Compute.on(ChunkExecutor.local(2, 64));
        try (NDArray m = MemMap.open(f, DType.FLOAT32, Mode.WRITE, 100, 30)) {
            c.fillWith(m.get("::2"), NDArrays.full(DType.FLOAT64, 2.5));
            m.flush();
        }
        assertThat(NumPy.run("m = np.memmap(sys.argv[1], dtype='f4', mode='r', shape=(100, 30)); "
                + "print((m[::2] == 2.5).all() and (m[1::2] == 0).all())", f)).isEqualTo("True");
        try (NDArray r = MemMap.open(f, DType.FLOAT32, Mode.READ_ONLY, 100, 30)) {
            assertThatThrownBy(() -> c.fillUniform(r, 1)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(f.toString());
        }
        NDArray ones = c.ones(DType.UINT8, 3, 2);
        assertThat(NDArrays.arrayEqual(ones, NDArrays.full(DType.INT64, 1, 3, 2))).isTrue();
        assertThatThrownBy(() -> c.full(DType.UINT8, 300, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
