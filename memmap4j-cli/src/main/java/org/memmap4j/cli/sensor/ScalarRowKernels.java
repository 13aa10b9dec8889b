package org.memmap4j.cli.sensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** {@link RowKernels} in plain Java: the reference the vector kernels must match bit for bit. */
final class ScalarRowKernels implements RowKernels {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** {@return the element at off, or its squared float32 deviation from m} */
    static float term(MemorySegment s, long off, boolean squares, float m) {
        float x = s.get(FLOAT, off);
        if (squares) {
            float d = x - m;
            return d * d;
        }
        return x;
    }

    @Override
    public float block(MemorySegment s, long off, int n, boolean squares, float m) {
        float r0 = term(s, off, squares, m);
        float r1 = term(s, off + 4, squares, m);
        float r2 = term(s, off + 8, squares, m);
        float r3 = term(s, off + 12, squares, m);
        float r4 = term(s, off + 16, squares, m);
        float r5 = term(s, off + 20, squares, m);
        float r6 = term(s, off + 24, squares, m);
        float r7 = term(s, off + 28, squares, m);
        long end = off + 4L * (n - n % 8);
        long p = off + 32;
        for (; p < end; p += 32) {
            r0 += term(s, p, squares, m);
            r1 += term(s, p + 4, squares, m);
            r2 += term(s, p + 8, squares, m);
            r3 += term(s, p + 12, squares, m);
            r4 += term(s, p + 16, squares, m);
            r5 += term(s, p + 20, squares, m);
            r6 += term(s, p + 24, squares, m);
            r7 += term(s, p + 28, squares, m);
        }
        float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        for (long last = off + 4L * n; p < last; p += 4) {
            res += term(s, p, squares, m);
        }
        return res;
    }

    @Override
    public void minMax(MemorySegment s, long off, long n, float[] out) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (long p = off, end = off + 4 * n; p < end; p += 4) {
            float x = s.get(FLOAT, p);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        out[0] = min;
        out[1] = max;
    }

    @Override
    public long countOutside(MemorySegment s, long off, long n, float below, float above) {
        long count = 0;
        for (long p = off, end = off + 4 * n; p < end; p += 4) {
            float x = s.get(FLOAT, p);
            count += x <= below || x >= above ? 1 : 0;
        }
        return count;
    }
}
