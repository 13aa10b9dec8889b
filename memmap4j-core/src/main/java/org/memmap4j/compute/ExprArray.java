package org.memmap4j.compute;

import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Promotion.Ty;
import org.memmap4j.exec.ArrayRef;

/**
 * An array operand. It holds an {@link ArrayRef}, so that expressions can travel with the tasks that evaluate them;
 * the array itself is kept (not serialized) only for checks made where the expression was built: overlap with an
 * output, and recognising the hot mask patterns.
 */
final class ExprArray extends Expr {

    final ArrayRef ref;
    final transient NDArray array;
    /** The array's dtype with its byte order, which copies (extract, compress) keep, as NumPy's do. */
    private final String descr;

    ExprArray(NDArray array) {
        super(Ty.strong(array.dtype().kind()), array.shape());
        this.array = array;
        this.ref = ArrayRef.of(array);
        this.descr = array.dtype().descr();
    }

    @Override
    ExprKernel compile(ExprContext c) {
        return new ExprLeafKernel(c.array(this), c.shape, c.block);
    }

    @Override
    void leaves(List<ExprArray> out) {
        for (ExprArray a : out) {
            if (a == this) {
                return;
            }
        }
        out.add(this);
    }

    @Override
    void evaluate(long from, long to, java.lang.foreign.MemorySegment out) {
        ExprProgram.evaluate(this, from, to, out);
    }

    /** The array's own dtype, byte order included. */
    DType arrayDtype() {
        return DType.of(descr);
    }

    @Override
    public String toString() {
        return "array(" + ty.kind().numpyName() + ", " + NDArrays.shapeString(shape) + ")";
    }
}
