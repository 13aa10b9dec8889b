package org.memmap4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

/** {@link Randoms#normal}'s values are standard normal (checked by NumPy) and depend only on the seed and the position. */
class ZigguratTest {

    @TempDir
    Path dir;

    @Test
    void valuesAreStandardNormal() throws Exception {
        int n = 2_000_000;
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            b.putDouble(Randoms.normal(123, k));
        }
        Path f = dir.resolve("z.f8");
        Files.write(f, b.array());
        // Kolmogorov-Smirnov distance to the normal CDF below its 0.1 % critical value (1.95 / sqrt(n)); moments; the
        // tails the ziggurat builds from its base layer (|z| > 3.654) and wedges; no two equal values.
        String out = NumPy.run("from math import erf, sqrt\n"
                + "z = np.fromfile(sys.argv[1], dtype='<f8'); n = z.size; s = np.sort(z)\n"
                + "cdf = 0.5 * (1 + np.vectorize(erf)(s / sqrt(2)))\n"
                + "d = max(np.max(np.arange(1, n + 1) / n - cdf), np.max(cdf - np.arange(n) / n))\n"
                + "tail = np.mean(np.abs(z) > 3.6541528853610088); want = 1 - erf(3.6541528853610088 / sqrt(2))\n"
                + "print(d < 1.95 / sqrt(n), abs(z.mean()) < 0.003, abs(z.std() - 1) < 0.003, abs(np.mean(z**3)) < 0.01,"
                + " abs(np.mean(z**4) - 3) < 0.03, abs(tail - want) < 4 * sqrt(want / n), np.unique(z).size == n)", f);
        assertThat(out).isEqualTo("True True True True True True True");
    }

    @Test
    void valuesDependOnlyOnSeedAndPosition() {
        int same = 0;
        for (long k = 1_000_000; k > 0; k -= 997) {
            assertThat(Randoms.normal(5, k)).isEqualTo(Ziggurat.normal(5, k));
            same += Randoms.normal(5, k) == Randoms.normal(6, k) ? 1 : 0;
            // Streams are not shifted copies of each other (a weakness of counters keyed by seed + position).
            same += Randoms.normal(5, k) == Randoms.normal(6, k - 1) ? 1 : 0;
        }
        assertThat(same).isZero();
    }
}
