package org.memmap4j;

import org.memmap4j.internal.Elements;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Static factories and comparisons for arrays in memory, with NumPy's names: {@code empty}, {@code zeros},
 * {@code full}, {@code arange}, {@code array_equal}, {@code allclose}, {@code broadcast_shapes}.
 *
 * <p>Arrays made here live off-heap; they are freed when unreachable or at {@link NDArray#close()}. To map files,
 * see {@link MemMap}.
 */
public final class NDArrays {

    private NDArrays() {
    }

    /**
     * Returns a new C-ordered array of zeros (NumPy's {@code empty} makes no promise; memmap4j always zeroes).
     *
     * @param dtype the element type
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative or the size overflows
     */
    public static NDArray empty(DType dtype, long... shape) {
        return empty(dtype, Order.C, shape);
    }

    /**
     * Returns a new array of zeros laid out in the given order.
     *
     * @param dtype the element type
     * @param order C or F
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative or the size overflows
     */
    public static NDArray empty(DType dtype, Order order, long... shape) {
        long bytes = checkedBytes(dtype, shape);
        return NDArray.contiguous(Storage.allocate(bytes), dtype, shape, order, 0);
    }

    /**
     * Returns {@code np.zeros(shape, dtype)}.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if a dimension is negative or the size overflows
     */
    public static NDArray zeros(DType dtype, long... shape) {
        return empty(dtype, Order.C, shape);
    }

    /**
     * Returns {@code np.full(shape, value, dtype)} with Python-float assignment rules.
     *
     * @param dtype the element type
     * @param value the fill value
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if the value does not fit an integer dtype, or the shape is invalid
     */
    public static NDArray full(DType dtype, double value, long... shape) {
        return empty(dtype, shape).fill(value);
    }

    /**
     * Returns {@code np.arange(n).astype(dtype)}: element k is k cast to the dtype.
     *
     * @param dtype the element type
     * @param n     the number of elements
     * @return the 1-d array
     * @throws IllegalArgumentException if n is negative
     */
    public static NDArray arange(DType dtype, long n) {
        NDArray a = empty(dtype, n);
        fillArange(a);
        return a;
    }

    /**
     * Sets the element at C-order flat position k of {@code a} to k cast to its dtype, for every k: the contents of
     * {@code np.arange(a.size).reshape(a.shape)} in whatever layout {@code a} has.
     *
     * @param a a writable array
     * @throws UnsupportedOperationException if a is read-only
     * @throws IllegalStateException         if a is closed
     */
    public static void fillArange(NDArray a) {
        Copy.fillByPosition(a, Elements::castLong);
    }

    /**
     * Returns a new 1-d float64 array of the values.
     *
     * @param values the values
     * @return the array
     */
    public static NDArray of(double... values) {
        NDArray a = empty(DType.FLOAT64, values.length);
        MemorySegment.copy(values, 0, a.rawSegment(), DType.FLOAT64.layout(), 0, values.length);
        return a;
    }

    /**
     * Returns a new 1-d int64 array of the values.
     *
     * @param values the values
     * @return the array
     */
    public static NDArray of(long... values) {
        NDArray a = empty(DType.INT64, values.length);
        MemorySegment.copy(values, 0, a.rawSegment(), DType.INT64.layout(), 0, values.length);
        return a;
    }

    /**
     * Returns a new 1-d float32 array of the values.
     *
     * @param values the values
     * @return the array
     */
    public static NDArray of(float... values) {
        NDArray a = empty(DType.FLOAT32, values.length);
        MemorySegment.copy(values, 0, a.rawSegment(), DType.FLOAT32.layout(), 0, values.length);
        return a;
    }

    /**
     * Returns a new 1-d int32 array of the values.
     *
     * @param values the values
     * @return the array
     */
    public static NDArray of(int... values) {
        NDArray a = empty(DType.INT32, values.length);
        MemorySegment.copy(values, 0, a.rawSegment(), DType.INT32.layout(), 0, values.length);
        return a;
    }

    /**
     * Returns a new 1-d bool array of the values.
     *
     * @param values the values
     * @return the array
     */
    public static NDArray of(boolean... values) {
        NDArray a = empty(DType.BOOL, values.length);
        for (int i = 0; i < values.length; i++) {
            a.setFlat(i, values[i] ? 1 : 0);
        }
        return a;
    }

    /**
     * Returns a new 2-d float64 array of the rows.
     *
     * @param rows the rows, all of the same length
     * @return the array
     * @throws IllegalArgumentException if the rows are ragged
     */
    public static NDArray of(double[][] rows) {
        long cols = rows.length == 0 ? 0 : rows[0].length;
        NDArray a = empty(DType.FLOAT64, rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("ragged rows: row 0 has " + cols + " values, row " + r + " has " + rows[r].length);
            }
            MemorySegment.copy(rows[r], 0, a.rawSegment(), DType.FLOAT64.layout(), r * cols * 8, (int) cols);
        }
        return a;
    }

    /**
     * Returns a 0-d array holding one value of a dtype, written by a converter (package use).
     */
    static NDArray scalar(DType dtype, Consumer<MemorySegment> writer) {
        NDArray a = empty(dtype);
        writer.accept(a.rawSegment());
        return a;
    }

    /**
     * Returns a view of an existing segment's bytes as an array; the caller keeps the segment alive and the
     * array does not close it.
     *
     * @param segment the memory, at least {@code offset + size * itemsize} bytes
     * @param dtype   the element type
     * @param order   C or F
     * @param offset  byte offset of the first element
     * @param shape   the shape
     * @return the array, read-only if the segment is
     * @throws IllegalArgumentException if the segment is too small, or the shape is invalid
     */
    public static NDArray wrap(MemorySegment segment, DType dtype, Order order, long offset, long... shape) {
        long bytes = checkedBytes(dtype, shape);
        if (offset < 0 || offset + bytes > segment.byteSize()) {
            throw new IllegalArgumentException("segment of " + segment.byteSize() + " bytes is too small for " + bytes
                    + " bytes at offset " + offset);
        }
        return NDArray.contiguous(Storage.wrap(segment, !segment.isReadOnly()), dtype, shape, order, offset);
    }

    /**
     * Returns {@code np.array_equal(a, b)}: same shape and equal values (compared as numbers; NaN, or a complex
     * value with a NaN part, is unequal unless {@code equalNan}, when it equals any other such value).
     *
     * @param a        one array
     * @param b        another
     * @param equalNan whether NaN equals NaN
     * @return true when equal
     */
    public static boolean arrayEqual(NDArray a, NDArray b, boolean equalNan) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!java.util.Arrays.equals(a.shape, b.shape)) {
            return false;
        }
        boolean exact = a.dtype.kind().isInteger() || a.dtype.kind().isBool();
        boolean exactB = b.dtype.kind().isInteger() || b.dtype.kind().isBool();
        return Compare.allPairs(a, b, (sa, oa, sb, ob) -> {
            if (exact && exactB) {
                return integerEqual(sa, oa, a.dtype, sb, ob, b.dtype);
            }
            double ar = Elements.getDouble(sa, oa, a.dtype);
            double ai = Elements.getImag(sa, oa, a.dtype);
            double br = Elements.getDouble(sb, ob, b.dtype);
            double bi = Elements.getImag(sb, ob, b.dtype);
            if (equalNan && (isNan(ar, ai) || isNan(br, bi))) {
                return isNan(ar, ai) && isNan(br, bi);
            }
            return ar == br && ai == bi;
        });
    }

    /**
     * Returns {@code np.array_equal(a, b)} with NaN unequal to everything.
     *
     * @param a one array
     * @param b another
     * @return true when equal
     */
    public static boolean arrayEqual(NDArray a, NDArray b) {
        return arrayEqual(a, b, false);
    }

    /**
     * Returns {@code np.allclose(a, b, rtol, atol, equal_nan)}: after broadcasting, every
     * {@code |a - b| <= atol + rtol * |b|} (computed in float64, with |.| the complex modulus), or
     * {@code a == b}, which is how infinities match.
     *
     * @param a        one array
     * @param b        another (the reference, as in NumPy)
     * @param rtol     relative tolerance
     * @param atol     absolute tolerance
     * @param equalNan whether NaN equals NaN
     * @return true when close
     * @throws IllegalArgumentException if the shapes cannot be broadcast together
     */
    public static boolean allclose(NDArray a, NDArray b, double rtol, double atol, boolean equalNan) {
        long[] shape = broadcastShapes(a.shape, b.shape);
        NDArray x = a.broadcastTo(shape);
        NDArray y = b.broadcastTo(shape);
        return Compare.allPairs(x, y, (sa, oa, sb, ob) -> close(
                Elements.getDouble(sa, oa, x.dtype), Elements.getImag(sa, oa, x.dtype),
                Elements.getDouble(sb, ob, y.dtype), Elements.getImag(sb, ob, y.dtype), rtol, atol, equalNan));
    }

    /**
     * Returns {@code np.allclose(a, b)} with NumPy's defaults rtol=1e-05, atol=1e-08.
     *
     * @param a one array
     * @param b another
     * @return true when close
     * @throws IllegalArgumentException if the shapes cannot be broadcast together
     */
    public static boolean allclose(NDArray a, NDArray b) {
        return allclose(a, b, 1e-5, 1e-8, false);
    }

    /**
     * Returns a shape as NumPy prints it (a Python tuple): {@code (3, 4)}, {@code (5,)}, {@code ()}; what error
     * messages use.
     *
     * @param shape the shape
     * @return the text
     */
    public static String shapeString(long... shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * Returns the shape that the given shapes broadcast to, like {@code np.broadcast_shapes}.
     *
     * @param shapes the shapes
     * @return the broadcast shape
     * @throws IllegalArgumentException if they are incompatible
     */
    public static long[] broadcastShapes(long[]... shapes) {
        int nd = 0;
        for (long[] s : shapes) {
            nd = Math.max(nd, s.length);
        }
        long[] out = new long[nd];
        java.util.Arrays.fill(out, 1);
        for (long[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int j = nd - s.length + i;
                if (s[i] == out[j] || s[i] == 1) {
                    continue;
                }
                if (out[j] == 1) {
                    out[j] = s[i];
                } else {
                    StringBuilder sb = new StringBuilder();
                    for (long[] t : shapes) {
                        sb.append(sb.isEmpty() ? "" : " ").append(shapeString(t));
                    }
                    throw new IllegalArgumentException("shape mismatch: objects cannot be broadcast to a single shape: " + sb);
                }
            }
        }
        return out;
    }

    private static boolean integerEqual(MemorySegment sa, long oa, DType ta, MemorySegment sb, long ob, DType tb) {
        long x = Elements.getLong(sa, oa, ta);
        long y = Elements.getLong(sb, ob, tb);
        // uint64 above 2^63 reads as negative; it only equals the same bits from another uint64.
        boolean xu = ta.kind() == DType.Kind.UINT64 && x < 0;
        boolean yu = tb.kind() == DType.Kind.UINT64 && y < 0;
        return x == y && xu == yu;
    }

    /** NumPy's isnan for complex values: either part is NaN. */
    private static boolean isNan(double re, double im) {
        return Double.isNaN(re) || Double.isNaN(im);
    }

    /**
     * NumPy's isclose on (complex) values a and b: {@code a == b}, or {@code |a - b| <= atol + rtol * |b|} with b
     * finite, or both NaN when equalNan. Real values have an imaginary part of 0, where |.| is the absolute value.
     */
    private static boolean close(double ar, double ai, double br, double bi, double rtol, double atol, boolean equalNan) {
        if (ar == br && ai == bi) {
            return true;
        }
        if (isNan(ar, ai) || isNan(br, bi)) {
            return equalNan && isNan(ar, ai) && isNan(br, bi);
        }
        if (!Double.isFinite(br) || !Double.isFinite(bi)) {
            return false;
        }
        return Math.hypot(ar - br, ai - bi) <= atol + rtol * Math.hypot(br, bi);
    }

    static long checkedBytes(DType dtype, long[] shape) {
        Objects.requireNonNull(dtype, "dtype");
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed: " + shapeString(shape));
            }
        }
        try {
            return Math.multiplyExact(NDArray.sizeOf(shape), (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("array is too big: shape " + shapeString(shape) + " of " + dtype
                    + " exceeds 2^63 bytes");
        }
    }
}
