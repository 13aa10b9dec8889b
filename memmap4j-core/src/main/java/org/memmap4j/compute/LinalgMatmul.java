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
 * {@code np.dot} and {@code np.matmul} of arrays of any dimensions, blocked so that operands larger than the heap
 * (memory mapped files) work. {@link LinalgLayout} turns NumPy's shape rules into a stack of 2-d products (batch
 * elements); each product's output is cut into tiles of {@link #TM} x {@link #TP}, and a task computes its tiles
 * reading panels of A and B {@link #TK} deep at a time. Very long inner dimensions are also cut into segments of
 * {@link #SEGMENT}, so that a matrix-vector or vector-vector product still runs in parallel. Units of work are
 * (batch element, tile[, segment]), so tasks are parallel across batch elements and tiles alike.
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
 * Every output element's sum runs over its inner index in that fixed order, whatever tile, batch element or chunk
 * it falls in: results depend on the shapes only, so they are identical for any thread count and chunk size.
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
     * @param name "dot" or "matmul": whose shape rules, and for messages
     */
    static NDArray product(Compute c, NDArray a, NDArray b, NDArray out, String name) {
        return product(c, a, b, out, name, true);
    }

    /** As above, with the scalar kernel when {@code vector} is false (tests compare the two). */
    static NDArray product(Compute c, NDArray a, NDArray b, NDArray out, String name, boolean vector) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        boolean dot = name.equals("dot");
        long[] shape = LinalgLayout.shape(dot, a, b);
        DType.Kind t = LinalgTypes.promote(a.dtype().kind(), b.dtype().kind());
        if (out == null) {
            out = NDArrays.empty(DType.of(t), shape);
        } else {
            LinalgLayout.checkOut(dot, a, b, shape, out);
            if (!out.isWritable()) {
                throw new IllegalArgumentException("out is read-only");
            }
            if (out.mayShareMemory(a) || out.mayShareMemory(b)) {
                throw new IllegalArgumentException("out must not share memory with an operand");
            }
        }
        if (out.size() == 0) {
            return out;
        }
        LinalgLayout layout = LinalgLayout.of(dot, a, b, out).simplified();
        Path path = t.isComplex() ? Path.COMPLEX : t.isFloat() ? Path.REAL : Path.INTEGER;
        new Plan(path, layout, ArrayRef.of(a), ArrayRef.of(b), ArrayRef.of(out), vector).run(c, out);
        return out;
    }

    /**
     * Everything a task needs; serializable so that tasks can be shipped. Units are numbered batch element first,
     * then tile (row-major over the tiles of one product), then inner segment.
     */
    record Plan(Path path, LinalgLayout l, ArrayRef a, ArrayRef b, ArrayRef out, boolean vector)
            implements java.io.Serializable {

        long tilesM() {
            return (l.m() + TM - 1) / TM;
        }

        long tilesP() {
            return (l.p() + TP - 1) / TP;
        }

        /** Tiles of all batch elements. */
        long tiles() {
            return l.batches() * tilesM() * tilesP();
        }

        long segments() {
            return Math.max(1, (l.k() + SEGMENT - 1) / SEGMENT);
        }

        /** Rows and columns of the largest tile: buffers are no larger, so small matrices stay cheap. */
        int rowsMax() {
            return (int) Math.min(TM, l.m());
        }

        int colsMax() {
            return (int) Math.min(TP, l.p());
        }

        /** Values per tile element: four lanes (real), one long (integer) or two parts (complex). */
        int width() {
            return path == Path.REAL ? LinalgKernel.LANES : path == Path.COMPLEX ? 2 : 1;
        }

        /** The sums of one tile, element (i, j) at {@code i * colsMax() + j}: longs for integers, doubles otherwise. */
        record Sums(double[] d, long[] l) implements java.io.Serializable {
        }

        Sums newSums() {
            int n = rowsMax() * colsMax();
            return path == Path.INTEGER ? new Sums(null, new long[n]) : new Sums(new double[n * width()], null);
        }

        /** Panels of A's rows and B's columns read at once, reused by a task's units. */
        record Panels(double[] a, double[] b, long[] la, long[] lb) {
        }

        Panels newPanels() {
            int depth = (int) Math.min(TK, l.k());
            int na = rowsMax() * depth;
            int nb = colsMax() * depth;
            return switch (path) {
                case REAL -> new Panels(new double[na], new double[nb], null, null);
                case INTEGER -> new Panels(null, null, new long[na], new long[nb]);
                case COMPLEX -> new Panels(null, null, null, null);
            };
        }

        void run(Compute c, NDArray result) {
            long tiles = tiles();
            long segs = segments();
            long unitBytes = Math.max(1, (rowsMax() + colsMax()) * Math.min(l.k(), SEGMENT) * 8);
            if (segs == 1) {
                // Each task writes its own tiles: no partials.
                RangeTask<Void> task = (from, to) -> a.apply(x -> b.apply(y -> out.apply(o -> {
                    Sums s = newSums();
                    Panels panels = newPanels();
                    for (long u = from; u < to; u++) {
                        if (u > from) {
                            clear(s);
                        }
                        tile(x, y, u, 0, l.k(), s, panels);
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
                Panels panels = newPanels();
                for (long u = from; u < to; u++) {
                    long seg = u % segs;
                    Sums s = newSums();
                    tile(x, y, u / segs, seg * SEGMENT, Math.min(l.k(), (seg + 1) * SEGMENT), s, panels);
                    parts[(int) (u - from)] = s;
                }
                return parts;
            }));
            Sums[] sum = {null};
            RadixRounds.runRounds(c, "matmul", tiles * segs, unitBytes, 1, 8L * rowsMax() * colsMax() * width(),
                    task, (from, to, rounds) -> {
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

        private static void clear(Sums s) {
            if (s.l() != null) {
                Arrays.fill(s.l(), 0);
            } else {
                Arrays.fill(s.d(), 0);
            }
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

        /**
         * Where tile {@code t} (numbered over all batch elements) lies: its first row and column, its rows and
         * columns, and the byte offsets of its batch element in a, b and out.
         */
        private record Tile(long i0, long j0, int rm, int rp, long[] at) {
        }

        private Tile locate(long t) {
            long perBatch = tilesM() * tilesP();
            long u = t % perBatch;
            long i0 = u / tilesP() * TM;
            long j0 = u % tilesP() * TP;
            long[] at = new long[3];
            l.offsets(t / perBatch, at);
            return new Tile(i0, j0, (int) Math.min(TM, l.m() - i0), (int) Math.min(TP, l.p() - j0), at);
        }

        /** Accumulates output tile {@code t} over inner positions {@code [k0, k1)}. */
        void tile(NDArray x, NDArray y, long t, long k0, long k1, Sums sums, Panels panels) {
            Tile tile = locate(t);
            double[] acc = sums.d();
            long[] lacc = sums.l();
            long i0 = tile.i0();
            long j0 = tile.j0();
            int rm = tile.rm();
            int rp = tile.rp();
            int ld = colsMax();
            long[] as = l.a();
            long[] bs = l.b();
            MemorySegment xs = x.segment();
            MemorySegment ys = y.segment();
            DType xt = x.dtype();
            DType yt = y.dtype();
            long xb = x.segmentOffset() + tile.at()[0];
            long yb = y.segmentOffset() + tile.at()[1];
            LinalgKernel kernel = vector ? LinalgKernel.INSTANCE : LinalgKernel.SCALAR;
            switch (path) {
                case REAL -> {
                    double[] ap = panels.a();
                    double[] bp = panels.b();
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
                                kernel.dot(ap, i * d, bp, j * d, d, acc, LinalgKernel.LANES * (i * ld + j));
                            }
                        }
                    }
                }
                case INTEGER -> {
                    long[] ap = panels.la();
                    long[] bp = panels.lb();
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
                                lacc[i * ld + j] += s;
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
                            acc[2 * (i * ld + j)] += re;
                            acc[2 * (i * ld + j) + 1] += im;
                        }
                    }
                }
            }
        }

        /** Writes output tile {@code t}, cast to out's dtype. */
        void write(NDArray o, long t, Sums sums) {
            Tile tile = locate(t);
            double[] acc = sums.d();
            long[] lacc = sums.l();
            int ld = colsMax();
            long[] os = l.o();
            MemorySegment s = o.segment();
            DType type = o.dtype();
            long base = o.segmentOffset() + tile.at()[2];
            for (int i = 0; i < tile.rm(); i++) {
                for (int j = 0; j < tile.rp(); j++) {
                    long off = base + (tile.i0() + i) * os[0] + (tile.j0() + j) * os[1];
                    int e = i * ld + j;
                    switch (path) {
                        case REAL -> Elements.castDouble(s, off, type, LinalgKernel.sum(acc, LinalgKernel.LANES * e));
                        case INTEGER -> Elements.castLong(s, off, type, lacc[e]);
                        case COMPLEX -> Elements.castComplex(s, off, type, acc[2 * e], acc[2 * e + 1]);
                    }
                }
            }
        }
    }
}
