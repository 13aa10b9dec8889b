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
 * <p><b>Limits.</b> Complex dtypes are not supported in expressions. Expressions are immutable and
 * thread-safe; they are {@link Serializable} when every array they read maps a file, so distributed executors can
 * ship them.
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
     * @param array the array
     * @return the expression
     * @throws NullPointerException     if array is null
     * @throws IllegalArgumentException if the array is complex
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
     * Returns this expression cast to a dtype with NumPy's unsafe casting, like {@code astype}.
     *
     * @param dtype the dtype (its byte order is ignored: results are native)
     * @return the expression
     * @throws IllegalArgumentException if the dtype is complex
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
     * so NaN stays NaN and {@code lo > hi} gives hi.
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the expression
     * @throws NullPointerException     if a bound is null
     * @throws IllegalArgumentException if the shapes do not broadcast together
     */
    public Expr clip(Expr lo, Expr hi) {
        return maximum(Objects.requireNonNull(lo, "lo")).minimum(Objects.requireNonNull(hi, "hi"));
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
     * Returns {@code this / other}, true division ({@code np.divide}): integers give float64.
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
     * Returns {@code this // other} ({@code np.floor_divide}): rounds toward negative infinity; integer division by zero gives 0.
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
     * Returns {@code this % other} ({@code np.remainder}): the sign of the divisor, as Python; integer division by zero gives 0.
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
     * Returns the absolute value ({@code np.absolute}); the most negative integer stays negative, as in NumPy.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr abs() {
        return ExprOp.unary(Op.ABS, this);
    }

    /**
     * Returns the square root ({@code np.sqrt}); integers and bool give float16, float32 or float64 by their size.
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
     * Returns the natural logarithm ({@code np.log}).
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
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr floor() {
        return ExprOp.unary(Op.FLOOR, this);
    }

    /**
     * Returns the smallest integral value not below each element ({@code np.ceil}); integers are kept.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr ceil() {
        return ExprOp.unary(Op.CEIL, this);
    }

    /**
     * Returns each element rounded to the nearest integral value, halves to even ({@code np.round} with {@code decimals=0}); integers are kept.
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr round() {
        return ExprOp.unary(Op.ROUND, this);
    }

    /**
     * Returns whether each element is NaN, as bool ({@code np.isnan}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr isnan() {
        return ExprOp.unary(Op.ISNAN, this);
    }

    /**
     * Returns whether each element is infinite, as bool ({@code np.isinf}).
     *
     * @return the expression
     * @throws IllegalArgumentException if the operation is not defined for this dtype
     */
    public Expr isinf() {
        return ExprOp.unary(Op.ISINF, this);
    }

    /**
     * Returns whether each element is finite, as bool ({@code np.isfinite}).
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

    /** Formats a shape as NumPy prints tuples. */
    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
