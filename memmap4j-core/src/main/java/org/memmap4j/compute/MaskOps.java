package org.memmap4j.compute;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.DType.Kind;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.MaskReducer.What;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.RangeTask;
import org.memmap4j.format.AtomicFile;
import org.memmap4j.format.Npy;
import org.memmap4j.internal.Elements;

/**
 * Reductions under a mask and selections by a mask, without materialising the mask: {@code a[m].sum()},
 * {@code np.count_nonzero(m)}, {@code np.extract(m, a)}, {@code np.compress(m, a, axis=0)}. Masks and values are
 * expressions evaluated block by block; the hot pattern {@code a[a OP c]} over a contiguous float array is
 * recognised ({@link MaskPattern}) and runs as one vectorised pass over the array's memory.
 */
final class MaskOps {

    private MaskOps() {
    }

    // ---- reductions ---------------------------------------------------------------------------------------------

    static long countNonzero(Compute c, Expr e) {
        return run(c, What.COUNT, null, e).count;
    }

    /** Sum, mean, min or max of values where the bool mask is true, as a 0-d array of NumPy's result dtype. */
    static NDArray reduce(Compute c, What what, Expr values, Expr where) {
        if (where.ty.kind() != Kind.BOOL) {
            throw new IllegalArgumentException("Cannot cast array data from dtype('" + where.dtype()
                    + "') to dtype('bool') according to the rule 'safe'");
        }
        Kind vk = values.ty.kind();
        MaskReducer r = run(c, what, values, where);
        Kind result = switch (what) {
            case SUM -> vk.isFloat() || vk.isComplex() ? vk : vk.isUnsigned() ? Kind.UINT64 : Kind.INT64;
            case MEAN -> vk.isFloat() || vk.isComplex() ? vk : Kind.FLOAT64;
            default -> vk;
        };
        NDArray out = NDArrays.empty(DType.of(result));
        MemorySegment s = out.segment();
        DType t = out.dtype();
        if (vk.isComplex()) {
            complexResult(what, r, s, t);
            return out;
        }
        switch (what) {
            case SUM -> {
                if (r.acc.isFloat()) {
                    Elements.castDouble(s, 0, t, r.exact.value());
                } else {
                    Elements.castLong(s, 0, t, r.lsum);
                }
            }
            case MEAN -> Elements.castDouble(s, 0, t, r.count == 0 ? Double.NaN : r.exact.value() / r.count);
            default -> {
                if (!r.any) {
                    throw new IllegalArgumentException("zero-size array to reduction operation "
                            + (what == What.MIN ? "minimum" : "maximum") + " which has no identity");
                }
                if (r.acc.isFloat()) {
                    Elements.castDouble(s, 0, t, r.dext);
                } else {
                    Elements.castLong(s, 0, t, r.lext);
                }
            }
        }
        return out;
    }

    /** Writes a complex sum, mean (0/0: NaN parts for nothing selected) or extreme, as NumPy's result. */
    private static void complexResult(What what, MaskReducer r, MemorySegment s, DType t) {
        switch (what) {
            case SUM -> Elements.castComplex(s, 0, t, r.exact.value(), r.exactIm.value());
            case MEAN -> {
                // NumPy divides the complex sum by the count as a complex number (Smith's algorithm), in the
                // values' precision: an infinite part beside a NaN one becomes NaN.
                boolean single = t.kind() == Kind.COMPLEX64;
                double[] re = new double[1];
                double[] im = new double[1];
                double n = single ? (float) r.count : (double) r.count;
                double sr = single ? (float) r.exact.value() : r.exact.value();
                double si = single ? (float) r.exactIm.value() : r.exactIm.value();
                ExprComplexMath.divide(sr, si, n, 0, single, re, im, 0);
                Elements.castComplex(s, 0, t, re[0], im[0]);
            }
            default -> {
                if (!r.any) {
                    throw new IllegalArgumentException("zero-size array to reduction operation "
                            + (what == What.MIN ? "minimum" : "maximum") + " which has no identity");
                }
                Elements.castComplex(s, 0, t, r.dext, r.dextIm);
            }
        }
    }

    /** The kind values accumulate in for a reduction. */
    private static Kind accumulator(What what, Kind vk) {
        if (what == What.COUNT) {
            return Kind.BOOL;
        }
        if (vk.isComplex()) {
            return vk;
        }
        if (vk == Kind.FLOAT16 || vk == Kind.FLOAT32) {
            return Kind.FLOAT32;
        }
        if (vk == Kind.FLOAT64 || what == What.MEAN) {
            // Integer means accumulate in float64, as NumPy's: an int64 sum could wrap.
            return Kind.FLOAT64;
        }
        return vk == Kind.UINT64 ? Kind.UINT64 : Kind.INT64;
    }

    private static MaskReducer run(Compute c, What what, Expr values, Expr where) {
        long[] shape = values == null ? where.shape : NDArrays.broadcastShapes(values.shape, where.shape);
        long n = sizeOf(shape);
        Kind acc = accumulator(what, values == null ? Kind.BOOL : values.ty.kind());
        MaskPattern p = MaskPattern.match(values, where, what);
        RangeTask<MaskReducer> task = p != null ? p.task(what, acc) : genericTask(what, acc, values, where, shape);
        long unitBytes = 1 + (values == null ? 0 : values.ty.kind().itemSize());
        MaskReducer total = new MaskReducer(what, acc);
        NDArray[] scans = ElementwiseOps.scanned(values == null ? ExprProgram.leaves(where) : ExprProgram.leaves(values, where));
        for (MaskReducer part : c.executor.map(new Job<MaskReducer>(what.name().toLowerCase(java.util.Locale.ROOT) + " where " + where,
                n, unitBytes, MaskReducer.ALIGN, task).scanning(scans), c.progress)) {
            total.merge(part);
        }
        return total;
    }

    private static RangeTask<MaskReducer> genericTask(What what, Kind acc, Expr values, Expr where, long[] shape) {
        List<ExprArray> leaves = values == null ? ExprProgram.leaves(where) : ExprProgram.leaves(values, where);
        return (from, to) -> ExprProgram.withArrays(leaves, arrays -> {
            ExprContext ctx = new ExprContext(shape, ExprProgram.BLOCK, arrays);
            ExprKernel v = values == null ? null : values.compileAs(ctx, acc);
            ExprKernel m = where.compileAs(ctx, Kind.BOOL);
            MaskReducer r = new MaskReducer(what, acc);
            for (long sb = from; sb < to; sb += MaskReducer.ALIGN) {
                long end = Math.min(to, sb + MaskReducer.ALIGN);
                for (long p = sb; p < end; p += ExprProgram.BLOCK) {
                    int k = (int) Math.min(ExprProgram.BLOCK, end - p);
                    m.compute(p, k);
                    if (v != null) {
                        v.compute(p, k);
                    }
                    r.block(v, m.b, k);
                }
                r.endSuper();
            }
            return r;
        });
    }

    static long sizeOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    // ---- selections ---------------------------------------------------------------------------------------------

    /**
     * Selects values where the condition is true: elements of the broadcast shape ({@code rows} false, np.extract)
     * or rows along axis 0 ({@code rows} true, np.compress). Two passes: one counts per chunk, the second writes
     * each chunk's selection at its offset. The output is in memory, or a new .npy file when file is not null.
     */
    static NDArray select(Compute c, Expr cond, Expr values, boolean rows, Path file, boolean overwrite) throws IOException {
        long[] condShape;
        long units;
        long rowLen;
        long[] outRest;
        if (rows) {
            if (cond.shape.length != 1) {
                throw new IllegalArgumentException("condition must be a 1-d array, got shape " + NDArrays.shapeString(cond.shape));
            }
            if (values.shape.length == 0) {
                throw new IllegalArgumentException("axis 0 is out of bounds for array of dimension 0");
            }
            long len = values.shape[0];
            units = Math.min(len, cond.shape[0]);
            condShape = cond.shape;
            outRest = java.util.Arrays.copyOfRange(values.shape, 1, values.shape.length);
            rowLen = sizeOf(outRest);
            checkNothingBeyond(cond, units);
        } else {
            condShape = NDArrays.broadcastShapes(cond.shape, values.shape);
            units = sizeOf(condShape);
            rowLen = 1;
            outRest = new long[0];
        }
        // Pass 1: the count of each chunk, with the chunk's range, so that pass 2 needs no agreement on chunking.
        MaskPattern p = rows ? null : MaskPattern.match(null, cond);
        RangeTask<MaskReducer> count = p != null ? p.task(What.COUNT, Kind.BOOL)
                : genericTask(What.COUNT, Kind.BOOL, null, cond, condShape);
        List<long[]> parts = c.executor.map(new Job<long[]>("count " + cond, units, 1, ExprProgram.BLOCK,
                (from, to) -> new long[] {from, to, count.run(from, to).count}).scanning(ElementwiseOps.scanned(ExprProgram.leaves(cond))), c.progress);
        int chunks = parts.size();
        long[] starts = new long[chunks];
        long[] ends = new long[chunks];
        long[] offsets = new long[chunks];
        long total = 0;
        for (int i = 0; i < chunks; i++) {
            long[] q = parts.get(i);
            starts[i] = q[0];
            ends[i] = q[1];
            offsets[i] = total;
            total += q[2];
        }
        long[] outShape = new long[outRest.length + 1];
        outShape[0] = total;
        System.arraycopy(outRest, 0, outShape, 1, outRest.length);
        // A plain array keeps its byte order, as NumPy's copies do.
        DType t = values instanceof ExprArray va ? va.arrayDtype() : values.dtype();
        long selected = total;
        MaskSelection sel = new MaskSelection(cond, values, condShape, rowLen, starts, ends, offsets);
        if (file == null) {
            NDArray out = NDArrays.empty(t, outShape);
            sel.write(c, out, selected);
            return out;
        }
        AtomicFile.write(file, overwrite, c.durable, tmp -> {
            try (NDArray o = Npy.create(tmp, t, Order.C, true, outShape)) {
                sel.write(c, o, selected);
            }
        });
        return Npy.open(file, Mode.READ_WRITE);
    }

    /** np.compress refuses a condition longer than the axis when it selects an index past the end. */
    private static void checkNothingBeyond(Expr cond, long rows) {
        long len = cond.shape[0];
        if (len <= rows) {
            return;
        }
        Expr b = cond.ty.kind() == Kind.BOOL ? cond : cond.astype(Kind.BOOL);
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(ExprProgram.BLOCK);
            for (long p = rows; p < len; p += ExprProgram.BLOCK) {
                long e = Math.min(len, p + ExprProgram.BLOCK);
                b.evaluate(p, e, seg);
                for (long i = 0; i < e - p; i++) {
                    if (seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) != 0) {
                        throw new IndexOutOfBoundsException("index " + (p + i) + " is out of bounds for axis 0 with size " + rows);
                    }
                }
            }
        }
    }
}
