package org.memmap4j.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.memmap4j.compute.ExprTesting.DTYPES;
import static org.memmap4j.compute.ExprTesting.SMALL;
import static org.memmap4j.compute.ExprTesting.assertClose;
import static org.memmap4j.compute.ExprTesting.values;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;
import static org.memmap4j.testing.NumPyBatch.bytes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPyBatch;

/** Reductions under masks and selections by masks, against NumPy; the vectorised hot path against the generic one. */
class MaskTest {

    @TempDir
    Path dir;

    private static NDArray random(DType t, int n, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble();
        }
        return NDArrays.of(v).astype(t);
    }

    @Test
    void reductionsUnderAMaskMatchNumPyForEveryDtype() {
        NumPyBatch batch = new NumPyBatch(dir);
        List<Supplier<NDArray>> got = new ArrayList<>();
        List<Integer> ulps = new ArrayList<>();
        NDArray mask = NDArrays.of(true, true, false, true, true, false, true, false, true, false, false, true);
        String pm = batch.input(mask);
        NDArray none = NDArrays.zeros(DType.BOOL, 12);
        String pn = batch.input(none);
        for (String t : DTYPES) {
            NDArray v = values(t, 0);
            String pv = batch.input(v);
            // The finite part too, so float sums and means are compared on numbers, not only on NaN.
            NDArray fin = v.get("3:8");
            NDArray fm = mask.get("3:8");
            String[][] forms = {{pv, pm}, {pv + "[3:8]", pm + "[3:8]"}};
            NDArray[][] arrays = {{v, mask}, {fin, fm}};
            for (int f = 0; f < 2; f++) {
                NDArray x = arrays[f][0];
                NDArray m = arrays[f][1];
                String sel = forms[f][0] + "[" + forms[f][1] + "]";
                batch.add("r = " + sel + ".sum()");
                got.add(() -> SMALL.sumWhere(x, Expr.of(m)));
                ulps.add(1);
                batch.add("r = " + sel + ".mean()");
                got.add(() -> SMALL.meanWhere(x, Expr.of(m)));
                ulps.add(1);
                batch.add("r = " + sel + ".min()");
                got.add(() -> SMALL.minWhere(x, Expr.of(m)));
                ulps.add(0);
                batch.add("r = " + sel + ".max()");
                got.add(() -> SMALL.maxWhere(x, Expr.of(m)));
                ulps.add(0);
                batch.add("r = np.count_nonzero(" + forms[f][0] + ")");
                got.add(() -> NDArrays.of(new long[] {SMALL.countNonzero(Expr.of(x))}).reshape());
                ulps.add(0);
                batch.add("r = np.extract(" + forms[f][1] + ", " + forms[f][0] + ")");
                got.add(() -> SMALL.extract(Expr.of(m), Expr.of(x)));
                ulps.add(0);
            }
            batch.add("r = " + pv + "[" + pn + "].sum()");
            got.add(() -> SMALL.sumWhere(v, Expr.of(none)));
            ulps.add(0);
            batch.add("r = " + pv + "[" + pn + "].max()");
            got.add(() -> SMALL.maxWhere(v, Expr.of(none)));
            ulps.add(0);
            // where= broadcasts: a (3, 12) array under a (12,) mask.
            NDArray v2 = NDArrays.empty(v.dtype(), 3, 12);
            for (int i = 0; i < 3; i++) {
                v2.set(String.valueOf(i), v);
            }
            batch.add("r = np.sum(np.broadcast_to(" + pv + ", (3, 12)), where=" + pm + ")");
            got.add(() -> SMALL.sumWhere(v2, Expr.of(mask)));
            ulps.add(1);
        }
        List<NumPyBatch.Result> rs = batch.run();
        for (int i = 0; i < rs.size(); i++) {
            NumPyBatch.Result r = rs.get(i);
            Supplier<NDArray> g = got.get(i);
            if (!r.ok()) {
                assertThatThrownBy(g::get).as(r.label()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("zero-size array");
            } else {
                assertClose(g.get(), r, ulps.get(i));
            }
        }
    }

    @Test
    void theHotPatternIsRecognisedAndGivesTheGenericPathsBits() {
        NDArray a = random(DType.FLOAT32, 300_001, 1);
        NDArray wide = NDArrays.empty(DType.FLOAT32, 300_001, 2);
        wide.set(":, 0", a);
        NDArray strided = wide.get(":, 0");
        assertThat(MaskPattern.match(Expr.of(a), Expr.of(a).gt(0.5))).isNotNull();
        assertThat(MaskPattern.match(Expr.of(a), Expr.scalar(0.5).lt(Expr.of(a)))).isNotNull();
        assertThat(MaskPattern.match(null, Expr.of(a).ne(0.25))).isNotNull();
        assertThat(MaskPattern.match(Expr.of(strided), Expr.of(strided).gt(0.5))).isNull();
        assertThat(MaskPattern.match(Expr.of(a.get("::-1")), Expr.of(a).gt(0.5))).isNull();
        for (String t : List.of("float32", "float64")) {
            NDArray x = t.equals("float32") ? a : a.astype(DType.FLOAT64);
            NDArray y = t.equals("float32") ? strided : strided.astype(DType.FLOAT64).get("::-1").get("::-1");
            NDArray w2 = NDArrays.empty(x.dtype(), 300_001, 2);
            w2.set(":, 1", x);
            NDArray ys = w2.get(":, 1");
            for (double c : new double[] {0.5, 0.1, 2.0}) {
                for (Op op : new Op[] {Op.GT, Op.GE, Op.LT, Op.LE, Op.EQ, Op.NE}) {
                    Expr fast = ExprOp.binary(op, Expr.of(x), Expr.scalar(c));
                    Expr slow = ExprOp.binary(op, Expr.of(ys), Expr.scalar(c));
                    assertThat(bits(SMALL.sumWhere(x, fast))).as("%s %s %s", t, op, c).isEqualTo(bits(SMALL.sumWhere(ys, slow)));
                    assertThat(bits(SMALL.meanWhere(x, fast))).isEqualTo(bits(SMALL.meanWhere(ys, slow)));
                    assertThat(SMALL.countNonzero(fast)).isEqualTo(SMALL.countNonzero(slow));
                    assertThat(bitsOrError(() -> SMALL.minWhere(x, fast))).isEqualTo(bitsOrError(() -> SMALL.minWhere(ys, slow)));
                    assertThat(bitsOrError(() -> SMALL.maxWhere(x, fast))).isEqualTo(bitsOrError(() -> SMALL.maxWhere(ys, slow)));
                }
            }
            assertThat(y.size()).isEqualTo(x.size());
        }
    }

    /**
     * Counts, sums, minima and maxima of int32 and int64 elements selected by a comparison with an int scalar (the
     * integer hot pattern) equal NumPy's (sums wrap in int64, as NumPy's), at the type's
     * limits, for lengths that are not multiples of the vector width and for tiny chunks; a scalar outside int32's
     * range, or a float scalar, takes the generic path and still gives NumPy's count.
     */
    @Test
    void integerCountsMatchNumPyAtTheLimitsAndAcrossChunks() throws Exception {
        Path i32 = dir.resolve("i32.npy");
        Path i64 = dir.resolve("i64.npy");
        org.memmap4j.testing.NumPy.run("rng = np.random.default_rng(4); n = 100003\n"
                + "a = rng.integers(-5, 6, n).astype('<i4'); a[::97] = np.iinfo('i4').min; a[5::89] = np.iinfo('i4').max\n"
                + "b = rng.integers(-5, 6, n).astype('<i8'); b[::97] = np.iinfo('i8').min; b[5::89] = np.iinfo('i8').max\n"
                + "np.save(sys.argv[1], a); np.save(sys.argv[2], b)", i32, i64);
        long[] scalars = {0, 3, -5, Integer.MIN_VALUE, Integer.MAX_VALUE, 3_000_000_000L, Long.MAX_VALUE};
        String[] ops = {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal"};
        Op[] jops = {Op.GT, Op.GE, Op.LT, Op.LE, Op.EQ, Op.NE};
        StringBuilder py = new StringBuilder("a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); out = []; means = []\n");
        List<Long> ours = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        try (NDArray a = Npy.open(i32, Mode.READ_ONLY); NDArray b = Npy.open(i64, Mode.READ_ONLY);
             ChunkExecutor tiny = ChunkExecutor.local(2, 1000)) {
            Compute small = Compute.on(tiny);
            for (NDArray x : List.of(a, b)) {
                String name = x == a ? "a" : "b";
                for (long c : scalars) {
                    for (int k = 0; k < ops.length; k++) {
                        Expr cond = ExprOp.binary(jops[k], Expr.of(x), Expr.scalar(c));
                        boolean fast = MaskPattern.match(null, cond) != null;
                        assertThat(fast).as("%s %s %d", name, ops[k], c).isEqualTo(x == b || c == (int) c);
                        assertThat(MaskPattern.match(Expr.of(x), cond, MaskReducer.What.MEAN) != null).isEqualTo(fast);
                        long count = SMALL.countNonzero(cond);
                        ours.add(count);
                        assertThat(small.countNonzero(cond)).isEqualTo(count);
                        ours.add(SMALL.sumWhere(x, cond).getLong());
                        assertThat(small.sumWhere(x, cond).getLong()).isEqualTo(ours.getLast());
                        // The mean: the pattern's bits are the generic path's (x + 0 is no pattern), NumPy's within an ulp.
                        NDArray mean = SMALL.meanWhere(x, cond);
                        NDArray generic = SMALL.meanWhere(Expr.of(x).add(0), cond);
                        assertThat(Double.doubleToRawLongBits(mean.getDouble())).as("mean %s %s %d", name, ops[k], c)
                                .isEqualTo(Double.doubleToRawLongBits(generic.getDouble()));
                        assertThat(Double.doubleToRawLongBits(small.meanWhere(x, cond).getDouble()))
                                .isEqualTo(Double.doubleToRawLongBits(mean.getDouble()));
                        means.add(mean.getDouble());
                        ours.add(count == 0 ? null : SMALL.minWhere(x, cond).getLong());
                        ours.add(count == 0 ? null : small.maxWhere(x, cond).getLong());
                        if (count == 0) {
                            assertThatThrownBy(() -> SMALL.minWhere(x, cond)).isInstanceOf(IllegalArgumentException.class);
                        }
                        String sel = name + "[np." + ops[k] + "(" + name + ", " + c + ")]";
                        py.append("s = ").append(sel).append("\nout += [len(s), int(s.sum()), int(s.min()) if len(s) else None, "
                                + "int(s.max()) if len(s) else None]\nmeans.append(float(s.mean()) if len(s) else None)\n");
                    }
                }
                // A float scalar compares in float64 (NEP 50): not the integer pattern, NumPy's answer all the same.
                Expr half = Expr.of(x).gt(2.5);
                assertThat(MaskPattern.match(null, half)).isNull();
                ours.add(SMALL.countNonzero(half));
                py.append("out.append(int(np.count_nonzero(").append(name).append(" > 2.5)))\n");
            }
        }
        py.append("print(', '.join('null' if v is None else str(v) for v in out))\n"
                + "print(' '.join('nan' if v is None else repr(v) for v in means))");
        String[] lines = org.memmap4j.testing.NumPy.run(py.toString(), i32, i64).split("\n");
        assertThat(lines[0]).isEqualTo(ours.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        String[] np = lines[1].trim().split(" ");
        assertThat(np).hasSize(means.size());
        for (int i = 0; i < np.length; i++) {
            if (np[i].equals("nan")) {
                assertThat(means.get(i)).as("mean %d", i).isNaN();
            } else {
                double want = Double.parseDouble(np[i]);
                assertThat(Math.abs(means.get(i) - want)).as("mean %d: %s vs %s", i, means.get(i), want)
                        .isLessThanOrEqualTo(Math.ulp(want));
            }
        }
    }

    /** minWhere/maxWhere's vector pass: NaN wins, -0.0 below +0.0, selected infinities, nothing selected. */
    @Test
    void theHotPatternsExtremesFollowTheGenericPathOnSpecialValues() {
        double[] specials = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5, -2.5};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int n : new int[] {1, 31, 33, 100, 70_000}) {
            for (int pattern = 0; pattern < 4; pattern++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (pattern) {
                        case 0 -> specials[rnd.nextInt(specials.length)];
                        case 1 -> rnd.nextBoolean() ? -0.0 : 0.0;
                        case 2 -> i == n / 2 ? Double.NaN : rnd.nextDouble(-1, 1);
                        default -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    };
                }
                for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                    NDArray x = NDArrays.of(v).astype(t);
                    NDArray w2 = NDArrays.empty(t, n, 2);
                    w2.set(":, 1", x);
                    NDArray ys = w2.get(":, 1");
                    for (double c : new double[] {0.0, 1.0, Double.POSITIVE_INFINITY, Double.NaN}) {
                        for (Op op : new Op[] {Op.GT, Op.GE, Op.LT, Op.LE, Op.EQ, Op.NE}) {
                            Expr fast = ExprOp.binary(op, Expr.of(x), Expr.scalar(c));
                            Expr slow = ExprOp.binary(op, Expr.of(ys), Expr.scalar(c));
                            assertThat(MaskPattern.match(Expr.of(x), fast)).isNotNull();
                            assertThat(bitsOrError(() -> SMALL.minWhere(x, fast))).as("min %s n=%d %s %s", t, n, op, c)
                                    .isEqualTo(bitsOrError(() -> SMALL.minWhere(ys, slow)));
                            assertThat(bitsOrError(() -> SMALL.maxWhere(x, fast))).as("max %s n=%d %s %s", t, n, op, c)
                                    .isEqualTo(bitsOrError(() -> SMALL.maxWhere(ys, slow)));
                        }
                    }
                }
            }
        }
    }

    /** The result's bits (NaN canonical), or the message of the refusal when nothing is selected. */
    private static String bitsOrError(java.util.function.Supplier<NDArray> r) {
        try {
            double d = r.get().getDouble();
            return Double.isNaN(d) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(d));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static long bits(NDArray zeroD) {
        return Double.doubleToRawLongBits(zeroD.getDouble());
    }

    @Test
    void vectorAndScalarKernelsGiveIdenticalBits() {
        MaskKernels scalar = new MaskKernels.Scalar();
        MaskKernels vector = MaskKernels.INSTANCE;
        assertThat(vector.getClass().getSimpleName()).as("tests run with the Vector API").isEqualTo("VectorMaskKernels");
        Random rnd = new Random(5);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(8 * 5000 + 8);
            for (int i = 0; i < 10001; i++) {
                float v = rnd.nextInt(10) == 0 ? Float.NaN : i % 7 == 0 ? -0.0f : (float) rnd.nextGaussian();
                s.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * i, v);
            }
            for (Op op : new Op[] {Op.GT, Op.GE, Op.LT, Op.LE, Op.EQ, Op.NE}) {
                for (int n : new int[] {0, 1, 31, 32, 33, 1000, 1024}) {
                    for (long off : new long[] {0, 4, 12, 4000}) {
                        float[] l1 = new float[32];
                        float[] l2 = new float[32];
                        l1[3] = l2[3] = -0.0f;
                        scalar.sumF32(s, off, n, op, 0.0f, l1);
                        vector.sumF32(s, off, n, op, 0.0f, l2);
                        for (int j = 0; j < 32; j++) {
                            assertThat(Float.floatToRawIntBits(l2[j])).as("%s n=%d lane %d", op, n, j).isEqualTo(Float.floatToRawIntBits(l1[j]));
                        }
                        double[] d1 = new double[16];
                        double[] d2 = new double[16];
                        scalar.sumF64(s, off, Math.min(n, 600), op, 0.1, d1);
                        vector.sumF64(s, off, Math.min(n, 600), op, 0.1, d2);
                        assertThat(rawBits(d2)).isEqualTo(rawBits(d1));
                        assertThat(vector.countF32(s, off, n, op, 0.25f)).isEqualTo(scalar.countF32(s, off, n, op, 0.25f));
                        assertThat(vector.countI32(s, off, n, op, 0)).isEqualTo(scalar.countI32(s, off, n, op, 0));
                        assertThat(vector.countI64(s, off, n / 2, op, -1)).isEqualTo(scalar.countI64(s, off, n / 2, op, -1));
                        double[] e1 = new double[16];
                        double[] e2 = new double[16];
                        scalar.sumI32AsF64(s, off, Math.min(n, 1000), op, 3, e1);
                        vector.sumI32AsF64(s, off, Math.min(n, 1000), op, 3, e2);
                        assertThat(rawBits(e2)).isEqualTo(rawBits(e1));
                        scalar.sumI64AsF64(s, off, Math.min(n / 2, 1000), op, -3, e1);
                        vector.sumI64AsF64(s, off, Math.min(n / 2, 1000), op, -3, e2);
                        assertThat(rawBits(e2)).isEqualTo(rawBits(e1));
                        for (boolean i32 : new boolean[] {true, false}) {
                            long m = i32 ? n : n / 2;
                            assertThat(vector.sumInt(s, off, m, op, 7, i32)).isEqualTo(scalar.sumInt(s, off, m, op, 7, i32));
                            for (boolean max : new boolean[] {true, false}) {
                                assertThat(vector.extremeInt(s, off, m, op, 7, i32, max))
                                        .isEqualTo(scalar.extremeInt(s, off, m, op, 7, i32, max));
                            }
                        }
                        assertThat(vector.countF64(s, off, n / 2, op, 0.25)).isEqualTo(scalar.countF64(s, off, n / 2, op, 0.25));
                    }
                }
            }
        }
    }

    @Test
    void reductionsAreIdenticalForAnyThreadCountAndChunkSize() {
        NDArray a = random(DType.FLOAT32, 700_001, 2);
        NDArray b = random(DType.FLOAT64, 700_001, 3).get("::-1");
        long[] first = null;
        for (int threads : new int[] {1, 2, 4}) {
            for (long chunk : new long[] {64, 300_000, ChunkExecutor.DEFAULT_CHUNK_BYTES}) {
                try (ChunkExecutor ex = ChunkExecutor.local(threads, chunk)) {
                    Compute c = Compute.on(ex);
                    long[] r = {
                        bits(c.sumWhere(a, Expr.of(a).gt(0.3))),
                        bits(c.meanWhere(a, Expr.of(a).le(0.9))),
                        bits(c.sumWhere(b, Expr.of(a).gt(0.3))),
                        bits(c.sumWhere(Expr.of(a).multiply(Expr.of(b)), Expr.of(b).lt(0.5))),
                        bits(c.minWhere(b, Expr.of(a).gt(0.3))),
                        c.countNonzero(Expr.of(a).gt(0.3)),
                        bytes(c.extract(Expr.of(a).gt(0.999), Expr.of(b))).length,
                    };
                    if (first == null) {
                        first = r;
                    }
                    assertThat(r).as("threads %d chunk %d", threads, chunk).containsExactly(first);
                }
            }
        }
    }

    @Test
    void largeMaskedSumsAgreeWithNumPy() {
        NumPyBatch batch = new NumPyBatch(dir);
        NDArray a = random(DType.FLOAT32, 1_000_003, 9);
        String pa = batch.input(a);
        batch.add("a = " + pa + "\nr = a[a > 0.5].sum(dtype=np.float64)");
        batch.add("a = " + pa + "\nr = a[a > 0.5].mean(dtype=np.float64)");
        batch.add("a = " + pa + "\nr = np.count_nonzero(a > 0.5)");
        batch.add("a = " + pa + "\nr = a[a > 0.5].sum()");
        List<NumPyBatch.Result> rs = batch.run();
        double sum = SMALL.sumWhere(a, Expr.of(a).gt(0.5)).getDouble();
        double exact = rs.get(0).array().getDouble();
        assertThat(Math.abs(sum - exact) / exact).as("relative error of the float32 sum").isLessThan(1e-7);
        assertThat(Math.abs(SMALL.meanWhere(a, Expr.of(a).gt(0.5)).getDouble() - rs.get(1).array().getDouble())).isLessThan(1e-7);
        assertThat(SMALL.countNonzero(Expr.of(a).gt(0.5))).isEqualTo(rs.get(2).array().getLong());
        assertThat(SMALL.sumWhere(a, Expr.of(a).gt(0.5)).dtype()).isEqualTo(DType.FLOAT32);
        double numpy32 = rs.get(3).array().getDouble();
        assertThat(Math.abs(sum - exact)).as("no less accurate than NumPy's float32 sum").isLessThanOrEqualTo(Math.abs(numpy32 - exact));
    }

    @Test
    void compressAndExtractMatchNumPyInMemoryAndInFiles() throws Exception {
        NumPyBatch batch = new NumPyBatch(dir);
        List<NDArray> got = new ArrayList<>();
        NDArray a = NumPyBatch.arange("int32", 5000, 3).astype(DType.of(">i4"));
        String pa = NumPyBatch.pyArange("int32", 5000, 3) + ".astype('>i4')";
        NDArray c = random(DType.FLOAT64, 5000, 4);
        String pc = batch.input(c);
        batch.add("r = np.compress(" + pc + " > 0.7, " + pa + ", axis=0)");
        got.add(SMALL.compress(Expr.of(c).gt(0.7), Expr.of(a)));
        batch.add("r = np.compress(" + pc + "[:100] > 0.7, " + pa + "[::-1] * 2, axis=0)");
        got.add(SMALL.compress(Expr.of(c.get(":100")).gt(0.7), Expr.of(a.get("::-1")).multiply(2)));
        batch.add("r = np.compress(np.concatenate([" + pc + "[:4000] > 0.7, np.zeros(3000, bool)]), " + pa + "[:4000], axis=0)");
        NDArray longer = NDArrays.zeros(DType.BOOL, 7000);
        SMALL.evalInto(Expr.of(c.get(":4000")).gt(0.7), longer.get(":4000"));
        got.add(SMALL.compress(Expr.of(longer), Expr.of(a.get(":4000"))));
        batch.add("r = np.extract(" + pc + " < 0.2, " + pa + "[:, 1] + 0.5)");
        got.add(SMALL.extract(Expr.of(c).lt(0.2), Expr.of(a.get(":, 1")).add(0.5)));
        batch.add("r = (" + pa + ".T)[(" + pa + ".T) % 7 == 3]");
        got.add(SMALL.extract(Expr.of(a.T()).mod(7).eq(3), Expr.of(a.T())));
        batch.add("r = " + pc + "[" + pc + " > 2]");
        got.add(SMALL.extract(Expr.of(c).gt(2), Expr.of(c)));
        List<NumPyBatch.Result> rs = batch.run();
        for (int i = 0; i < rs.size(); i++) {
            assertSameArray(got.get(i), rs.get(i));
        }
        try (NDArray f = SMALL.compressToNpy(Expr.of(c).gt(0.7), Expr.of(a), dir.resolve("rows.npy"), false);
             NDArray g = SMALL.extractToNpy(Expr.of(c).lt(0.2), Expr.of(a.get(":, 1")).add(0.5), dir.resolve("el.npy"), false)) {
            assertSameArray(f, rs.get(0));
            assertSameArray(g, rs.get(3));
        }
        assertSameArray(Npy.open(dir.resolve("rows.npy"), Mode.READ_ONLY), rs.get(0));
        NDArray oops = NDArrays.zeros(DType.BOOL, 5001);
        oops.setBoolean(true, 5000);
        assertThatThrownBy(() -> SMALL.compress(Expr.of(oops), Expr.of(a))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 5000 is out of bounds for axis 0 with size 5000");
        assertThatThrownBy(() -> SMALL.compress(Expr.of(a).gt(1), Expr.of(a))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SMALL.sumWhere(a, Expr.of(a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to dtype('bool')");
    }

    @Test
    void emptyAnd0dOperandsReduceAndSelectLikeNumPy() {
        NDArray empty = NDArrays.zeros(DType.FLOAT32, 0, 3);
        assertThat(SMALL.sumWhere(empty, Expr.of(empty).gt(0)).getDouble()).isEqualTo(0.0);
        assertThat(SMALL.meanWhere(empty, Expr.of(empty).gt(0)).getDouble()).isNaN();
        assertThat(SMALL.countNonzero(Expr.of(empty).lt(1))).isZero();
        assertThat(SMALL.extract(Expr.of(empty).lt(1), Expr.of(empty)).shape()).containsExactly(0);
        assertThat(SMALL.compress(Expr.of(NDArrays.zeros(DType.BOOL, 0)), Expr.of(empty)).shape()).containsExactly(0, 3);
        assertThatThrownBy(() -> SMALL.minWhere(empty, Expr.of(empty).gt(0))).isInstanceOf(IllegalArgumentException.class);
        NDArray zeroD = NDArrays.of(2.5).reshape();
        assertThat(SMALL.sumWhere(zeroD, Expr.of(zeroD).gt(1)).getDouble()).isEqualTo(2.5);
        assertThat(SMALL.sumWhere(NDArrays.of(new long[] {-5, 7}).astype(DType.UINT8), Expr.of(NDArrays.of(true, true)))
                .getLong()).isEqualTo(251 + 7);
        assertThat(SMALL.maxWhere(zeroD, Expr.scalar(true)).getDouble()).isEqualTo(2.5);
        assertThat(SMALL.extract(Expr.of(zeroD).gt(1), Expr.of(zeroD)).shape()).containsExactly(1);
        assertThat(SMALL.countNonzero(Expr.scalar(0.0))).isZero();
    }

    /** The lanes' bit patterns (-0.0 and NaN payloads included), for equality of every bit. */
    private static long[] rawBits(double[] lanes) {
        return java.util.Arrays.stream(lanes).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
