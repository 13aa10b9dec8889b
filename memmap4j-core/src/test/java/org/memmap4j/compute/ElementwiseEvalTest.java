package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.ExprTesting.SMALL;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;
import static org.memmap4j.testing.NumPyBatch.bytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.memmap4j.format.Raw;
import org.memmap4j.testing.NumPyBatch;

/** Evaluation: any view as operand and as output, out= semantics, files, determinism, shipping expressions. */
class ElementwiseEvalTest {

    @TempDir
    Path dir;

    private static NDArray arange(String dtype, long... shape) {
        return NumPyBatch.arange(dtype, shape);
    }

    @Test
    void operandsMayBeAnyViewAndBroadcast() {
        NumPyBatch batch = new NumPyBatch(dir);
        List<NDArray> got = new ArrayList<>();
        NDArray a = arange("float32", 4, 5, 6);
        String pa = NumPyBatch.pyArange("float32", 4, 5, 6);
        NDArray b = arange("int16", 6).astype(DType.of(">i2"));
        String pb = NumPyBatch.pyArange("int16", 6) + ".astype('>i2')";
        String[] views = {"::-1, 1:, ::2", "1, :, ::-3", "..., 2", "2:2", "3, 4, 5", ":, ::-1, :"};
        for (String v : views) {
            batch.add("a = " + pa + "\nr = a[" + v + "] * 1.5 - a[" + v + "]");
            got.add(SMALL.eval(Expr.of(a.get(v)).multiply(1.5).subtract(Expr.of(a.get(v)))));
        }
        // Transposed (F order), non-native byte order, broadcasting of (4,1,6) with (6,) and with (5,1).
        NDArray b4 = arange("uint8", 4);
        batch.add("a = " + pa + "\nr = a.T + " + NumPyBatch.pyArange("uint8", 4));
        got.add(SMALL.eval(Expr.of(a.T()).add(Expr.of(b4))));
        batch.add("a = " + pa + "\nr = np.where(a[:, :1, :] > 10, a[:, :1, :], " + pb + ") * a[0, :, :1]");
        got.add(SMALL.eval(Expr.where(Expr.of(a.get(":, :1, :")).gt(10), Expr.of(a.get(":, :1, :")), Expr.of(b))
                .multiply(Expr.of(a.get("0, :, :1")))));
        NDArray f = a.copy(Order.F).astype(DType.of(">f8"), Order.F);
        batch.add("a = " + pa + "\nf = np.asfortranarray(a.astype('>f8'))\nr = f // 7 + f % 7");
        got.add(SMALL.eval(Expr.of(f).floorDivide(7).add(Expr.of(f).mod(7))));
        // 0-d and empty.
        NDArray zero = a.get("1, 2, 3");
        batch.add("a = " + pa + "\nr = a[1, 2, 3] + a");
        got.add(SMALL.eval(Expr.of(zero).add(Expr.of(a))));
        batch.add("a = " + pa + "\nr = np.sqrt(a[1, 2, 3])");
        got.add(SMALL.eval(Expr.of(zero).sqrt()));
        batch.add("a = " + pa + "\nr = a[:, 5:, :] * 2 + " + pb);
        got.add(SMALL.eval(Expr.of(a.get(":, 5:, :")).multiply(2).add(Expr.of(b))));
        List<NumPyBatch.Result> rs = batch.run();
        for (int i = 0; i < rs.size(); i++) {
            assertSameArray(got.get(i), rs.get(i));
        }
    }

    @Test
    void evalIntoFollowsNumPysOutArgument() {
        NumPyBatch batch = new NumPyBatch(dir);
        String pa = NumPyBatch.pyArange("float64", 3, 8);
        List<NDArray> got = new ArrayList<>();
        // In place, same view.
        NDArray a1 = arange("float64", 3, 8);
        SMALL.evalInto(Expr.of(a1).multiply(2).add(1), a1);
        got.add(a1);
        batch.add("a = " + pa + "\nnp.add(a * 2, 1, out=a)\nr = a");
        // Overlapping views in other layouts: NumPy copies the operand first.
        NDArray a2 = arange("float64", 3, 8);
        SMALL.evalInto(Expr.of(a2.get(":, :-1")).add(1), a2.get(":, 1:"));
        got.add(a2);
        batch.add("a = " + pa + "\nnp.add(a[:, :-1], 1, out=a[:, 1:])\nr = a");
        NDArray a3 = arange("float64", 3, 8);
        SMALL.evalInto(Expr.of(a3.get("::-1, ::-1")).subtract(Expr.of(a3)), a3);
        got.add(a3);
        batch.add("a = " + pa + "\nnp.subtract(a[::-1, ::-1], a, out=a)\nr = a");
        // Broadcast into a bigger output; same_kind casts: float64 into float32, int into float, bool into int.
        NDArray o1 = NDArrays.zeros(DType.FLOAT32, 4, 3, 8);
        SMALL.evalInto(Expr.of(arange("float64", 3, 8)).divide(3), o1);
        got.add(o1);
        batch.add("o = np.zeros((4, 3, 8), np.float32)\nnp.divide(" + pa + ", 3, out=o)\nr = o");
        NDArray o2 = NDArrays.zeros(DType.of(">f2"), 3, 8).T();
        SMALL.evalInto(Expr.of(arange("int64", 8, 3)).multiply(1000), o2);
        got.add(o2);
        batch.add("o = np.zeros((3, 8), '>f2').T\nnp.multiply(" + NumPyBatch.pyArange("int64", 8, 3) + ", 1000, out=o)\nr = o");
        NDArray o3 = NDArrays.zeros(DType.INT8, 3, 8);
        SMALL.evalInto(Expr.of(arange("int64", 3, 8)).multiply(13), o3);
        got.add(o3);
        batch.add("o = np.zeros((3, 8), np.int8)\nnp.multiply(" + NumPyBatch.pyArange("int64", 3, 8) + ", 13, out=o)\nr = o");
        List<NumPyBatch.Result> rs = batch.run();
        for (int i = 0; i < rs.size(); i++) {
            assertSameArray(got.get(i), rs.get(i));
        }
        assertThatThrownBy(() -> SMALL.evalInto(Expr.of(arange("float32", 3)), NDArrays.zeros(DType.INT64, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same_kind");
        assertThatThrownBy(() -> SMALL.evalInto(Expr.of(arange("int64", 3)), NDArrays.zeros(DType.UINT64, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same_kind");
        assertThatThrownBy(() -> SMALL.evalInto(Expr.of(arange("int64", 2, 3)), NDArrays.zeros(DType.INT64, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-broadcastable output");
        NDArray ro = NDArrays.zeros(DType.INT64, 3).broadcastTo(3);
        assertThatThrownBy(() -> SMALL.evalInto(Expr.of(arange("int64", 3)), ro))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
    }

    @Test
    void evalToNpyAndRawWriteCompleteFilesAtomically() throws Exception {
        NDArray a = arange("float32", 50, 70);
        Expr e = Expr.of(a.T()).multiply(9).divide(5).add(32).multiply(1.02);
        NDArray want = SMALL.eval(e);
        Path npy = dir.resolve("out.npy");
        try (NDArray f = SMALL.evalToNpy(e, npy, false)) {
            assertThat(f.shape()).containsExactly(70, 50);
            assertThat(bytes(f)).isEqualTo(bytes(want));
        }
        assertThat(bytes(Npy.load(npy))).isEqualTo(bytes(want));
        assertThatThrownBy(() -> SMALL.evalToNpy(e, npy, false)).isInstanceOf(FileAlreadyExistsException.class);
        // The expression may read the file it replaces: it sees the old contents.
        try (NDArray old = Npy.open(npy, Mode.READ_ONLY); NDArray f = SMALL.evalToNpy(Expr.of(old).add(1), npy, true)) {
            assertThat(f.getDouble(3, 4)).isEqualTo((float) (want.getDouble(3, 4) + 1));
        }
        Path raw = dir.resolve("out.raw");
        try (NDArray f = SMALL.evalToRaw(e.gt(100), raw, false)) {
            assertThat(f.dtype()).isEqualTo(DType.BOOL);
        }
        assertThat(bytes(Raw.fromFile(raw, DType.BOOL, -1, 0))).isEqualTo(bytes(SMALL.eval(e.gt(100)).reshape(-1)));
        try (NDArray f = SMALL.evalToNpy(Expr.of(arange("int8", 0, 4)), dir.resolve("empty.npy"), false)) {
            assertThat(f.shape()).containsExactly(0, 4);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out.npy", "out.raw", "empty.npy");
        }
    }

    /** Files written without forcing them to disk have the same content, and the copy keeps the executor. */
    @Test
    void filesWrittenWithoutForcingAreTheSame() throws Exception {
        NDArray a = arange("float32", 1000, 7);
        Expr e = Expr.of(a).multiply(9).divide(5).add(32).multiply(1.02);
        Compute scratch = SMALL.withDurableFiles(false);
        assertThat(scratch.executor()).isSameAs(SMALL.executor());
        Path durable = dir.resolve("durable.npy");
        Path fast = dir.resolve("fast.npy");
        SMALL.evalToNpy(e, durable, false).close();
        scratch.evalToNpy(e, fast, false).close();
        assertThat(Files.readAllBytes(fast)).isEqualTo(Files.readAllBytes(durable));
        Path picked = dir.resolve("picked.npy");
        scratch.extractToNpy(e.gt(50), e, picked, false).close();
        assertThat(bytes(Npy.load(picked))).isEqualTo(bytes(SMALL.extract(e.gt(50), e)));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("durable.npy", "fast.npy", "picked.npy");
        }
    }

    @Test
    void resultsAreIdenticalForAnyThreadCountAndChunkSizeAndProgressIsReported() {
        java.util.Random rnd = new java.util.Random(3);
        double[] v = new double[200_003];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * 100;
        }
        NDArray a = NDArrays.of(v).astype(DType.FLOAT32);
        Expr e = Expr.of(a).multiply(Expr.of(a.get("::-1"))).sqrt().add(Expr.of(a).exp()).floorDivide(3.5);
        byte[] first = null;
        for (int threads : new int[] {1, 2, 4}) {
            for (long chunk : new long[] {64, 5000, ChunkExecutor.DEFAULT_CHUNK_BYTES}) {
                try (ChunkExecutor ex = ChunkExecutor.local(threads, chunk)) {
                    AtomicLong done = new AtomicLong();
                    AtomicLong total = new AtomicLong();
                    NDArray r = Compute.on(ex).withProgress((d, t) -> {
                        done.set(d);
                        total.set(t);
                    }).eval(e);
                    byte[] b = bytes(r);
                    if (first == null) {
                        first = b;
                    }
                    assertThat(b).as("threads %d chunk %d", threads, chunk).isEqualTo(first);
                    assertThat(done.get()).isEqualTo(total.get()).isPositive();
                }
            }
        }
    }

    @Test
    void evaluateWritesAnyRangeContiguouslyInNativeOrder() {
        NDArray a = arange("int16", 7, 9).astype(DType.of(">i2"));
        Expr e = Expr.of(a.T()).multiply(3).subtract(Expr.of(a.get("0:1").T()).astype(DType.FLOAT64));
        NDArray all = SMALL.eval(e);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(8L * 63);
            e.evaluate(5, 40, seg);
            for (int k = 5; k < 40; k++) {
                assertThat(seg.getAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, k - 5)).isEqualTo(all.reshape(-1).getDouble(k));
            }
        }
    }

    @Test
    void expressionsOverFilesSurviveSerializationAndEvaluateElsewhere() throws Exception {
        Path p = dir.resolve("in.npy");
        Npy.save(p, arange("float64", 6, 5));
        try (NDArray a = Npy.open(p, Mode.READ_ONLY)) {
            Expr e = Expr.of(a.get("::-1")).multiply(2).add(Expr.of(a.get("1:2"))).gt(20);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
                out.writeObject(e);
            }
            Expr back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bos.toByteArray()))) {
                back = (Expr) in.readObject();
            }
            assertThat(back.shape()).containsExactly(6, 5);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s1 = arena.allocate(30);
                MemorySegment s2 = arena.allocate(30);
                e.evaluate(0, 30, s1);
                back.evaluate(0, 30, s2);
                assertThat(s2.mismatch(s1)).isEqualTo(-1);
                assertThat(s1.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 29)).isEqualTo((byte) 0);
                assertThat(s1.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 1);
            }
        }
        Expr mem = Expr.of(arange("float64", 3)).add(1);
        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(mem))
                .isInstanceOf(NotSerializableException.class);
    }

    @Test
    void invalidExpressionsAreRefusedWhenBuilt() {
        Expr b = Expr.of(NDArrays.of(true, false));
        assertThatThrownBy(() -> b.subtract(b)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boolean subtract");
        assertThatThrownBy(b::negative).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boolean negative");
        Expr i8 = Expr.of(arange("int8", 3));
        assertThatThrownBy(() -> i8.add(300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Python integer 300 out of bounds for int8");
        assertThatThrownBy(() -> i8.power(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative integer powers");
        assertThatThrownBy(() -> i8.add(Expr.of(arange("int8", 4)))).isInstanceOf(IllegalArgumentException.class);
        Expr c8 = Expr.of(NDArrays.zeros(DType.COMPLEX64, 2));
        assertThatThrownBy(() -> c8.floorDivide(c8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ufunc 'floor_divide' not supported for the input types (complex64, complex64): NumPy "
                        + "defines it for no complex type");
        assertThatThrownBy(c8::ceil).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ceil'");
        assertThat(c8.sin().dtype()).isEqualTo(DType.COMPLEX64);
        assertThat(c8.abs().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(c8.add(Expr.scalar(1, 2)).toString()).isEqualTo("add(array(complex64, (2,)), (1.0+2.0j))");
        assertThat(i8.lt(1000).dtype()).isEqualTo(DType.BOOL);
        assertThat(i8.add(1.5).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(i8.clip(-1000, 1000).dtype()).isEqualTo(DType.INT8);
        assertThat(i8.multiply(2).divide(2).shape()).containsExactly(3);
        assertThat(i8.add(1).toString()).isEqualTo("add(array(int8, (3,)), 1)");
    }
}
