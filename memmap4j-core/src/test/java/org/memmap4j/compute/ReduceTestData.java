package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.internal.Elements;

/** Random test arrays for reductions: every dtype, optional NaN/inf, written element by element in C order. */
final class ReduceTestData {

    private ReduceTestData() {
    }

    /**
     * Returns a C-ordered array of random values: bool 0/1, integers over the dtype's whole range (so int64 and uint64
     * sums wrap), floats and complex parts in [-8, 8) (float16: [-2, 2)). With special, floats also get NaN (about 1
     * in 8), +-inf (rarely) and one all-NaN last-axis row.
     */
    static NDArray random(DType t, long seed, boolean special, long... shape) {
        NDArray a = NDArrays.empty(t, shape);
        SplittableRandom rnd = new SplittableRandom(seed);
        MemorySegment s = a.segment();
        long n = a.size();
        long row = shape.length == 0 ? 1 : shape[shape.length - 1];
        DType.Kind k = t.kind();
        for (long i = 0; i < n; i++) {
            long off = i * t.itemSize();
            if (k.isBool()) {
                Elements.castLong(s, off, t, rnd.nextInt(2));
            } else if (k.isInteger()) {
                Elements.castLong(s, off, t, rnd.nextLong());
            } else {
                double range = k == DType.Kind.FLOAT16 ? 2 : 8;
                double re = value(rnd, range, special, i < row);
                double im = value(rnd, range, special, i < row);
                Elements.castComplex(s, off, t, re, im);
            }
        }
        return a;
    }

    private static double value(SplittableRandom rnd, double range, boolean special, boolean nanRow) {
        if (special) {
            if (nanRow) {
                return Double.NaN;
            }
            int r = rnd.nextInt(64);
            if (r < 8) {
                return Double.NaN;
            }
            if (r == 8) {
                return Double.POSITIVE_INFINITY;
            }
            if (r == 9) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        // Avoid exact zeros of either sign: NumPy and memmap4j order -0.0 and +0.0 differently (documented).
        double v = rnd.nextDouble(-range, range);
        return v == 0.0 ? 0.25 : v;
    }
}
