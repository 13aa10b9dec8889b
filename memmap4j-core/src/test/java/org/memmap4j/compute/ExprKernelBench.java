package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.format.Npy;

/** Single-thread timing of the mask kernels over the first elements of a float32 .npy file (not a test). */
public final class ExprKernelBench {

    private ExprKernelBench() {
    }

    public static void main(String[] args) throws Exception {
        try (NDArray a = Npy.open(Path.of(args[0]), Mode.READ_ONLY)) {
            MemorySegment s = a.segment();
            long n = Math.min(a.size(), Long.parseLong(args.length > 1 ? args[1] : "100000000"));
            for (MaskKernels k : new MaskKernels[] {new MaskKernels.Scalar(), MaskKernels.INSTANCE}) {
                for (int r = 0; r < 5; r++) {
                    long t = System.nanoTime();
                    long cnt = k.countF32(s, 0, n, Op.GT, 0.5f);
                    long t1 = System.nanoTime();
                    float[] lanes = new float[32];
                    double tot = 0;
                    for (long p = 0; p < n; p += 1024) {
                        java.util.Arrays.fill(lanes, 0);
                        k.sumF32(s, p * 4, (int) Math.min(1024, n - p), Op.GT, 0.5f, lanes);
                        for (float x : lanes) {
                            tot += x;
                        }
                    }
                    long t2 = System.nanoTime();
                    System.out.printf("%s count %d %.1f GB/s   sum %.1f %.1f GB/s%n", k.getClass().getSimpleName(), cnt,
                            n * 4 / ((t1 - t) / 1e9) / 1e9, tot, n * 4 / ((t2 - t1) / 1e9) / 1e9);
                }
            }
        }
    }
}
