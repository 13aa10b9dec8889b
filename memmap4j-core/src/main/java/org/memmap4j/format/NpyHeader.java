package org.memmap4j.format;

import java.util.Arrays;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.Order;

/**
 * The header of a .npy file: format version, element type, memory order and shape, and where the data starts.
 *
 * <p>The data of a .npy file is the array's elements, contiguous in C order or, when {@link #fortranOrder()}, in
 * Fortran order, starting at byte {@link #dataOffset()}. The header text takes the bytes between the fixed prefix
 * (magic string, version and length field) and the data; see {@link #headerLength()}.
 *
 * @param major        the format's major version: 1, 2 or 3
 * @param minor        the format's minor version: 0
 * @param dtype        the element type
 * @param fortranOrder whether the data is in Fortran (column-major) order
 * @param shape        the shape; empty for a 0-d array. The record keeps and returns copies
 * @param dataOffset   the byte offset of the first element in the file (a multiple of 64 for files NumPy or
 *                     memmap4j writes)
 */
public record NpyHeader(int major, int minor, DType dtype, boolean fortranOrder, long[] shape, long dataOffset) {

    /**
     * Creates a header, checking that its parts are consistent.
     *
     * @throws IllegalArgumentException if the version is not 1.0, 2.0 or 3.0, a dimension is negative, or the
     *                                  data offset is smaller than the version's fixed prefix
     * @throws NullPointerException     if dtype or shape is null
     */
    public NpyHeader {
        Objects.requireNonNull(dtype, "dtype");
        if (minor != 0 || major < 1 || major > 3) {
            throw new IllegalArgumentException("unsupported .npy format version " + major + "." + minor
                    + " (versions 1.0, 2.0 and 3.0 exist)");
        }
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (dataOffset < prefixLength(major)) {
            throw new IllegalArgumentException("data offset " + dataOffset + " is inside the " + prefixLength(major)
                    + "-byte prefix of a version " + major + ".0 file");
        }
    }

    /**
     * Returns true if an array of this dtype and shape, starting at dataOffset, stays below 2^63 bytes, counting
     * zero-length axes as 1 as NumPy does (their strides must not overflow either).
     */
    static boolean fits(DType dtype, long[] shape, long dataOffset) {
        long bytes = dtype.itemSize();
        try {
            for (long d : shape) {
                bytes = Math.multiplyExact(bytes, Math.max(d, 1));
            }
            Math.addExact(dataOffset, bytes);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** Returns the number of bytes before the header text: magic (6), version (2) and length field (2 or 4). */
    static int prefixLength(int major) {
        return major == 1 ? 10 : 12;
    }

    /**
     * Returns a copy of the shape.
     *
     * @return the shape; empty for a 0-d array
     */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the memory order of the data: {@link Order#F} when {@link #fortranOrder()}, else {@link Order#C}.
     *
     * @return the order
     */
    public Order order() {
        return fortranOrder ? Order.F : Order.C;
    }

    /**
     * Returns the length of the header text in bytes, padding and final newline included: the value of the
     * header-length field.
     *
     * @return {@code dataOffset() - 10} for version 1.0, {@code dataOffset() - 12} otherwise
     */
    public long headerLength() {
        return dataOffset - prefixLength(major);
    }

    /**
     * Returns the number of elements: the product of the shape, 1 for a 0-d array.
     *
     * @return the number of elements
     * @throws ArithmeticException if the product overflows a long (never for headers read by {@link Npy})
     */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Returns the number of data bytes: {@code size() * dtype().itemSize()}.
     *
     * @return the number of bytes after {@link #dataOffset()} that hold elements
     * @throws ArithmeticException if it overflows a long (never for headers read by {@link Npy})
     */
    public long nbytes() {
        return Math.multiplyExact(size(), (long) dtype.itemSize());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.major == major && h.minor == minor && h.dtype.equals(dtype)
                && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape) && h.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, dtype, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    /** Returns the header as NumPy would print its dict, with the version and data offset. */
    @Override
    public String toString() {
        return "NpyHeader[version " + major + "." + minor + ", {'descr': '" + dtype.descr() + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False") + ", 'shape': " + NpyHeaderWriter.shapeRepr(shape)
                + "}, data at byte " + dataOffset + "]";
    }
}
