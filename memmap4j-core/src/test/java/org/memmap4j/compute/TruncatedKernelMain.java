package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.memmap4j.DType;
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.testing.TruncatedMapping;

/** The core's vectorised kernels for {@link TruncatedKernelTest}; arguments: a directory [, one kernel]. */
public final class TruncatedKernelMain {

    public static void main(String[] args) throws Exception {
        ReduceKernels reduce = new VectorReduceKernels();
        MaskKernels mask = new VectorMaskKernels();
        RadixKernel radix = new VectorRadixKernel();
        int n = (int) (TruncatedMapping.BYTES / 4);
        int leaves = n / ReduceKernels.LEAF;
        double[] out = new double[leaves];
        Map<String, Consumer<MemorySegment>> kernels = new LinkedHashMap<>();
        kernels.put("sum", s -> reduce.sumLeaves(s, 0, leaves, false, false, out));
        kernels.put("var", s -> reduce.shiftLeaf(s, 0, ReduceKernels.VAR_LEAF, true, false, 0, new double[16],
                new double[16]));
        kernels.put("max", s -> reduce.extreme(s, 0, n, false, true, false));
        kernels.put("argmax", s -> reduce.arg(s, 0, n, false, true, false));
        kernels.put("masked sum", s -> mask.sumF32(s, 0, n, Op.GT, 0.5f, new float[MaskKernels.F_LANES]));
        kernels.put("masked count", s -> mask.countF32(s, 0, n, Op.GT, 0.5f));
        kernels.put("masked max", s -> mask.extremeF32(s, 0, n, Op.GT, 0.5f, true));
        kernels.put("masked int count", s -> mask.countI32(s, 0, n, Op.GT, 5));
        kernels.put("masked int sum", s -> mask.sumInt(s, 0, n, Op.GT, 5, true));
        kernels.put("masked int max", s -> mask.extremeInt(s, 0, n / 2, Op.GT, 5, false, true));
        kernels.put("masked int mean", s -> {
            double[] lanes = new double[MaskKernels.D_LANES];
            for (long off = 0; off < TruncatedMapping.BYTES; off += 4096) {
                mask.sumI32AsF64(s, off, 1024, Op.GT, 5, lanes);
            }
        });
        kernels.put("masked int64 mean", s -> {
            double[] lanes = new double[MaskKernels.D_LANES];
            for (long off = 0; off < TruncatedMapping.BYTES; off += 8192) {
                mask.sumI64AsF64(s, off, 1024, Op.GT, 5, lanes);
            }
        });
        kernels.put("radix", s -> {
            RadixPass p = new RadixPass(new int[] {0, 1}, new long[] {-100}, new long[] {100},
                    new int[] {RadixPass.shiftFor(-100, 100, 8)}, false, 0);
            radix.row(s, 0, n, DType.Kind.INT32, p, 0, p.newAcc(0));
        });
        TruncatedMapping.run(Path.of(args[0]), args.length > 1 ? args[1] : null, kernels);
    }
}
