package org.memmap4j;

import org.memmap4j.internal.StridedLoop;
import org.memmap4j.internal.Elements;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy advanced indexing: integer-array and boolean-mask indices, for reading (an in-memory copy) and writing
 * (a scatter, last write wins for repeated positions).
 *
 * <p>The rules are NumPy's: boolean arrays become the integer arrays of their {@code nonzero()}; when any array is
 * present, integer scalars count as (0-d) arrays too; all index arrays broadcast to one shape B. The result has the
 * axes left by the basic items, with B in place of the advanced ones when those stand next to each other in the
 * index, or in front otherwise.
 *
 * <p>A lone boolean mask with the array's full shape ({@code a[a > 0.5]}) takes a streaming path that never builds
 * index arrays.
 */
final class AdvancedIndexing {

    /** Index arrays built here are native-order int64, C-contiguous. */
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private AdvancedIndexing() {
    }

    /** {@code a[items]} with at least one array item. */
    static NDArray get(NDArray a, Index[] items) {
        NDArray mask = fullMask(a, items);
        if (mask != null) {
            return maskedGet(a, mask);
        }
        Plan p = plan(a, items);
        NDArray out = NDArrays.empty(a.dtype, p.resultShape);
        p.forEachBlock(out, (viewBlock, outBlock) -> Copy.cast(viewBlock, outBlock));
        return out;
    }

    /** {@code a[items] = value} with at least one array item. */
    static void set(NDArray a, Index[] items, NDArray value) {
        NDArray mask = fullMask(a, items);
        if (value.mayShareMemory(a)) {
            value = value.copy();
        }
        if (mask != null) {
            maskedSet(a, mask, value);
            return;
        }
        Plan p = plan(a, items);
        long[] vst = value.valueStrides(p.resultShape);
        if (vst == null) {
            throw new IllegalArgumentException("shape mismatch: value array of shape " + NDArrays.shapeString(value.shape)
                    + " could not be broadcast to indexing result of shape " + NDArrays.shapeString(p.resultShape));
        }
        NDArray v = new NDArray(value.storage, value.dtype, p.resultShape.clone(), vst, value.offset, false);
        p.forEachBlock(v, (viewBlock, valueBlock) -> Copy.cast(valueBlock, viewBlock));
    }

    // ---- the streaming full-shape mask --------------------------------------------------------------------------

    private static NDArray fullMask(NDArray a, Index[] items) {
        Index[] full = NDArray.expandEllipsis(items, a.ndim());
        NDArray mask = null;
        for (Index it : full) {
            if (it instanceof Index.Array arr && arr.array().dtype().kind().isBool() && mask == null) {
                mask = arr.array();
            } else if (!(it instanceof Index.Slice s && s.start() == null && s.stop() == null && s.step() == 1)) {
                return null;
            }
        }
        if (mask == null || mask.ndim() != a.ndim() || mask.ndim() == 0) {
            return null;
        }
        checkMaskShape(a, mask, 0);
        return mask;
    }

    private static void checkMaskShape(NDArray a, NDArray mask, int firstAxis) {
        for (int i = 0; i < mask.ndim(); i++) {
            if (mask.shape[i] != a.shape[firstAxis + i]) {
                throw new IndexOutOfBoundsException("boolean index did not match indexed array along axis " + (firstAxis + i)
                        + "; size of axis is " + a.shape[firstAxis + i] + " but size of corresponding boolean axis is " + mask.shape[i]);
            }
        }
    }

    private static NDArray maskedGet(NDArray a, NDArray mask) {
        long count = countTrue(mask);
        NDArray out = NDArrays.empty(a.dtype, count);
        MemorySegment src = a.rawSegment();
        MemorySegment dst = out.rawSegment();
        MemorySegment m = mask.rawSegment();
        int size = a.itemsize();
        long[] k = {0};
        new StridedLoop(a.shape, new long[][] {a.strides, mask.strides}, true).run(new long[] {a.offset, mask.offset}, (off, st, n) -> {
            for (long i = 0, x = off[0], y = off[1]; i < n; i++, x += st[0], y += st[1]) {
                if (m.get(ValueLayout.JAVA_BYTE, y) != 0) {
                    MemorySegment.copy(src, x, dst, k[0]++ * size, size);
                }
            }
        });
        return out;
    }

    private static void maskedSet(NDArray a, NDArray mask, NDArray value) {
        long count = countTrue(mask);
        if (value.ndim() > 1) {
            throw new IllegalArgumentException("NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, "
                    + "input has " + value.ndim() + " dimensions");
        }
        if (value.ndim() == 1 && value.shape[0] != count && value.shape[0] != 1) {
            throw new IllegalArgumentException("NumPy boolean array indexing assignment cannot assign " + value.size()
                    + " input values to the " + count + " output values where the mask is true");
        }
        boolean scalar = value.size() == 1;
        MemorySegment dst = a.rawSegment();
        MemorySegment src = value.rawSegment();
        MemorySegment m = mask.rawSegment();
        long vstride = value.ndim() == 1 ? value.strides[0] : 0;
        long[] k = {0};
        new StridedLoop(a.shape, new long[][] {a.strides, mask.strides}, true).run(new long[] {a.offset, mask.offset}, (off, st, n) -> {
            for (long i = 0, x = off[0], y = off[1]; i < n; i++, x += st[0], y += st[1]) {
                if (m.get(ValueLayout.JAVA_BYTE, y) != 0) {
                    long vo = value.offset + (scalar ? 0 : k[0]++ * vstride);
                    Elements.cast(src, vo, value.dtype, dst, x, a.dtype);
                }
            }
        });
    }

    private static long countTrue(NDArray mask) {
        MemorySegment m = mask.rawSegment();
        long[] c = {0};
        new StridedLoop(mask.shape, new long[][] {mask.strides}, false).run(new long[] {mask.offset}, (off, st, n) -> {
            for (long i = 0, y = off[0]; i < n; i++, y += st[0]) {
                if (m.get(ValueLayout.JAVA_BYTE, y) != 0) {
                    c[0]++;
                }
            }
        });
        return c[0];
    }

    // ---- the general case ----------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface BlockOp {
        void apply(NDArray viewBlock, NDArray otherBlock);
    }

    /**
     * A resolved advanced index: the basic view (advanced axes kept whole), the view axes the index arrays select,
     * the broadcast index arrays (int64, bounds-checked, non-negative) and where B goes in the result.
     */
    private record Plan(NDArray view, int[] advAxes, NDArray[] idx, long[] bshape, int[] remAxes, int bpos, long[] resultShape) {

        /**
         * Calls op once per position b of B with the view's block at b (the remaining axes) and the matching block
         * of {@code other}, an array of the result's shape.
         */
        void forEachBlock(NDArray other, BlockOp op) {
            long[] remShape = new long[remAxes.length];
            long[] remStrides = new long[remAxes.length];
            for (int i = 0; i < remAxes.length; i++) {
                remShape[i] = view.shape[remAxes[i]];
                remStrides[i] = view.strides[remAxes[i]];
            }
            long[] otherRemStrides = new long[remAxes.length];
            for (int i = 0; i < remAxes.length; i++) {
                otherRemStrides[i] = other.strides[i < bpos ? i : i + bshape.length];
            }
            long nb = NDArray.sizeOf(bshape);
            long[] bi = new long[bshape.length];
            MemorySegment[] idxSeg = new MemorySegment[idx.length];
            for (int k = 0; k < idx.length; k++) {
                idxSeg[k] = idx[k].rawSegment();
            }
            for (long flat = 0; flat < nb; flat++) {
                long vo = view.offset;
                for (int k = 0; k < idx.length; k++) {
                    long pos = idxSeg[k].getAtIndex(LONG, flat);
                    vo += pos * view.strides[advAxes[k]];
                }
                long oo = other.offset;
                for (int j = 0; j < bshape.length; j++) {
                    oo += bi[j] * other.strides[bpos + j];
                }
                op.apply(new NDArray(view.storage, view.dtype, remShape, remStrides, vo, view.writable),
                        new NDArray(other.storage, other.dtype, remShape, otherRemStrides, oo, other.writable));
                for (int j = bshape.length - 1; j >= 0; j--) {
                    if (++bi[j] < bshape[j]) {
                        break;
                    }
                    bi[j] = 0;
                }
            }
        }
    }

    private static Plan plan(NDArray a, Index[] items) {
        Index[] full = NDArray.expandEllipsis(items, a.ndim());
        List<Index> basic = new ArrayList<>();
        List<NDArray> arrays = new ArrayList<>();
        List<Integer> advAxes = new ArrayList<>();
        List<Integer> arrayAxes = new ArrayList<>();   // the axis of a each index array selects on, for messages
        List<Integer> itemPos = new ArrayList<>();
        int axis = 0;       // axis of a
        int viewAxis = 0;   // axis of the basic view
        for (int p = 0; p < full.length; p++) {
            Index it = full[p];
            switch (it) {
                case Index.Array arr when arr.array().dtype().kind().isBool() -> {
                    NDArray mask = arr.array();
                    if (mask.ndim() == 0) {
                        throw new IllegalArgumentException("0-d boolean indices are not supported");
                    }
                    checkMaskShape(a, mask, axis);
                    for (NDArray nz : nonzero(mask)) {
                        arrays.add(nz);
                        advAxes.add(viewAxis++);
                        arrayAxes.add(axis);
                        itemPos.add(p);
                        basic.add(Index.all());
                        axis++;
                    }
                }
                case Index.Array arr -> {
                    arrays.add(arr.array());
                    advAxes.add(viewAxis++);
                    arrayAxes.add(axis);
                    itemPos.add(p);
                    basic.add(Index.all());
                    axis++;
                }
                case Index.At at -> {
                    // With arrays present, an integer is a 0-d index array.
                    arrays.add(NDArrays.scalar(DType.INT64, s -> s.set(LONG, 0, at.index())));
                    advAxes.add(viewAxis++);
                    arrayAxes.add(axis);
                    itemPos.add(p);
                    basic.add(Index.all());
                    axis++;
                }
                case Index.Slice s -> {
                    basic.add(s);
                    viewAxis++;
                    axis++;
                }
                case Index.NewAxis n -> {
                    basic.add(n);
                    viewAxis++;
                }
                case Index.Ellipsis e -> throw new AssertionError("ellipsis was expanded");
            }
        }
        NDArray view = a.basic(basic.toArray(Index[]::new));
        long[][] shapes = new long[arrays.size()][];
        for (int k = 0; k < shapes.length; k++) {
            shapes[k] = arrays.get(k).shape;
        }
        long[] bshape;
        try {
            bshape = NDArrays.broadcastShapes(shapes);
        } catch (IllegalArgumentException e) {
            StringBuilder sb = new StringBuilder();
            for (long[] s : shapes) {
                sb.append(sb.isEmpty() ? "" : " ").append(NDArrays.shapeString(s));
            }
            throw new IndexOutOfBoundsException("shape mismatch: indexing arrays could not be broadcast together with shapes " + sb);
        }
        int[] adv = advAxes.stream().mapToInt(Integer::intValue).toArray();
        NDArray[] idx = new NDArray[arrays.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = normalized(arrays.get(k).broadcastTo(bshape), view.shape[adv[k]], arrayAxes.get(k));
        }
        boolean adjacent = true;
        for (int k = 1; k < itemPos.size(); k++) {
            int prev = itemPos.get(k - 1);
            int cur = itemPos.get(k);
            adjacent &= cur == prev || cur == prev + 1;
        }
        List<Integer> rem = new ArrayList<>();
        for (int i = 0; i < view.ndim(); i++) {
            if (Arrays.binarySearch(adv, i) < 0) {
                rem.add(i);
            }
        }
        int bpos = 0;
        if (adjacent) {
            for (int r : rem) {
                if (r < adv[0]) {
                    bpos++;
                }
            }
        }
        int[] remAxes = rem.stream().mapToInt(Integer::intValue).toArray();
        long[] result = new long[remAxes.length + bshape.length];
        for (int i = 0, r = 0; i < result.length; i++) {
            if (i >= bpos && i < bpos + bshape.length) {
                result[i] = bshape[i - bpos];
            } else {
                result[i] = view.shape[remAxes[r++]];
            }
        }
        return new Plan(view, adv, idx, bshape, remAxes, bpos, result);
    }

    /** Copies index positions into a C-ordered int64 array, with negative positions resolved and bounds checked. */
    private static NDArray normalized(NDArray positions, long length, int axis) {
        NDArray out = NDArrays.empty(DType.INT64, positions.shape);
        MemorySegment o = out.rawSegment();
        for (long k = 0; k < positions.size; k++) {
            long v = Elements.getLong(positions.rawSegment(), positions.flatOffset(k), positions.dtype);
            if (positions.dtype.kind() == DType.Kind.UINT64 && v < 0) {
                throw new IndexOutOfBoundsException("index " + Long.toUnsignedString(v) + " is out of bounds for axis " + axis + " with size " + length);
            }
            long p = v < 0 ? v + length : v;
            if (p < 0 || p >= length) {
                throw new IndexOutOfBoundsException("index " + v + " is out of bounds for axis " + axis + " with size " + length);
            }
            o.setAtIndex(LONG, k, p);
        }
        return out;
    }

    /** The positions of true elements, one int64 array per mask axis, in C order (NumPy's nonzero). */
    private static NDArray[] nonzero(NDArray mask) {
        long count = countTrue(mask);
        int nd = mask.ndim();
        NDArray[] out = new NDArray[nd];
        for (int k = 0; k < nd; k++) {
            out[k] = NDArrays.empty(DType.INT64, count);
        }
        long[] idx = new long[nd];
        long j = 0;
        MemorySegment m = mask.rawSegment();
        for (long flat = 0; flat < mask.size; flat++) {
            if (m.get(ValueLayout.JAVA_BYTE, mask.flatOffset(flat)) != 0) {
                for (int k = 0; k < nd; k++) {
                    out[k].rawSegment().setAtIndex(LONG, j, idx[k]);
                }
                j++;
            }
            for (int k = nd - 1; k >= 0; k--) {
                if (++idx[k] < mask.shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }
}
