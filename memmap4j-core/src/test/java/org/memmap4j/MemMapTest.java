package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/** numpy.memmap's modes, offsets, orders and shape inference, checked against NumPy where it defines the answer. */
class MemMapTest {

    @TempDir
    Path dir;

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void writePlusCreatesFileOfExactSizeAndNumPyReadsIt() throws Exception {
        Path f = dir.resolve("a.dat");
        try (NDArray a = MemMap.open(f, DType.INT64, Mode.WRITE, 3, 4)) {
            NDArrays.fillArange(a);
            a.flush();
        }
        assertThat(Files.size(f)).isEqualTo(3 * 4 * 8);
        String out = NumPy.run("a = np.memmap(sys.argv[1], dtype=np.int64, mode='r', shape=(3, 4)); "
                + "print(int((a == np.arange(12).reshape(3, 4)).all()))", f);
        assertThat(out).isEqualTo("1");
    }

    @Test
    void readsWhatNumPyWroteAtAnUnalignedOffsetInFortranOrder() throws Exception {
        Path f = dir.resolve("f.dat");
        NumPy.run("m = np.memmap(sys.argv[1], dtype='>f4', mode='w+', offset=3, shape=(5, 7), order='F'); "
                + "m[:] = np.arange(35, dtype='f4').reshape(5, 7) * 1.5; m.flush()", f);
        try (NDArray a = MemMap.builder(f).dtype(DType.of(">f4")).mode(Mode.READ_ONLY).offset(3).shape(5, 7).order(Order.F).open()) {
            assertThat(a.isFContiguous()).isTrue();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    assertThat(a.getDouble(i, j)).isEqualTo((i * 7 + j) * 1.5);
                }
            }
        }
    }

    @Test
    void numPyReadsWhatWeWroteAtAnUnalignedOffsetInFortranOrder() throws Exception {
        Path f = dir.resolve("g.dat");
        Files.write(f, new byte[] {9, 9, 9, 9, 9});
        try (NDArray a = MemMap.builder(f).dtype(DType.of("<i2")).mode(Mode.READ_WRITE).offset(5).shape(3, 2).order(Order.F).open()) {
            NDArrays.fillArange(a);
            a.flush();
        }
        String out = NumPy.run("m = np.memmap(sys.argv[1], dtype='<i2', mode='r', offset=5, shape=(3, 2), order='F'); "
                + "print(m.tolist(), open(sys.argv[1], 'rb').read(5))", f);
        assertThat(out).isEqualTo("[[0, 1], [2, 3], [4, 5]] b'\\t\\t\\t\\t\\t'");
    }

    @Test
    void missingShapeInfersOneDimensionFromTheFileSizeAfterTheOffset() throws Exception {
        Path f = dir.resolve("i.dat");
        Files.write(f, new byte[2 + 4 * 9]);
        try (NDArray a = MemMap.builder(f).dtype(DType.FLOAT32).mode(Mode.READ_ONLY).offset(2).open()) {
            assertThat(a.shape()).containsExactly(9);
        }
        assertThatThrownBy(() -> MemMap.builder(f).dtype(DType.FLOAT64).mode(Mode.READ_ONLY).offset(2).open())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("not a multiple of 8");
        assertThatThrownBy(() -> MemMap.builder(f).dtype(DType.FLOAT32).mode(Mode.READ_ONLY).offset(100).open())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void readModesRefuseTooSmallAndEmptyFilesWithoutChangingThem() throws Exception {
        Path small = dir.resolve("small.dat");
        Files.write(small, new byte[10]);
        Path empty = dir.resolve("empty.dat");
        Files.write(empty, new byte[0]);
        for (Mode m : new Mode[] {Mode.READ_ONLY, Mode.COPY_ON_WRITE}) {
            assertThatThrownBy(() -> MemMap.open(small, DType.FLOAT64, m, 2))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("too small for mode " + m.code())
                    .hasMessageContaining("16 bytes")
                    .hasMessageContaining("has 10 bytes");
            assertThatThrownBy(() -> MemMap.open(empty, DType.FLOAT64, m))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("empty");
        }
        assertThat(Files.size(small)).isEqualTo(10);
        assertThat(Files.size(empty)).isZero();
    }

    @Test
    void readPlusGrowsASmallerFileSparselyLikeNumPy() throws Exception {
        Path f = dir.resolve("grow.dat");
        Files.write(f, new byte[] {1, 2, 3});
        try (NDArray a = MemMap.open(f, DType.UINT8, Mode.READ_WRITE, 10)) {
            assertThat(a.getLong(0)).isEqualTo(1);
            assertThat(a.getLong(9)).isZero();
        }
        assertThat(Files.size(f)).isEqualTo(10);
    }

    @Test
    void writePlusWithoutShapeFailsAndCreatesNoFile() {
        Path f = dir.resolve("none.dat");
        assertThatThrownBy(() -> MemMap.open(f, DType.FLOAT32, Mode.WRITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape must be given if mode == 'w+'");
        assertThat(f).doesNotExist();
    }

    @Test
    void writePlusTruncatesAnExistingFile() throws Exception {
        Path f = dir.resolve("t.dat");
        Files.write(f, new byte[100]);
        try (NDArray a = MemMap.open(f, DType.INT8, Mode.WRITE, 4)) {
            assertThat(a.size()).isEqualTo(4);
        }
        assertThat(Files.size(f)).isEqualTo(4);
    }

    @Test
    void missingFileInReadModesNamesTheFileAndTheRemedy() {
        Path f = dir.resolve("missing.dat");
        for (Mode m : new Mode[] {Mode.READ_ONLY, Mode.READ_WRITE, Mode.COPY_ON_WRITE}) {
            assertThatThrownBy(() -> MemMap.open(f, DType.FLOAT32, m, 1))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("w+");
        }
        assertThat(f).doesNotExist();
    }

    @Test
    void copyOnWriteKeepsChangesPrivateAndNeverTouchesTheFile() throws Exception {
        Path f = dir.resolve("cow.dat");
        try (NDArray a = MemMap.open(f, DType.FLOAT64, Mode.WRITE, 30)) {
            a.fill(2.0);
        }
        String before = sha256(f);
        try (NDArray c = MemMap.open(f, DType.FLOAT64, Mode.COPY_ON_WRITE);
             NDArray r = MemMap.open(f, DType.FLOAT64, Mode.READ_ONLY)) {
            c.setDouble(999.0, 0);
            c.get("5:").fill(-1.0);
            c.flush();
            assertThat(c.getDouble(0)).isEqualTo(999.0);
            assertThat(c.getDouble(29)).isEqualTo(-1.0);
            assertThat(r.getDouble(0)).isEqualTo(2.0);
            assertThat(c.isWritable()).isTrue();
        }
        assertThat(sha256(f)).isEqualTo(before);
    }

    @Test
    void readOnlyArraysAndTheirViewsRefuseEveryWrite() throws Exception {
        Path f = dir.resolve("ro.dat");
        try (NDArray a = MemMap.open(f, DType.INT32, Mode.WRITE, 4, 4)) {
            NDArrays.fillArange(a);
        }
        String before = sha256(f);
        try (NDArray r = MemMap.open(f, DType.INT32, Mode.READ_ONLY, 4, 4)) {
            NDArray view = r.get("1:, ::2").T();
            assertThat(view.isWritable()).isFalse();
            assertThatThrownBy(() -> r.setLong(1, 0, 0)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("read-only").hasMessageContaining(f.toString()).hasMessageContaining("r+");
            assertThatThrownBy(() -> view.fill(3L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> view.assign(NDArrays.of(1L, 2L, 3L))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.set("[0, 1]", 5L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1))
                    .isInstanceOf(IllegalArgumentException.class);
            r.flush();
            assertThat(r.getLong(3, 3)).isEqualTo(15);
        }
        assertThat(sha256(f)).isEqualTo(before);
    }

    @Test
    void zeroDimensionalAndEmptyArrays() throws Exception {
        Path f = dir.resolve("zero.dat");
        try (NDArray a = MemMap.builder(f).dtype(DType.FLOAT64).mode(Mode.WRITE).shape().open()) {
            assertThat(a.ndim()).isZero();
            assertThat(a.size()).isEqualTo(1);
            a.setDouble(4.5);
            assertThat(a.getDouble()).isEqualTo(4.5);
        }
        assertThat(Files.size(f)).isEqualTo(8);
        Path e = dir.resolve("empty-shape.dat");
        try (NDArray a = MemMap.open(e, DType.FLOAT64, Mode.WRITE, 0, 3)) {
            assertThat(a.size()).isZero();
            assertThat(a.get("1:").shape()).containsExactly(0, 3);
        }
    }

    @Test
    void thirtyTwoDimensionalArraysInBothOrdersMatchNumPy() throws Exception {
        long[] shape = new long[32];
        java.util.Arrays.fill(shape, 1);
        shape[0] = 3;
        shape[7] = 2;
        shape[31] = 4;
        for (Order order : Order.values()) {
            Path f = dir.resolve("nd32" + order + ".dat");
            NumPy.run("shape = (3,) + (1,)*6 + (2,) + (1,)*23 + (4,); "
                    + "m = np.memmap(sys.argv[1], dtype='<i2', mode='w+', shape=shape, order=sys.argv[2]); "
                    + "m[:] = np.arange(24).reshape(shape); m.flush()", f, order);
            try (NDArray a = MemMap.builder(f).dtype(DType.of("<i2")).mode(Mode.READ_ONLY).shape(shape).order(order).open()) {
                assertThat(a.ndim()).isEqualTo(32);
                long[] idx = new long[32];
                idx[0] = 2;
                idx[7] = 1;
                idx[31] = 3;
                assertThat(a.getLong(idx)).isEqualTo(23);
                NDArray s = a.get("1, ..., ::-1").squeeze();
                assertThat(s.shape()).containsExactly(2, 4);
                assertThat(s.getLong(1, 0)).isEqualTo(1 * 8 + 4 + 3);
                assertThat(a.T().ndim()).isEqualTo(32);
                assertThat(a.T().getLong(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2))
                        .isEqualTo(23);
            }
        }
    }

    @Test
    void modesParseNumPyNamesAndAliases() {
        assertThat(Mode.of("r")).isEqualTo(Mode.READ_ONLY);
        assertThat(Mode.of("readonly")).isEqualTo(Mode.READ_ONLY);
        assertThat(Mode.of("r+")).isEqualTo(Mode.READ_WRITE);
        assertThat(Mode.of("readwrite")).isEqualTo(Mode.READ_WRITE);
        assertThat(Mode.of("w+")).isEqualTo(Mode.WRITE);
        assertThat(Mode.of("write")).isEqualTo(Mode.WRITE);
        assertThat(Mode.of("c")).isEqualTo(Mode.COPY_ON_WRITE);
        assertThat(Mode.of("copyonwrite")).isEqualTo(Mode.COPY_ON_WRITE);
        assertThatThrownBy(() -> Mode.of("rw")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r, r+, w+, c");
    }

    @Test
    void aJvmAndANumPyProcessSharingAnRPlusFileSeeEachOthersFlushedWrites() throws Exception {
        Path f = dir.resolve("shared.dat");
        try (NDArray a = MemMap.open(f, DType.FLOAT64, Mode.WRITE, 8)) {
            a.get("0:4").fill(1.25);
            a.flush();
            // NumPy sees our flushed write, then writes its own half and flushes.
            String seen = NumPy.run("m = np.memmap(sys.argv[1], dtype='f8', mode='r+', shape=(8,)); "
                    + "print(m[:4].tolist()); m[4:] = -7.5; m.flush()", f);
            assertThat(seen).isEqualTo("[1.25, 1.25, 1.25, 1.25]");
            // Our mapping shares the page cache with NumPy's: the write is visible without reopening.
            assertThat(a.getDouble(7)).isEqualTo(-7.5);
        }
    }
}
