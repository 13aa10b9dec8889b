package org.memmap4j;

import java.util.Objects;

/**
 * One item of a NumPy index expression, the typed form of what goes between the brackets of {@code a[...]}.
 *
 * <p>Basic items ({@link At}, {@link Slice}, {@link NewAxis}, {@link Ellipsis}) select a view that shares memory
 * with the array; an integer index drops its dimension. Advanced items ({@link Array}: an integer or boolean array)
 * select an in-memory copy for reading and scatter for writing, as in NumPy.
 *
 * <pre>{@code
 * a.get(Index.slice(10, 20), Index.all(), Index.at(-1))   // a[10:20, :, -1]
 * a.get("10:20, :, -1")                                   // the same, parsed
 * }</pre>
 */
public sealed interface Index permits Index.At, Index.Slice, Index.NewAxis, Index.Ellipsis, Index.Array {

    /**
     * An integer index; negative values count from the end. Drops its dimension.
     *
     * @param index the position
     */
    record At(long index) implements Index {
        @Override
        public String toString() {
            return Long.toString(index);
        }
    }

    /**
     * A slice {@code start:stop:step}, with Python's rules for omitted ({@code null}) and negative bounds.
     *
     * @param start first position, or null for the start in the step's direction
     * @param stop  position to stop before, or null for the end in the step's direction
     * @param step  the step, nonzero
     */
    record Slice(Long start, Long stop, long step) implements Index {
        /**
         * Creates a slice.
         *
         * @throws IllegalArgumentException if step is 0
         */
        public Slice {
            if (step == 0) {
                throw new IllegalArgumentException("slice step cannot be zero");
            }
        }

        /**
         * Resolves this slice against an axis length like Python's {@code slice.indices}.
         *
         * @param length the axis length
         * @return {@code {start, step, count}} of the selected positions
         */
        long[] resolve(long length) {
            long st;
            long sp;
            if (step > 0) {
                st = start == null ? 0 : clamp(start < 0 ? start + length : start, 0, length);
                sp = stop == null ? length : clamp(stop < 0 ? stop + length : stop, 0, length);
                // (sp - st - 1) / step + 1 rounds up like (sp - st + step - 1) / step without overflowing for huge steps.
                long count = sp > st ? (sp - st - 1) / step + 1 : 0;
                return new long[] {st, step, count};
            }
            st = start == null ? length - 1 : clamp(start < 0 ? start + length : start, -1, length - 1);
            sp = stop == null ? -1 : clamp(stop < 0 ? stop + length : stop, -1, length - 1);
            // Python clamps a step of -2^63 to -(2^63 - 1); its negation must not overflow.
            long back = step == Long.MIN_VALUE ? Long.MAX_VALUE : -step;
            long count = st > sp ? (st - sp - 1) / back + 1 : 0;
            return new long[] {st, step, count};
        }

        private static long clamp(long v, long lo, long hi) {
            return Math.max(lo, Math.min(hi, v));
        }

        @Override
        public String toString() {
            return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
        }
    }

    /** {@code None} / {@code np.newaxis}: inserts a dimension of length 1. */
    record NewAxis() implements Index {
        @Override
        public String toString() {
            return "None";
        }
    }

    /** {@code ...}: as many full slices as needed to index every dimension. */
    record Ellipsis() implements Index {
        @Override
        public String toString() {
            return "...";
        }
    }

    /**
     * An integer array (positions, negative allowed) or a boolean array (a mask over as many dimensions as it has).
     *
     * @param array the index array
     */
    record Array(NDArray array) implements Index {
        /**
         * Creates an array index.
         *
         * @throws IllegalArgumentException if the array is neither integer nor bool
         */
        public Array {
            Objects.requireNonNull(array, "array");
            DType.Kind k = array.dtype().kind();
            if (!k.isInteger() && !k.isBool()) {
                throw new IllegalArgumentException("arrays used as indices must be of integer or boolean type, got " + array.dtype());
            }
        }

        @Override
        public String toString() {
            return array.toString();
        }
    }

    /**
     * Returns the integer index {@code i}.
     *
     * @param i the position; negative counts from the end
     * @return the index
     */
    static Index at(long i) {
        return new At(i);
    }

    /** {@return the full slice {@code :}} */
    static Index all() {
        return new Slice(null, null, 1);
    }

    /**
     * Returns the slice {@code start:stop}.
     *
     * @param start first position
     * @param stop  position to stop before
     * @return the index
     */
    static Index slice(long start, long stop) {
        return new Slice(start, stop, 1);
    }

    /**
     * Returns the slice {@code start:stop:step}; pass null for an omitted bound.
     *
     * @param start first position, or null
     * @param stop  position to stop before, or null
     * @param step  nonzero step
     * @return the index
     * @throws IllegalArgumentException if step is 0
     */
    static Index slice(Long start, Long stop, long step) {
        return new Slice(start, stop, step);
    }

    /**
     * Returns the slice {@code start:}.
     *
     * @param start first position
     * @return the index
     */
    static Index from(long start) {
        return new Slice(start, null, 1);
    }

    /**
     * Returns the slice {@code :stop}.
     *
     * @param stop position to stop before
     * @return the index
     */
    static Index to(long stop) {
        return new Slice(null, stop, 1);
    }

    /** {@return {@code None} (a new axis of length 1)} */
    static Index newAxis() {
        return new NewAxis();
    }

    /** {@return {@code ...}} */
    static Index ellipsis() {
        return new Ellipsis();
    }

    /**
     * Returns an advanced index: integer positions or a boolean mask.
     *
     * @param array an integer or bool array
     * @return the index
     * @throws IllegalArgumentException if the array is neither integer nor bool
     */
    static Index array(NDArray array) {
        return new Array(array);
    }

    /**
     * Returns an advanced index of integer positions.
     *
     * @param positions the positions; negative count from the end
     * @return the index
     */
    static Index of(long... positions) {
        return new Array(NDArrays.of(positions));
    }

    /**
     * Parses a NumPy index expression such as {@code "10:20, ::2, -5:, ..., None"}, {@code "[0, 2, -1]"} or
     * {@code "[True, False, True]"}.
     *
     * @param expression the text between the brackets of {@code a[...]}
     * @return the items
     * @throws IllegalArgumentException if the expression is not valid, naming the offending part
     */
    static Index[] parse(String expression) {
        return IndexParser.parse(expression);
    }
}
