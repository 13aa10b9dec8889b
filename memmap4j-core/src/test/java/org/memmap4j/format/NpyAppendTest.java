package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.testing.NumPy;

/**
 * Appending rows to a .npy file in place ({@link Npy#append}, {@link NpyAppender}): NumPy reads the concatenation;
 * whatever cannot be appended is refused with the file unchanged; readers that reopen the file during appends, and a
 * process killed mid-append, always leave a valid file whose rows are a prefix of the final ones.
 */
class NpyAppendTest {

    /** Element (r, c) of every test file: r * 10 + c, so any row shows where it belongs. */
    private static final String PY_EXPECTED = "def expected(n, cols, dt):\n"
            + "    if cols == 0:\n"
            + "        return (np.arange(n) * 10).astype(dt)\n"
            + "    return (np.arange(n)[:, None] * 10 + np.arange(cols)[None, :]).astype(dt)\n";

    @TempDir
    Path dir;

    /** Rows first .. first + k - 1 of the test pattern, in the given dtype and layout; cols 0 makes a 1-d array. */
    private static NDArray rows(DType dtype, Order order, long first, long k, int cols) {
        NDArray a = cols == 0 ? NDArrays.empty(dtype, order, k) : NDArrays.empty(dtype, order, k, cols);
        for (long r = 0; r < k; r++) {
            for (int c = 0; c < Math.max(cols, 1); c++) {
                long v = (first + r) * 10 + c;
                if (cols == 0) {
                    a.setLong(v, r);
                } else {
                    a.setLong(v, r, c);
                }
            }
        }
        return a;
    }

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }

    /** Creates a .npy file with NumPy: n rows of the pattern. */
    private static void numpySave(Path f, long n, int cols, String dtype) {
        NumPy.run(PY_EXPECTED + "np.save(sys.argv[1], expected(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))",
                f, n, cols, dtype);
    }

    /** Asks NumPy whether the file holds exactly n rows of the pattern, loaded whole and memory-mapped. */
    private static String numpyCheck(Path f, long n, int cols, String dtype) {
        return NumPy.run(PY_EXPECTED + "e = expected(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])\n"
                + "a = np.load(sys.argv[1]); m = np.load(sys.argv[1], mmap_mode='r')\n"
                + "print(a.shape, a.dtype.str, np.array_equal(a, e), np.array_equal(m, e))", f, n, cols, dtype);
    }

    @Test
    void appendedFilesEqualTheConcatenationInNumPy() throws Exception {
        Path f = dir.resolve("f8.npy");
        numpySave(f, 5, 3, "<f8");
        try (NDArray before = Npy.open(f, Mode.READ_ONLY)) {
            Npy.append(f, rows(DType.FLOAT64, Order.C, 5, 2, 3));
            try (NpyAppender out = NpyAppender.open(f)) {
                out.append(rows(DType.FLOAT64, Order.F, 7, 4, 3));           // not C-contiguous
                out.append(rows(DType.FLOAT64, Order.C, 0, 0, 3));           // nothing
                out.append(rows(DType.FLOAT64, Order.C, 11, 6, 3).get("::2, :"));   // a strided view: rows 11, 13, 15
                assertThat(out.header().shape()).containsExactly(14, 3);
            }
            // An array mapped before the appends keeps its shape; the file was never shrunk under it.
            assertThat(before.shape()).containsExactly(5, 3);
            assertThat(before.getDouble(4, 2)).isEqualTo(42.0);
        }
        // Rows 11, 13, 15 were appended as rows 11, 12, 13: rewrite the expectation accordingly in Java.
        try (NDArray a = Npy.load(f)) {
            assertThat(a.getDouble(12, 1)).isEqualTo(131.0);
            assertThat(a.getDouble(13, 0)).isEqualTo(150.0);
        }
        assertThat(NumPy.run("a = np.load(sys.argv[1])\n"
                + "print(a.shape, np.array_equal(a[:11], np.arange(11)[:, None] * 10.0 + np.arange(3)),"
                + " np.array_equal(a[11:], np.array([11, 13, 15])[:, None] * 10.0 + np.arange(3)))", f))
                .isEqualTo("(14, 3) True True");

        Path be = dir.resolve("be.npy");
        numpySave(be, 2, 4, ">i4");
        Npy.append(be, rows(DType.of(">i4"), Order.C, 2, 3, 4));
        assertThat(numpyCheck(be, 5, 4, ">i4")).isEqualTo("(5, 4) >i4 True True");

        Path one = dir.resolve("i2.npy");
        numpySave(one, 9, 0, "<i2");
        for (int i = 0; i < 3; i++) {
            Npy.append(one, rows(DType.INT16, Order.C, 9 + 40L * i, 40, 0));   // 9 -> 129 rows: more digits
        }
        assertThat(numpyCheck(one, 129, 0, "<i2")).isEqualTo("(129,) <i2 True True");
        assertThat(Npy.readHeader(one).dataOffset()).as("the header kept its length").isEqualTo(128);

        Path mine = dir.resolve("created.npy");
        Npy.create(mine, DType.INT64, Order.C, false, 0, 2).close();
        Npy.append(mine, rows(DType.INT64, Order.C, 0, 1_000, 2));
        assertThat(numpyCheck(mine, 1_000, 2, "<i8")).isEqualTo("(1000, 2) <i8 True True");
    }

    @Test
    void whatCannotBeAppendedIsRefusedAndTheFileLeftUnchanged() throws Exception {
        Path f = dir.resolve("a.npy");
        numpySave(f, 4, 3, "<i8");
        byte[] before = sha256(f);
        assertThatThrownBy(() -> Npy.append(f, rows(DType.INT32, Order.C, 4, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("int32").hasMessageContaining("astype");
        assertThatThrownBy(() -> Npy.append(f, rows(DType.INT64, Order.C, 4, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot append rows of shape (1, 4) to '" + f + "' of shape (4, 3): rows must have shape (k, 3)");
        assertThatThrownBy(() -> Npy.append(f, rows(DType.INT64, Order.C, 4, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows must have shape (k, 3)");
        assertThat(sha256(f)).isEqualTo(before);

        Path fortran = dir.resolve("f.npy");
        NumPy.run("np.save(sys.argv[1], np.asfortranarray(np.ones((3, 2))))", fortran);
        byte[] fBefore = sha256(fortran);
        assertThatThrownBy(() -> Npy.append(fortran, rows(DType.FLOAT64, Order.C, 0, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fortran.toString())
                .hasMessageContaining("Fortran order");
        assertThat(sha256(fortran)).isEqualTo(fBefore);

        Path scalar = dir.resolve("s.npy");
        NumPy.run("np.save(sys.argv[1], np.float64(1.5))", scalar);
        assertThatThrownBy(() -> Npy.append(scalar, rows(DType.FLOAT64, Order.C, 0, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-d");

        assertThatThrownBy(() -> Npy.append(dir.resolve("missing.npy"), rows(DType.INT64, Order.C, 0, 1, 3)))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aHeaderWithoutRoomIsRefusedNamingTheRemedyWhichWorks() throws Exception {
        Path f = dir.resolve("tight.npy");
        long rows = writeHeaderWithoutRoom(f);
        assertThat(NumPy.run("a = np.load(sys.argv[1]); print(a.shape[0], int(a.sum()))", f))
                .as("NumPy reads the hand-made file").isEqualTo(rows + " 0");
        byte[] before = sha256(f);
        NDArray one = NDArrays.zeros(DType.UINT8, Npy.readHeader(f).shape()).get("0:1");
        assertThatThrownBy(() -> Npy.append(f, one)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("'" + f + "': the .npy header has no room for the shape (" + (rows + 1) + ",")
                .hasMessageContaining("Npy.save(file, a)");
        assertThat(sha256(f)).isEqualTo(before);
        // The remedy in the message: rewrite once (a new file renamed into place), then append.
        try (NDArray a = Npy.open(f, Mode.READ_ONLY)) {
            Npy.save(f, a);
        }
        Npy.append(f, one);
        assertThat(Npy.readHeader(f).shape()[0]).isEqualTo(rows + 1);
    }

    /**
     * Writes a valid version 1.0 .npy file of uint8 zeros whose header, in NumPy's own layout, ends exactly at a
     * multiple of 64 with no spare space, and whose first axis (9, 99 or 999 rows) needs one more digit to grow.
     *
     * @return the number of rows
     */
    private static long writeHeaderWithoutRoom(Path f) throws IOException {
        for (long n : new long[] {9, 99, 999}) {
            for (int ones = 0; ones < 22; ones++) {
                long[] shape = new long[1 + ones];
                java.util.Arrays.fill(shape, 1);
                shape[0] = n;
                String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + NpyHeaderWriter.shapeRepr(shape) + ", }";
                if ((10 + dict.length() + 1) % 64 == 0) {
                    byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
                    byte[] file = new byte[10 + text.length + (int) n];
                    System.arraycopy(NpyHeaderWriter.MAGIC, 0, file, 0, 6);
                    file[6] = 1;
                    file[8] = (byte) text.length;
                    file[9] = (byte) (text.length >> 8);
                    System.arraycopy(text, 0, file, 10, text.length);
                    Files.write(f, file);
                    return n;
                }
            }
        }
        throw new AssertionError("no such shape");
    }

    @Test
    void readersThatReopenDuringAppendsSeeAPrefixOfTheRows() throws Exception {
        NumPy.assume();
        Path f = dir.resolve("grow.npy");
        Path stop = dir.resolve("stop");
        numpySave(f, 1, 4, "<i8");
        Process py = new ProcessBuilder(System.getenv().getOrDefault("MEMMAP4J_PYTHON", "python3"), "-c",
                "import os, sys\nimport numpy as np\n" + PY_EXPECTED
                        + "f, stop = sys.argv[1], sys.argv[2]\n"
                        + "reads = bad = last = 0\n"
                        + "print('ready', flush=True)\n"
                        + "while not os.path.exists(stop):\n"
                        + "    a = np.load(f, mmap_mode='r') if reads % 2 else np.load(f)\n"
                        + "    n = a.shape[0]\n"
                        + "    if a.shape != (n, 4) or n < last or not np.array_equal(a, expected(n, 4, '<i8')):\n"
                        + "        bad += 1\n"
                        + "    last = n; reads += 1\n"
                        + "    del a\n"
                        + "print(reads, bad, last)\n",
                f.toString(), stop.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader pyOut = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
        assertThat(pyOut.readLine()).isEqualTo("ready");

        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> javaBad = new ConcurrentLinkedQueue<>();
        long[] javaReads = {0};
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            long last = 0;
            while (!done.get()) {
                try (NDArray a = Npy.open(f, Mode.READ_ONLY)) {
                    long n = a.shape(0);
                    if (n < last || a.getLong(n - 1, 3) != (n - 1) * 10 + 3 || a.getLong(0, 0) != 0) {
                        javaBad.add("n=" + n);
                    }
                    last = n;
                    javaReads[0]++;
                } catch (IOException | RuntimeException e) {
                    javaBad.add(e.toString());
                }
            }
        });
        long n = 1;
        try (NpyAppender out = NpyAppender.open(f)) {
            for (int batch = 0; batch < 400; batch++) {
                int k = 1 + batch % 7;
                out.append(rows(DType.INT64, Order.C, n, k, 4));
                n += k;
            }
        }
        done.set(true);
        reader.get(60, TimeUnit.SECONDS);
        Files.createFile(stop);
        String[] summary = pyOut.readLine().split(" ");
        assertThat(py.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(javaBad).isEmpty();
        assertThat(javaReads[0]).isPositive();
        assertThat(Long.parseLong(summary[0])).as("NumPy reads").isPositive();
        assertThat(summary[1]).as("NumPy reads that were not a prefix of the rows").isEqualTo("0");
        assertThat(numpyCheck(f, n, 4, "<i8")).isEqualTo("(" + n + ", 4) <i8 True True");
    }

    @Test
    void appendersInTwoThreadsTakeTurnsWholeBatchesAtATime() throws Exception {
        Path f = dir.resolve("two.npy");
        Npy.create(f, DType.INT64, Order.C, false, 0, 3).close();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 1; w <= 2; w++) {
            int writer = w;
            writers.add(CompletableFuture.runAsync(() -> {
                try (NpyAppender out = NpyAppender.open(f)) {
                    for (int b = 0; b < 100; b++) {
                        out.append(NDArrays.full(DType.INT64, writer * 1000 + b, 3, 3));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (CompletableFuture<Void> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        try (NDArray a = Npy.load(f)) {
            assertThat(a.shape()).containsExactly(600, 3);
            int[] next = {0, 0, 0};
            for (long r = 0; r < 600; r += 3) {
                long v = a.getLong(r, 0);
                int writer = (int) (v / 1000);
                assertThat(v % 1000).as("writer %d's batches in order", writer).isEqualTo(next[writer]++);
                for (long i = r; i < r + 3; i++) {
                    for (long c = 0; c < 3; c++) {
                        assertThat(a.getLong(i, c)).isEqualTo(v);
                    }
                }
            }
        }
    }

    @Test
    void aProcessKilledMidAppendLeavesAFileNumPyLoads() throws Exception {
        NumPy.assume();
        Path f = dir.resolve("killed.npy");
        Npy.create(f, DType.INT64, Order.C, false, 0, 8).close();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Appender.class.getName(), f.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long reported;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = null;
            for (int i = 0; i < 20; i++) {
                line = out.readLine();
            }
            reported = Long.parseLong(line);
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        long n = Npy.readHeader(f).shape()[0];
        assertThat(n).isGreaterThanOrEqualTo(reported);
        assertThat(numpyCheck(f, n, 8, "<i8")).isEqualTo("(" + n + ", 8) <i8 True True");
        // The next append starts after the rows the header announces, over whatever the killed one left.
        Npy.append(f, rows(DType.INT64, Order.C, n, 5, 8));
        assertThat(numpyCheck(f, n + 5, 8, "<i8")).isEqualTo("(" + (n + 5) + ", 8) <i8 True True");
    }

    /** The child: appends batches of 2000 rows of the pattern until killed, printing the row count after each. */
    public static final class Appender {
        private Appender() {
        }

        /**
         * Runs the child.
         *
         * @param args the file
         * @throws IOException if appending fails
         */
        public static void main(String[] args) throws IOException {
            try (NpyAppender out = NpyAppender.open(Path.of(args[0]))) {
                for (long n = 0; ; n += 2000) {
                    out.append(rows(DType.INT64, Order.C, n, 2000, 8));
                    System.out.println(n + 2000);
                    System.out.flush();
                }
            }
        }
    }
}
