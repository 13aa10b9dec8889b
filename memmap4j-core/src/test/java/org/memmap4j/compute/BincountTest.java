package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.QuantileTestData.assertIdentical;
import static org.memmap4j.compute.QuantileTestData.assertSameValues;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.ForkedJvm;
import org.memmap4j.testing.NumPy;
import org.memmap4j.testing.NumPyBatch;

/**
 * np.bincount against NumPy 2: every integer dtype and bool in both byte orders, strided and reversed views,
 * minlength below and above max + 1, empty input, weights of several dtypes and layouts, NumPy's errors in NumPy's
 * order; counts and sums identical for every executor and window; a memory-mapped file far larger than a 32 MB heap.
 */
class BincountTest {

    @TempDir
    Path dir;

    private static final Compute C = Compute.local();

    private static final String[] DTYPES = {"|b1", "|u1", "|i1", "<u2", ">u2", "<i2", ">i2", "<u4", ">u4", "<i4",
        ">i4", "<i8", ">i8", "<u8", ">u8"};

    /** n values in [0, bound) of a dtype (bool: 0/1), made by NumPy's cast of the same longs. */
    private static NDArray values(String dt, Random rnd, int n, long bound) {
        NDArray a = NDArrays.empty(DType.of(dt), n);
        for (int i = 0; i < n; i++) {
            a.setLong(dt.equals("|b1") ? rnd.nextInt(2) : (long) (rnd.nextDouble() * bound), i);
        }
        return a;
    }

    private static long bound(String dt) {
        return switch (dt.substring(1)) {
            case "b1" -> 2;
            case "i1" -> 128;
            case "u1" -> 256;
            case "i2" -> 30_000;
            case "u2" -> 65_536;
            default -> 100_000;
        };
    }

    private record Case(String where, int result, Supplier<NDArray> call) {
    }

    private static void check(NumPyBatch b, List<Case> cases) {
        List<NumPyBatch.Result> res = b.run();
        for (Case c : cases) {
            assertSameValues(c.call().get(), res.get(c.result()), c.where());
        }
    }

    @Test
    void everyDtypeByteOrderViewAndMinlengthEqualsNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        Random rnd = new Random(7);
        for (String dt : DTYPES) {
            for (int n : new int[] {0, 1, 7, 3000}) {
                // Small ranges (dense bins) and full ranges (most bins empty) of the dtype.
                for (long bound : new long[] {Math.min(5, bound(dt)), bound(dt)}) {
                    NDArray base = values(dt, rnd, n, bound);
                    List<NDArray> views = new ArrayList<>(List.of(base));
                    if (n > 2) {
                        views.add(base.get("::-1"));
                        views.add(base.get("1::3"));
                    }
                    for (NDArray a : views) {
                        String in = b.input(a);
                        String where = dt + " n=" + n + " bound=" + bound + " " + a;
                        cases.add(new Case(where, b.add("r = np.bincount(" + in + ")"), () -> C.bincount(a)));
                        for (long ml : new long[] {0, 3, bound + 17}) {
                            cases.add(new Case(where + " minlength=" + ml,
                                    b.add("r = np.bincount(" + in + ", minlength=" + ml + ")"),
                                    () -> C.bincount(a, ml)));
                        }
                    }
                }
            }
        }
        check(b, cases);
    }

    @Test
    void weightsOfSeveralDtypesAndLayoutsEqualNumPy() {
        NumPyBatch b = new NumPyBatch(dir);
        List<Case> cases = new ArrayList<>();
        Random rnd = new Random(8);
        String[] weightTypes = {"<f8", ">f8", "<f4", "<f2", "<i4", ">i8", "<u8", "|b1", "|u1"};
        for (String dt : new String[] {"|u1", "<u2", ">i4", "<i8", "|b1"}) {
            for (int n : new int[] {1, 9, 2000}) {
                NDArray x = values(dt, rnd, 2 * n, Math.min(bound(dt), 300)).get("::2");
                String xin = b.input(x);
                for (String wt : weightTypes) {
                    NDArray w = NDArrays.empty(DType.of(wt), n);
                    for (int i = 0; i < n; i++) {
                        if (DType.of(wt).kind().isFloat()) {
                            w.setDouble(rnd.nextGaussian() * 100, i);
                        } else {
                            w.setLong(rnd.nextInt(wt.equals("|b1") ? 2 : 100), i);
                        }
                    }
                    for (NDArray wv : List.of(w, w.get("::-1"))) {
                        String win = b.input(wv);
                        for (long ml : new long[] {0, 500}) {
                            cases.add(new Case(dt + " n=" + n + " weights " + wt + " " + wv + " minlength=" + ml,
                                    b.add("r = np.bincount(" + xin + ", weights=" + win + ", minlength=" + ml + ")"),
                                    () -> C.bincount(x, wv, ml)));
                        }
                    }
                }
            }
        }
        // Empty x: int64 zeros, the weights ignored (NumPy does not look at them).
        NDArray empty = NDArrays.empty(DType.INT32, 0);
        NDArray w2 = NDArrays.zeros(DType.COMPLEX128, 2, 2);
        cases.add(new Case("empty with weights", b.add("r = np.bincount(np.zeros(0, np.int32), "
                + "weights=np.zeros((2, 2), complex), minlength=4)"), () -> C.bincount(empty, w2, 4)));
        check(b, cases);
    }

    @Test
    void errorsAreNumPysInNumPysOrder() {
        NumPyBatch b = new NumPyBatch(dir);
        NDArray ok = NDArrays.of(1L, 2L);
        NDArray neg = NDArrays.of(1L, -2L);
        NDArray f8 = NDArrays.of(1.0, 2.0);
        NDArray m2 = NDArrays.zeros(DType.INT64, 1, 1);
        NDArray big64 = NDArrays.of(Long.MIN_VALUE, 1L).astype(DType.UINT64); // 2**63 and 1
        NDArray c16 = NDArrays.zeros(DType.COMPLEX128, 2);
        NDArray w3 = NDArrays.of(1.0, 2.0, 3.0);
        record Err(String py, Runnable call) {
        }
        List<Err> errs = List.of(
                new Err("np.bincount(np.array(3))", () -> C.bincount(NDArrays.of(3L).reshape())),
                new Err("np.bincount(np.zeros((1, 1), int), minlength=-1)", () -> C.bincount(m2, -1)),
                new Err("np.bincount(np.array([1., 2.]))", () -> C.bincount(f8)),
                new Err("np.bincount(np.array([1., 2.]).astype('>f8'))", () -> C.bincount(f8.astype(DType.of(">f8")))),
                new Err("np.bincount(np.zeros(0, np.float32), minlength=2)",
                        () -> C.bincount(NDArrays.empty(DType.FLOAT32, 0), 2)),
                new Err("np.bincount(np.zeros(2, complex))", () -> C.bincount(c16)),
                new Err("np.bincount(np.array([1., 2.]), minlength=-1)", () -> C.bincount(f8, -1)),
                new Err("np.bincount(np.array([1, 2]), minlength=-1)", () -> C.bincount(ok, -1)),
                new Err("np.bincount(np.array([1, -2]), minlength=-1)", () -> C.bincount(neg, -1)),
                new Err("np.bincount(np.array([1, -2]))", () -> C.bincount(neg)),
                new Err("np.bincount(np.array([1, -2], np.int8))", () -> C.bincount(neg.astype(DType.INT8))),
                new Err("np.bincount(np.array([1, -2], '>i2'))", () -> C.bincount(neg.astype(DType.of(">i2")))),
                new Err("np.bincount(np.array([2**63, 1], np.uint64))", () -> C.bincount(big64)),
                new Err("np.bincount(np.array([1, 2]), weights=np.array(3.0))",
                        () -> C.bincount(ok, NDArrays.of(3.0).reshape(), 0)),
                new Err("np.bincount(np.array([1, -2]), weights=np.zeros((1, 2)))",
                        () -> C.bincount(neg, NDArrays.zeros(DType.FLOAT64, 1, 2), 0)),
                new Err("np.bincount(np.array([1, 2]), weights=np.zeros((1, 2), complex))",
                        () -> C.bincount(ok, NDArrays.zeros(DType.COMPLEX128, 1, 2), 0)),
                new Err("np.bincount(np.array([1, 2], np.uint8), weights=np.zeros((), complex))",
                        () -> C.bincount(ok.astype(DType.UINT8), NDArrays.zeros(DType.COMPLEX128), 0)),
                new Err("np.bincount(np.array([1, -2]), weights=np.zeros(2, complex))",
                        () -> C.bincount(neg, c16, 0)),
                new Err("np.bincount(np.array([1, 2]), weights=np.zeros(3, complex))",
                        () -> C.bincount(ok, NDArrays.zeros(DType.COMPLEX128, 3), 0)),
                new Err("np.bincount(np.array([1, -2]), weights=np.array([1., 2., 3.]))", () -> C.bincount(neg, w3, 0)),
                new Err("np.bincount(np.array([1, 2]), weights=np.array([1., 2., 3.]))", () -> C.bincount(ok, w3, 0)),
                new Err("np.bincount(np.array([1, 2]), weights=np.zeros(2, np.complex64))",
                        () -> C.bincount(ok, NDArrays.zeros(DType.COMPLEX64, 2), 0)));
        List<Integer> ids = new ArrayList<>();
        for (Err e : errs) {
            ids.add(b.add("r = " + e.py()));
        }
        List<NumPyBatch.Result> res = b.run();
        for (int i = 0; i < errs.size(); i++) {
            NumPyBatch.Result r = res.get(ids.get(i));
            assertThat(r.ok()).as(errs.get(i).py()).isFalse();
            assertThatThrownBy(errs.get(i).call()::run, "%s: %s %s", errs.get(i).py(), r.error(), r.message())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(r.message().strip());
        }
    }

    @Test
    void resultsTooLargeForMemoryAreRefusedNamingTheirLength() {
        NDArray huge = NDArrays.of(1L << 40);
        assertThatThrownBy(() -> C.bincount(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 1099511627777").hasMessageContaining("memory");
        assertThatThrownBy(() -> C.bincount(huge, NDArrays.of(1.0), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 1099511627777 (float64)");
        // NumPy overflows max + 1 here and returns an empty array; the true length is refused.
        assertThatThrownBy(() -> C.bincount(NDArrays.of(Long.MAX_VALUE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 9223372036854775808");
        assertThatThrownBy(() -> C.bincount(NDArrays.empty(DType.INT8, 0), 1L << 61))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2305843009213693952");
        assertThatThrownBy(() -> C.bincount(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sameResultsOnEveryExecutorAndWindowAndNumPysWithinRounding() {
        NumPyBatch b = new NumPyBatch(dir);
        Random rnd = new Random(9);
        int n = 2_500_000; // three weight blocks
        NDArray x = values("<u4", rnd, n, 70_000);
        NDArray x16 = values("<u2", rnd, n, 65_536);
        NDArray wf = NDArrays.empty(DType.FLOAT64, n);
        NDArray wi = NDArrays.empty(DType.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            wf.setDouble(rnd.nextDouble() * 10 - 3, i);
            wi.setDouble(rnd.nextInt(2000) - 1000, i);
        }
        String xin = b.input(x);
        String x16in = b.input(x16);
        String wfin = b.input(wf);
        String wiin = b.input(wi);
        int counts = b.add("r = np.bincount(" + xin + ", minlength=80000)");
        int counts16 = b.add("r = np.bincount(" + x16in + ")");
        int exact = b.add("r = np.bincount(" + xin + ", weights=" + wiin + ")");
        int floats = b.add("r = np.bincount(" + xin + ", weights=" + wfin + ")");
        int maxCount = b.add("r = np.bincount(" + xin + ").max()");
        List<NumPyBatch.Result> res = b.run();
        NDArray want = C.bincount(x, 80_000);
        assertSameValues(want, res.get(counts), "counts");
        assertSameValues(C.bincount(x16), res.get(counts16), "uint16 counts");
        NDArray wantExact = C.bincount(x, wi, 0);
        assertSameValues(wantExact, res.get(exact), "integer-valued weights");
        NDArray wantFloat = C.bincount(x, wf, 0);
        NDArray np = res.get(floats).array();
        // NumPy adds each bin's k weights one after the other; memmap4j per block then block sums: both within
        // k ulps-ish of the exact sum, so within 2 k eps of the sum of magnitudes (at most 10 each).
        long k = res.get(maxCount).array().getLong();
        for (long i = 0; i < np.size(); i++) {
            assertThat(wantFloat.getDouble(i)).as("bin " + i)
                    .isCloseTo(np.getDouble(i), org.assertj.core.data.Offset.offset(2.0 * k * 10 * k * 0x1p-52));
        }
        List<Compute> cs = QuantileTestData.executors();
        try {
            for (Compute c : cs) {
                String e = c.executor().toString();
                if (c.executor().chunkBytes() >= 4096) {
                    assertIdentical(c.bincount(x, 80_000), want, "counts " + e);
                    assertIdentical(c.bincount(x, wf, 0), wantFloat, "float weights " + e);
                    assertIdentical(c.bincount(x16), C.bincount(x16), "uint16 " + e);
                }
                NDArray small = x.get("::-997");
                NDArray smallW = wf.get("5::997");
                assertIdentical(c.bincount(small, 3), C.bincount(small, 3), "tiny chunks " + e);
                assertIdentical(c.bincount(small, smallW, 0), C.bincount(small, smallW, 0), "tiny chunks weights " + e);
                NDArray small16 = x16.get("::991");
                assertIdentical(c.bincount(small16), C.bincount(small16), "tiny chunks uint16 " + e);
            }
        } finally {
            QuantileTestData.close(cs);
        }
        // Windows of 1024 bins: 69 passes over the data, the same counts and sums.
        assertIdentical(BincountOps.bincount(C, x, null, 80_000, 1024), want, "windows");
        assertIdentical(BincountOps.bincount(C, x, wf, 0, 1024), wantFloat, "windows, weights");
        // Int counts over runs of 1000 elements added into long counts: the path of chunks beyond 2^31 elements.
        assertIdentical(BincountOps.bincount(C, x, null, 80_000, Long.MAX_VALUE, 1000), want, "runs");
        assertIdentical(BincountOps.bincount(C, x, null, 80_000, 1024, 1000), want, "runs and windows");
        assertIdentical(BincountOps.bincount(C, x16, null, 0, Long.MAX_VALUE, 1000), C.bincount(x16), "runs uint16");
    }

    /** The child of {@link #aFileFarLargerThanTheHeapIsCountedLikeNumPy}: counts the files, compares, says ok. */
    public static void main(String[] args) throws Exception {
        Path d = Path.of(args[0]);
        Compute c = Compute.local();
        try (NDArray t16 = Npy.open(d.resolve("t16.npy"), Mode.READ_ONLY);
             NDArray t32 = Npy.open(d.resolve("t32.npy"), Mode.READ_ONLY);
             NDArray w = Npy.open(d.resolve("w.npy"), Mode.READ_ONLY);
             NDArray e16 = Npy.open(d.resolve("e16.npy"), Mode.READ_ONLY);
             NDArray e32 = Npy.open(d.resolve("e32.npy"), Mode.READ_ONLY);
             NDArray ew = Npy.open(d.resolve("ew.npy"), Mode.READ_ONLY)) {
            boolean ok = NDArrays.arrayEqual(c.bincount(t16), e16)
                    && NDArrays.arrayEqual(c.bincount(t32), e32)
                    && NDArrays.arrayEqual(c.bincount(t32, w, 0), ew);
            Runtime rt = Runtime.getRuntime();
            System.out.println((ok ? "ok " : "differs ") + rt.maxMemory());
        }
    }

    @Test
    void aFileFarLargerThanTheHeapIsCountedLikeNumPy() throws Exception {
        // 200 MB of uint16 tokens, 100 MB of uint32 values up to 3e6 with 100 MB of integer-valued float32 weights.
        NumPy.run("import os; d = sys.argv[1]; g = np.random.default_rng(1); "
                + "t = np.lib.format.open_memmap(os.path.join(d, 't16.npy'), 'w+', np.uint16, (100_000_000,)); "
                + "t[:] = g.integers(0, 50257, t.shape, dtype=np.uint16); t.flush(); "
                + "np.save(os.path.join(d, 'e16.npy'), np.bincount(t)); "
                + "u = np.lib.format.open_memmap(os.path.join(d, 't32.npy'), 'w+', np.uint32, (25_000_000,)); "
                + "u[:] = g.integers(0, 3_000_000, u.shape, dtype=np.uint32); u.flush(); "
                + "w = np.lib.format.open_memmap(os.path.join(d, 'w.npy'), 'w+', np.float32, (25_000_000,)); "
                + "w[:] = g.integers(-50, 50, w.shape); w.flush(); "
                + "np.save(os.path.join(d, 'e32.npy'), np.bincount(u)); "
                + "np.save(os.path.join(d, 'ew.npy'), np.bincount(u, weights=w))", dir.toString());
        ForkedJvm r = ForkedJvm.run(null, List.of("-Xmx32m", "--enable-native-access=ALL-UNNAMED"),
                BincountTest.class, dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out().strip()).as(r.err()).startsWith("ok ");
        assertThat(Long.parseLong(r.out().strip().substring(3))).isLessThanOrEqualTo(32L << 20);
    }
}
