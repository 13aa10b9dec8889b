package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.internal.Elements;
import org.memmap4j.internal.StridedLoop;

/**
 * Fills arrays where element k (C-order flat position) is a function of k alone: ranges, linspace and the
 * counter-based random streams of {@link org.memmap4j.Randoms}. Because nothing depends on what was computed
 * before, any split into chunks gives the same array: reproducible for every thread count and chunk size.
 */
final class Generators {

    /** The value at a flat position, written into one element. */
    @FunctionalInterface
    interface PositionWriter extends java.io.Serializable {
        void write(MemorySegment s, long off, DType t, long k);
    }

    private Generators() {
    }

    /** Runs {@code w} for every element of {@code out}, in parallel chunks of flat positions. */
    static void fill(ChunkExecutor executor, ProgressListener progress, NDArray out, String name, PositionWriter w) {
        if (!out.isWritable()) {
            throw new UnsupportedOperationException("cannot " + name + " a read-only array"
                    + out.file().map(f -> " mapped from '" + f + "' (mode " + out.mode().code() + ")").orElse(""));
        }
        ArrayRef ref = ArrayRef.of(out);
        long[] shape = out.shape();
        executor.map(new Job<>(name, out.size(), out.itemsize(), 1, (from, to) -> ref.apply(a -> {
            MemorySegment s = a.segment();
            DType t = a.dtype();
            long[] k = {from};
            new StridedLoop(shape, new long[][] {a.strides()}, true).run(new long[] {a.segmentOffset()}, from, to,
                    (off, st, n) -> {
                        for (long i = 0, p = off[0]; i < n; i++, p += st[0]) {
                            w.write(s, p, t, k[0]++);
                        }
                    });
            return null;
        })), progress);
    }

    /**
     * NumPy's arange fill: elements 0 and 1 are {@code start} and {@code start + step} cast to the dtype; every
     * other element is {@code b0 + k * (b1 - b0)} computed in the dtype's own arithmetic (float32 for float32 and
     * float16, as NumPy's fill functions do), so float results are bitwise NumPy's.
     */
    static PositionWriter arange(double start, double step, DType dtype) {
        DType.Kind kind = dtype.kind();
        if (kind.isInteger() || kind.isBool()) {
            long b0 = (long) start;
            long delta = (long) (start + step) - b0;
            return (s, off, t, k) -> Elements.castLong(s, off, t, b0 + k * delta);
        }
        if (kind == DType.Kind.FLOAT32 || kind == DType.Kind.FLOAT16) {
            float b0 = narrow(start, kind);
            float b1 = narrow(start + step, kind);
            float delta = b1 - b0;
            return (s, off, t, k) -> Elements.castDouble(s, off, t, k == 1 ? b1 : b0 + k * delta);
        }
        double b1 = start + step;
        double delta = b1 - start;
        return (s, off, t, k) -> Elements.castDouble(s, off, t, k == 1 ? b1 : start + k * delta);
    }

    /** A double as the dtype stores it, widened to float (float16 values are exact in float). */
    private static float narrow(double v, DType.Kind kind) {
        return kind == DType.Kind.FLOAT16 ? Float.float16ToFloat(Elements.doubleToHalf(v)) : (float) v;
    }

    /**
     * NumPy's linspace: {@code start + k * step} with {@code step = (stop - start) / div} (or
     * {@code k / div * delta} when the step underflows to 0), the last element exactly {@code stop} with an
     * endpoint, floored for integer dtypes.
     */
    static PositionWriter linspace(double start, double stop, long num, boolean endpoint, boolean integral) {
        long div = endpoint ? num - 1 : num;
        double delta = stop - start;
        double step = div > 0 ? delta / div : Double.NaN;
        boolean stepZero = div > 0 && step == 0;
        return (s, off, t, k) -> {
            double y;
            if (endpoint && num > 1 && k == num - 1) {
                y = stop;
            } else if (div > 0) {
                y = (stepZero ? k / (double) div * delta : k * step) + start;
            } else {
                y = k * delta + start;
            }
            Elements.castDouble(s, off, t, integral ? Math.floor(y) : y);
        };
    }
}
