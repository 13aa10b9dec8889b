package org.memmap4j.compute;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.compute.ExprOp.Op;
import org.memmap4j.compute.Promotion.Ty;

/**
 * An elementwise expression over arrays and scalars, evaluated lazily and fused: building
 * {@code Expr.of(d).multiply(9).divide(5).add(32)} computes nothing; {@link Compute#eval(Expr)},
 * {@link Compute#evalInto(Expr, NDArray)} or {@link Compute#evalToNpy(Expr, java.nio.file.Path, boolean)} then make
 * one pass over {@code d}, block by block, with no full-size temporaries. Masks are bool expressions:
 * {@link Compute#sumWhere(Expr, Expr)} and its siblings reduce under a mask without materialising it.
 *
 * <p><b>Operands.</b> Every binary operation takes another {@code Expr}, an {@link NDArray}, or a Java
 * {@code double} or {@code long}. Shapes broadcast as in NumPy. Java scalars behave as Python scalars do in NumPy 2
 * (NEP 50, "weak" scalars): they take the dtype of the array they meet, so {@code float32 * 1.02} stays float32
 * (the scalar is rounded to float32 first) and {@code int8 + 1} stays int8, while {@code int32 * 1.5} is float64. A
 * {@code long} that does not fit the integer dtype it meets is refused, as NumPy's OverflowError (comparisons accept
 * it and compare exactly; {@link #clip(long, long)} clamps it; {@link #where} wraps it, as NumPy does).
 *
 * <p><b>Results.</b> Dtypes follow NumPy 2's promotion and each ufunc's loops: true division of integers gives
 * float64; comparisons and logical operations give bool; {@code sqrt}, {@code exp} and the other math functions give
 * float16 for 1-byte integers and bool, float32 for 2-byte integers and float64 for wider ones; floor division,
 * remainder and power of two bools give int8. Operations run in the result's precision, step by step as NumPy runs
 * them, so {@code + - * /}, comparisons, {@code sqrt}, floor division, remainder, {@code floor}, {@code ceil},
 * {@code round}, {@code abs} and casts give NumPy's bits exactly for every dtype; float16 operations are computed in
 * float32 and rounded to float16 after each operation, as NumPy does. Integer arithmetic wraps; integer division
 * and remainder by zero give 0 (NumPy also warns).
 *
 * <p><b>Transcendentals.</b> {@code exp}, {@code log}, {@code log10}, {@code sin}, {@code cos}, {@code tan} and
 * non-integral {@code power} use {@link Math}: float64 results are within 1 ulp of NumPy's (glibc's libm), float32
 * ones (computed in double, rounded once) within 4 ulps of NumPy's SIMD float32 kernels, float16 ones within 1 ulp
 * of float16. Tests check these bounds against NumPy.
 *
 * <p><b>Complex numbers.</b> complex64 and complex128 arrays, and Python-complex-like scalars
 * ({@link #scalar(double, double)}), take part in {@code + - * /}, {@code power}, {@code negative}, {@code abs}
 * (giving the component dtype: float32 or float64), {@code sqrt}, {@code exp}, {@code log}, {@code log10},
 * {@code round}, comparisons, {@code maximum}/{@code minimum}/{@code clip}, logical operations (a complex value is
 * true when either part is nonzero), {@code isnan}/{@code isinf}/{@code isfinite} (either part), {@link #where},
 * casts, and {@link #real()}, {@link #imag()}, {@link #conj()}. Promotion is NEP 50's: float64 with complex64 gives
 * complex128, a Python float keeps complex64, a Python complex meeting float32 gives complex64 and meeting an
 * integer array complex128. Comparisons order complex numbers lexicographically (real part first), as NumPy does.
 * {@code floorDivide}, {@code mod}, {@code floor} and {@code ceil} are refused with an
 * {@link IllegalArgumentException}, as NumPy refuses them (TypeError); {@code sin}, {@code cos} and {@code tan} of
 * complex values are refused too (NumPy has them; memmap4j does not implement them). Casting complex to a real dtype
 * keeps the real part (NumPy's ComplexWarning cast).
 *
 * <p>complex64 arithmetic runs in float, step by step, complex128 in double, with NumPy's algorithms:
 * {@code + - *}, {@code /} (Smith's algorithm with NumPy's handling of NaN and infinite parts), {@code x ** 2},
 * {@code x ** -1}, integral powers of magnitude below 100, {@code abs}, comparisons and {@code round} give NumPy's
 * bits (multiplication fuses one product into an FMA, as NumPy's AVX2 kernel on x86-64 does; NumPy built without
 * FMA rounds that product separately). {@code sqrt}, {@code exp}, {@code log} and {@code log10} follow glibc's
 * {@code csqrt}, {@code cexp} and {@code clog}, which NumPy calls, on principal branches ({@code log} and
 * {@code sqrt} are discontinuous across the negative real axis, where the sign of a zero imaginary part picks the
 * side): each part is within 2 ulps of NumPy's (complex64 {@code exp} within 3: glibc's float sine and cosine are
 * not correctly rounded). {@code sin}, {@code cos} and {@code tan} follow glibc's {@code csin}, {@code ccos} (that
 * is, {@code ccosh(iz)}) and {@code ctan}, special values included; complex128 parts are within 2 ulps of NumPy's
 * ({@code tan}: 4), complex64 ones are computed in double and rounded once, within 1 ulp of the exact value where
 * glibc's float versions are up to 3 ({@code sin}, {@code cos}) and 6 ({@code tan}) ulps off. Non-integral complex powers are {@code exp(b * log(a))}, as glibc's {@code cpow}: each part
 * is within {@code 4 + 4 |b log a|} ulps of the result's magnitude, the error of {@code b * log(a)} being magnified
 * by its size.
 *
 * <p><b>Limits.</b> Expressions are immutable and thread-safe; they are {@link Serializable} when every array they
 * read maps a file, so distributed executors can ship them.
 */
public abstract class Expr implements Serializable {

    private static final long serialVersionUID = 1L;

    final Ty ty;
    final long[] shape;

    Expr(Ty ty, long[] shape) {
        this.ty = ty;
        this.shape = shape;
    }

    /**
     * Returns the expression that reads an array, as it is at evaluation time: any view, dtype and byte order.
     *
     * @param array the array, of any dtype
     * @return the expression
     * @throws NullPointerException     if array is null
     * @throws IllegalStateException    if the array is closed
     */
    public static Expr of(NDArray array) {
        return new ExprArray(Objects.requireNonNull(array, "array"));
    }

    /**
     * Returns a Python-float-like scalar of shape (): it takes the float dtype of what it meets.
     *
     * @param value the value
     * @return the expression
     */
    public static Expr scalar(double value) {
        return ExprScalar.ofDouble(value);
    }

    /**
     * Returns a Python-int-like scalar of shape (): it takes the integer or float dtype of what it meets.
     *
     * @param value the value
     * @return the expression
     */
    public static Expr scalar(long value) {
        return ExprScalar.ofLong(value);
    }

    /**
     * Returns a Python-complex-like scalar {@code real + imag * 1j} of shape (): it takes the complex dtype of what it
     * meets (complex64 for complex64, float32 and float16 arrays; complex128 for the others).
     *
     * @param real the real part
     * @param imag the imaginary part
     * @return the expression
     */
    public static Expr scalar(double real, double imag) {
        return ExprScalar.ofComplex(real, imag);
    }

    /**
     * Returns a Python-bool-like scalar of shape (): it takes the dtype of what it meets.
     *
     * @param value the value
     * @return the expression
     */
    public static Expr scalar(boolean value) {
        return ExprScalar.ofBoolean(value);
    }

    /**
     * Returns {@code np.where(condition, a, b)}: a's element where the condition's is true (nonzero), else b's. The
     * three broadcast together; the result dtype is a's and b's common one.
     *
     * @param condition the condition, of any dtype (its truth value is used)
     * @param a         values where true
     * @param b         values where false
     * @return the expression
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public static Expr where(Expr condition, Expr a, Expr b) {
        return ExprOp.select(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(a, "a"),
                Objects.requireNonNull(b, "b"));
    }

    private static Expr ofScalar(double v) {
        return ExprScalar.ofDouble(v);
    }

    private static Expr ofScalar(long v) {
        return ExprScalar.ofLong(v);
    }

    /** {@return the dtype of the result, in native byte order} */
    public DType dtype() {
        return DType.of(ty.kind());
    }

    /** {@return the shape of the result (a copy)} */
    public long[] shape() {
        return shape.clone();
    }

    /** {@return the number of dimensions of the result} */
    public int ndim() {
        return shape.length;
    }

    /** {@return the number of elements of the result} */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Returns this expression cast to a dtype with NumPy's unsafe casting, like {@code astype}: complex to a real
     * dtype keeps the real part, complex to bool is true when either part is nonzero.
     *
     * @param dtype the dtype (its byte order is ignored: results are native)
     * @return the expression
     * @throws NullPointerException if dtype is null
     */
    public Expr astype(DType dtype) {
        return ExprOp.cast(this, dtype.kind());
    }

    Expr astype(DType.Kind kind) {
        return ExprOp.cast(this, kind);
    }

    /**
     * Returns the logical negation of each element's truth value, as bool ({@code np.logical_not}).
     *
     * @return the expression
     */
    public Expr not() {
        return ExprOp.unary(Op.NOT, this);
    }

    /**
     * Returns the elements limited to {@code [lo, hi]} ({@code np.clip}): {@code minimum(maximum(this, lo), hi)},
     * so NaN stays NaN and {@code lo > hi} gives hi. Complex values compare lexicographically, and a value equal to
     * a bound gives the bound (NumPy's clip loop; it differs from maximum and minimum in the sign of zero parts).
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the expression
     * @throws NullPointerException     if a bound is null
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr clip(Expr lo, Expr hi) {
        Objects.requireNonNull(lo, "lo");
        Objects.requireNonNull(hi, "hi");
        if (Promotion.combine(Promotion.combine(ty, lo.ty), hi.ty).kind().isComplex()) {
            return ExprOp.clipComplex(this, lo, hi);
        }
        return maximum(lo).minimum(hi);
    }

    /**
     * Returns the elements limited to {@code [lo, hi]} with Python-float-like bounds ({@code np.clip}).
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the expression
     */
    public Expr clip(double lo, double hi) {
        return clip(ExprScalar.ofDouble(lo), ExprScalar.ofDouble(hi));
    }

    /**
     * Returns the elements limited to {@code [lo, hi]} with Python-int-like bounds ({@code np.clip}); bounds outside
     * an integer dtype's range are clamped to it, as NumPy 2 does, so the dtype is kept.
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the expression
     */
    public Expr clip(long lo, long hi) {
        return clip(ExprScalar.ofLong(lo).clampTo(ty.kind()), ExprScalar.ofLong(hi).clampTo(ty.kind()));
    }

    /**
     * Returns {@code this + other} ({@code np.add}; for two bools, logical or).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr add(Expr other) {
        return ExprOp.binary(Op.ADD, this, other);
    }

    /**
     * Returns {@code this + other} ({@code np.add}; for two bools, logical or).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr add(NDArray other) {
        return ExprOp.binary(Op.ADD, this, of(other));
    }

    /**
     * Returns {@code this + other} ({@code np.add}; for two bools, logical or).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr add(double other) {
        return ExprOp.binary(Op.ADD, this, ofScalar(other));
    }

    /**
     * Returns {@code this + other} ({@code np.add}; for two bools, logical or).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr add(long other) {
        return ExprOp.binary(Op.ADD, this, ofScalar(other));
    }

    /**
     * Returns {@code this - other} ({@code np.subtract}; refused for two bools, as NumPy).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr subtract(Expr other) {
        return ExprOp.binary(Op.SUBTRACT, this, other);
    }

    /**
     * Returns {@code this - other} ({@code np.subtract}; refused for two bools, as NumPy).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr subtract(NDArray other) {
        return ExprOp.binary(Op.SUBTRACT, this, of(other));
    }

    /**
     * Returns {@code this - other} ({@code np.subtract}; refused for two bools, as NumPy).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr subtract(double other) {
        return ExprOp.binary(Op.SUBTRACT, this, ofScalar(other));
    }

    /**
     * Returns {@code this - other} ({@code np.subtract}; refused for two bools, as NumPy).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr subtract(long other) {
        return ExprOp.binary(Op.SUBTRACT, this, ofScalar(other));
    }

    /**
     * Returns {@code this * other} ({@code np.multiply}; for two bools, logical and).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr multiply(Expr other) {
        return ExprOp.binary(Op.MULTIPLY, this, other);
    }

    /**
     * Returns {@code this * other} ({@code np.multiply}; for two bools, logical and).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr multiply(NDArray other) {
        return ExprOp.binary(Op.MULTIPLY, this, of(other));
    }

    /**
     * Returns {@code this * other} ({@code np.multiply}; for two bools, logical and).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr multiply(double other) {
        return ExprOp.binary(Op.MULTIPLY, this, ofScalar(other));
    }

    /**
     * Returns {@code this * other} ({@code np.multiply}; for two bools, logical and).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr multiply(long other) {
        return ExprOp.binary(Op.MULTIPLY, this, ofScalar(other));
    }

    /**
     * Returns {@code this / other}, true division ({@code np.divide}): integers give float64; complex values divide
     * by Smith's algorithm, as NumPy.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr divide(Expr other) {
        return ExprOp.binary(Op.DIVIDE, this, other);
    }

    /**
     * Returns {@code this / other}, true division ({@code np.divide}): integers give float64.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr divide(NDArray other) {
        return ExprOp.binary(Op.DIVIDE, this, of(other));
    }

    /**
     * Returns {@code this / other}, true division ({@code np.divide}): integers give float64.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr divide(double other) {
        return ExprOp.binary(Op.DIVIDE, this, ofScalar(other));
    }

    /**
     * Returns {@code this / other}, true division ({@code np.divide}): integers give float64.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr divide(long other) {
        return ExprOp.binary(Op.DIVIDE, this, ofScalar(other));
    }

    /**
     * Returns {@code this // other} ({@code np.floor_divide}): rounds toward negative infinity; integer division by
     * zero gives 0. Refused for complex operands, as NumPy.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr floorDivide(Expr other) {
        return ExprOp.binary(Op.FLOOR_DIVIDE, this, other);
    }

    /**
     * Returns {@code this // other} ({@code np.floor_divide}): rounds toward negative infinity; integer division by zero gives 0.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr floorDivide(NDArray other) {
        return ExprOp.binary(Op.FLOOR_DIVIDE, this, of(other));
    }

    /**
     * Returns {@code this // other} ({@code np.floor_divide}): rounds toward negative infinity; integer division by zero gives 0.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr floorDivide(double other) {
        return ExprOp.binary(Op.FLOOR_DIVIDE, this, ofScalar(other));
    }

    /**
     * Returns {@code this // other} ({@code np.floor_divide}): rounds toward negative infinity; integer division by zero gives 0.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr floorDivide(long other) {
        return ExprOp.binary(Op.FLOOR_DIVIDE, this, ofScalar(other));
    }

    /**
     * Returns {@code this % other} ({@code np.remainder}): the sign of the divisor, as Python; integer division by
     * zero gives 0. Refused for complex operands, as NumPy.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr mod(Expr other) {
        return ExprOp.binary(Op.MOD, this, other);
    }

    /**
     * Returns {@code this % other} ({@code np.remainder}): the sign of the divisor, as Python; integer division by zero gives 0.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr mod(NDArray other) {
        return ExprOp.binary(Op.MOD, this, of(other));
    }

    /**
     * Returns {@code this % other} ({@code np.remainder}): the sign of the divisor, as Python; integer division by zero gives 0.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr mod(double other) {
        return ExprOp.binary(Op.MOD, this, ofScalar(other));
    }

    /**
     * Returns {@code this % other} ({@code np.remainder}): the sign of the divisor, as Python; integer division by zero gives 0.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr mod(long other) {
        return ExprOp.binary(Op.MOD, this, ofScalar(other));
    }

    /**
     * Returns {@code this ** other} ({@code np.power}); a negative integer exponent of an integer base is refused.
     * Complex powers follow NumPy's {@code npy_cpow} (see the class documentation).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr power(Expr other) {
        return ExprOp.binary(Op.POWER, this, other);
    }

    /**
     * Returns {@code this ** other} ({@code np.power}); a negative integer exponent of an integer base is refused.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr power(NDArray other) {
        return ExprOp.binary(Op.POWER, this, of(other));
    }

    /**
     * Returns {@code this ** other} ({@code np.power}); a negative integer exponent of an integer base is refused.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr power(double other) {
        return ExprOp.binary(Op.POWER, this, ofScalar(other));
    }

    /**
     * Returns {@code this ** other} ({@code np.power}); a negative integer exponent of an integer base is refused.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr power(long other) {
        return ExprOp.binary(Op.POWER, this, ofScalar(other));
    }

    /**
     * Returns the larger of the operands ({@code np.maximum}): NaN if either is NaN.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr maximum(Expr other) {
        return ExprOp.binary(Op.MAXIMUM, this, other);
    }

    /**
     * Returns the larger of the operands ({@code np.maximum}): NaN if either is NaN.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr maximum(NDArray other) {
        return ExprOp.binary(Op.MAXIMUM, this, of(other));
    }

    /**
     * Returns the larger of the operands ({@code np.maximum}): NaN if either is NaN.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr maximum(double other) {
        return ExprOp.binary(Op.MAXIMUM, this, ofScalar(other));
    }

    /**
     * Returns the larger of the operands ({@code np.maximum}): NaN if either is NaN.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr maximum(long other) {
        return ExprOp.binary(Op.MAXIMUM, this, ofScalar(other));
    }

    /**
     * Returns the smaller of the operands ({@code np.minimum}): NaN if either is NaN.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr minimum(Expr other) {
        return ExprOp.binary(Op.MINIMUM, this, other);
    }

    /**
     * Returns the smaller of the operands ({@code np.minimum}): NaN if either is NaN.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr minimum(NDArray other) {
        return ExprOp.binary(Op.MINIMUM, this, of(other));
    }

    /**
     * Returns the smaller of the operands ({@code np.minimum}): NaN if either is NaN.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr minimum(double other) {
        return ExprOp.binary(Op.MINIMUM, this, ofScalar(other));
    }

    /**
     * Returns the smaller of the operands ({@code np.minimum}): NaN if either is NaN.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr minimum(long other) {
        return ExprOp.binary(Op.MINIMUM, this, ofScalar(other));
    }

    /**
     * Returns {@code this == other} as bool ({@code np.equal}).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr eq(Expr other) {
        return ExprOp.binary(Op.EQ, this, other);
    }

    /**
     * Returns {@code this == other} as bool ({@code np.equal}).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr eq(NDArray other) {
        return ExprOp.binary(Op.EQ, this, of(other));
    }

    /**
     * Returns {@code this == other} as bool ({@code np.equal}).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr eq(double other) {
        return ExprOp.binary(Op.EQ, this, ofScalar(other));
    }

    /**
     * Returns {@code this == other} as bool ({@code np.equal}).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr eq(long other) {
        return ExprOp.binary(Op.EQ, this, ofScalar(other));
    }

    /**
     * Returns {@code this != other} as bool ({@code np.not_equal}); true where either is NaN.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ne(Expr other) {
        return ExprOp.binary(Op.NE, this, other);
    }

    /**
     * Returns {@code this != other} as bool ({@code np.not_equal}); true where either is NaN.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ne(NDArray other) {
        return ExprOp.binary(Op.NE, this, of(other));
    }

    /**
     * Returns {@code this != other} as bool ({@code np.not_equal}); true where either is NaN.
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ne(double other) {
        return ExprOp.binary(Op.NE, this, ofScalar(other));
    }

    /**
     * Returns {@code this != other} as bool ({@code np.not_equal}); true where either is NaN.
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ne(long other) {
        return ExprOp.binary(Op.NE, this, ofScalar(other));
    }

    /**
     * Returns {@code this < other} as bool ({@code np.less}).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr lt(Expr other) {
        return ExprOp.binary(Op.LT, this, other);
    }

    /**
     * Returns {@code this < other} as bool ({@code np.less}).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr lt(NDArray other) {
        return ExprOp.binary(Op.LT, this, of(other));
    }

    /**
     * Returns {@code this < other} as bool ({@code np.less}).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr lt(double other) {
        return ExprOp.binary(Op.LT, this, ofScalar(other));
    }

    /**
     * Returns {@code this < other} as bool ({@code np.less}).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr lt(long other) {
        return ExprOp.binary(Op.LT, this, ofScalar(other));
    }

    /**
     * Returns {@code this <= other} as bool ({@code np.less_equal}).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr le(Expr other) {
        return ExprOp.binary(Op.LE, this, other);
    }

    /**
     * Returns {@code this <= other} as bool ({@code np.less_equal}).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr le(NDArray other) {
        return ExprOp.binary(Op.LE, this, of(other));
    }

    /**
     * Returns {@code this <= other} as bool ({@code np.less_equal}).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr le(double other) {
        return ExprOp.binary(Op.LE, this, ofScalar(other));
    }

    /**
     * Returns {@code this <= other} as bool ({@code np.less_equal}).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr le(long other) {
        return ExprOp.binary(Op.LE, this, ofScalar(other));
    }

    /**
     * Returns {@code this > other} as bool ({@code np.greater}).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr gt(Expr other) {
        return ExprOp.binary(Op.GT, this, other);
    }

    /**
     * Returns {@code this > other} as bool ({@code np.greater}).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr gt(NDArray other) {
        return ExprOp.binary(Op.GT, this, of(other));
    }

    /**
     * Returns {@code this > other} as bool ({@code np.greater}).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr gt(double other) {
        return ExprOp.binary(Op.GT, this, ofScalar(other));
    }

    /**
     * Returns {@code this > other} as bool ({@code np.greater}).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr gt(long other) {
        return ExprOp.binary(Op.GT, this, ofScalar(other));
    }

    /**
     * Returns {@code this >= other} as bool ({@code np.greater_equal}).
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ge(Expr other) {
        return ExprOp.binary(Op.GE, this, other);
    }

    /**
     * Returns {@code this >= other} as bool ({@code np.greater_equal}).
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ge(NDArray other) {
        return ExprOp.binary(Op.GE, this, of(other));
    }

    /**
     * Returns {@code this >= other} as bool ({@code np.greater_equal}).
     *
     * @param other a Python-float-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ge(double other) {
        return ExprOp.binary(Op.GE, this, ofScalar(other));
    }

    /**
     * Returns {@code this >= other} as bool ({@code np.greater_equal}).
     *
     * @param other a Python-int-like scalar
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together, the operation is not defined for
     *                                  the dtypes, or a Python-int scalar does not fit the integer dtype it meets
     */
    public Expr ge(long other) {
        return ExprOp.binary(Op.GE, this, ofScalar(other));
    }

    /**
     * Returns the logical and of the operands' truth values ({@code np.logical_and}), as bool.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr and(Expr other) {
        return ExprOp.binary(Op.AND, this, other);
    }

    /**
     * Returns the logical and of the operands' truth values ({@code np.logical_and}), as bool.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr and(NDArray other) {
        return ExprOp.binary(Op.AND, this, of(other));
    }

    /**
     * Returns the logical or of the operands' truth values ({@code np.logical_or}), as bool.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr or(Expr other) {
        return ExprOp.binary(Op.OR, this, other);
    }

    /**
     * Returns the logical or of the operands' truth values ({@code np.logical_or}), as bool.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr or(NDArray other) {
        return ExprOp.binary(Op.OR, this, of(other));
    }

    /**
     * Returns the logical exclusive or of the operands' truth values ({@code np.logical_xor}), as bool.
     *
     * @param other the other operand
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr xor(Expr other) {
        return ExprOp.binary(Op.XOR, this, other);
    }

    /**
     * Returns the logical exclusive or of the operands' truth values ({@code np.logical_xor}), as bool.
     *
     * @param other the other operand, an array
     * @return the expression
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr xor(NDArray other) {
        return ExprOp.binary(Op.XOR, this, of(other));
    }

    /**
     * Returns {@code -this} ({@code np.negative}); unsigned integers wrap; refused for bool.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr negative() {
        return ExprOp.unary(Op.NEGATIVE, this);
    }

    /**
     * Returns the absolute value ({@code np.absolute}); the most negative integer stays negative, as in NumPy. The
     * magnitude of a complex value is of the component dtype (float32 for complex64), computed as NumPy's vector
     * kernel: infinite if a part is infinite, else NaN if a part is NaN.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr abs() {
        return ExprOp.unary(Op.ABS, this);
    }

    /**
     * Returns the square root ({@code np.sqrt}); integers and bool give float16, float32 or float64 by their size.
     * Complex values give the principal root (real part at least 0), as glibc's {@code csqrt}.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr sqrt() {
        return ExprOp.unary(Op.SQRT, this);
    }

    /**
     * Returns e to the power of each element ({@code np.exp}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr exp() {
        return ExprOp.unary(Op.EXP, this);
    }

    /**
     * Returns the natural logarithm ({@code np.log}); of a complex value the principal one, with an imaginary part
     * in [-pi, pi], as glibc's {@code clog}.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr log() {
        return ExprOp.unary(Op.LOG, this);
    }

    /**
     * Returns the base-10 logarithm ({@code np.log10}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr log10() {
        return ExprOp.unary(Op.LOG10, this);
    }

    /**
     * Returns the sine, in radians ({@code np.sin}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr sin() {
        return ExprOp.unary(Op.SIN, this);
    }

    /**
     * Returns the cosine, in radians ({@code np.cos}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr cos() {
        return ExprOp.unary(Op.COS, this);
    }

    /**
     * Returns the tangent, in radians ({@code np.tan}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr tan() {
        return ExprOp.unary(Op.TAN, this);
    }

    /**
     * Returns the largest integral value not above each element ({@code np.floor}); integers are kept.
     *
     * @return the expression
     * @throws IllegalArgumentException if this is complex (NumPy has no complex floor)
     */
    public Expr floor() {
        return ExprOp.unary(Op.FLOOR, this);
    }

    /**
     * Returns the smallest integral value not below each element ({@code np.ceil}); integers are kept.
     *
     * @return the expression
     * @throws IllegalArgumentException if this is complex (NumPy has no complex ceil)
     */
    public Expr ceil() {
        return ExprOp.unary(Op.CEIL, this);
    }

    /**
     * Returns each element rounded to the nearest integral value, halves to even ({@code np.round} with
     * {@code decimals=0}): integers are kept, bool gives float16, complex values are rounded part by part.
     *
     * @return the expression
     */
    public Expr round() {
        return ExprOp.unary(Op.ROUND, this);
    }

    /**
     * Returns each element rounded to the given number of decimals, halves to even, as {@code np.round(a, decimals)}
     * computes it: for floats, {@code rint(a * p) / p} with {@code p = 10^decimals} as a Python float (so in the
     * array's precision: float16 overflows from {@code decimals = 5} on and gives NaN, as in NumPy), or
     * {@code rint(a / p) * p} with {@code p = 10^-decimals} for negative decimals. Integers are kept for
     * {@code decimals >= 0}; for negative decimals they are rounded to tens, hundreds... in float64 and cast back
     * to their dtype (so int64 beyond 2^53 loses its low digits, as in NumPy). Complex values are rounded part by
     * part.
     *
     * @param decimals the number of decimals; negative rounds to tens, hundreds...
     * @return the expression, of this dtype (bool: float16 for {@code decimals = 0})
     * @throws IllegalArgumentException if this is bool and decimals is not 0 (NumPy's "Cannot cast ufunc
     *                                  'multiply' output from dtype('float64') to dtype('bool')")
     */
    public Expr round(int decimals) {
        return ExprRound.round(this, decimals);
    }

    /**
     * Returns the real part ({@code np.real}): of the component dtype for complex values, this expression itself
     * for real ones.
     *
     * @return the expression
     */
    public Expr real() {
        return ExprOp.unary(Op.REAL, this);
    }

    /**
     * Returns the imaginary part ({@code np.imag}): of the component dtype for complex values, zeros of this dtype
     * for real ones.
     *
     * @return the expression
     */
    public Expr imag() {
        return ExprOp.unary(Op.IMAG, this);
    }

    /**
     * Returns the complex conjugate ({@code np.conjugate}): the imaginary part negated; real values are kept (bool
     * gives int8, NumPy's first loop).
     *
     * @return the expression
     */
    public Expr conj() {
        return ExprOp.unary(Op.CONJ, this);
    }

    /**
     * Returns whether each element is NaN, as bool ({@code np.isnan}); a complex one when either part is.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr isnan() {
        return ExprOp.unary(Op.ISNAN, this);
    }

    /**
     * Returns whether each element is infinite, as bool ({@code np.isinf}); a complex one when either part is.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr isinf() {
        return ExprOp.unary(Op.ISINF, this);
    }

    /**
     * Returns whether each element is finite, as bool ({@code np.isfinite}); a complex one when both parts are.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr isfinite() {
        return ExprOp.unary(Op.ISFINITE, this);
    }

    // ---- evaluation contract ------------------------------------------------------------------------------------

    /**
     * Writes the result elements at C-order flat positions {@code [from, to)} into {@code out}, contiguously, in
     * {@link #dtype()} with native byte order. The contract kernels evaluate expressions through, block by block.
     */
    abstract void evaluate(long from, long to, MemorySegment out);

    /** Compiles this node into a kernel producing its own kind. */
    abstract ExprKernel compile(ExprContext c);

    /** Compiles this node into a kernel producing the given kind (NumPy's cast to a ufunc loop's type). */
    ExprKernel compileAs(ExprContext c, DType.Kind kind) {
        return ExprKernel.convert(compile(c), kind, c.block);
    }

    /** Adds the distinct array operands of this node to out. */
    abstract void leaves(List<ExprArray> out);
}
