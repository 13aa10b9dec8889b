package org.memmap4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/**
 * repr() and str() of whole arrays against NumPy, for a generated corpus: every dtype (native and big-endian), shapes
 * from 0-d and empty to 4-d and 5-d, short and summarised (more than 1000 elements), strided views, and value sets
 * from plain integers to NaN, infinities, -0.0, subnormals and mixed magnitudes. Each case is written by Python with
 * {@code tofile}, mapped here with {@link MemMap}, and must print exactly as {@code repr(a)}, {@code str(a)} and,
 * mapped, {@code repr(np.memmap(...))}.
 */
class ArrayFormatNumPyTest {

    private static final String GENERATOR = ArrayFormatFloatTest.PRELUDE + """
            FLOAT_CATS = ['ints', 'small_ints', 'normal', 'uniform', 'wide', 'special', 'nonfinite', 'nan_only',
                          'tiny', 'huge', 'mixed', 'decimals', 'long_fraction', 'bits', 'zeros', 'neg_zeros',
                          'big_positional', 'cutoff', 'ratio']
            def floats(cat, n, dt):
                fi = np.finfo(dt)
                sign = rng.choice([-1.0, 1.0], n)
                if cat == 'ints': v = rng.integers(-1000, 1000, n)
                elif cat == 'small_ints': v = rng.integers(0, 10, n)
                elif cat == 'normal': v = rng.standard_normal(n)
                elif cat == 'uniform': v = rng.uniform(0, 1, n)
                elif cat == 'wide': v = sign * 10.0 ** rng.uniform(-30, 30, n)
                elif cat == 'special':
                    v = rng.choice([np.nan, np.inf, -np.inf, -0.0, 0.0, 1.5, -2.25, 3.0, float(fi.tiny), float(fi.max)], n)
                elif cat == 'nonfinite': v = rng.choice([np.nan, np.inf, -np.inf, 1.0, -7.5], n)
                elif cat == 'nan_only': v = rng.choice([np.nan, np.inf], n)
                elif cat == 'tiny': v = sign * float(fi.smallest_subnormal) * rng.integers(1, 1000, n)
                elif cat == 'huge': v = sign * float(fi.max) * rng.uniform(0.01, 1, n)
                elif cat == 'mixed': v = sign * 10.0 ** rng.integers(-5, 6, n) * rng.uniform(1, 10, n)
                elif cat == 'decimals': v = rng.integers(-10**6, 10**6, n) / 10.0 ** rng.integers(0, 6, n)
                elif cat == 'long_fraction': v = rng.uniform(0, 100, n) + 1e-9
                elif cat == 'bits':
                    bits = 8 * np.dtype(dt).itemsize
                    v = rng.integers(0, 2**bits, n, dtype=np.uint64).astype(f'u{bits // 8}').view(dt)
                elif cat == 'zeros': v = np.zeros(n)
                elif cat == 'neg_zeros': v = rng.choice([0.0, -0.0], n)
                elif cat == 'big_positional': v = rng.uniform(1e2, 9.9e2, n) * rng.choice([1, 1e2, 1e4], n)
                elif cat == 'cutoff':
                    v = rng.choice([1e-4, 1.5e-4, 9.99e-5, 999.0, 1000.0, 999999.0, 1e6, 99999999.0, 1e8, 12.5], n)
                else: v = rng.choice([1.0, 1000.0, 1000.5, 0.001, 0.5, 2.0], n)
                return np.asarray(v).astype(dt)

            INT_CATS = ['full', 'small', 'signed_small', 'extremes', 'zeros']
            def ints(cat, n, dt):
                ii = np.iinfo(dt)
                if cat == 'full': return rng.integers(int(ii.min), int(ii.max), n, dtype=dt, endpoint=True)
                if cat == 'small': return rng.integers(0, 10, n).astype(dt)
                if cat == 'signed_small': return rng.integers(max(int(ii.min), -50), 50, n).astype(dt)
                if cat == 'extremes': return rng.choice(np.array([ii.min, ii.max, 0, 1, ii.max // 2], dtype=dt), n)
                return np.zeros(n, dt)

            def values(dt, cat_index, n):
                kind = np.dtype(dt).kind
                if kind == 'b': return rng.integers(0, 2, n).astype(bool) if cat_index % 3 else np.ones(n, bool)
                if kind in 'iu': return ints(INT_CATS[cat_index % len(INT_CATS)], n, np.dtype(dt).newbyteorder('='))
                if kind == 'f': return floats(FLOAT_CATS[cat_index % len(FLOAT_CATS)], n, np.dtype(dt).newbyteorder('='))
                part = np.float32 if np.dtype(dt).itemsize == 8 else np.float64
                c = np.empty(n, np.dtype(dt).newbyteorder('='))
                c.real = floats(FLOAT_CATS[cat_index % len(FLOAT_CATS)], n, part)
                c.imag = floats(FLOAT_CATS[(cat_index * 7 + 3) % len(FLOAT_CATS)], n, part)
                return c

            VIEWS = {1: ['', '::-1', '1::3', '-7:'], 2: ['', '::-1, ::2', '1:, :', '0', ':, -1'],
                     3: ['', ':, ::-1, 1:', '..., 0', '1'], 4: ['', '::2, :, 1'], 5: ['', '..., ::-1']}

            cases = []
            def add(dt, shape, cat_index, view='', transpose=False):
                a = values(dt, cat_index, int(np.prod(shape, dtype=np.int64))).astype(dt).reshape(shape)
                path = os.path.join(out, f'c{len(cases)}.bin')
                a.tofile(path)
                # NumPy cannot map an empty file: empty cases check the in-memory array only.
                m = np.memmap(path, dtype=dt, mode='r', shape=shape) if a.size else a
                try:
                    if view:
                        va, vm = eval(f'a[{view}]'), eval(f'm[{view}]')
                    else:
                        va, vm = a, m
                    if transpose:
                        va, vm = va.T, vm.T
                except IndexError:
                    view, transpose, va, vm = '', False, a, m
                shape_text = ','.join(map(str, shape))
                cases.append('\\t'.join([f'c{len(cases)}', np.dtype(dt).str, shape_text, view, str(transpose),
                                        b64(repr(va)), b64(str(va)), b64(repr(vm)) if a.size else '']))

            DTYPES = ['?', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'f2', 'f4', 'f8', 'c8', 'c16',
                      '>i2', '>i4', '>i8', '>u4', '>u8', '>f2', '>f4', '>f8', '>c8', '>c16']
            SHAPES = [(), (0,), (0, 3), (2, 0, 4), (1,), (2,), (5,), (13,), (40,), (1000,), (1001,), (2500,),
                      (1, 1), (3, 4), (6, 7), (25, 40), (40, 30), (2000, 2), (2, 1001), (2, 3, 4), (4, 5, 6),
                      (11, 12, 13), (1, 1, 1, 1), (2, 3, 2, 3), (6, 6, 6, 6), (7, 8, 9, 10), (2, 1, 3, 1, 2),
                      (3, 2, 4, 2, 3), (8, 2, 9, 2, 7)]
            k = 0
            for d, dt in enumerate(DTYPES):
                for s, shape in enumerate(SHAPES):
                    k += 1
                    views = VIEWS.get(len(shape), [''])
                    add(dt, shape, d * 5 + s, views[k % len(views)], len(shape) >= 2 and k % 3 == 0)
            for dt in ['f2', 'f4', 'f8', 'c8', 'c16']:
                for c in range(len(FLOAT_CATS)):
                    for shape in [(1,), (7,), (3, 5), ()]:
                        add(dt, shape, c)
            with open(os.path.join(out, 'cases.tsv'), 'w') as f:
                f.write('\\n'.join(cases) + '\\n')
            print(len(cases))
            """;

    @TempDir
    static Path dir;
    private static int expectedCases;

    @BeforeAll
    static void generate() {
        expectedCases = Integer.parseInt(NumPy.run(GENERATOR, dir, 4242));
    }

    @Test
    void corpusIsComplete() throws IOException {
        assertEquals(expectedCases, Files.readAllLines(dir.resolve("cases.tsv")).size());
        assertTrue(expectedCases > 1000, "corpus too small: " + expectedCases);
    }

    @TestFactory
    Stream<DynamicTest> matchesNumPy() throws IOException {
        return Files.readAllLines(dir.resolve("cases.tsv")).stream().map(line -> {
            String[] f = line.split("\t", -1);
            String name = f[0] + " " + f[1] + " (" + f[2] + ")" + (f[3].isEmpty() ? "" : "[" + f[3] + "]")
                    + (Boolean.parseBoolean(f[4]) ? ".T" : "");
            return DynamicTest.dynamicTest(name, () -> check(f));
        });
    }

    private static void check(String[] f) throws IOException {
        long[] shape = f[2].isEmpty() ? new long[0] : Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
        DType dtype = DType.of(f[1]);
        boolean empty = f[7].isEmpty();
        try (NDArray mapped = empty ? NDArrays.empty(dtype, shape)
                : MemMap.builder(dir.resolve(f[0] + ".bin")).dtype(dtype).mode(Mode.READ_ONLY).shape(shape).open()) {
            NDArray view = f[3].isEmpty() ? mapped : mapped.get(f[3]);
            if (Boolean.parseBoolean(f[4])) {
                view = view.T();
            }
            NDArray inMemory = view.copy();
            List<String> failures = new ArrayList<>();
            ArrayFormatFloatTest.compare(failures, "repr", ArrayFormatFloatTest.decode(f[5]), ArrayFormat.repr(inMemory));
            ArrayFormatFloatTest.compare(failures, "str", ArrayFormatFloatTest.decode(f[6]), ArrayFormat.str(inMemory));
            if (!empty) {
                ArrayFormatFloatTest.compare(failures, "memmap repr", ArrayFormatFloatTest.decode(f[7]),
                        ArrayFormat.repr(view));
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }
    }
}
