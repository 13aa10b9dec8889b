package org.memmap4j.compute;

import org.memmap4j.DType;
import org.memmap4j.DType.Kind;

/**
 * NumPy 2's type promotion (NEP 50) for the operands of an {@link Expr}: {@link #promote} is
 * {@code np.promote_types} for arrays; {@link #combine} adds Python scalars, which are "weak": a Python int takes
 * the integer or float dtype of the array it meets, a Python float the float dtype, a Python bool any dtype. Only
 * when the scalar's category (bool &lt; int &lt; float &lt; complex) is higher than the array's does it decide: int64
 * for a Python int with a bool array, float64 for a Python float with an integer or bool array, complex128 for a
 * Python complex with an integer, bool or float64 array and complex64 with a float16 or float32 one.
 */
final class Promotion {

    private Promotion() {
    }

    /** The type of an expression: a kind, and whether it is still a weak Python scalar. */
    record Ty(Kind kind, boolean weak) implements java.io.Serializable {
        static Ty strong(Kind k) {
            return new Ty(k, false);
        }

        /** 0 bool, 1 integer, 2 float, 3 complex. */
        int category() {
            return category(kind);
        }

        static int category(Kind k) {
            return k.isBool() ? 0 : k.isInteger() ? 1 : k.isFloat() ? 2 : 3;
        }
    }

    /** {@code np.promote_types(a, b)} for two numeric kinds. */
    static Kind promote(Kind a, Kind b) {
        if (a == b) {
            return a;
        }
        int ca = Ty.category(a);
        int cb = Ty.category(b);
        if (ca < cb) {
            return promote(b, a);
        }
        // Now ca >= cb: a is the "higher" category.
        if (cb == 0) {
            return a;
        }
        if (ca == 1) {
            return promoteIntegers(a, b);
        }
        if (ca == 2) {
            if (cb == 2) {
                return a.itemSize() >= b.itemSize() ? a : b;
            }
            // An integer b: the float must hold it exactly (int8/uint8 in float16, 16-bit in float32, wider in float64).
            Kind need = b.itemSize() == 1 ? Kind.FLOAT16 : b.itemSize() == 2 ? Kind.FLOAT32 : Kind.FLOAT64;
            return a.itemSize() >= need.itemSize() ? a : need;
        }
        // Complex a.
        Kind part = cb == 3 ? (b == Kind.COMPLEX128 ? Kind.FLOAT64 : Kind.FLOAT32)
                : promote(Kind.FLOAT32, b);
        Kind mine = a == Kind.COMPLEX128 ? Kind.FLOAT64 : Kind.FLOAT32;
        return promote(mine, part) == Kind.FLOAT64 ? Kind.COMPLEX128 : Kind.COMPLEX64;
    }

    private static Kind promoteIntegers(Kind a, Kind b) {
        if (a.isUnsigned() == b.isUnsigned()) {
            return a.itemSize() >= b.itemSize() ? a : b;
        }
        Kind u = a.isUnsigned() ? a : b;
        Kind s = a.isUnsigned() ? b : a;
        if (s.itemSize() > u.itemSize()) {
            return s;
        }
        // A signed type twice the unsigned one's size; none exists above int64, where NumPy gives float64.
        return switch (u) {
            case UINT8 -> Kind.INT16;
            case UINT16 -> Kind.INT32;
            case UINT32 -> Kind.INT64;
            default -> Kind.FLOAT64;
        };
    }

    /** The result type of combining two operands, weak scalars included. */
    static Ty combine(Ty a, Ty b) {
        if (a.weak() && b.weak()) {
            return new Ty(a.category() >= b.category() ? a.kind() : b.kind(), true);
        }
        if (b.weak()) {
            return combine(b, a);
        }
        if (a.weak()) {
            if (a.category() <= b.category()) {
                return b;
            }
            // The scalar's category is higher: it decides, at its default precision, except that a Python complex
            // meeting a float array takes the complex kind of that float's precision (float32 + 1j is complex64).
            return Ty.strong(switch (a.category()) {
                case 1 -> Kind.INT64;
                case 2 -> Kind.FLOAT64;
                default -> b.kind() == Kind.FLOAT64 || b.category() < 2 ? Kind.COMPLEX128 : Kind.COMPLEX64;
            });
        }
        return Ty.strong(promote(a.kind(), b.kind()));
    }

    /** The float kind NumPy's math functions (sqrt, exp, true divide's loops) use for an integer or bool kind. */
    static Kind mathKind(Kind k) {
        if (k.isFloat() || k.isComplex()) {
            return k;
        }
        return switch (k.itemSize()) {
            case 1 -> Kind.FLOAT16;
            case 2 -> Kind.FLOAT32;
            default -> Kind.FLOAT64;
        };
    }

    /**
     * NumPy's {@code np.can_cast(from, to, 'same_kind')}: any safe cast, or a cast to a kind at least as high in
     * bool &lt; unsigned &lt; signed &lt; float &lt; complex, except that signed never goes to unsigned.
     */
    static boolean canCastSameKind(Kind from, Kind to) {
        return order(from) <= order(to);
    }

    private static int order(Kind k) {
        return k.isBool() ? 0 : k.isUnsigned() ? 1 : k.isInteger() ? 2 : k.isFloat() ? 3 : 4;
    }

    /** The kind of a complex kind's parts (float32 for complex64, float64 for complex128). */
    static Kind component(Kind k) {
        return k == Kind.COMPLEX64 ? Kind.FLOAT32 : Kind.FLOAT64;
    }

    /** The native dtype of a kind. */
    static DType dtype(Kind k) {
        return DType.of(k);
    }
}
