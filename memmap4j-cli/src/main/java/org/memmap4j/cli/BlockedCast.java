package org.memmap4j.cli;

import org.memmap4j.DType;
import org.memmap4j.Index;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;

/**
 * Copies an array into a contiguous one of the same shape with NumPy's unsafe casting (what {@code astype} does:
 * {@link Expr#astype}'s block kernels between real dtypes; {@link NDArray#assign}, which moves bytes, for equal
 * dtypes and where complex is involved), in parallel chunks, touching each page of both files about once, so that
 * arrays larger than memory convert in one sequential pass over each.
 *
 * <p>The destination is walked in its memory order (a Fortran-ordered one through its transpose). When the source
 * is laid out in the same order, the work is consecutive runs of the flat index. When it is not (C to F or F to C),
 * the work is tiles spanning the destination's fastest axis and the source's fastest axis: a tile's rows are about
 * a page of the destination by a page of the source, so each page of either file belongs to one or two tiles, and
 * a tile's working set is a few megabytes whatever the array's shape.
 */
final class BlockedCast {

    /** Bytes of a contiguous run in a tile, per side: a memory page. */
    static final int PAGE = 4096;
    /** Elements per unit of the flat path's jobs: chunk boundaries fall on multiples of this. */
    private static final long FLAT_ALIGNMENT = 4096;

    /** Runs the cast of one part on the thread of the chunk that owns it (a one-thread executor owns no threads). */
    private static final Compute SERIAL = Compute.on(ChunkExecutor.local(1, Long.MAX_VALUE));

    /** The cast of one part: a view of the source into the view of the destination with the same elements. */
    @FunctionalInterface
    private interface PartCast extends java.io.Serializable {
        void run(NDArray src, NDArray dst);
    }

    private BlockedCast() {
    }

    private static PartCast partCast(DType from, DType to) {
        if (from.equals(to) || from.kind().isComplex() || to.kind().isComplex()) {
            return (s, d) -> d.assign(s); // moves bytes for equal dtypes; Expr has no complex kernels
        }
        String descr = to.descr(); // a DType is not serializable; its descr names it exactly
        return (s, d) -> SERIAL.evalInto(Expr.of(s).astype(DType.of(descr)), d);
    }

    /**
     * Copies src into dst.
     *
     * @param src      the source, any layout
     * @param dst      the destination: writable, C- or F-contiguous, same shape
     * @param executor runs the chunks
     * @param progress hears bytes done
     */
    static void copy(NDArray src, NDArray dst, ChunkExecutor executor, ProgressListener progress) {
        copy(src, dst, executor, progress, PAGE);
    }

    /** {@link #copy(NDArray, NDArray, ChunkExecutor, ProgressListener)} with a tile run of pageBytes (tests use tiny ones). */
    static void copy(NDArray src, NDArray dst, ChunkExecutor executor, ProgressListener progress, int pageBytes) {
        if (!java.util.Arrays.equals(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("shapes differ: " + NDArrays.shapeString(src.shape()) + " and " + NDArrays.shapeString(dst.shape()));
        }
        // Walk coordinates: d is C-contiguous, s holds the matching elements.
        boolean fortran = !dst.isCContiguous();
        if (fortran && !dst.isFContiguous()) {
            throw new IllegalArgumentException("the destination must be contiguous");
        }
        NDArray d = fortran ? dst.T() : dst;
        NDArray s = fortran ? src.T() : src;
        long n = d.size();
        if (n == 0) {
            return;
        }
        int unitBytes = s.itemsize() + d.itemsize();
        PartCast cast = partCast(s.dtype(), d.dtype());
        if (s.isCContiguous()) {
            // Tasks reach the arrays through references, so that another JVM (the Spark engine) can map them.
            ArrayRef s1 = ArrayRef.of(s.reshape(n));
            ArrayRef d1 = ArrayRef.of(d.reshape(n));
            executor.map(new Job<Void>("convert", n, unitBytes, FLAT_ALIGNMENT, (from, to) -> s1.apply(sa -> d1.apply(da -> {
                Index[] range = {new Index.Slice(from, to, 1)};
                cast.run(sa.get(range), da.get(range));
                return null;
            }))), progress);
            return;
        }
        Tiles t = new Tiles(d.shape(), fastestAxis(s), Math.max(1, pageBytes / d.itemsize()), Math.max(1, pageBytes / s.itemsize()));
        ArrayRef sr = ArrayRef.of(s);
        ArrayRef dr = ArrayRef.of(d);
        executor.map(new Job<Void>("convert", t.count, t.elements * unitBytes, 1, (from, to) -> sr.apply(sa -> dr.apply(da -> {
            for (long u = from; u < to; u++) {
                Index[] tile = t.tile(u);
                cast.run(sa.get(tile), da.get(tile));
            }
            return null;
        }))), progress);
    }

    /** The axis along which the array's elements are closest in memory (smallest |stride| among axes longer than 1). */
    static int fastestAxis(NDArray a) {
        int best = a.ndim() - 1;
        long bestStride = Long.MAX_VALUE;
        for (int i = 0; i < a.ndim(); i++) {
            long st = Math.abs(a.strides()[i]);
            if (a.shape(i) > 1 && st < bestStride) {
                best = i;
                bestStride = st;
            }
        }
        return best;
    }

    /**
     * A grid of tiles over a shape: {@code runD} elements along the last axis (the destination's runs),
     * {@code runS} along the source's fastest axis, one index along every other axis. Tiles are numbered in C
     * order of the grid, so consecutive tiles go along the last axis first.
     */
    static final class Tiles implements java.io.Serializable {
        final long[] shape;
        final long[] tile;
        final long[] grid;
        final long count;
        final long elements;

        Tiles(long[] shape, int sourceAxis, long runD, long runS) {
            int nd = shape.length;
            this.shape = shape.clone();
            tile = new long[nd];
            grid = new long[nd];
            java.util.Arrays.fill(tile, 1);
            tile[sourceAxis] = runS;
            tile[nd - 1] = sourceAxis == nd - 1 ? Math.max(runD, runS) : runD;
            long c = 1;
            long e = 1;
            for (int i = 0; i < nd; i++) {
                tile[i] = Math.min(tile[i], shape[i]);
                grid[i] = (shape[i] + tile[i] - 1) / tile[i];
                c *= grid[i];
                e *= tile[i];
            }
            count = c;
            elements = e;
        }

        /** The index of tile u: a slice per axis. */
        Index[] tile(long u) {
            Index[] items = new Index[shape.length];
            for (int i = shape.length - 1; i >= 0; i--) {
                long start = u % grid[i] * tile[i];
                u /= grid[i];
                items[i] = new Index.Slice(start, Math.min(start + tile[i], shape[i]), 1);
            }
            return items;
        }
    }
}
