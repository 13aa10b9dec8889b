package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.RangeTask;

/**
 * {@code np.bincount} of a 1-d array of any size: NumPy's checks in NumPy's order, then parallel passes whose
 * per-chunk partials {@link RadixRounds} merges in chunk order into the result, which is in memory as NumPy's is.
 *
 * <p>Without weights, bool and 8- and 16-bit inputs are counted in one pass over their whole value range (the
 * maximum and any negative value are read off the counts); wider ones first find their minimum and maximum, then
 * count in windows of the result: each pass counts only the values of its window, so the partials of a round stay
 * within the heap budget however long the result. Counts are integers: the same for any thread count and chunk size.
 *
 * <p>With weights, every fixed block of {@link #WEIGHT_BLOCK} elements sums its weights per bin in element order
 * (NumPy's float64 loop), and the block sums are added to the result in block order. Blocks do not depend on the
 * executor, so the sums are identical for any thread count and chunk size; they can differ from NumPy's single
 * sequential sum in the last bits (not for integer-valued weights whose sums stay below 2^53: those are exact).
 */
final class BincountOps {

    /** Elements per block of the weighted sums: fixed, so that the sums do not depend on the chunking. */
    static final long WEIGHT_BLOCK = 1 << 20;

    /** Elements read into a buffer at a time. */
    private static final int BUF = 4096;

    /** A chunk keeps its values rather than a count per bin when it has this many times fewer values than bins. */
    private static final int SPARSE = 4;

    private BincountOps() {
    }

    /**
     * A chunk's counts of one window: per bin, one int array per run of the chunk (a run is short enough that no
     * count overflows), or (sparse) the window's values themselves.
     */
    private record Counts(int[][] runs, long[] values, int n) {
    }

    /** A block's weight sums of one window: per bin, or (sparse) the window's values and weights in order. */
    private record Sums(double[] perBin, long[] values, double[] weights, int n) {
    }

    static NDArray bincount(Compute c, NDArray x, NDArray weights, long minlength) {
        return bincount(c, x, weights, minlength, Long.MAX_VALUE);
    }

    /** As above, with passes of at most {@code maxWindow} bins (tests force many windows). */
    static NDArray bincount(Compute c, NDArray x, NDArray weights, long minlength, long maxWindow) {
        return bincount(c, x, weights, minlength, maxWindow, Integer.MAX_VALUE);
    }

    /** As above, with int counts over runs of at most {@code maxRun} elements (tests force many runs). */
    static NDArray bincount(Compute c, NDArray x, NDArray weights, long minlength, long maxWindow, long maxRun) {
        Objects.requireNonNull(x, "x");
        // NumPy's order of checks: x's depth, x's dtype, minlength, empty x (weights then ignored), negative values,
        // weights' depth, weights' dtype, weights' length.
        depth(x, "x");
        DType.Kind k = x.dtype().kind();
        if (!k.isInteger() && !k.isBool()) {
            throw cast(x.dtype(), "int64");
        }
        if (minlength < 0) {
            throw new IllegalArgumentException("'minlength' must not be negative");
        }
        if (x.size() == 0) {
            return allocate(minlength, DType.INT64);
        }
        if (weights == null && x.itemsize() <= 2) {
            return countAll(c, x, minlength, maxRun);
        }
        long[] mm = minMax(c, x);
        if (mm[0] < 0) {
            throw negative();
        }
        if (weights != null) {
            depth(weights, "weights");
            if (weights.dtype().kind().isComplex()) {
                throw cast(weights.dtype(), "float64");
            }
            if (weights.size() != x.size()) {
                throw new IllegalArgumentException("The weights and list don't have the same length.");
            }
        }
        if (mm[1] == Long.MAX_VALUE) {
            // NumPy computes max + 1 in intp, overflows and returns an empty array; the true length is refused.
            throw tooLong("9223372036854775808", weights == null ? DType.INT64 : DType.FLOAT64);
        }
        long len = Math.max(mm[1] + 1, minlength);
        NDArray out = allocate(len, weights == null ? DType.INT64 : DType.FLOAT64);
        if (weights == null) {
            // Chunk partials count in int (4 bytes a bin), so a pass covers twice the bins long counts would.
            countWindows(c, x, out, Math.min(maxWindow, window(c, 4)), maxRun);
        } else {
            sumWindows(c, x, weights, out, maxWindow);
        }
        return out;
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private static void depth(NDArray a, String name) {
        if (a.ndim() != 1) {
            String numpy = a.ndim() == 0 ? "object of too small depth for desired array"
                    : "object too deep for desired array";
            throw new IllegalArgumentException("bincount needs a 1-d " + name + ", got shape "
                    + NDArrays.shapeString(a.shape()) + " (NumPy: " + numpy + ")");
        }
    }

    private static IllegalArgumentException cast(DType from, String to) {
        String d = from.isNativeOrder() ? "'" + from.kind().numpyName() + "'" : from.toString();
        return new IllegalArgumentException("Cannot cast array data from dtype(" + d + ") to dtype('" + to
                + "') according to the rule 'safe'");
    }

    private static IllegalArgumentException negative() {
        return new IllegalArgumentException("'list' argument must have no negative elements");
    }

    private static IllegalArgumentException tooLong(String len, DType t) {
        return new IllegalArgumentException("bincount's result of length " + len + " (" + t.kind().numpyName()
                + ") cannot be allocated: it needs more bytes than this machine has memory ("
                + physicalMemory() + " bytes)");
    }

    /**
     * The machine's memory in bytes, from Linux's /proc/meminfo (the module reads no management API); unbounded
     * elsewhere, where the allocation itself fails instead.
     */
    private static long physicalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: no bound.
        }
        return Long.MAX_VALUE;
    }

    /**
     * The result, zeroed, in memory. NumPy raises MemoryError when malloc fails; here a result larger than the
     * machine's memory is refused before it is allocated, since zeroing it would push everything else out first.
     */
    private static NDArray allocate(long len, DType t) {
        if (len > physicalMemory() / t.itemSize()) {
            throw tooLong(Long.toString(len), t);
        }
        try {
            return NDArrays.zeros(t, len);
        } catch (OutOfMemoryError e) {
            IllegalArgumentException ex = tooLong(Long.toString(len), t);
            ex.initCause(e);
            throw ex;
        }
    }

    // ---- passes ----------------------------------------------------------------------------------------------

    /**
     * The bins one pass may cover: the partials of a round (at least four chunks per thread, see
     * {@link RadixRounds}) of {@code bytesPerBin} each must fit the heap budget, the larger of RadixRounds' and an
     * eighth of the heap. The window never changes a result, only how many passes there are.
     */
    private static long window(Compute c, long bytesPerBin) {
        long budget = Math.max(RadixRounds.PARTIAL_BUDGET, Runtime.getRuntime().maxMemory() / 8);
        return Math.max(1024, budget / (4L * c.executor.parallelism() * Math.max(1, bytesPerBin)));
    }

    /** Smallest and largest value as intp (uint64 values from 2^63 up are negative, as NumPy casts them). */
    private static long[] minMax(Compute c, NDArray x) {
        ArrayRef ref = ArrayRef.of(x);
        RangeTask<long[]> task = (from, to) -> ref.apply(a -> {
            MemorySegment s = a.segment();
            DType t = a.dtype();
            long st = a.strides()[0];
            long off = a.segmentOffset() + from * st;
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            long[] buf = new long[BUF];
            for (long done = from; done < to; done += BUF) {
                int m = (int) Math.min(BUF, to - done);
                BincountKernel.load(s, off, st, t, m, buf, 0);
                off += m * st;
                for (int i = 0; i < m; i++) {
                    lo = Math.min(lo, buf[i]);
                    hi = Math.max(hi, buf[i]);
                }
            }
            return new long[] {lo, hi};
        });
        long[] out = {Long.MAX_VALUE, Long.MIN_VALUE};
        RadixRounds.run(c, "bincount range", x.size(), x.itemsize(), 1, 16, task, mm -> {
            out[0] = Math.min(out[0], mm[0]);
            out[1] = Math.max(out[1], mm[1]);
        }, x);
        return out;
    }

    /** One pass over the whole value range of a bool, 8- or 16-bit array; then NumPy's checks on what it found. */
    private static NDArray countAll(Compute c, NDArray x, long minlength, long maxRun) {
        DType.Kind k = x.dtype().kind();
        int range = k.isBool() ? 2 : 1 << (8 * x.itemsize());
        NDArray bits = NDArrays.zeros(DType.INT64, range);
        countWindows(c, x, bits, range, maxRun);
        long[] counts = new long[range];
        MemorySegment.copy(bits.segment(), ValueLayout.JAVA_LONG, 0, counts, 0, range);
        // Signed values are counted by their unsigned bits: the upper half holds the negative ones.
        int top = k.isBool() || k.isUnsigned() ? range : range / 2;
        for (int i = top; i < range; i++) {
            if (counts[i] != 0) {
                throw negative();
            }
        }
        int max = top - 1;
        while (counts[max] == 0) {
            max--;
        }
        long len = Math.max(max + 1L, minlength);
        NDArray out = allocate(len, DType.INT64);
        MemorySegment.copy(counts, 0, out.segment(), ValueLayout.JAVA_LONG, 0, max + 1);
        return out;
    }

    /**
     * Counts into {@code out} (int64, zeroed), one pass per window of {@code window} bins. A chunk counts in int,
     * one array per run of at most {@code maxRun} elements (below 2^31, so no count overflows): one run for any
     * chunk of the usual sizes.
     */
    private static void countWindows(Compute c, NDArray x, NDArray out, long window, long maxRun) {
        ArrayRef ref = ArrayRef.of(x);
        long len = out.size();
        MemorySegment res = out.segment();
        for (long lo = 0; lo < len; lo += window) {
            long wlo = lo;
            int w = (int) Math.min(window, len - lo);
            RangeTask<Counts> task = (from, to) -> ref.apply(a -> {
                MemorySegment s = a.segment();
                DType t = a.dtype();
                long st = a.strides()[0];
                long off = a.segmentOffset() + from * st;
                if ((to - from) * SPARSE < w) {
                    long[] buf = new long[(int) (to - from)];
                    BincountKernel.load(s, off, st, t, buf.length, buf, 0);
                    // Unsigned bits, as count() reads them: negative narrow values land in the upper half.
                    long mask = t.itemSize() < 8 ? (1L << (8 * t.itemSize())) - 1 : -1L;
                    int n = 0;
                    for (long v : buf) {
                        long d = (v & mask) - wlo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            buf[n++] = d;
                        }
                    }
                    return new Counts(null, buf, n);
                }
                long m = to - from;
                int[][] runs = new int[(int) ((m + maxRun - 1) / maxRun)][];
                for (int r = 0; r < runs.length; r++) {
                    long done = r * maxRun;
                    runs[r] = new int[w];
                    BincountKernel.count(s, off + done * st, st, t, Math.min(maxRun, m - done), wlo, runs[r]);
                }
                return new Counts(runs, null, 0);
            });
            RadixRounds.run(c, "bincount", x.size(), x.itemsize(), 1, 4L * w, task, p -> {
                if (p.runs() != null) {
                    for (int[] counts : p.runs()) {
                        for (int i = 0; i < w; i++) {
                            if (counts[i] != 0) {
                                addLong(res, wlo + i, counts[i]);
                            }
                        }
                    }
                } else {
                    for (int i = 0; i < p.n(); i++) {
                        addLong(res, wlo + p.values()[i], 1);
                    }
                }
            }, x);
        }
    }

    private static void addLong(MemorySegment s, long i, long v) {
        s.setAtIndex(ValueLayout.JAVA_LONG, i, s.getAtIndex(ValueLayout.JAVA_LONG, i) + v);
    }

    /** Sums weights into {@code out} (float64, zeroed), one pass per window of {@code window} bins. */
    private static void sumWindows(Compute c, NDArray x, NDArray weights, NDArray out, long maxWindow) {
        long unitBytes = x.itemsize() + weights.itemsize();
        long blocksPerChunk = new Job<>("bincount weights", x.size(), unitBytes, WEIGHT_BLOCK, (f, t) -> null)
                .unitsPerChunk(c.executor.chunkBytes()) / WEIGHT_BLOCK;
        long window = Math.min(maxWindow, window(c, 8 * blocksPerChunk));
        ArrayRef xr = ArrayRef.of(x);
        ArrayRef wr = ArrayRef.of(weights);
        long len = out.size();
        MemorySegment res = out.segment();
        for (long lo = 0; lo < len; lo += window) {
            long wlo = lo;
            int w = (int) Math.min(window, len - lo);
            // Chunks start on block boundaries (the job's alignment): each returns its blocks' sums, in order.
            RangeTask<Sums[]> task = (from, to) -> xr.apply(a -> wr.apply(wa -> {
                Sums[] blocks = new Sums[(int) ((to - from + WEIGHT_BLOCK - 1) / WEIGHT_BLOCK)];
                for (int b = 0; b < blocks.length; b++) {
                    long bf = from + b * WEIGHT_BLOCK;
                    blocks[b] = sumBlock(a, wa, bf, Math.min(to, bf + WEIGHT_BLOCK), wlo, w);
                }
                return blocks;
            }));
            double[] scratch = new double[w];
            boolean[] touched = new boolean[w];
            RadixRounds.run(c, "bincount weights", x.size(), unitBytes, WEIGHT_BLOCK, 8L * w * blocksPerChunk, task,
                    blocks -> {
                        for (Sums b : blocks) {
                            mergeSums(res, wlo, w, b, scratch, touched);
                        }
                    }, x, weights);
        }
    }

    private static Sums sumBlock(NDArray a, NDArray wa, long from, long to, long lo, int w) {
        MemorySegment s = a.segment();
        MemorySegment ws = wa.segment();
        DType t = a.dtype();
        DType wt = wa.dtype();
        long st = a.strides()[0];
        long wst = wa.strides()[0];
        long off = a.segmentOffset() + from * st;
        long woff = wa.segmentOffset() + from * wst;
        boolean sparse = (to - from) * SPARSE < w;
        int cap = sparse ? (int) (to - from) : BUF;
        long[] v = new long[cap];
        double[] wv = new double[cap];
        double[] sums = sparse ? null : new double[w];
        int n = 0;
        for (long done = from; done < to; done += BUF) {
            int m = (int) Math.min(BUF, to - done);
            BincountKernel.load(s, off, st, t, m, v, sparse ? n : 0);
            LinalgLoad.doubles(ws, woff, wst, wt, m, wv, sparse ? n : 0);
            off += m * st;
            woff += m * wst;
            if (sparse) {
                n += m;
            } else {
                BincountKernel.addWeights(v, wv, m, lo, sums);
            }
        }
        return sparse ? new Sums(null, v, wv, n) : new Sums(sums, null, null, 0);
    }

    /**
     * Adds one block's sums to the result. A sparse block is summed here per bin in element order first, exactly as
     * a dense block would have been, so the representation never changes a bit of the result.
     */
    private static void mergeSums(MemorySegment res, long lo, int w, Sums b, double[] scratch, boolean[] touched) {
        ValueLayout.OfDouble f64 = ValueLayout.JAVA_DOUBLE;
        if (b.perBin() != null) {
            double[] sums = b.perBin();
            for (int i = 0; i < w; i++) {
                res.setAtIndex(f64, lo + i, res.getAtIndex(f64, lo + i) + sums[i]);
            }
            return;
        }
        long[] v = b.values();
        double[] wv = b.weights();
        for (int i = 0; i < b.n(); i++) {
            long d = v[i] - lo;
            if (Long.compareUnsigned(d, w) < 0) {
                scratch[(int) d] += wv[i];
            }
        }
        for (int i = 0; i < b.n(); i++) {
            long d = v[i] - lo;
            if (Long.compareUnsigned(d, w) < 0 && !touched[(int) d]) {
                touched[(int) d] = true;
                res.setAtIndex(f64, lo + d, res.getAtIndex(f64, lo + d) + scratch[(int) d]);
            }
        }
        for (int i = 0; i < b.n(); i++) {
            long d = v[i] - lo;
            if (Long.compareUnsigned(d, w) < 0) {
                scratch[(int) d] = 0;
                touched[(int) d] = false;
            }
        }
    }
}
