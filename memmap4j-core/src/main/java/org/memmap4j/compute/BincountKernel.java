package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.memmap4j.DType;

/**
 * The loops of {@code np.bincount} over one run of a 1-d integer or bool array: elements at {@code off},
 * {@code off + stride}, ... in any byte order. Values are read as NumPy's cast to intp reads them: integers exactly,
 * uint64 as its two's-complement bits (so values from 2^63 up are negative, as in NumPy), bool as 0 or 1.
 *
 * <p>Counting reads the memory directly, one loop per element width and byte order: the JIT keeps the layouts
 * constant, and the loop is one load, one compare and one increment per element.
 */
final class BincountKernel {

    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private BincountKernel() {
    }

    /**
     * Adds one to {@code counts[v - lo]} for every value {@code v} in {@code [lo, lo + counts.length)}; values outside
     * are skipped (another window counts them). The caller keeps n below 2^31, so an int count cannot overflow. Narrow signed values are read as their unsigned bits: the callers
     * either have refused negative values already or look for them in the upper half of a full-range count.
     */
    static void count(MemorySegment s, long off, long stride, DType t, long n, long lo, int[] counts) {
        long w = counts.length;
        boolean swap = !t.isNativeOrder();
        switch (t.kind()) {
            case BOOL -> {
                for (long i = 0; i < n; i++, off += stride) {
                    long d = (s.get(I8, off) != 0 ? 1 : 0) - lo;
                    if (Long.compareUnsigned(d, w) < 0) {
                        counts[(int) d]++;
                    }
                }
            }
            case UINT8, INT8 -> {
                for (long i = 0; i < n; i++, off += stride) {
                    long d = (s.get(I8, off) & 0xFF) - lo;
                    if (Long.compareUnsigned(d, w) < 0) {
                        counts[(int) d]++;
                    }
                }
            }
            case UINT16, INT16 -> {
                if (swap) {
                    for (long i = 0; i < n; i++, off += stride) {
                        long d = (Short.reverseBytes(s.get(I16, off)) & 0xFFFF) - lo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            counts[(int) d]++;
                        }
                    }
                } else {
                    for (long i = 0; i < n; i++, off += stride) {
                        long d = (s.get(I16, off) & 0xFFFF) - lo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            counts[(int) d]++;
                        }
                    }
                }
            }
            case UINT32, INT32 -> {
                if (swap) {
                    for (long i = 0; i < n; i++, off += stride) {
                        long d = (Integer.reverseBytes(s.get(I32, off)) & 0xFFFF_FFFFL) - lo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            counts[(int) d]++;
                        }
                    }
                } else {
                    for (long i = 0; i < n; i++, off += stride) {
                        long d = (s.get(I32, off) & 0xFFFF_FFFFL) - lo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            counts[(int) d]++;
                        }
                    }
                }
            }
            case UINT64, INT64 -> {
                if (swap) {
                    for (long i = 0; i < n; i++, off += stride) {
                        long d = Long.reverseBytes(s.get(I64, off)) - lo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            counts[(int) d]++;
                        }
                    }
                } else {
                    for (long i = 0; i < n; i++, off += stride) {
                        long d = s.get(I64, off) - lo;
                        if (Long.compareUnsigned(d, w) < 0) {
                            counts[(int) d]++;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("bincount of " + t.kind().numpyName());
        }
    }

    /**
     * Reads {@code n} values as NumPy's intp: signed integers sign-extended, unsigned ones zero-extended, uint64 as
     * its bits, bool as 0 or 1; into {@code out[at]} onwards.
     */
    static void load(MemorySegment s, long off, long stride, DType t, int n, long[] out, int at) {
        boolean swap = !t.isNativeOrder();
        switch (t.kind()) {
            case BOOL -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(I8, off) != 0 ? 1 : 0;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(I8, off);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    out[at + i] = s.get(I8, off) & 0xFF;
                }
            }
            case INT16, UINT16 -> {
                int mask = t.kind() == DType.Kind.UINT16 ? 0xFFFF : -1;
                for (int i = 0; i < n; i++, off += stride) {
                    short v = s.get(I16, off);
                    out[at + i] = (swap ? Short.reverseBytes(v) : v) & mask;
                }
            }
            case INT32, UINT32 -> {
                long mask = t.kind() == DType.Kind.UINT32 ? 0xFFFF_FFFFL : -1L;
                for (int i = 0; i < n; i++, off += stride) {
                    int v = s.get(I32, off);
                    out[at + i] = (swap ? Integer.reverseBytes(v) : v) & mask;
                }
            }
            case INT64, UINT64 -> {
                for (int i = 0; i < n; i++, off += stride) {
                    long v = s.get(I64, off);
                    out[at + i] = swap ? Long.reverseBytes(v) : v;
                }
            }
            default -> throw new IllegalArgumentException("bincount of " + t.kind().numpyName());
        }
    }

    /**
     * Adds {@code weights[i]} to {@code sums[v[i] - lo]} for the values in the window, in element order: the float64
     * loop NumPy runs, one element after the other.
     */
    static void addWeights(long[] v, double[] weights, int n, long lo, double[] sums) {
        long w = sums.length;
        for (int i = 0; i < n; i++) {
            long d = v[i] - lo;
            if (Long.compareUnsigned(d, w) < 0) {
                sums[(int) d] += weights[i];
            }
        }
    }
}
