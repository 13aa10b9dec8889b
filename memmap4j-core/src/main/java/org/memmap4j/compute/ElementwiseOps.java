package org.memmap4j.compute;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.Job;
import org.memmap4j.format.AtomicFile;
import org.memmap4j.format.Npy;

/**
 * Evaluation of expressions into arrays: a new one in memory, an existing one ({@code out=}), or a new file. One
 * job over the output's elements; each chunk streams its positions through the compiled expression, so nothing
 * full-size is allocated except the output itself.
 */
final class ElementwiseOps {

    private ElementwiseOps() {
    }

    static NDArray eval(Compute c, Expr e) {
        NDArray out = NDArrays.empty(e.dtype(), e.shape);
        run(c, e, out);
        return out;
    }

    static NDArray evalInto(Compute c, Expr e, NDArray out) {
        if (!out.isWritable()) {
            throw new IllegalArgumentException("output array is read-only");
        }
        long[] target = out.shape();
        long[] b;
        try {
            b = NDArrays.broadcastShapes(e.shape, target);
        } catch (IllegalArgumentException ex) {
            b = null;
        }
        if (b == null || !Arrays.equals(b, target)) {
            throw new IllegalArgumentException("non-broadcastable output operand with shape " + NDArrays.shapeString(target)
                    + " doesn't match the broadcast shape " + NDArrays.shapeString(b == null ? e.shape : b));
        }
        if (!Promotion.canCastSameKind(e.ty.kind(), out.dtype().kind())) {
            throw new IllegalArgumentException("Cannot cast ufunc output from dtype('" + e.dtype() + "') to dtype('"
                    + out.dtype().kind().numpyName() + "') with casting rule 'same_kind'");
        }
        if (overlapsUnsafely(e, out)) {
            // As NumPy: an operand overlapping the output in another layout is copied first.
            NDArray tmp = eval(c, e);
            run(c, Expr.of(tmp), out);
            tmp.close();
        } else {
            run(c, e, out);
        }
        return out;
    }

    /**
     * True if some operand shares memory with out but is not read at exactly the positions written: then a block
     * could read elements that an earlier block already overwrote. The same view (out as an operand) is safe,
     * because each block reads all its inputs before writing.
     */
    private static boolean overlapsUnsafely(Expr e, NDArray out) {
        for (ExprArray leaf : ExprProgram.leaves(e)) {
            NDArray a = leaf.array;
            if (a != null && a.mayShareMemory(out) && !sameElements(a, out)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameElements(NDArray a, NDArray out) {
        if (a.itemsize() != out.itemsize()) {
            return false;
        }
        NDArray v = a.broadcastTo(out.shape());
        long[] sv = v.strides();
        long[] so = out.strides();
        long[] shape = out.shape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1 && sv[i] != so[i]) {
                return false;
            }
        }
        return v.segment().address() + v.segmentOffset() == out.segment().address() + out.segmentOffset();
    }

    /** Evaluates e broadcast to out's shape into out, casting unsafely (the caller checked the casting rule). */
    static void run(Compute c, Expr e, NDArray out) {
        long n = out.size();
        if (n == 0) {
            return;
        }
        List<ExprArray> leaves = ExprProgram.leaves(e);
        ArrayRef outRef = ArrayRef.of(out);
        long unitBytes = out.itemsize();
        for (ExprArray leaf : leaves) {
            unitBytes += leaf.ty.kind().itemSize();
        }
        Job<Void> job = new Job<Void>("eval " + e, n, unitBytes, ExprProgram.BLOCK, (from, to) ->
                outRef.apply(o -> ExprProgram.withArrays(leaves, arrays -> {
                    ExprProgram.evaluateInto(e, o, arrays, from, to);
                    return null;
                }))).scanning(scanned(leaves));
        c.executor.map(job, c.progress);
    }

    /**
     * Evaluates e into the C-ordered native elements of a file starting at dataOffset, with positional writes
     * (see {@link ExprProgram#evaluateToChannel}). Tasks carry the path, so they can run in another JVM that sees
     * the same file system.
     */
    static void runToFile(Compute c, Expr e, Path file, long dataOffset) {
        long n = e.size();
        if (n == 0) {
            return;
        }
        List<ExprArray> leaves = ExprProgram.leaves(e);
        String path = file.toAbsolutePath().toString();
        long unitBytes = e.dtype().itemSize();
        for (ExprArray leaf : leaves) {
            unitBytes += leaf.ty.kind().itemSize();
        }
        Job<Void> job = new Job<Void>("eval " + e + " to " + file.getFileName(), n, unitBytes, ExprProgram.BLOCK, (from, to) ->
                ExprProgram.withArrays(leaves, arrays -> {
                    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE)) {
                        ExprProgram.evaluateToChannel(e, arrays, from, to, ch, dataOffset);
                    }
                    return null;
                })).scanning(scanned(leaves));
        c.executor.map(job, c.progress);
    }

    /** The arrays an expression reads, which the executor may advise as read sequentially. */
    static NDArray[] scanned(List<ExprArray> leaves) {
        return leaves.stream().map(l -> l.array).filter(java.util.Objects::nonNull).toArray(NDArray[]::new);
    }

    static NDArray evalToNpy(Compute c, Expr e, Path file, boolean overwrite) throws IOException {
        DType t = e.dtype();
        AtomicFile.write(file, overwrite, c.durable, tmp -> {
            long dataOffset;
            try (NDArray o = Npy.create(tmp, t, Order.C, true, e.shape)) {
                dataOffset = o.fileOffset().orElseThrow();
            }
            runToFile(c, e, tmp, dataOffset);
        });
        return Npy.open(file, Mode.READ_WRITE);
    }

    static NDArray evalToRaw(Compute c, Expr e, Path file, boolean overwrite) throws IOException {
        DType t = e.dtype();
        AtomicFile.write(file, overwrite, c.durable, tmp -> runToFile(c, e, tmp, 0));
        if (e.size() == 0) {
            return NDArrays.empty(t, e.shape);
        }
        return MemMap.builder(file).dtype(t).mode(Mode.READ_WRITE).shape(e.shape).open();
    }
}
