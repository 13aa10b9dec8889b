package org.memmap4j.compute;

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
    transient Scratch sc;
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
        this.fast = kernels != null && in.isNativeOrder() && (f64 || in.kind() == DType.Kind.FLOAT32);
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

    /** Starts a block: width outputs, in slice mode (width 1) or columns mode. */
    final void begin(Scratch scratch, int w, boolean sliceMode) {
        this.sc = scratch;
        this.width = w;
        this.slices = sliceMode;
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
        for (int done = 0; done < n; ) {
            int m = Math.min(BUF, n - done);
            read(s, off + done * stride, stride, m);
            columnsBuf(k + done, m, r);
            done += m;
        }
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
            case DOUBLE -> ReduceRead.doubles(s, off, stride, m, in, sc.re);
            case COMPLEX -> {
                ReduceRead.doubles(s, off, stride, m, in, sc.re);
                ReduceRead.imags(s, off, stride, m, in, sc.im);
            }
        }
    }

    /**
     * Writes a float result, with every NaN as the canonical one: which NaN an operation on NaNs returns depends on
     * operand order, which the JIT may change, so without this results would differ in NaN bits between runs.
     */
    static void writeDouble(MemorySegment out, long off, DType outType, double v) {
        Elements.castDouble(out, off, outType, v != v ? Double.NaN : v);
    }

    /** Writes a complex result with canonical NaN parts (see {@link #writeDouble}). */
    static void writeComplex(MemorySegment out, long off, DType outType, double re, double im) {
        Elements.castComplex(out, off, outType, re != re ? Double.NaN : re, im != im ? Double.NaN : im);
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
