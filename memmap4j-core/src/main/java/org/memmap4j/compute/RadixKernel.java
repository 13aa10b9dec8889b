package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;

/**
 * The hot loop of radix selection: classifies a contiguous run of native-order elements of one lane into a
 * {@link RadixPass}. {@link VectorRadixKernel} compares whole vectors against the pass's ranges (most elements of a
 * pass fall in gaps and are only counted); this scalar version is the fallback. Both produce the same counts and
 * the same collected keys, so results never depend on which ran.
 */
interface RadixKernel {

    /** The portable kernel. */
    RadixKernel SCALAR = new Scalar();

    /** The kernel in use: vectorized when the Vector API is available. */
    RadixKernel INSTANCE = Vectorization.load(RadixKernel.class, "org.memmap4j.compute.VectorRadixKernel", SCALAR);

    /**
     * Classifies {@code n} contiguous native-order elements at byte offset {@code off}, of a kind with 32- or
     * 64-bit keys (INT32, UINT32, FLOAT32, INT64, UINT64, FLOAT64).
     */
    void row(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, int lane, RadixPass.Acc acc);

    /**
     * Classifies contiguous native-order elements of a 32-bit-key kind (INT32, UINT32, FLOAT32) of interleaved
     * lanes: element {@code i} belongs to lane {@code lane0 + i}, and each of these lanes has exactly one range, with
     * key bounds {@code lo[lane]} and {@code hi[lane]}. Counts elements below and above into {@code under[lane]} and
     * {@code over[lane]}, NaN keys into {@code nans[lane]} (when counting NaN), and hands the elements inside to the
     * lane's accumulator in {@code accs} (created with {@link RadixPass#newAcc} when missing).
     *
     * @return how many of the first elements were handled; the caller classifies the rest one by one
     */
    default long across32(MemorySegment seg, long off, long n, DType.Kind kind, int lane0, int[] lo, int[] hi,
                          int[] under, int[] over, int[] nans, RadixPass p, RadixPass.Acc[] accs) {
        return 0;
    }

    /** The portable kernel: one element at a time. */
    final class Scalar implements RadixKernel {

        static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
        static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

        @Override
        public void row(MemorySegment seg, long off, long n, DType.Kind kind, RadixPass p, int lane,
                        RadixPass.Acc acc) {
            switch (kind) {
                case FLOAT32 -> {
                    for (long i = 0; i < n; i++) {
                        p.add(lane, acc, RadixKeys.float32(seg.get(INT, off + 4 * i)));
                    }
                }
                case INT32 -> {
                    for (long i = 0; i < n; i++) {
                        p.add(lane, acc, seg.get(INT, off + 4 * i));
                    }
                }
                case UINT32 -> {
                    for (long i = 0; i < n; i++) {
                        p.add(lane, acc, seg.get(INT, off + 4 * i) ^ Integer.MIN_VALUE);
                    }
                }
                case FLOAT64 -> {
                    for (long i = 0; i < n; i++) {
                        p.add(lane, acc, RadixKeys.float64(seg.get(LONG, off + 8 * i)));
                    }
                }
                case INT64 -> {
                    for (long i = 0; i < n; i++) {
                        p.add(lane, acc, seg.get(LONG, off + 8 * i));
                    }
                }
                case UINT64 -> {
                    for (long i = 0; i < n; i++) {
                        p.add(lane, acc, seg.get(LONG, off + 8 * i) ^ Long.MIN_VALUE);
                    }
                }
                default -> throw new IllegalArgumentException("no contiguous kernel for " + kind);
            }
        }
    }
}
