package org.memmap4j.compute;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.internal.Elements;
import org.memmap4j.internal.StridedLoop;

/**
 * An elementwise expression over arrays and scalars, evaluated lazily and fused: building
 * {@code Expr.of(d).multiply(9).divide(5).add(32)} computes nothing; evaluating it makes one pass over {@code d}
 * with no full-size temporaries.
 *
 * <p>Expressions are immutable. Their shape is the broadcast shape of their operands and their dtype follows
 * NumPy 2's promotion rules (NEP 50).
 */
public abstract class Expr {

    Expr() {
    }

    /**
     * Returns the expression that reads an array.
     *
     * @param array the array
     * @return the expression
     */
    public static Expr of(NDArray array) {
        return new ArrayExpr(Objects.requireNonNull(array, "array"));
    }

    /** {@return the dtype of the result} */
    public abstract DType dtype();

    /** {@return the shape of the result (a copy)} */
    public abstract long[] shape();

    /** {@return the number of elements of the result} */
    public long size() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    /**
     * Writes the result elements at C-order flat positions {@code [from, to)} into {@code out}, contiguously, in
     * {@link #dtype()} with native byte order. The contract kernels evaluate expressions through, block by block.
     */
    abstract void evaluate(long from, long to, MemorySegment out);

    /** An array, read as it is. */
    static final class ArrayExpr extends Expr {
        final NDArray array;

        ArrayExpr(NDArray array) {
            this.array = array;
        }

        @Override
        public DType dtype() {
            return array.dtype().toNative();
        }

        @Override
        public long[] shape() {
            return array.shape();
        }

        @Override
        void evaluate(long from, long to, MemorySegment out) {
            MemorySegment src = array.segment();
            DType in = array.dtype();
            DType outType = dtype();
            long size = outType.itemSize();
            long[] k = {0};
            // Logical (C) order: flat positions are the expression's, whatever the array's layout.
            new StridedLoop(array.shape(), new long[][] {array.strides()}, true).run(new long[] {array.segmentOffset()}, from, to,
                    (off, st, n) -> {
                        for (long i = 0, p = off[0]; i < n; i++, p += st[0]) {
                            Elements.cast(src, p, in, out, k[0]++ * size, outType);
                        }
                    });
        }
    }
}
