package org.memmap4j.compute;

import org.memmap4j.DType.Kind;
import org.memmap4j.internal.Elements;

/**
 * One node of a compiled expression: computes the node's values at a block of consecutive C-order positions into
 * a heap buffer that its parent reads. Kernels are made per task (they hold mutable buffers) and never shared
 * between threads.
 *
 * <p>Values live in one of five carriers, by kind ({@link Dom}): bool as bytes 0/1; every integer kind as long,
 * already wrapped to its width (sign-extended, or zero-extended for unsigned; uint64 as its bits); float16 and
 * float32 as float (a float16 value is exact in a float); float64 as double; complex64 and complex128 as two
 * doubles, real in {@link #d} and imaginary in {@link #di} (a complex64 part is exact in a double, and complex64
 * operations round each step to float, which gives float arithmetic's bits). Plain loops over these arrays are
 * what C2 vectorises best.
 */
abstract class ExprKernel {

    /** The carrier of a kind's values. */
    enum Dom {
        B, L, F, D, C;

        static Dom of(Kind k) {
            return switch (k) {
                case BOOL -> B;
                case FLOAT16, FLOAT32 -> F;
                case FLOAT64 -> D;
                case COMPLEX64, COMPLEX128 -> C;
                default -> L;
            };
        }
    }

    final Kind kind;
    final Dom dom;
    final byte[] b;
    final long[] l;
    final float[] f;
    final double[] d;
    /** Imaginary parts (complex kinds only). */
    final double[] di;

    ExprKernel(Kind kind, int block) {
        this.kind = kind;
        this.dom = Dom.of(kind);
        this.b = dom == Dom.B ? new byte[block] : null;
        this.l = dom == Dom.L ? new long[block] : null;
        this.f = dom == Dom.F ? new float[block] : null;
        this.d = dom == Dom.D || dom == Dom.C ? new double[block] : null;
        this.di = dom == Dom.C ? new double[block] : null;
    }

    /** Computes the values at positions {@code [from, from + n)} into this kernel's buffer, n at most the block. */
    abstract void compute(long from, int n);

    /** Wraps a long to the width of an integer kind, as C's conversion to that type does. */
    static long wrap(Kind k, long v) {
        return switch (k) {
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xFF;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xFFFF;
            case INT32 -> (int) v;
            case UINT32 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /** Wraps the first n values of a long buffer to the width of a kind. */
    static void wrapAll(Kind k, long[] v, int n) {
        switch (k) {
            case INT8 -> { for (int i = 0; i < n; i++) { v[i] = (byte) v[i]; } }
            case UINT8 -> { for (int i = 0; i < n; i++) { v[i] &= 0xFF; } }
            case INT16 -> { for (int i = 0; i < n; i++) { v[i] = (short) v[i]; } }
            case UINT16 -> { for (int i = 0; i < n; i++) { v[i] &= 0xFFFF; } }
            case INT32 -> { for (int i = 0; i < n; i++) { v[i] = (int) v[i]; } }
            case UINT32 -> { for (int i = 0; i < n; i++) { v[i] &= 0xFFFF_FFFFL; } }
            default -> { }
        }
    }

    /** Rounds float values to float16 and back: NumPy computes float16 ops in float32 and rounds each result. */
    static void roundHalf(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = Float.float16ToFloat(Float.floatToFloat16(v[i]));
        }
    }

    /** Returns a kernel giving the child's values cast to a kind (NumPy's unsafe cast), or the child itself. */
    static ExprKernel convert(ExprKernel child, Kind to, int block) {
        return child.kind == to ? child : new Convert(child, to, block);
    }

    /** A cast between kinds, with NumPy's array-cast semantics. */
    static final class Convert extends ExprKernel {
        private final ExprKernel in;

        Convert(ExprKernel in, Kind to, int block) {
            super(to, block);
            this.in = in;
        }

        @Override
        void compute(long from, int n) {
            in.compute(from, n);
            Kind src = in.kind;
            switch (dom) {
                case B -> toBool(n);
                case L -> {
                    switch (in.dom) {
                        case B -> { for (int i = 0; i < n; i++) { l[i] = in.b[i]; } }
                        case L -> System.arraycopy(in.l, 0, l, 0, n);
                        case F -> { for (int i = 0; i < n; i++) { l[i] = castToLong(in.f[i]); } }
                        // Complex to integer casts the real part (NumPy's ComplexWarning cast).
                        case D, C -> { for (int i = 0; i < n; i++) { l[i] = castToLong(in.d[i]); } }
                    }
                    wrapAll(kind, l, n);
                }
                case F -> {
                    switch (in.dom) {
                        case B -> { for (int i = 0; i < n; i++) { f[i] = in.b[i]; } }
                        case L -> {
                            if (src == Kind.UINT64) {
                                for (int i = 0; i < n; i++) { f[i] = Elements.unsignedToFloat(in.l[i]); }
                            } else {
                                for (int i = 0; i < n; i++) { f[i] = in.l[i]; }
                            }
                        }
                        case F -> System.arraycopy(in.f, 0, f, 0, n);
                        case D, C -> {
                            if (kind == Kind.FLOAT16) {
                                // One rounding from double to half, as NumPy's double -> half cast.
                                for (int i = 0; i < n; i++) { f[i] = Float.float16ToFloat(Elements.doubleToHalf(in.d[i])); }
                                return;
                            }
                            for (int i = 0; i < n; i++) { f[i] = (float) in.d[i]; }
                        }
                    }
                    if (kind == Kind.FLOAT16 && src != Kind.FLOAT16) {
                        if (src == Kind.UINT64 || src == Kind.INT64 || src == Kind.INT32 || src == Kind.UINT32) {
                            // Wide integers round once to half through double (exact for these magnitudes below 2^53).
                            for (int i = 0; i < n; i++) {
                                double v = src == Kind.UINT64 ? Elements.unsignedToDouble(in.l[i]) : (double) in.l[i];
                                f[i] = Float.float16ToFloat(Elements.doubleToHalf(v));
                            }
                        } else {
                            roundHalf(f, n);
                        }
                    }
                }
                case D -> {
                    switch (in.dom) {
                        case B -> { for (int i = 0; i < n; i++) { d[i] = in.b[i]; } }
                        case L -> {
                            if (src == Kind.UINT64) {
                                for (int i = 0; i < n; i++) { d[i] = Elements.unsignedToDouble(in.l[i]); }
                            } else {
                                for (int i = 0; i < n; i++) { d[i] = in.l[i]; }
                            }
                        }
                        case F -> { for (int i = 0; i < n; i++) { d[i] = in.f[i]; } }
                        case D, C -> System.arraycopy(in.d, 0, d, 0, n);
                    }
                }
                case C -> toComplex(n);
            }
        }

        /** A real value becomes (value, 0); complex128 to complex64 rounds each part to float. */
        private void toComplex(int n) {
            boolean single = kind == Kind.COMPLEX64;
            switch (in.dom) {
                case B -> { for (int i = 0; i < n; i++) { d[i] = in.b[i]; } }
                case L -> {
                    for (int i = 0; i < n; i++) {
                        long v = in.l[i];
                        // One rounding from the integer, as C's conversions.
                        d[i] = in.kind == Kind.UINT64 ? single ? Elements.unsignedToFloat(v) : Elements.unsignedToDouble(v)
                                : single ? (float) v : (double) v;
                    }
                }
                case F -> { for (int i = 0; i < n; i++) { d[i] = in.f[i]; } }
                case D -> {
                    for (int i = 0; i < n; i++) { d[i] = single ? (float) in.d[i] : in.d[i]; }
                }
                case C -> {
                    for (int i = 0; i < n; i++) {
                        d[i] = single ? (float) in.d[i] : in.d[i];
                        di[i] = single ? (float) in.di[i] : in.di[i];
                    }
                    return;
                }
            }
            java.util.Arrays.fill(di, 0, n, 0.0);
        }

        private void toBool(int n) {
            switch (in.dom) {
                case B -> System.arraycopy(in.b, 0, b, 0, n);
                case L -> { for (int i = 0; i < n; i++) { b[i] = (byte) (in.l[i] != 0 ? 1 : 0); } }
                case F -> { for (int i = 0; i < n; i++) { b[i] = (byte) (in.f[i] != 0 ? 1 : 0); } }
                case D -> { for (int i = 0; i < n; i++) { b[i] = (byte) (in.d[i] != 0 ? 1 : 0); } }
                // NaN is true, as C's truth value.
                case C -> { for (int i = 0; i < n; i++) { b[i] = (byte) (in.d[i] != 0 || in.di[i] != 0 ? 1 : 0); } }
            }
        }

        /** Float to integer as NumPy's cast does on x86-64 (then wrapped to the width by the caller). */
        private long castToLong(double v) {
            return switch (kind) {
                case INT8, UINT8, INT16, UINT16, INT32 -> Elements.cvt32(v);
                case UINT64 -> Elements.doubleToUnsigned(v);
                default -> Elements.cvt64(v);
            };
        }
    }

    /** A constant: filled once, computing nothing per block. */
    static final class Const extends ExprKernel {
        Const(Kind kind, int block, long lv, double dv) {
            this(kind, block, lv, dv, 0);
        }

        /** A constant whose complex value is (dv, im); real kinds ignore im. */
        Const(Kind kind, int block, long lv, double dv, double im) {
            super(kind, block);
            switch (dom) {
                case B -> java.util.Arrays.fill(b, (byte) (lv != 0 ? 1 : 0));
                case L -> java.util.Arrays.fill(l, lv);
                case F -> java.util.Arrays.fill(f, (float) dv);
                case D -> java.util.Arrays.fill(d, dv);
                case C -> {
                    java.util.Arrays.fill(d, dv);
                    java.util.Arrays.fill(di, im);
                }
            }
        }

        @Override
        void compute(long from, int n) {
        }
    }
}
