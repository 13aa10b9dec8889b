package org.memmap4j.compute;

import java.util.IdentityHashMap;
import java.util.Map;
import org.memmap4j.NDArray;

/**
 * What compiling an expression for one task needs: the shape being evaluated (operands broadcast to it), the
 * block length of the kernels' buffers, and the arrays the expression's operands resolved to in this task.
 */
final class ExprContext {

    final long[] shape;
    final int block;
    private final Map<ExprArray, NDArray> arrays;

    ExprContext(long[] shape, int block, IdentityHashMap<ExprArray, NDArray> arrays) {
        this.shape = shape;
        this.block = block;
        this.arrays = arrays;
    }

    NDArray array(ExprArray leaf) {
        NDArray a = arrays.get(leaf);
        if (a == null) {
            throw new IllegalStateException("operand " + leaf + " was not resolved");
        }
        return a;
    }
}
