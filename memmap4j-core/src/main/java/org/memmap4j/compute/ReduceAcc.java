package org.memmap4j.compute;

import static org.memmap4j.compute.ReduceRead.F32;
import static org.memmap4j.compute.ReduceRead.F64;
import static org.memmap4j.compute.ReduceRead.I16;
import static org.memmap4j.compute.ReduceRead.I32;
import static org.memmap4j.compute.ReduceRead.I64;
import static org.memmap4j.compute.ReduceRead.I8;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;
import org.memmap4j.internal.Elements;

/**
 * The accumulator of one reduction over one block, which is also the partial result that blocks merge into.
 *
 * <p>It runs in one of two modes, chosen by the engine from the layout:
 * <ul>
 *   <li><b>slice</b> (width 1): the elements of one output's slice arrive in slice order, in runs
 *       ({@link #slice}); float sums go through {@link ReduceLanes}, and contiguous native float32/float64 runs
 *       through {@link ReduceKernels};</li>
 *   <li><b>columns</b> (width w): one row of the reduced positions arrives at a time, element i belonging to output
 *       k + i ({@link #columns}); each output accumulates sequentially over the block's rows.</li>
 * </ul>
 * After {@link #finish()} only the partial result remains (the scratch is dropped), so partials are small and can be
 * shipped; {@link #merge} combines a partial with the one of the following block, and {@link #write} stores an
 * output element in the result dtype.
 */
abstract class ReduceAcc implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Elements converted per step on the generic path. */
    static final int BUF = 2048;

    /** Per-task working memory, shared by the accumulators a task runs one after another. */
    static final class Scratch {
        final double[] re = new double[BUF];
        final double[] im = new double[BUF];
        final long[] lv = new long[BUF];
        private ReduceLanes.Sum sumRe;
        private ReduceLanes.Sum sumIm;
        private ReduceLanes.Var varRe;
        private ReduceLanes.Var varIm;
        private long[] rowOff = new long[0];

        /** The byte offsets of a block's reduced positions (columns mode). */
        long[] rowOffsets(int count) {
            if (rowOff.length < count) {
                rowOff = new long[count];
            }
            return rowOff;
        }

        ReduceLanes.Sum sum(boolean imag) {
            if (imag) {
                return sumIm == null ? sumIm = new ReduceLanes.Sum() : sumIm;
            }
            return sumRe == null ? sumRe = new ReduceLanes.Sum() : sumRe;
        }

        ReduceLanes.Var var(boolean imag, boolean skipNaN) {
            // nan-variants and plain ones never share a task, but be safe: rebuild when the flavour differs.
            if (imag) {
                return varIm == null || varIm.skipsNaN() != skipNaN ? varIm = new ReduceLanes.Var(skipNaN) : varIm;
            }
            return varRe == null || varRe.skipsNaN() != skipNaN ? varRe = new ReduceLanes.Var(skipNaN) : varRe;
        }
    }

    final ReduceOp op;
    final ReduceOp.Carrier carrier;
    final boolean skipNaN;
    /** uint64 elements are read with the sign bit flipped, so that signed comparisons order them. */
    final boolean flip;
    private final transient DType in;
    private final transient int itemSize;
    transient ReduceKernels kernels;
    /** Contiguous native float32/float64 runs can use the kernels. */
    final transient boolean fast;
    final transient boolean f64;
    /** Native float32/float64 input: contiguous rows in columns mode are read in place, without conversion. */
    final transient boolean nativeFloat;
    transient Scratch sc;
    /** Columns mode: the first reduced position of the block and the block's positions (each output gets one each). */
    transient long firstRow;
    transient long rows;
    transient boolean slices;
    int width;

    ReduceAcc(ReduceOp op, DType in, ReduceKernels kernels) {
        this.op = op;
        this.in = in;
        this.itemSize = in.itemSize();
        this.carrier = op.carrier(in);
        this.skipNaN = op.skipsNaN();
        this.flip = in.kind() == DType.Kind.UINT64
                && (op.family == ReduceOp.Family.EXTREME || op.family == ReduceOp.Family.ARG);
        this.kernels = kernels;
        this.f64 = in.kind() == DType.Kind.FLOAT64;
        this.nativeFloat = in.isNativeOrder() && (f64 || in.kind() == DType.Kind.FLOAT32);
        this.fast = kernels != null && nativeFloat;
    }

    /** Creates the accumulator of an operation for an input dtype; kernels may be null (scalar path). */
    static ReduceAcc create(ReduceOp op, DType in, double ddof, ReduceKernels kernels) {
        return switch (op.family) {
            case SUM -> new ReduceSum(op, in, kernels);
            case PROD -> new ReduceProd(op, in, kernels);
            case VAR -> new ReduceVar(op, in, ddof, kernels);
            case EXTREME -> new ReduceExtreme(op, in, kernels);
            case ARG -> new ReduceArg(op, in, kernels);
            case COUNT -> new ReduceCount(op, in, kernels);
        };
    }

    /**
     * Starts a block: width outputs, in slice mode (width 1) or columns mode; in columns mode the block covers the
     * reduced positions first .. first + count - 1.
     */
    final void begin(Scratch scratch, int w, boolean sliceMode, long first, long count) {
        this.sc = scratch;
        this.width = w;
        this.slices = sliceMode;
        this.firstRow = first;
        this.rows = count;
        clear(w);
    }

    /** Resets the partial to the empty block for w outputs. */
    abstract void clear(int w);

    /** Feeds n elements of the slice, at byte offsets off + i * stride and slice positions pos + i. */
    final void slice(MemorySegment s, long off, long stride, long n, long pos) {
        if (n <= 0) {
            return;
        }
        if (fast && stride == itemSize && sliceRun(s, off, n, pos)) {
            return;
        }
        for (long done = 0; done < n; ) {
            int m = (int) Math.min(BUF, n - done);
            read(s, off + done * stride, stride, m);
            sliceBuf(m, pos + done);
            done += m;
        }
    }

    /** Handles a contiguous native float run with the kernels; returns false to take the generic path. */
    boolean sliceRun(MemorySegment s, long off, long n, long pos) {
        return false;
    }

    /** Consumes m converted elements of the slice (in the scratch buffers), the first at slice position pos. */
    abstract void sliceBuf(int m, long pos);

    /** Feeds one row across outputs: element i (at off + i * stride) belongs to output k + i; r is the position. */
    final void columns(int k, MemorySegment s, long off, long stride, int n, long r) {
        if (nativeFloat && stride == itemSize && columnsRun(k, s, off, n, r)) {
            return;
        }
        for (int done = 0; done < n; ) {
            int m = Math.min(BUF, n - done);
            read(s, off + done * stride, stride, m);
            columnsBuf(k + done, m, r);
            done += m;
        }
    }

    /**
     * Feeds count rows of the block (reduced positions first .. first + count - 1) to outputs k .. k + n - 1: row t
     * holds their elements at byte {@code col + rowOff[t]} with stride colStride. Equivalent to {@link #columns} row
     * after row; contiguous native float runs go through a tile kernel instead (one call per tile, the rows streamed
     * in order, so each output still adds its elements in row order). A block may come in several tiles.
     */
    final void tile(int k, MemorySegment s, long col, long colStride, int n, long[] rowOff, int count, long first) {
        if (fast && colStride == itemSize && n > 0 && count > 0 && tileRun(k, s, col, n, rowOff, count, first)) {
            return;
        }
        for (int t = 0; t < count; t++) {
            columns(k, s, col + rowOff[t], colStride, n, first + t);
        }
    }

    /** Handles {@link #tile} with the kernels; returns false to go row by row. */
    boolean tileRun(int k, MemorySegment s, long col, int n, long[] rowOff, int count, long first) {
        return false;
    }

    /**
     * Handles a contiguous native float row in columns mode in place; returns false to take the generic path. Must
     * compute exactly what {@link #columnsBuf} computes.
     */
    boolean columnsRun(int k, MemorySegment s, long off, int n, long r) {
        return false;
    }

    /** Consumes m converted elements belonging to outputs k .. k + m - 1, all at reduced position r. */
    abstract void columnsBuf(int k, int m, long r);

    /** Ends the block: what remains is the partial result. */
    void finish() {
        sc = null;
    }

    /** Merges the partial of the block that follows this one (same width) into this one. */
    abstract void merge(ReduceAcc right);

    /** Writes the final value of output k at off, cast to the result dtype like NumPy's cast. */
    abstract void write(int k, MemorySegment out, long off, DType outType);

    private void read(MemorySegment s, long off, long stride, int m) {
        switch (carrier) {
            case LONG -> {
                ReduceRead.longs(s, off, stride, m, in, sc.lv);
                if (flip) {
                    long[] lv = sc.lv;
                    for (int i = 0; i < m; i++) {
                        lv[i] ^= Long.MIN_VALUE;
                    }
                }
            }
            case DOUBLE -> ReduceRead.doubles(s, off, stride, m, in, sc.re, sc.lv);
            case COMPLEX -> {
                ReduceRead.doubles(s, off, stride, m, in, sc.re, sc.lv);
                ReduceRead.imags(s, off, stride, m, in, sc.im, sc.lv);
            }
        }
    }

    /**
     * Writes a float result into a native-order output, as NumPy's cast, with every NaN as the canonical one: which
     * NaN an operation on NaNs returns depends on operand order, which the JIT may change, so without this results
     * would differ in NaN bits between runs. Layouts are constants: outputs can have as many elements as inputs.
     */
    static void writeDouble(MemorySegment out, long off, DType outType, double v) {
        double x = v != v ? Double.NaN : v;
        switch (outType.kind()) {
            case FLOAT64 -> out.set(F64, off, x);
            case FLOAT32 -> out.set(F32, off, (float) x);
            case FLOAT16 -> out.set(I16, off, Elements.doubleToHalf(x));
            default -> Elements.castDouble(out, off, outType, x);
        }
    }

    /** Writes a complex result with canonical NaN parts (see {@link #writeDouble}). */
    static void writeComplex(MemorySegment out, long off, DType outType, double re, double im) {
        double r = re != re ? Double.NaN : re;
        double i = im != im ? Double.NaN : im;
        switch (outType.kind()) {
            case COMPLEX128 -> {
                out.set(F64, off, r);
                out.set(F64, off + 8, i);
            }
            case COMPLEX64 -> {
                out.set(F32, off, (float) r);
                out.set(F32, off + 4, (float) i);
            }
            default -> Elements.castComplex(out, off, outType, r, i);
        }
    }

    /** Writes an integer result into a native-order output, wrapping to the dtype as NumPy's cast. */
    static void writeLong(MemorySegment out, long off, DType outType, long v) {
        switch (outType.kind()) {
            case INT64, UINT64 -> out.set(I64, off, v);
            case INT32, UINT32 -> out.set(I32, off, (int) v);
            case INT16, UINT16 -> out.set(I16, off, (short) v);
            case INT8, UINT8 -> out.set(I8, off, (byte) v);
            case BOOL -> out.set(I8, off, (byte) (v != 0 ? 1 : 0));
            default -> Elements.castLong(out, off, outType, v);
        }
    }

    static double[] zeros(double[] a, int w) {
        if (a == null || a.length != w) {
            return new double[w];
        }
        java.util.Arrays.fill(a, 0.0);
        return a;
    }

    static long[] zeros(long[] a, int w) {
        if (a == null || a.length != w) {
            return new long[w];
        }
        java.util.Arrays.fill(a, 0L);
        return a;
    }

    static boolean[] falses(boolean[] a, int w) {
        if (a == null || a.length != w) {
            return new boolean[w];
        }
        java.util.Arrays.fill(a, false);
        return a;
    }
}
