package org.memmap4j.cli.sensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} with the Vector API, loaded by name only when {@code jdk.incubator.vector} is present. NumPy's
 * eight accumulators are exactly the eight lanes of a 256-bit float vector, so a block's sum is computed in
 * NumPy's order lane by lane; the final combination pairs lanes with two swaps (float addition is commutative, so
 * {@code r1 + r0} is {@code r0 + r1}).
 */
final class VectorRowKernels implements RowKernels {

    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final VectorShuffle<Float> SWAP_1 = VectorShuffle.fromValues(F8, 1, 0, 3, 2, 5, 4, 7, 6);
    private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromValues(F8, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final ScalarRowKernels SCALAR = new ScalarRowKernels();

    VectorRowKernels() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
            // 256-bit species would be emulated: the scalar loops are faster there (and give the same results).
            throw new UnsupportedOperationException("vectors narrower than 256 bits");
        }
    }

    private static FloatVector term(MemorySegment s, long off, boolean squares, FloatVector m) {
        FloatVector x = FloatVector.fromMemorySegment(F8, s, off, NATIVE);
        if (squares) {
            FloatVector d = x.sub(m);
            return d.mul(d);
        }
        return x;
    }

    @Override
    public float block(MemorySegment s, long off, int n, boolean squares, float m) {
        FloatVector mv = FloatVector.broadcast(F8, m);
        FloatVector r = term(s, off, squares, mv);
        long end = off + 4L * (n - n % 8);
        long p = off + 32;
        for (; p < end; p += 32) {
            r = r.add(term(s, p, squares, mv));
        }
        markFaults(s, off);
        FloatVector pairs = r.add(r.rearrange(SWAP_1));
        FloatVector quads = pairs.add(pairs.rearrange(SWAP_2));
        float res = quads.lane(0) + quads.lane(4);
        for (long last = off + 4L * n; p < last; p += 4) {
            float x = s.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, p);
            if (squares) {
                float d = x - m;
                x = d * d;
            }
            res += x;
        }
        return res;
    }

    @Override
    public void minMax(MemorySegment s, long off, long n, float[] out) {
        long vectors = n / 8;
        if (vectors == 0) {
            SCALAR.minMax(s, off, n, out);
            return;
        }
        FloatVector min = FloatVector.fromMemorySegment(F8, s, off, NATIVE);
        FloatVector max = min;
        long end = off + 32 * vectors;
        for (long p = off + 32; p < end; p += 32) {
            FloatVector x = FloatVector.fromMemorySegment(F8, s, p, NATIVE);
            min = min.min(x);
            max = max.max(x);
        }
        markFaults(s, off);
        float lo = min.reduceLanes(VectorOperators.MIN);
        float hi = max.reduceLanes(VectorOperators.MAX);
        if (n > 8 * vectors) {
            SCALAR.minMax(s, end, n - 8 * vectors, out);
            lo = Math.min(lo, out[0]);
            hi = Math.max(hi, out[1]);
        }
        out[0] = lo;
        out[1] = hi;
    }

    @Override
    public long countOutside(MemorySegment s, long off, long n, float below, float above) {
        FloatVector lo = FloatVector.broadcast(F8, below);
        FloatVector hi = FloatVector.broadcast(F8, above);
        long count = 0;
        long vectors = n / 8;
        long end = off + 32 * vectors;
        for (long p = off; p < end; p += 32) {
            FloatVector x = FloatVector.fromMemorySegment(F8, s, p, NATIVE);
            count += x.compare(VectorOperators.LE, lo).or(x.compare(VectorOperators.GE, hi)).trueCount();
        }
        markFaults(s, off);
        return count + SCALAR.countOutside(s, end, n - 8 * vectors, below, above);
    }

    /**
     * Reads one byte the kernel read, so that C2 marks the compiled kernel as doing unsafe access: a fault (the file
     * truncated under the mapping) is then an {@link InternalError} instead of a JVM crash. The Vector API's loads do
     * not mark it; see the core's {@code org.memmap4j.compute.FaultGuard} for the whole story.
     */
    private static void markFaults(MemorySegment s, long off) {
        if (off >= 0 && off < s.byteSize()) {
            s.get(ValueLayout.JAVA_BYTE, off);
        }
    }
}
