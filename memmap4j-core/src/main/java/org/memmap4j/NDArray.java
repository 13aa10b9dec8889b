package org.memmap4j;

import org.memmap4j.internal.StridedLoop;
import org.memmap4j.internal.Elements;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An N-dimensional strided view of elements in a memory-mapped file or in off-heap memory: Java's
 * {@code numpy.memmap} / {@code numpy.ndarray}.
 *
 * <p>An array is a dtype, a shape, byte strides and a start offset over a {@link MemorySegment}. Slicing,
 * transposing and reshaping (when the layout allows) create new views of the same memory, so writes through any
 * view reach the file. Shapes, strides and indices are {@code long}: arrays may exceed 2 GB and 2<sup>31</sup>
 * elements. Negative indices count from the end, as in NumPy.
 *
 * <p><b>Lifetime.</b> {@link #close()} unmaps the file now, for this array and every view of it. Any later access
 * throws {@link IllegalStateException} with a clear message: never a JVM crash. {@code close()} waits for a native
 * call or I/O in flight on the memory. If another process truncates a mapped file, an access past its new end also
 * throws {@link IllegalStateException}, naming the file, where NumPy's process dies of SIGBUS. Arrays and views may
 * be read and written from many threads; as with NumPy, concurrent writes to the same elements are not ordered.
 *
 * <p><b>Conversions.</b> Element getters convert like NumPy's casts ({@code getLong} on a float array truncates).
 * Scalar setters follow NumPy's scalar assignment, which refuses NaN into integers and out-of-range integers;
 * {@link #assign(NDArray)} follows array assignment (unsafe casting, like {@code a[...] = b}).
 *
 * <p>Instances are immutable views; the elements they show are not.
 */
public final class NDArray implements AutoCloseable {

    static final int MAX_DIMS = 64;

    final Storage storage;
    final MemorySegment seg;
    final DType dtype;
    final long[] shape;
    final long[] strides;
    final long offset;
    final long size;
    final boolean writable;

    NDArray(Storage storage, DType dtype, long[] shape, long[] strides, long offset, boolean writable) {
        if (shape.length > MAX_DIMS) {
            throw new IllegalArgumentException("maximum supported dimension for an ndarray is " + MAX_DIMS + ", found " + shape.length);
        }
        this.storage = storage;
        this.seg = storage.segment();
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.size = sizeOf(shape);
        this.writable = writable && storage.writable();
    }

    /** Creates a C- or F-contiguous array over storage starting at byte offset. */
    static NDArray contiguous(Storage storage, DType dtype, long[] shape, Order order, long offset) {
        return new NDArray(storage, dtype, shape.clone(), contiguousStrides(shape, dtype.itemSize(), order), offset, true);
    }

    static long[] contiguousStrides(long[] shape, long itemSize, Order order) {
        long[] st = new long[shape.length];
        long s = itemSize;
        if (order == Order.C) {
            for (int i = shape.length - 1; i >= 0; i--) {
                st[i] = s;
                s *= Math.max(shape[i], 1);
            }
        } else {
            for (int i = 0; i < shape.length; i++) {
                st[i] = s;
                s *= Math.max(shape[i], 1);
            }
        }
        return st;
    }

    static long sizeOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    // ---- metadata --------------------------------------------------------------------------------------------

    /** {@return the element type} */
    public DType dtype() {
        return dtype;
    }

    /** {@return a copy of the shape} */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the length of one axis.
     *
     * @param axis the axis; negative counts from the last
     * @return its length
     * @throws IllegalArgumentException if the axis does not exist
     */
    public long shape(int axis) {
        return shape[normalizeAxis(axis, shape.length)];
    }

    /** {@return a copy of the byte strides, one per axis (negative for reversed views, 0 for broadcast axes)} */
    public long[] strides() {
        return strides.clone();
    }

    /** {@return the number of dimensions} */
    public int ndim() {
        return shape.length;
    }

    /** {@return the number of elements} */
    public long size() {
        return size;
    }

    /** {@return the size of one element in bytes} */
    public int itemsize() {
        return dtype.itemSize();
    }

    /** {@return the number of bytes of the elements ({@code size * itemsize})} */
    public long nbytes() {
        return size * dtype.itemSize();
    }

    /**
     * Checks that the file this array maps still holds all the bytes mapped when it was opened. Another process may
     * truncate a mapped file; reading the lost pages would then fault. Element access turns such a fault into an
     * {@link IllegalStateException}, but the JVM cannot recover from it in every compiled loop (notably vectorised
     * ones), so {@link org.memmap4j.exec.ArrayRef#apply}, through which every kernel task reaches its arrays, calls
     * this before each chunk. Does nothing for arrays in memory or
     * closed arrays.
     *
     * @throws IllegalStateException if the file is shorter than the mapping, or cannot be examined; the message names
     *                               the file
     */
    public void checkFile() {
        storage.checkFile();
    }

    /** {@return the file this array maps, if it maps one} */
    public Optional<Path> file() {
        return Optional.ofNullable(storage.path());
    }

    /**
     * Returns the position in the file of the element at index (0, ..., 0), for arrays that map a file.
     *
     * @return the byte position, or empty for arrays in memory
     */
    public OptionalLong fileOffset() {
        return storage.path() == null ? OptionalLong.empty() : OptionalLong.of(storage.fileOffset() + offset);
    }

    /** {@return the mode the file was opened in; {@link Mode#READ_WRITE} for arrays in memory} */
    public Mode mode() {
        return storage.mode();
    }

    /** {@return true if elements may be written through this view} */
    public boolean isWritable() {
        return writable;
    }

    /** {@return true once {@link #close()} has been called on this array or any view sharing its memory} */
    public boolean isClosed() {
        return storage.isClosed();
    }

    /** {@return true if the elements are contiguous in C (row-major) order} */
    public boolean isCContiguous() {
        return isContiguous(Order.C);
    }

    /** {@return true if the elements are contiguous in Fortran (column-major) order} */
    public boolean isFContiguous() {
        return isContiguous(Order.F);
    }

    private boolean isContiguous(Order order) {
        if (size <= 1) {
            return true;
        }
        long[] expected = contiguousStrides(shape, dtype.itemSize(), order);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1 && strides[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns true if this array and {@code other} may share memory: both view the same storage and their byte
     * extents intersect (NumPy's {@code may_share_memory}).
     *
     * @param other another array
     * @return whether they may overlap
     */
    public boolean mayShareMemory(NDArray other) {
        if (other.storage != storage || size == 0 || other.size == 0) {
            return false;
        }
        long[] a = extent();
        long[] b = other.extent();
        return a[0] < b[1] && b[0] < a[1];
    }

    /** Byte range [lo, hi) of the storage that this view can touch. */
    long[] extent() {
        long lo = offset;
        long hi = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return new long[] {offset, offset};
            }
            long span = strides[i] * (shape[i] - 1);
            if (span < 0) {
                lo += span;
            } else {
                hi += span;
            }
        }
        return new long[] {lo, hi + dtype.itemSize()};
    }

    /**
     * Returns the memory of this view's elements: the slice of the mapped (or allocated) segment spanning them.
     * For a C-contiguous view it holds exactly the elements in C order. The segment is read-only when the view is,
     * and becomes inaccessible when the array is closed.
     *
     * @return the segment
     * @throws IllegalStateException if the array is closed
     */
    public MemorySegment segment() {
        checkOpen();
        long[] e = extent();
        // An empty view may start past the end of the memory (a[1] of shape (3, 0)); it owns no bytes anyway.
        MemorySegment s = size == 0 ? seg.asSlice(0, 0) : seg.asSlice(e[0], e[1] - e[0]);
        return writable ? s : s.asReadOnly();
    }

    /**
     * Returns the byte offset, within {@link #segment()}, of the element at index (0, ..., 0). With
     * {@link #strides()} it locates every element: {@code segmentOffset() + sum(index[k] * strides()[k])}.
     *
     * @return the offset (0 unless a stride is negative)
     */
    public long segmentOffset() {
        return offset - extent()[0];
    }

    // ---- element access ------------------------------------------------------------------------------------------

    /**
     * Returns the element at an index as a double (unsigned integers unsigned, complex as its real part, bool as
     * 0 or 1). With no index, returns the only element of a 0-d or one-element array ({@code a.item()}).
     *
     * @param index one position per axis; negative positions count from the end
     * @return the element
     * @throws IndexOutOfBoundsException if a position is out of bounds, or the number of positions is wrong
     * @throws IllegalStateException     if the array is closed
     */
    public double getDouble(long... index) {
        long off = byteOffset(index);
        try {
            return Elements.getDouble(seg, off, dtype);
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /**
     * Returns the element at an index as a long: integers exactly (uint64 as its two's-complement bits), bool as 0
     * or 1, floats truncated like {@code astype(int64)}.
     *
     * @param index one position per axis; negative positions count from the end
     * @return the element
     * @throws IndexOutOfBoundsException if a position is out of bounds, or the number of positions is wrong
     * @throws IllegalStateException     if the array is closed
     */
    public long getLong(long... index) {
        long off = byteOffset(index);
        try {
            return Elements.getLong(seg, off, dtype);
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /**
     * Returns the element at an index as a boolean: true when nonzero (NaN counts as nonzero).
     *
     * @param index one position per axis; negative positions count from the end
     * @return the element
     * @throws IndexOutOfBoundsException if a position is out of bounds, or the number of positions is wrong
     * @throws IllegalStateException     if the array is closed
     */
    public boolean getBoolean(long... index) {
        long off = byteOffset(index);
        try {
            return Elements.getBoolean(seg, off, dtype);
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /**
     * Returns the element at an index as {@code {real, imaginary}}; real dtypes give an imaginary part of 0.
     *
     * @param index one position per axis; negative positions count from the end
     * @return a new two-element array
     * @throws IndexOutOfBoundsException if a position is out of bounds, or the number of positions is wrong
     * @throws IllegalStateException     if the array is closed
     */
    public double[] getComplex(long... index) {
        long off = byteOffset(index);
        try {
            return new double[] {Elements.getDouble(seg, off, dtype), Elements.getImag(seg, off, dtype)};
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /**
     * Sets the element at an index, converting like NumPy's assignment of a Python float: into an integer dtype
     * the value is truncated toward zero and must then fit.
     *
     * @param value the value
     * @param index one position per axis; negative positions count from the end
     * @throws IndexOutOfBoundsException     if a position is out of bounds, or the number of positions is wrong
     * @throws IllegalArgumentException      if the value is NaN, infinite or out of range for an integer dtype
     * @throws UnsupportedOperationException if the array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public void setDouble(double value, long... index) {
        checkWritable();
        long off = byteOffset(index);
        try {
            Elements.checkedDouble(seg, off, dtype, value);
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /**
     * Sets the element at an index, converting like NumPy's assignment of a Python int: a value out of an integer
     * dtype's range is refused, as in NumPy 2.
     *
     * @param value the value
     * @param index one position per axis; negative positions count from the end
     * @throws IndexOutOfBoundsException     if a position is out of bounds, or the number of positions is wrong
     * @throws IllegalArgumentException      if the value is out of range for an integer dtype
     * @throws UnsupportedOperationException if the array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public void setLong(long value, long... index) {
        checkWritable();
        long off = byteOffset(index);
        try {
            Elements.checkedLong(seg, off, dtype, value);
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /**
     * Sets the element at an index to 1 or 0 (true or false).
     *
     * @param value the value
     * @param index one position per axis; negative positions count from the end
     * @throws IndexOutOfBoundsException     if a position is out of bounds, or the number of positions is wrong
     * @throws UnsupportedOperationException if the array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public void setBoolean(boolean value, long... index) {
        setLong(value ? 1 : 0, index);
    }

    /**
     * Sets the element at an index to a complex value; real dtypes receive the real part (NumPy's cast).
     *
     * @param re    the real part
     * @param im    the imaginary part
     * @param index one position per axis; negative positions count from the end
     * @throws IndexOutOfBoundsException     if a position is out of bounds, or the number of positions is wrong
     * @throws UnsupportedOperationException if the array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public void setComplex(double re, double im, long... index) {
        checkWritable();
        long off = byteOffset(index);
        try {
            Elements.castComplex(seg, off, dtype, re, im);
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    /** Sets the element at C-order flat position k with array-cast semantics (used by parsers and copies). */
    void setFlat(long k, long value) {
        Elements.castLong(seg, flatOffset(k), dtype, value);
    }

    /** Byte offset of the element at C-order flat position k. */
    long flatOffset(long k) {
        long off = offset;
        for (int i = shape.length - 1; i >= 0; i--) {
            long d = shape[i];
            off += (k % d) * strides[i];
            k /= d;
        }
        return off;
    }

    /** Byte offset of an element, checking bounds and normalising negative positions. */
    long byteOffset(long[] index) {
        if (index.length != shape.length) {
            if (index.length == 0 && size == 1) {
                return offset;
            }
            throw new IndexOutOfBoundsException(index.length == 0
                    ? "can only convert an array of size 1 to a scalar; this array has shape " + NDArrays.shapeString(shape)
                    : "expected " + shape.length + " indices for a " + shape.length + "-d array, got " + index.length);
        }
        long off = offset;
        for (int i = 0; i < index.length; i++) {
            long k = index[i];
            long d = shape[i];
            if (k < 0) {
                k += d;
            }
            if (k < 0 || k >= d) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for axis " + i + " with size " + d);
            }
            off += k * strides[i];
        }
        return off;
    }

    // ---- views -----------------------------------------------------------------------------------------------------

    /**
     * Returns {@code a[expression]}: a view for basic indexing (integers, slices, {@code ...}, {@code None}), or an
     * in-memory copy when the expression holds an integer or boolean list (advanced indexing), as in NumPy.
     *
     * @param expression NumPy index syntax, e.g. {@code "10:20, ::2, -5:, ..., None"} or {@code "[0, 3], :"}
     * @return the selection
     * @throws IllegalArgumentException  if the expression is malformed
     * @throws IndexOutOfBoundsException if an index is out of bounds or there are too many indices
     */
    public NDArray get(String expression) {
        return get(Index.parse(expression));
    }

    /**
     * Returns {@code a[items...]}: a view for basic indexing, or an in-memory copy when an item is an
     * {@link Index.Array} (advanced indexing).
     *
     * @param items the index items
     * @return the selection
     * @throws IndexOutOfBoundsException if an index is out of bounds or there are too many indices
     * @throws IllegalArgumentException  if the index is invalid (two ellipses, a mismatched mask, ...)
     */
    public NDArray get(Index... items) {
        checkOpen();
        for (Index it : items) {
            if (it instanceof Index.Array) {
                return AdvancedIndexing.get(this, items);
            }
        }
        return basic(items);
    }

    /** Basic indexing: always a view. */
    NDArray basic(Index[] items) {
        Index[] full = expandEllipsis(items, shape.length);
        List<Long> newShape = new ArrayList<>();
        List<Long> newStrides = new ArrayList<>();
        long off = offset;
        int axis = 0;
        for (Index it : full) {
            switch (it) {
                case Index.At at -> {
                    long d = shape[axis];
                    long k = at.index() < 0 ? at.index() + d : at.index();
                    if (k < 0 || k >= d) {
                        throw new IndexOutOfBoundsException("index " + at.index() + " is out of bounds for axis " + axis + " with size " + d);
                    }
                    off += k * strides[axis];
                    axis++;
                }
                case Index.Slice sl -> {
                    long[] r = sl.resolve(shape[axis]);
                    if (r[2] > 0) {
                        off += r[0] * strides[axis];
                    }
                    newShape.add(r[2]);
                    newStrides.add(strides[axis] * r[1]);
                    axis++;
                }
                case Index.NewAxis n -> {
                    newShape.add(1L);
                    newStrides.add(0L);
                }
                case Index.Ellipsis e -> throw new AssertionError("ellipsis was expanded");
                case Index.Array a -> throw new AssertionError("advanced index in basic indexing");
            }
        }
        return new NDArray(storage, dtype, toArray(newShape), toArray(newStrides), off, writable);
    }

    /**
     * Replaces a single {@code ...} by full slices (or appends them at the end) so that the items index every
     * axis; boolean arrays count as many axes as they have dimensions.
     */
    static Index[] expandEllipsis(Index[] items, int ndim) {
        int consumed = 0;
        int ellipsis = -1;
        for (int i = 0; i < items.length; i++) {
            switch (items[i]) {
                case Index.Ellipsis e -> {
                    if (ellipsis >= 0) {
                        throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
                    }
                    ellipsis = i;
                }
                case Index.NewAxis n -> { }
                case Index.Array a when a.array().dtype().kind().isBool() -> consumed += Math.max(1, a.array().ndim());
                default -> consumed++;
            }
        }
        if (consumed > ndim) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + ndim + "-dimensional, but "
                    + consumed + " were indexed");
        }
        List<Index> out = new ArrayList<>(items.length + ndim);
        for (int i = 0; i < items.length; i++) {
            if (i == ellipsis) {
                for (int k = 0; k < ndim - consumed; k++) {
                    out.add(Index.all());
                }
            } else {
                out.add(items[i]);
            }
        }
        if (ellipsis < 0) {
            for (int k = 0; k < ndim - consumed; k++) {
                out.add(Index.all());
            }
        }
        return out.toArray(Index[]::new);
    }

    /**
     * Returns a view with a new shape, in C order, like {@code a.reshape(shape)}. One dimension may be -1 (inferred).
     * When the layout does not allow a view (e.g. a transposed array flattened), the result is an in-memory copy,
     * as in NumPy.
     *
     * @param newShape the new shape
     * @return the reshaped array
     * @throws IllegalArgumentException if the sizes differ or more than one dimension is -1
     */
    public NDArray reshape(long... newShape) {
        return reshape(Order.C, newShape);
    }

    /**
     * Returns {@code a.reshape(shape, order=order)}: elements are read and placed in the given index order.
     *
     * @param order    C (last index fastest) or F (first index fastest)
     * @param newShape the new shape; one dimension may be -1
     * @return the reshaped array, a view when the layout allows it
     * @throws IllegalArgumentException if the sizes differ or more than one dimension is -1
     */
    public NDArray reshape(Order order, long... newShape) {
        checkOpen();
        long[] target = inferShape(newShape, size);
        long[] st = Reshape.noCopyStrides(shape, strides, target, order, dtype.itemSize());
        if (st != null) {
            return new NDArray(storage, dtype, target, st, offset, writable);
        }
        NDArray copy = copy(order);
        return new NDArray(copy.storage, dtype, target, contiguousStrides(target, dtype.itemSize(), order), copy.offset, true);
    }

    static long[] inferShape(long[] newShape, long size) {
        long[] target = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("can only specify one unknown dimension");
                }
                unknown = i;
            } else if (target[i] < 0) {
                throw new IllegalArgumentException("negative dimensions not allowed: " + NDArrays.shapeString(newShape));
            } else {
                known = Math.multiplyExact(known, target[i]);
            }
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape " + NDArrays.shapeString(newShape));
            }
            target[unknown] = size / known;
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape " + NDArrays.shapeString(newShape));
        }
        return target;
    }

    /**
     * Returns a view with the axes permuted, like {@code a.transpose(axes)}; with no arguments the axes are
     * reversed ({@code a.T}).
     *
     * @param axes a permutation of {@code 0..ndim-1} (negative allowed), or nothing
     * @return the transposed view
     * @throws IllegalArgumentException if axes is not a permutation
     */
    public NDArray transpose(int... axes) {
        int nd = shape.length;
        int[] perm = new int[nd];
        if (axes.length == 0) {
            for (int i = 0; i < nd; i++) {
                perm[i] = nd - 1 - i;
            }
        } else {
            if (axes.length != nd) {
                throw new IllegalArgumentException("axes don't match array: got " + axes.length + " axes for a " + nd + "-d array");
            }
            boolean[] seen = new boolean[nd];
            for (int i = 0; i < nd; i++) {
                int a = normalizeAxis(axes[i], nd);
                if (seen[a]) {
                    throw new IllegalArgumentException("repeated axis in transpose: " + Arrays.toString(axes));
                }
                seen[a] = true;
                perm[i] = a;
            }
        }
        long[] sh = new long[nd];
        long[] st = new long[nd];
        for (int i = 0; i < nd; i++) {
            sh[i] = shape[perm[i]];
            st[i] = strides[perm[i]];
        }
        return new NDArray(storage, dtype, sh, st, offset, writable);
    }

    /** {@return the transposed view, {@code a.T}} */
    public NDArray T() {
        return transpose();
    }

    /**
     * Returns a view with two axes interchanged, like {@code a.swapaxes(a1, a2)}.
     *
     * @param axis1 first axis (negative allowed)
     * @param axis2 second axis (negative allowed)
     * @return the view
     * @throws IllegalArgumentException if an axis does not exist
     */
    public NDArray swapaxes(int axis1, int axis2) {
        int nd = shape.length;
        int[] perm = new int[nd];
        for (int i = 0; i < nd; i++) {
            perm[i] = i;
        }
        int a = normalizeAxis(axis1, nd);
        int b = normalizeAxis(axis2, nd);
        perm[a] = b;
        perm[b] = a;
        return transpose(perm);
    }

    /**
     * Returns a view without axes of length one, like {@code a.squeeze(axes)}; with no arguments, every such axis.
     *
     * @param axes the axes to remove (negative allowed), or nothing for all of length one
     * @return the view
     * @throws IllegalArgumentException if a named axis does not have length one, does not exist, or is named twice
     */
    public NDArray squeeze(int... axes) {
        boolean[] drop = new boolean[shape.length];
        if (axes.length == 0) {
            for (int i = 0; i < shape.length; i++) {
                drop[i] = shape[i] == 1;
            }
        } else {
            for (int ax : axes) {
                int a = normalizeAxis(ax, shape.length);
                if (shape[a] != 1) {
                    throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal to one (axis "
                            + ax + " has size " + shape[a] + ")");
                }
                if (drop[a]) {
                    throw new IllegalArgumentException("duplicate value in 'axis': " + Arrays.toString(axes));
                }
                drop[a] = true;
            }
        }
        List<Long> sh = new ArrayList<>();
        List<Long> st = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            if (!drop[i]) {
                sh.add(shape[i]);
                st.add(strides[i]);
            }
        }
        return new NDArray(storage, dtype, toArray(sh), toArray(st), offset, writable);
    }

    /**
     * Returns the elements as a 1-d array in C order, like {@code a.ravel()}: a view when this array is
     * C-contiguous, else an in-memory copy. As in NumPy, a strided array is copied even when a 1-d view would be
     * possible ({@code a[::2].ravel()} does not share memory with {@code a}); use {@code reshape(-1)} for a view
     * whenever the layout allows one.
     *
     * @return the flattened array
     */
    public NDArray ravel() {
        return isCContiguous() ? reshape(-1) : flatten();
    }

    /**
     * Returns a new in-memory 1-d copy of the elements in C order, like {@code a.flatten()}.
     *
     * @return the copy
     */
    public NDArray flatten() {
        return copy(Order.C).reshape(-1);
    }

    /**
     * Returns a read-only view broadcast to a shape, like {@code np.broadcast_to}: axes of length one (and missing
     * leading axes) repeat with stride 0.
     *
     * @param target the shape
     * @return the view
     * @throws IllegalArgumentException if the shapes are not compatible
     */
    public NDArray broadcastTo(long... target) {
        long[] st = broadcastStrides(target);
        if (st == null) {
            throw new IllegalArgumentException("operands could not be broadcast together with remapped shapes [original->remapped]: "
                    + NDArrays.shapeString(shape) + " and requested shape " + NDArrays.shapeString(target));
        }
        // Read-only even for the same shape, as np.broadcast_to: writes through it would be surprising aliases.
        return new NDArray(storage, dtype, target.clone(), st, offset, false);
    }

    /**
     * Strides of this array as the value of an assignment of the given shape, or null when incompatible: NumPy
     * broadcasts, and also drops leading axes of length one that the target lacks ({@code a[...] = b} assigns a
     * (1, 1, 3) value into shape (2, 3)).
     */
    long[] valueStrides(long[] target) {
        int drop = 0;
        while (shape.length - drop > target.length && shape[drop] == 1) {
            drop++;
        }
        if (drop == 0) {
            return broadcastStrides(target);
        }
        return new NDArray(storage, dtype, Arrays.copyOfRange(shape, drop, shape.length),
                Arrays.copyOfRange(strides, drop, strides.length), offset, false).broadcastStrides(target);
    }

    /** Strides of this array broadcast to target, or null when incompatible. */
    long[] broadcastStrides(long[] target) {
        int nd = target.length;
        if (shape.length > nd) {
            return null;
        }
        long[] st = new long[nd];
        for (int i = 0; i < nd; i++) {
            int j = i - (nd - shape.length);
            if (j < 0) {
                st[i] = 0;
            } else if (shape[j] == target[i]) {
                st[i] = strides[j];
            } else if (shape[j] == 1) {
                st[i] = 0;
            } else {
                return null;
            }
        }
        return st;
    }

    /**
     * Returns a view of this array's memory with any dtype, shape and strides, like
     * {@code np.lib.stride_tricks.as_strided}, but checked: every element must lie inside the memory this array's
     * storage holds (the whole mapping or allocation, not only this view).
     *
     * @param newType   the element type
     * @param byteShift bytes from this array's element (0, ..., 0) to the new view's, may be negative
     * @param newShape  the shape
     * @param newStrides byte strides, one per axis
     * @return the view, writable if this array is
     * @throws IllegalArgumentException  if the lengths differ or a dimension is negative
     * @throws IndexOutOfBoundsException if an element would lie outside the storage
     */
    public NDArray asStrided(DType newType, long byteShift, long[] newShape, long[] newStrides) {
        checkOpen();
        if (newShape.length != newStrides.length) {
            throw new IllegalArgumentException("shape and strides differ in length: " + newShape.length + " and " + newStrides.length);
        }
        NDArrays.checkedBytes(newType, newShape);
        NDArray v = new NDArray(storage, newType, newShape.clone(), newStrides.clone(), offset + byteShift, writable);
        long[] e = v.extent();
        if (v.size > 0 && (e[0] < 0 || e[1] > seg.byteSize())) {
            throw new IndexOutOfBoundsException("as_strided view spans bytes [" + e[0] + ", " + e[1] + ") outside the "
                    + seg.byteSize() + " bytes of " + storage.describe());
        }
        return v;
    }

    /**
     * Returns a view of the same bytes as another dtype of the same item size (e.g. {@code '<f4'} as {@code '>f4'}
     * or {@code int32} as {@code float32}), like {@code a.view(dtype)} for equal sizes.
     *
     * @param newType the dtype
     * @return the view
     * @throws IllegalArgumentException if the item sizes differ
     */
    public NDArray view(DType newType) {
        if (newType.itemSize() != dtype.itemSize()) {
            throw new IllegalArgumentException("view as " + newType + " needs the same item size as " + dtype
                    + " (" + dtype.itemSize() + " bytes)");
        }
        return new NDArray(storage, newType, shape, strides, offset, writable);
    }

    // ---- copies -------------------------------------------------------------------------------------------------

    /** {@return a new in-memory C-ordered copy, like {@code np.array(a)}} */
    public NDArray copy() {
        return copy(Order.C);
    }

    /**
     * Returns a new in-memory copy laid out in the given order.
     *
     * @param order C or F
     * @return the copy
     * @throws IllegalStateException if the array is closed
     */
    public NDArray copy(Order order) {
        return astype(dtype, order);
    }

    /**
     * Returns a new in-memory C-ordered copy converted to a dtype with NumPy's unsafe casting, like
     * {@code a.astype(dtype)}.
     *
     * @param newType the dtype
     * @return the copy
     */
    public NDArray astype(DType newType) {
        return astype(newType, Order.C);
    }

    /**
     * Returns a new in-memory copy converted to a dtype and laid out in an order.
     *
     * @param newType the dtype
     * @param order   C or F
     * @return the copy
     */
    public NDArray astype(DType newType, Order order) {
        checkOpen();
        NDArray out = NDArrays.empty(newType, order, shape);
        Copy.cast(this, out);
        return out;
    }

    // ---- raw bytes ----------------------------------------------------------------------------------------------

    /**
     * Writes the elements in C order as raw bytes in this array's dtype (with its byte order), like
     * {@code a.tofile(f)}. Contiguous arrays are written straight from the mapping; others through a small buffer,
     * so heap use does not grow with the array.
     *
     * @param out the channel to write to, at its current position
     * @throws IOException           if writing fails
     * @throws IllegalStateException if the array is closed
     */
    public void writeTo(WritableByteChannel out) throws IOException {
        checkOpen();
        try {
            if (isCContiguous()) {
                MemorySegment s = segment();
                for (long pos = 0; pos < s.byteSize(); pos += IO_CHUNK) {
                    writeFully(out, s.asSlice(pos, Math.min(IO_CHUNK, s.byteSize() - pos)).asByteBuffer());
                }
                return;
            }
            int size = dtype.itemSize();
            ByteBuffer buf = ByteBuffer.allocate(Math.max(size, (IO_BUFFER / size) * size));
            MemorySegment b = MemorySegment.ofBuffer(buf);
            IOException[] failure = {null};
            new StridedLoop(shape, new long[][] {strides}, true).run(new long[] {offset}, (off, st, n) -> {
                for (long i = 0, p = off[0]; i < n && failure[0] == null; i++, p += st[0]) {
                    MemorySegment.copy(seg, p, b, buf.position(), size);
                    buf.position(buf.position() + size);
                    if (!buf.hasRemaining()) {
                        try {
                            writeFully(out, buf.flip());
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                        buf.clear();
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            writeFully(out, buf.flip());
        } catch (IllegalStateException e) {
            throw translate(e);
        } catch (InternalError e) {
            throw fault(e, this);
        }
    }

    private static final long IO_CHUNK = 1L << 26;
    private static final int IO_BUFFER = 1 << 20;

    private static void writeFully(WritableByteChannel out, ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) {
            out.write(bb);
        }
    }

    // ---- assignment ---------------------------------------------------------------------------------------------

    /**
     * Assigns another array to every element, like {@code a[...] = src}: src is broadcast to this shape (extra
     * leading axes of length one are ignored, as in NumPy) and cast
     * with NumPy's unsafe casting. Overlapping memory is handled as NumPy does (as if src were copied first).
     *
     * @param src the values
     * @return this array
     * @throws IllegalArgumentException      if src cannot be broadcast to this shape
     * @throws UnsupportedOperationException if this array is read-only
     * @throws IllegalStateException         if either array is closed
     */
    public NDArray assign(NDArray src) {
        checkWritable();
        long[] st = src.valueStrides(shape);
        if (st == null) {
            throw new IllegalArgumentException("could not broadcast input array from shape " + NDArrays.shapeString(src.shape)
                    + " into shape " + NDArrays.shapeString(shape));
        }
        NDArray s = new NDArray(src.storage, src.dtype, shape, st, src.offset, false);
        if (s.mayShareMemory(this)) {
            s = s.copy();
        }
        Copy.cast(s, this);
        return this;
    }

    /**
     * Sets every element to a value with Python-float assignment rules, like {@code a[...] = 2.5}.
     *
     * @param value the value
     * @return this array
     * @throws IllegalArgumentException      if the value is NaN, infinite or out of range for an integer dtype
     * @throws UnsupportedOperationException if this array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public NDArray fill(double value) {
        checkWritable();
        Copy.fill(this, Copy.scalar(dtype, s -> Elements.checkedDouble(s, 0, dtype, value)));
        return this;
    }

    /**
     * Sets every element to a value with Python-int assignment rules, like {@code a[...] = 7}.
     *
     * @param value the value
     * @return this array
     * @throws IllegalArgumentException      if the value is out of range for an integer dtype
     * @throws UnsupportedOperationException if this array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public NDArray fill(long value) {
        checkWritable();
        Copy.fill(this, Copy.scalar(dtype, s -> Elements.checkedLong(s, 0, dtype, value)));
        return this;
    }

    /**
     * Sets every element to true (1) or false (0).
     *
     * @param value the value
     * @return this array
     * @throws UnsupportedOperationException if this array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public NDArray fill(boolean value) {
        return fill(value ? 1L : 0L);
    }

    /**
     * Sets every element to a complex value (real dtypes receive the real part).
     *
     * @param re the real part
     * @param im the imaginary part
     * @return this array
     * @throws UnsupportedOperationException if this array is read-only
     * @throws IllegalStateException         if the array is closed
     */
    public NDArray fillComplex(double re, double im) {
        checkWritable();
        Copy.fill(this, Copy.scalar(dtype, s -> Elements.castComplex(s, 0, dtype, re, im)));
        return this;
    }

    /**
     * {@code a[expression] = value}: assigns an array (broadcast, cast) to a basic or advanced selection.
     *
     * @param expression NumPy index syntax
     * @param value      the values
     * @throws IllegalArgumentException      if the expression is malformed or value cannot be broadcast
     * @throws IndexOutOfBoundsException     if an index is out of bounds
     * @throws UnsupportedOperationException if this array is read-only
     */
    public void set(String expression, NDArray value) {
        set(Index.parse(expression), value);
    }

    /**
     * {@code a[expression] = value} for a Python float.
     *
     * @param expression NumPy index syntax
     * @param value      the value
     * @throws IllegalArgumentException      if the expression is malformed, or the value does not fit the dtype
     * @throws IndexOutOfBoundsException     if an index is out of bounds
     * @throws UnsupportedOperationException if this array is read-only
     */
    public void set(String expression, double value) {
        set(Index.parse(expression), value);
    }

    /**
     * {@code a[expression] = value} for a Python int.
     *
     * @param expression NumPy index syntax
     * @param value      the value
     * @throws IllegalArgumentException      if the expression is malformed, or the value does not fit the dtype
     * @throws IndexOutOfBoundsException     if an index is out of bounds
     * @throws UnsupportedOperationException if this array is read-only
     */
    public void set(String expression, long value) {
        set(Index.parse(expression), value);
    }

    /**
     * {@code a[items] = value}: assigns an array (broadcast, cast) to a basic or advanced selection; with a boolean
     * mask this is {@code a[mask] = value}.
     *
     * @param items the index items
     * @param value the values
     * @throws IllegalArgumentException      if value cannot be broadcast to the selection
     * @throws IndexOutOfBoundsException     if an index is out of bounds
     * @throws UnsupportedOperationException if this array is read-only
     */
    public void set(Index[] items, NDArray value) {
        checkWritable();
        if (hasArrayIndex(items)) {
            AdvancedIndexing.set(this, items, value);
        } else {
            basic(items).assign(value);
        }
    }

    /**
     * {@code a[items] = value} for a Python float.
     *
     * @param items the index items
     * @param value the value
     * @throws IllegalArgumentException      if the value does not fit the dtype
     * @throws IndexOutOfBoundsException     if an index is out of bounds
     * @throws UnsupportedOperationException if this array is read-only
     */
    public void set(Index[] items, double value) {
        set(items, NDArrays.scalar(dtype, s -> Elements.checkedDouble(s, 0, dtype, value)));
    }

    /**
     * {@code a[items] = value} for a Python int.
     *
     * @param items the index items
     * @param value the value
     * @throws IllegalArgumentException      if the value does not fit the dtype
     * @throws IndexOutOfBoundsException     if an index is out of bounds
     * @throws UnsupportedOperationException if this array is read-only
     */
    public void set(Index[] items, long value) {
        set(items, NDArrays.scalar(dtype, s -> Elements.checkedLong(s, 0, dtype, value)));
    }

    private static boolean hasArrayIndex(Index[] items) {
        for (Index it : items) {
            if (it instanceof Index.Array) {
                return true;
            }
        }
        return false;
    }

    // ---- lifetime -----------------------------------------------------------------------------------------------

    /**
     * Tells the operating system how this array's elements are about to be accessed, so that it reads ahead, or
     * not, and keeps or drops their pages: {@code madvise} on the pages that hold them (for a strided view, every
     * page from its first element to its last). Advice never changes an element, and outlives this call: it holds
     * for those pages of the mapping until other advice replaces it or the array is closed. Views of the same
     * mapping share pages, so advice to one reaches the others' pages in the same range.
     *
     * <p>{@link Advice#WILLNEED} starts reading in the background and returns at once; {@link Advice#DONTNEED}
     * releases the pages (changes of r+ and w+ arrays still reach the file; the next access reads them again).
     *
     * <p>A no-op for arrays in memory and empty arrays, and {@link Advice#DONTNEED} is ignored for copy-on-write
     * arrays (mode c), whose private changes the kernel would discard. When the JVM has no native access (it runs
     * without {@code --enable-native-access}, or not on Linux), one warning is logged and {@code WILLNEED} reads the
     * pages before returning ({@link MemorySegment#load()}), {@code DONTNEED} releases them
     * ({@link MemorySegment#unload()}), and the other advice does nothing. The kernel's refusals of advice are
     * ignored.
     *
     * @param advice how the elements will be accessed
     * @throws IllegalStateException if the array is closed
     * @throws NullPointerException  if advice is null
     */
    public void advise(Advice advice) {
        java.util.Objects.requireNonNull(advice, "advice");
        checkOpen();
        if (size == 0) {
            return;
        }
        long[] e = extent();
        storage.advise(e[0], e[1], advice);
    }

    /**
     * Forces changes to the file, like {@code memmap.flush()}: on return, writes made before the call are on the
     * storage device. A no-op for modes r and c and for arrays in memory.
     *
     * @throws IllegalStateException if the array is closed
     */
    public void flush() {
        storage.flush();
    }

    /**
     * Unmaps the file now, for this array and every view of it; changes of r+ and w+ arrays stay in the page cache
     * and reach the file (call {@link #flush()} first to force them to the device). Idempotent. Any later access
     * through any view throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        storage.close();
    }

    // ---- object methods ----------------------------------------------------------------------------------------

    /** {@return NumPy's repr of the array, e.g. {@code memmap([1., 2.], dtype=float32)}, summarised with {@code ...} when large} */
    @Override
    public String toString() {
        if (isClosed()) {
            return storage.describe() + " (closed)";
        }
        return ArrayFormat.repr(this);
    }

    /**
     * Returns NumPy's {@code str(a)}, the form {@code print(a)} shows: {@code [1. 2. 3.]}, summarised with
     * {@code ...} when large. Only the printed elements are read.
     *
     * @return the text
     * @throws IllegalStateException if the array is closed
     */
    public String str() {
        checkOpen();
        return ArrayFormat.str(this);
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    void checkOpen() {
        if (storage.isClosed()) {
            throw storage.closedException();
        }
    }

    void checkWritable() {
        checkOpen();
        if (!writable) {
            throw storage.writable()
                    ? new UnsupportedOperationException("assignment destination is read-only: this view is broadcast "
                    + "(repeated elements); copy it first")
                    : storage.readOnlyException();
        }
    }

    /**
     * Maps the JVM's {@code InternalError} for a fault in a memory access (SIGBUS) to an
     * {@link IllegalStateException} that names the files of the arrays involved and says which fault it was: a file
     * now shorter than its mapping was truncated by another process; if every file still has its bytes, the storage
     * failed, most likely a write into a sparse (unreserved) region of a full file system. Any other InternalError is
     * rethrown as it is.
     */
    static RuntimeException fault(InternalError e, NDArray... arrays) {
        String m = e.getMessage();
        if (m == null || !m.contains("fault occurred")) {
            throw e;
        }
        StringBuilder files = new StringBuilder();
        for (NDArray a : arrays) {
            if (a != null && a.storage.path() != null) {
                files.append(files.isEmpty() ? "" : ", ").append(a.storage.describe());
                try {
                    a.storage.checkFile();
                } catch (IllegalStateException truncated) {
                    return new IllegalStateException(truncated.getMessage() + " (a fault occurred accessing the lost "
                            + "pages)", e);
                }
            }
        }
        if (files.isEmpty()) {
            return new IllegalStateException("memory: a fault occurred accessing mapped data, which its file no longer "
                    + "backs (truncated, or its storage failed)", e);
        }
        return new IllegalStateException(files + ": a fault occurred accessing the mapped data although the file still "
                + "has all its bytes: its storage failed, most likely a write into a sparse (unreserved) region found the "
                + "file system full; free space there (or open the file without sparse(true), which reserves the space "
                + "when the file is created), then close the array and open the file again", e);
    }

    /** Maps an IllegalStateException from the FFM liveness check to one that says what happened. */
    RuntimeException translate(IllegalStateException e) {
        return storage.isClosed() ? storage.closedException() : e;
    }

    static int normalizeAxis(int axis, int ndim) {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + ndim);
        }
        return a;
    }

    static long[] toArray(List<Long> l) {
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
        }
        return r;
    }


    /** {@return the raw segment (whole storage) for package-internal bulk operations} */
    MemorySegment rawSegment() {
        return seg;
    }
}
