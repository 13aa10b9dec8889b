package org.memmap4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.NDArray;

/**
 * Test support: NumPy generates arrays and writes their values as text, one element per line in C order (ints as
 * decimal, floats as Python's repr of the exact double, complex as "re im"), and {@link #assertMatches} compares
 * an array read by memmap4j with them element by element, bit for bit (NaN equals NaN, -0.0 differs from 0.0).
 */
final class Values {

    /** Python code defining {@code values(name, shape)} (deterministic arrays with extremes and specials) and {@code dump}. */
    static final String PY = """
            NAMES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
                     'float16', 'float32', 'float64', 'complex64', 'complex128']
            def values(name, shape, seed=12345):
                rng = np.random.default_rng(seed)
                base = np.dtype(name)
                n = int(np.prod(shape))
                if base.kind == 'b':
                    v = rng.integers(0, 2, n).astype(bool)
                elif base.kind in 'iu':
                    info = np.iinfo(base)
                    v = rng.integers(info.min, info.max, n, endpoint=True, dtype=base)
                    v[:2] = [info.min, info.max][:n]
                elif base.kind == 'f':
                    v = (rng.standard_normal(n) * 1000).astype(base)
                    v[:4] = [np.inf, -np.inf, np.nan, -0.0][:n]
                else:
                    v = (rng.standard_normal(n) * 100 + 1j * rng.standard_normal(n)).astype(base)
                    v[:1] = [complex(np.inf, np.nan)][:n]
                return v.reshape(shape)
            def dump(a, path):
                with open(path, 'w') as f:
                    for v in np.asarray(a).ravel(order='C'):
                        if a.dtype.kind == 'c':
                            f.write(f'{float(v.real)!r} {float(v.imag)!r}\\n')
                        elif a.dtype.kind == 'f':
                            f.write(f'{float(v)!r}\\n')
                        else:
                            f.write(f'{int(v)}\\n')
            """;

    static final List<String> NAMES = List.of("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "float16", "float32", "float64", "complex64", "complex128");

    private Values() {
    }

    static void assertMatches(NDArray a, Path expected) throws IOException {
        List<String> lines = Files.readAllLines(expected);
        assertThat(a.size()).as("size of %s", expected).isEqualTo(lines.size());
        long[] shape = a.shape();
        long[] idx = new long[shape.length];
        DType.Kind kind = a.dtype().kind();
        for (int k = 0; k < lines.size(); k++) {
            unravel(k, shape, idx);
            String line = lines.get(k);
            String at = expected.getFileName() + " element " + k;
            if (kind.isComplex()) {
                String[] parts = line.split(" ");
                double[] z = a.getComplex(idx);
                assertThat(Double.doubleToLongBits(z[0])).as(at + " real").isEqualTo(Double.doubleToLongBits(parse(parts[0])));
                assertThat(Double.doubleToLongBits(z[1])).as(at + " imag").isEqualTo(Double.doubleToLongBits(parse(parts[1])));
            } else if (kind.isFloat()) {
                assertThat(Double.doubleToLongBits(a.getDouble(idx))).as(at + ": %s", line)
                        .isEqualTo(Double.doubleToLongBits(parse(line)));
            } else {
                long want = kind == DType.Kind.UINT64 ? Long.parseUnsignedLong(line) : Long.parseLong(line);
                assertThat(a.getLong(idx)).as(at).isEqualTo(want);
            }
        }
    }

    private static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** Sets idx to the multi-index of C-order position k. */
    static void unravel(long k, long[] shape, long[] idx) {
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = k % shape[i];
            k /= shape[i];
        }
    }
}
