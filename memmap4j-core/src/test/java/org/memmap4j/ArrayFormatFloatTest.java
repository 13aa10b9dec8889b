package org.memmap4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memmap4j.testing.NumPy;

/**
 * Element formatting against NumPy, value by value: every float16 bit pattern, and many random float32, float64,
 * complex64 and complex128 values (random bits, short decimals, values near NumPy's notation cut-offs). For each value
 * it checks str() of the scalar, for a share of them repr() of a one-element array (NumPy's repr is too slow for
 * all), and rows of 16 mixed values check the shared column format (padding, notation choice, digit counts).
 */
class ArrayFormatFloatTest {

    /** Start of the generator scripts: output folder in argv[1], random seed in argv[2], base64 for the texts. */
    static final String PRELUDE = """
            import os, base64, warnings
            warnings.simplefilter('ignore')
            out = sys.argv[1]
            rng = np.random.default_rng(int(sys.argv[2]))
            def b64(s): return base64.b64encode(s.encode()).decode()
            """;

    private static final String GENERATOR = PRELUDE + """
            def emit(name, arr, rows, every):
                # str() of every scalar; repr() of every 'every'-th one alone (NumPy's repr is slow); rows of 'rows'.
                arr.tofile(os.path.join(out, name + '.bin'))
                with open(os.path.join(out, name + '.txt'), 'w') as f:
                    f.write(f'{arr.dtype.str} {arr.size} {rows} {every}\\n')
                    for i in range(arr.size):
                        f.write(b64(str(arr[i])) + ' ' + (b64(repr(arr[i:i+1])) if i % every == 0 else '-') + '\\n')
                    for r in arr.reshape(-1, rows):
                        f.write(b64(repr(r)) + ' ' + b64(str(r)) + '\\n')
            def decimals(n):
                # Short decimals at all scales: stress shortest digits and the 8-digit cut-off.
                digits = rng.integers(1, 10**rng.integers(1, 10, n))
                return digits * 10.0 ** rng.integers(-12, 12, n) * rng.choice([-1, 1], n)
            def near_cutoffs(dt):
                base = np.array([1e-4, 1e3, 1e6, 1e8, 1e16, 999.5, 0.1, 0.5, 1.0, 9.5, 99.5, 123456789.0, 0.12345678,
                                 0.123456785, 1.00000005, 2.5e-5, 65504.0, 6.1e-5, 5.96e-8], dtype=dt)
                ups = np.nextafter(base, np.array(np.inf, dtype=dt))
                downs = np.nextafter(base, np.array(-np.inf, dtype=dt))
                return np.concatenate([base, ups, downs, -base])
            def mix(dt, bits, n):
                raw = rng.integers(0, 2**bits, n, dtype=np.uint64).astype(f'u{bits // 8}').view(dt)
                return np.concatenate([raw, decimals(n).astype(dt), near_cutoffs(dt),
                                       rng.standard_normal(n).astype(dt)])
            def pad16(a):
                return np.concatenate([a, np.zeros((-a.size) % 16, a.dtype)])
            f16 = np.arange(65536, dtype=np.uint16).view(np.float16)
            emit('f16', f16[rng.permutation(65536)], 16, 4)
            emit('f32', pad16(mix(np.float32, 32, 12000)), 16, 3)
            emit('f64', pad16(mix(np.float64, 64, 12000)), 16, 3)
            for name, dt, part, bits in (('c64', np.complex64, np.float32, 32), ('c128', np.complex128, np.float64, 64)):
                re = mix(part, bits, 3000)
                im = rng.permutation(mix(part, bits, 3000))
                c = np.empty(re.size, dt)
                c.real = re
                c.imag = im
                emit(name, pad16(c), 16, 2)
            print('ok')
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() {
        assertEquals("ok", NumPy.run(GENERATOR, dir, 20240607));
    }

    @Test
    void everyFloat16() throws IOException {
        assertEquals(65536 + 4096, check("f16"));
    }

    @ParameterizedTest
    @CsvSource({"f32, 30000", "f64, 30000", "c64, 7000", "c128, 7000"})
    void randomValues(String name, int atLeast) throws IOException {
        assertTrue(check(name) > atLeast);
    }

    /** Compares every expected line of one generated file; returns the number of values and rows checked. */
    private static int check(String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(name + ".txt"));
        String[] head = lines.getFirst().split(" ");
        int n = Integer.parseInt(head[1]);
        int rows = Integer.parseInt(head[2]);
        int every = Integer.parseInt(head[3]);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (NDArray mapped = MemMap.open(dir.resolve(name + ".bin"), DType.of(head[0]), Mode.READ_ONLY, n)) {
            NDArray a = mapped.copy();
            for (int i = 0; i < n; i++) {
                String[] want = lines.get(1 + i).split(" ");
                compare(failures, "str(a[" + i + "])", decode(want[0]), ArrayFormat.str(a.get(Index.at(i))));
                if (i % every == 0) {
                    compare(failures, "repr(a[" + i + ":" + (i + 1) + "])", decode(want[1]),
                            ArrayFormat.repr(a.get(Index.slice(i, i + 1))));
                }
                checked++;
            }
            NDArray grid = a.reshape(-1, rows);
            for (int r = 0; r < n / rows; r++) {
                String[] want = lines.get(1 + n + r).split(" ");
                NDArray row = grid.get(Index.at(r));
                compare(failures, "repr(row " + r + ")", decode(want[0]), ArrayFormat.repr(row));
                compare(failures, "str(row " + r + ")", decode(want[1]), ArrayFormat.str(row));
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " mismatches with NumPy in " + name + ", first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        return checked;
    }

    static void compare(List<String> failures, String what, String want, String got) {
        if (!want.equals(got)) {
            failures.add(what + ":\n  numpy: " + want.replace("\n", "\n         ") + "\n  java:  "
                    + got.replace("\n", "\n         "));
        }
    }

    static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
