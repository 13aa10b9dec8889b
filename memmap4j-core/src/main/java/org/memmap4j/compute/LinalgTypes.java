package org.memmap4j.compute;

import org.memmap4j.DType;

/**
 * NumPy's type promotion of two array dtypes ({@code np.result_type(a, b)} for arrays, where no operand is a weak
 * Python scalar), and the accumulation dtype of sums: what matrix products and cumulative sums compute in.
 */
final class LinalgTypes {

    private LinalgTypes() {
    }

    /** {@return {@code np.result_type(a, b)} for two arrays} */
    static DType.Kind promote(DType.Kind a, DType.Kind b) {
        if (a == b) {
            return a;
        }
        if (a.isBool()) {
            return b;
        }
        if (b.isBool()) {
            return a;
        }
        if (rank(a) > rank(b)) {
            DType.Kind t = a;
            a = b;
            b = t;
        }
        // Now rank(a) <= rank(b): integer < float < complex.
        if (a.isInteger() && b.isInteger()) {
            if (a.isUnsigned() == b.isUnsigned()) {
                return a.itemSize() >= b.itemSize() ? a : b;
            }
            DType.Kind s = a.isUnsigned() ? b : a;
            DType.Kind u = a.isUnsigned() ? a : b;
            if (s.itemSize() > u.itemSize()) {
                return s;
            }
            return switch (u.itemSize()) {
                case 1 -> DType.Kind.INT16;
                case 2 -> DType.Kind.INT32;
                case 4 -> DType.Kind.INT64;
                default -> DType.Kind.FLOAT64;
            };
        }
        if (b.isFloat()) {
            // a is an integer or a smaller float: the float must hold it exactly.
            return a.isFloat() ? (a.itemSize() > b.itemSize() ? a : b) : floatFor(a.itemSize(), b);
        }
        // b is complex.
        if (b == DType.Kind.COMPLEX128) {
            return b;
        }
        DType.Kind needed = a.isComplex() ? a : a.isFloat() ? a : floatFor(a.itemSize(), DType.Kind.FLOAT32);
        return needed == DType.Kind.FLOAT64 || needed == DType.Kind.COMPLEX128 ? DType.Kind.COMPLEX128
                : DType.Kind.COMPLEX64;
    }

    /** The smallest float at least {@code f} that holds every integer of the given size. */
    private static DType.Kind floatFor(int intSize, DType.Kind f) {
        DType.Kind need = switch (intSize) {
            case 1 -> DType.Kind.FLOAT16;
            case 2 -> DType.Kind.FLOAT32;
            default -> DType.Kind.FLOAT64;
        };
        return need.itemSize() > f.itemSize() ? need : f;
    }

    private static int rank(DType.Kind k) {
        return k.isInteger() ? 0 : k.isFloat() ? 1 : 2;
    }

    /** {@return the dtype NumPy's {@code sum}/{@code cumsum} accumulates in: integers widen to 64 bits} */
    static DType.Kind sumType(DType.Kind k) {
        return switch (k) {
            case BOOL, INT8, INT16, INT32 -> DType.Kind.INT64;
            case UINT8, UINT16, UINT32 -> DType.Kind.UINT64;
            default -> k;
        };
    }
}
