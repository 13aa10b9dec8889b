package org.memmap4j.compute;

import org.memmap4j.DType;

/**
 * The reductions, with the facts NumPy fixes for each: its name in error messages, the family of accumulator that
 * computes it, the carrier its elements are read into and the dtype of its result (NumPy 2 on 64-bit Linux).
 */
enum ReduceOp {
    SUM("sum", Family.SUM),
    NANSUM("nansum", Family.SUM),
    MEAN("mean", Family.SUM),
    NANMEAN("nanmean", Family.SUM),
    PROD("prod", Family.PROD),
    NANPROD("nanprod", Family.PROD),
    VAR("var", Family.VAR),
    NANVAR("nanvar", Family.VAR),
    STD("std", Family.VAR),
    NANSTD("nanstd", Family.VAR),
    // NumPy names the ufunc in "zero-size array to reduction operation X which has no identity".
    MIN("minimum", Family.EXTREME),
    MAX("maximum", Family.EXTREME),
    NANMIN("fmin", Family.EXTREME),
    NANMAX("fmax", Family.EXTREME),
    ARGMIN("argmin", Family.ARG),
    ARGMAX("argmax", Family.ARG),
    NANARGMIN("nanargmin", Family.ARG),
    NANARGMAX("nanargmax", Family.ARG),
    COUNT_NONZERO("count_nonzero", Family.COUNT),
    ANY("any", Family.COUNT),
    ALL("all", Family.COUNT);

    /** Which accumulator computes an operation. */
    enum Family { SUM, PROD, VAR, EXTREME, ARG, COUNT }

    /**
     * What elements are read as: LONG is exact for bool and integers (uint64 keeps its bits), DOUBLE for floats and
     * for integers that NumPy converts to float64 (mean, var), COMPLEX for complex inputs (real and imaginary parts).
     */
    enum Carrier { LONG, DOUBLE, COMPLEX }

    final String numpyName;
    final Family family;

    ReduceOp(String numpyName, Family family) {
        this.numpyName = numpyName;
        this.family = family;
    }

    /** True for the variants that skip NaN. */
    boolean skipsNaN() {
        return this == NANSUM || this == NANMEAN || this == NANVAR || this == NANSTD || this == NANMIN || this == NANMAX
                || this == NANPROD || this == NANARGMIN || this == NANARGMAX;
    }

    /** True for max, nanmax, argmax and nanargmax: the ones that look for the largest element. */
    boolean largest() {
        return this == MAX || this == NANMAX || this == ARGMAX || this == NANARGMAX;
    }

    /** The name NumPy's messages use: nanargmin and nanargmax call argmin and argmax, which report empty slices. */
    String messageName() {
        return switch (this) {
            case NANARGMIN -> "argmin";
            case NANARGMAX -> "argmax";
            default -> numpyName;
        };
    }

    /** True for the operations that raise on an empty slice instead of having an identity. */
    boolean needsElements() {
        return family == Family.EXTREME || family == Family.ARG;
    }

    Carrier carrier(DType in) {
        DType.Kind k = in.kind();
        if (k.isComplex()) {
            return Carrier.COMPLEX;
        }
        if (k.isFloat()) {
            return Carrier.DOUBLE;
        }
        return this == MEAN || this == NANMEAN || family == Family.VAR ? Carrier.DOUBLE : Carrier.LONG;
    }

    /** The result dtype, as NumPy 2 gives it on 64-bit Linux. */
    DType resultType(DType in) {
        DType.Kind k = in.kind();
        return switch (family) {
            case SUM, PROD -> {
                if (this == MEAN || this == NANMEAN) {
                    yield k.isFloat() || k.isComplex() ? in.toNative() : DType.FLOAT64;
                }
                if (k.isFloat() || k.isComplex()) {
                    yield in.toNative();
                }
                yield k.isUnsigned() ? DType.UINT64 : DType.INT64;
            }
            case VAR -> switch (k) {
                case FLOAT16, FLOAT32, FLOAT64 -> in.toNative();
                case COMPLEX64 -> DType.FLOAT32;
                case COMPLEX128 -> DType.FLOAT64;
                default -> DType.FLOAT64;
            };
            case EXTREME -> in.toNative();
            case ARG -> DType.INT64;
            case COUNT -> this == COUNT_NONZERO ? DType.INT64 : DType.BOOL;
        };
    }
}
