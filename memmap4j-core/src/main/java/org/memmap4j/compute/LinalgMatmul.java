package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.internal.Elements;

/**
 * {@code np.dot} and {@code np.matmul} of 1-d and 2-d arrays, blocked so that operands larger than the heap (memory
 * mapped files) work: the output is cut into tiles of {@link #TM} x {@link #TP}; a task computes its tiles reading
 * panels of A and B {@link #TK} deep at a time. Very long inner dimensions are also cut into segments of
 * {@link #SEGMENT}, so that a matrix-vector or vector-vector product still runs in parallel.
 *
 * <p>Arithmetic, in NumPy's result dtype {@code np.result_type(a, b)}:
 * <ul>
 *   <li>integers and bool: exact 64-bit sums that wrap, cast to the result dtype (the same as NumPy's wrapping in
 *       that dtype); bool is "any of the products";</li>
 *   <li>floats (float16, float32, float64): float64 products and sums, rounded once to the result dtype: more
 *       accurate than NumPy's float32 BLAS or float16 loop, so float32 results may differ from NumPy's in the last
 *       bits. Each sum has four accumulators (element {@code k} to accumulator {@code k % 4}, fused multiply-adds)
 *       per segment; segments add lane by lane in order; the lanes combine as {@code (a0 + a1) + (a2 + a3)}.</li>
 *   <li>complex: float64 real and imaginary sums, element after element.</li>
 * </ul>
 * The order depends on the shapes only, so results are identical for any thread count and chunk size.
 */
final class LinalgMatmul {

    /** Output tile rows and columns, and the depth of the panels read at once (a multiple of 4). */
    static final int TM = 64;
    static final int TP = 64;
    static final int TK = 256;
    /** Inner-dimension elements per segment (a multiple of {@link #TK}). */
    static final long SEGMENT = 1 << 18;

    /** How sums are kept: exact longs, four float64 lanes, or float64 real and imaginary parts. */
    enum Path { INTEGER, REAL, COMPLEX }

    private LinalgMatmul() {
    }

    /**
     * Returns {@code a @ b} (or {@code np.dot}), into {@code out} when given.
     *
     * @param name "dot" or "matmul", for messages
     */
    static NDArray product(Compute c, NDArray a, NDArray b, NDArray out, String name) {
        return product(c, a, b, out, name, true);
    }

    /** As above, with the scalar kernel when {@code vector} is false (tests compare the two). */
    static NDArray product(Compute c, NDArray a, NDArray b, NDArray out, String name, boolean vector) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.ndim() == 0 || b.ndim() == 0) {
            throw new IllegalArgumentException(name + ": Input operand " + (a.ndim() == 0 ? 0 : 1)
                    + " does not have enough dimensions (0-d operands are not supported; multiply instead)");
        }
        if (a.ndim() > 2 || b.ndim() > 2) {
            throw new IllegalArgumentException(name + " of arrays with more than 2 dimensions is not supported");
        }
        long m = a.ndim() == 2 ? a.shape(0) : 1;
        long k = a.ndim() == 2 ? a.shape(1) : a.shape(0);
        long kb = b.shape(0);
        long p = b.ndim() == 2 ? b.shape(1) : 1;
        if (k != kb) {
            throw new IllegalArgumentException("shapes " + tuple(a.shape()) + " and " + tuple(b.shape())
                    + " not aligned: " + k + " (dim " + (a.ndim() - 1) + ") != " + kb + " (dim 0)");
        }
        long[] shape = a.ndim() == 2 && b.ndim() == 2 ? new long[] {m, p}
                : a.ndim() == 2 ? new long[] {m} : b.ndim() == 2 ? new long[] {p} : new long[0];
        DType.Kind t = LinalgTypes.promote(a.dtype().kind(), b.dtype().kind());
        if (out == null) {
            out = NDArrays.empty(DType.of(t), shape);
        } else {
            if (!Arrays.equals(out.shape(), shape)) {
                throw new IllegalArgumentException("out has shape " + tuple(out.shape()) + ", the result "
                        + tuple(shape));
            }
            if (!out.isWritable()) {
                throw new IllegalArgumentException("out is read-only");
            }
            if (out.mayShareMemory(a) || out.mayShareMemory(b)) {
                throw new IllegalArgumentException("out must not share memory with an operand");
            }
        }
        if (m == 0 || p == 0) {
            return out;
        }
        // As 2-d: a (m, k) and b (k, p), with stride 0 on the axes a 1-d operand lacks.
        long[] as = a.ndim() == 2 ? a.strides() : new long[] {0, a.strides()[0]};
        long[] bs = b.ndim() == 2 ? b.strides() : new long[] {b.strides()[0], 0};
        long[] os = out.ndim() == 2 ? out.strides() : out.ndim() == 1 ? (a.ndim() == 2
                ? new long[] {out.strides()[0], 0} : new long[] {0, out.strides()[0]}) : new long[] {0, 0};
        Path path = t.isComplex() ? Path.COMPLEX : t.isFloat() ? Path.REAL : Path.INTEGER;
        new Plan(path, m, k, p, as, bs, os, ArrayRef.of(a), ArrayRef.of(b), ArrayRef.of(out), vector).run(c, out);
        return out;
    }

    private static String tuple(long[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i > 0 ? "," : "").append(s[i]);
        }
        return sb.append(s.length == 1 ? ",)" : ")").toString();
    }

    /** Everything a task needs; serializable so that tasks can be shipped. */
    record Plan(Path path, long m, long k, long p, long[] as, long[] bs, long[] os, ArrayRef a, ArrayRef b,
                ArrayRef out, boolean vector) implements java.io.Serializable {

        long tilesM() {
            return (m + TM - 1) / TM;
        }

        long tilesP() {
            return (p + TP - 1) / TP;
        }

        long segments() {
            return Math.max(1, (k + SEGMENT - 1) / SEGMENT);
        }

        /** Values per tile partial: four lanes (real), one long (integer) or two parts (complex) per element. */
        int width() {
            return path == Path.REAL ? LinalgKernel.LANES : path == Path.COMPLEX ? 2 : 1;
        }

        /** The sums of one tile: longs for integers, doubles otherwise. */
        record Sums(double[] d, long[] l) implements java.io.Serializable {
        }

        Sums newSums() {
            return path == Path.INTEGER ? new Sums(null, new long[TM * TP]) : new Sums(new double[TM * TP * width()], null);
        }

        void run(Compute c, NDArray result) {
            long tiles = tilesM() * tilesP();
            long segs = segments();
            long unitBytes = Math.max(1, (TM + TP) * Math.min(k, SEGMENT) * 8);
            if (segs == 1) {
                // Each task writes its own tiles: no partials.
                RangeTask<Void> task = (from, to) -> a.apply(x -> b.apply(y -> out.apply(o -> {
                    for (long u = from; u < to; u++) {
                        Sums s = newSums();
                        tile(x, y, u, 0, k, s);
                        write(o, u, s);
                    }
                    return null;
                })));
                c.executor.map(new org.memmap4j.exec.Job<>("matmul", tiles, unitBytes, 1, task), c.progress);
                return;
            }
            // Long inner dimension: units are (tile, segment); a tile's segments add up in order in the driver.
            RangeTask<Sums[]> task = (from, to) -> a.apply(x -> b.apply(y -> {
                Sums[] parts = new Sums[(int) (to - from)];
                for (long u = from; u < to; u++) {
                    long seg = u % segs;
                    Sums s = newSums();
                    tile(x, y, u / segs, seg * SEGMENT, Math.min(k, (seg + 1) * SEGMENT), s);
                    parts[(int) (u - from)] = s;
                }
                return parts;
            }));
            Sums[] sum = {null};
            RadixRounds.runRounds(c, "matmul", tiles * segs, unitBytes, 1, 8L * TM * TP * width(), task,
                    (from, to, rounds) -> {
                        long u = from;
                        for (Sums[] parts : rounds) {
                            for (Sums part : parts) {
                                if (u % segs == 0) {
                                    sum[0] = part;
                                } else {
                                    add(sum[0], part);
                                }
                                if (u % segs == segs - 1) {
                                    write(result, u / segs, sum[0]);
                                }
                                u++;
                            }
                        }
                    });
        }

        /** Adds a segment's sums to the running ones of its tile, lane by lane. */
        private static void add(Sums into, Sums part) {
            if (into.l() != null) {
                for (int i = 0; i < into.l().length; i++) {
                    into.l()[i] += part.l()[i];
                }
            } else {
                for (int i = 0; i < into.d().length; i++) {
                    into.d()[i] += part.d()[i];
                }
            }
        }

        /** Accumulates output tile {@code u} over inner positions {@code [k0, k1)}. */
        void tile(NDArray x, NDArray y, long u, long k0, long k1, Sums sums) {
            double[] acc = sums.d();
            long[] lacc = sums.l();
            long i0 = u / tilesP() * TM;
            long j0 = u % tilesP() * TP;
            int rm = (int) Math.min(TM, m - i0);
            int rp = (int) Math.min(TP, p - j0);
            MemorySegment xs = x.segment();
            MemorySegment ys = y.segment();
            DType xt = x.dtype();
            DType yt = y.dtype();
            long xb = x.segmentOffset();
            long yb = y.segmentOffset();
            LinalgKernel kernel = vector ? LinalgKernel.INSTANCE : LinalgKernel.SCALAR;
            switch (path) {
                case REAL -> {
                    double[] ap = new double[TM * TK];
                    double[] bp = new double[TP * TK];
                    for (long kk = k0; kk < k1; kk += TK) {
                        int d = (int) Math.min(TK, k1 - kk);
                        for (int i = 0; i < rm; i++) {
                            LinalgLoad.doubles(xs, xb + (i0 + i) * as[0] + kk * as[1], as[1], xt, d, ap, i * d);
                        }
                        for (int j = 0; j < rp; j++) {
                            LinalgLoad.doubles(ys, yb + kk * bs[0] + (j0 + j) * bs[1], bs[0], yt, d, bp, j * d);
                        }
                        for (int i = 0; i < rm; i++) {
                            for (int j = 0; j < rp; j++) {
                                kernel.dot(ap, i * d, bp, j * d, d, acc, LinalgKernel.LANES * (i * TP + j));
                            }
                        }
                    }
                }
                case INTEGER -> {
                    long[] ap = new long[TM * TK];
                    long[] bp = new long[TP * TK];
                    for (long kk = k0; kk < k1; kk += TK) {
                        int d = (int) Math.min(TK, k1 - kk);
                        for (int i = 0; i < rm; i++) {
                            LinalgLoad.longs(xs, xb + (i0 + i) * as[0] + kk * as[1], as[1], xt, d, ap, i * d);
                        }
                        for (int j = 0; j < rp; j++) {
                            LinalgLoad.longs(ys, yb + kk * bs[0] + (j0 + j) * bs[1], bs[0], yt, d, bp, j * d);
                        }
                        for (int i = 0; i < rm; i++) {
                            for (int j = 0; j < rp; j++) {
                                long s = 0;
                                for (int q = 0; q < d; q++) {
                                    s += ap[i * d + q] * bp[j * d + q];
                                }
                                lacc[i * TP + j] += s;
                            }
                        }
                    }
                }
                case COMPLEX -> {
                    for (int i = 0; i < rm; i++) {
                        for (int j = 0; j < rp; j++) {
                            double re = 0;
                            double im = 0;
                            for (long q = k0; q < k1; q++) {
                                long xo = xb + (i0 + i) * as[0] + q * as[1];
                                long yo = yb + q * bs[0] + (j0 + j) * bs[1];
                                double ar = Elements.getDouble(xs, xo, xt);
                                double ai = Elements.getImag(xs, xo, xt);
                                double br = Elements.getDouble(ys, yo, yt);
                                double bi = Elements.getImag(ys, yo, yt);
                                re += ar * br - ai * bi;
                                im += ar * bi + ai * br;
                            }
                            acc[2 * (i * TP + j)] += re;
                            acc[2 * (i * TP + j) + 1] += im;
                        }
                    }
                }
            }
        }

        /** Writes output tile {@code u}, cast to out's dtype. */
        void write(NDArray o, long u, Sums sums) {
            double[] acc = sums.d();
            long[] lacc = sums.l();
            long i0 = u / tilesP() * TM;
            long j0 = u % tilesP() * TP;
            int rm = (int) Math.min(TM, m - i0);
            int rp = (int) Math.min(TP, p - j0);
            MemorySegment s = o.segment();
            DType t = o.dtype();
            long base = o.segmentOffset();
            for (int i = 0; i < rm; i++) {
                for (int j = 0; j < rp; j++) {
                    long off = base + (i0 + i) * os[0] + (j0 + j) * os[1];
                    int e = i * TP + j;
                    switch (path) {
                        case REAL -> Elements.castDouble(s, off, t, LinalgKernel.sum(acc, LinalgKernel.LANES * e));
                        case INTEGER -> Elements.castLong(s, off, t, lacc[e]);
                        case COMPLEX -> Elements.castComplex(s, off, t, acc[2 * e], acc[2 * e + 1]);
                    }
                }
            }
        }
    }
}
