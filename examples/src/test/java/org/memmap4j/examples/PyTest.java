package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memmap4j.testing.NumPy;

class PyTest {

    @Test
    void fixedIsPythonsFormatIncludingHalfwayCasesAndNegativeZero() {
        List<Double> xs = new ArrayList<>(List.of(0.125, 0.375, 2.675, 1.005, -0.001, -0.0, 0.0, 73.945, 0.5, 1.5, 2.5,
                -2.5, 1e-10, 123456789.125, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            xs.add((r.nextInt(200_000) - 100_000) / 1000.0 + (r.nextBoolean() ? 0.0005 : 0));
        }
        StringBuilder java = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (double x : xs) {
            java.append(Py.fixed(x, 2)).append(' ').append(Py.fixed(x, 3)).append('\n');
            args.append(x).append(' ');
        }
        String python = NumPy.run("""
                for s in sys.argv[1].split():
                    x = float(s)
                    print(f"{x:.2f} {x:.3f}")""", args.toString().replace("Infinity", "inf"));
        assertThat(java.toString().strip()).isEqualTo(python);
    }

    @Test
    void tupleIsPythons() {
        assertThat(Py.tuple(new long[] {50})).isEqualTo("(50,)");
        assertThat(Py.tuple(new long[] {10, 20, 30})).isEqualTo("(10, 20, 30)");
        assertThat(Py.tuple(new long[] {})).isEqualTo("()");
    }
}
