package org.memmap4j;

import org.memmap4j.testing.NumPyBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.memmap4j.testing.NumPyBatch.assertSameArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Array casting ({@code astype}, {@code a[...] = b}) for every pair of dtypes, on values chosen to hit every edge:
 * range limits, out-of-range floats into integers (x86-64 results), float16 and float32 rounding ties and
 * subnormals, uint64 above 2^63, NaN and infinities, complex into real and bool. The source arrays are made by
 * NumPy and read by memmap4j from raw files, so both sides cast the same bits.
 */
class CastingTest {

    @TempDir
    Path dir;

    static final String[] KINDS = {"b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16"};

    /** Python that defines {@code source(dtype)}: the edge values of the dtype's kind, as an array of that dtype. */
    static final String SOURCES = """
            INTS = [0, 1, -1, 2, 127, -128, 128, -129, 255, 256, 32767, -32768, 32768, 65535, 65536, 2**24 + 1,
                    2**31 - 1, -2**31, 2**31, 2**32 - 1, 2**32, 2**53 + 1, 2**62 + 2**38 + 1, 2**63 - 1, -2**63,
                    -2**63 + 1, 2**63, 2**63 + 2**39 + 1, 2**63 + 2**40, 2**64 - 2**10, 2**64 - 1, 12345678901234567]
            FLOATS = [0.0, -0.0, 0.5, -0.5, 0.9999, 1.5, 2.5, -2.5, 127.9, -128.9, 128.0, -129.0, 255.5, 256.0, -1.0,
                      32767.9, 32768.0, -32769.0, 65504.0, 65519.99, 65520.0, 1e-8, 6e-8, 2.0**-24, 2.0**-25,
                      2.0**-25 + 2.0**-40, 3 * 2.0**-26, 2.0**-14, 2.0**-14 - 2.0**-25, 1 + 2.0**-11, 1 + 3 * 2.0**-11,
                      2049.0, 2051.0, 1 + 2.0**-24, 1 + 2.0**-24 + 2.0**-50, 16777217.0, 2.0**31, -2.0**31 - 1,
                      2.0**31 - 0.5, 2.0**32, 4294967295.9, 2.0**53 + 2, 2.0**63, -2.0**63, 2.0**63 - 1024, 2.0**64,
                      1.8446744073709550e19, 1e19, -1e19, 1e20, -1e20, 3.4028235e38, 3.5e38, 1e308, -1e308, 5e-324,
                      1e-310, float('inf'), float('-inf'), float('nan'), -float('nan')]
            COMPLEX = [0j, 1.5 + 2.5j, -1e20 + 1j, complex(float('nan'), 0), complex(0, float('nan')),
                       complex(float('inf'), -float('inf')), 1j, complex(-0.0, -0.0), 3e38 + 1e39j, 65520 + 0j,
                       300.7 - 1j, -129.5 + 7j, 2.0**63 + 0j, 1e-8 + 1e-8j]
            def source(dt):
                dt = np.dtype(dt)
                if dt.kind == 'b':
                    return np.array([False, True, True, False], dtype=dt)
                if dt.kind in 'iu':
                    info = np.iinfo(dt)
                    return np.array([v for v in INTS if info.min <= v <= info.max], dtype=dt)
                if dt.kind == 'f':
                    return np.array(FLOATS, dtype='f8').astype(dt)
                return np.array(COMPLEX, dtype='c16').astype(dt)
            """;

    @TestFactory
    Stream<DynamicTest> everyPairLikeNumPy() {
        List<String[]> pairs = new ArrayList<>();
        for (String from : KINDS) {
            for (String to : KINDS) {
                pairs.add(new String[] {"=" + from, "=" + to});
                if (!from.endsWith("1") || !to.endsWith("1")) {
                    // Byte order must not matter: the same cast between non-native dtypes.
                    pairs.add(new String[] {">" + from, ">" + to});
                }
            }
        }
        return run(pairs);
    }

    private Stream<DynamicTest> run(List<String[]> pairs) {
        NumPyBatch batch = new NumPyBatch(dir);
        for (String[] p : pairs) {
            batch.add(SOURCES + "r = source('" + p[0] + "')");
            batch.add(SOURCES + "r = source('" + p[0] + "').astype('" + p[1] + "')");
            // NumPy's scalar cast loop, which strided arrays take.
            batch.add(SOURCES + "r = np.repeat(source('" + p[0] + "'), 2)[::2].astype('" + p[1] + "')");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String[] p = pairs.get(i);
            NumPyBatch.Result source = results.get(3 * i);
            NumPyBatch.Result contiguous = results.get(3 * i + 1);
            NumPyBatch.Result cast = results.get(3 * i + 2);
            tests.add(DynamicTest.dynamicTest(p[0] + " -> " + p[1], () -> {
                NDArray src = source.array();
                DType to = DType.of(p[1]);
                // a[...] = src casts as astype does, also into a strided, reversed destination.
                NDArray dst = NDArrays.empty(to, src.size() * 2).get("::-2");
                dst.assign(src.get("::-1"));
                for (NDArray out : new NDArray[] {src.astype(to), dst.get("::-1")}) {
                    if (!simdDiffers(src.dtype(), to)) {
                        assertSameArray(out, cast);
                        assertSameArray(out, contiguous);
                    } else if (src.dtype().isNativeOrder()) {
                        assertSameArray(out, cast);
                    } else {
                        // NumPy swaps non-native data into a buffer and casts it with the SIMD loop even when strided.
                        NDArray nativeCast = src.astype(src.dtype().toNative()).astype(to.toNative());
                        assertThat(NumPyBatch.bytes(out.astype(to.toNative()))).isEqualTo(NumPyBatch.bytes(nativeCast));
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * Out-of-range float → uint32 casts: NumPy's SIMD loop (the bulk of contiguous float32/64 and complex arrays)
     * differs from its scalar loop, which memmap4j follows.
     */
    private static boolean simdDiffers(DType from, DType to) {
        DType.Kind f = from.kind();
        return to.kind() == DType.Kind.UINT32 && f != DType.Kind.FLOAT16 && (f.isFloat() || f.isComplex());
    }

    /** getDouble, getLong and getBoolean read elements as astype(float64), astype(int64) and astype(bool) do. */
    @TestFactory
    Stream<DynamicTest> elementGettersLikeAstype() {
        NumPyBatch batch = new NumPyBatch(dir);
        for (String k : KINDS) {
            batch.add(SOURCES + "r = source('" + k + "')");
            batch.add(SOURCES + "r = source('" + k + "').astype('f8')");
            batch.add(SOURCES + "r = source('" + k + "').astype('i8')");
            batch.add(SOURCES + "r = source('" + k + "').astype('?')");
            batch.add(SOURCES + "r = source('" + k + "').astype('c16')");
        }
        List<NumPyBatch.Result> results = batch.run();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < KINDS.length; i++) {
            int base = 5 * i;
            tests.add(DynamicTest.dynamicTest(KINDS[i], () -> {
                NDArray src = results.get(base).array();
                NDArray asDouble = results.get(base + 1).array();
                NDArray asLong = results.get(base + 2).array();
                NDArray asBool = results.get(base + 3).array();
                NDArray asComplex = results.get(base + 4).array();
                for (long k = 0; k < src.size(); k++) {
                    assertThat(Double.doubleToLongBits(src.getDouble(k))).as("getDouble(%d)", k)
                            .isEqualTo(Double.doubleToLongBits(asDouble.getDouble(k)));
                    assertThat(src.getLong(k)).as("getLong(%d)", k).isEqualTo(asLong.getLong(k));
                    assertThat(src.getBoolean(k)).as("getBoolean(%d)", k).isEqualTo(asBool.getBoolean(k));
                    assertThat(src.getComplex(k)).as("getComplex(%d)", k).containsExactly(asComplex.getComplex(k));
                }
            }));
        }
        return tests.stream();
    }
}
