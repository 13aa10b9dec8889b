package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class BooleanFilteringTest {

    @TempDir
    Path dir;

    @Test
    void maskedSumCountMeanSelectionAndAssignmentAreNumPys() throws Exception {
        String out = ExampleRun.run(BooleanFiltering::main, dir, 300, 700);
        // The example zeroes the values below 0.01 last, which leaves those above 0.5 and 0.99 as they were.
        String[] numpy = NumPy.run("""
                import os
                os.chdir(sys.argv[1])
                large_fp = np.memmap('filter_data.dat', dtype=np.float64, mode='r', shape=(300, 700))
                top = np.load('top.npy')
                print(repr(float(large_fp[large_fp > 0.5].sum())), np.count_nonzero(large_fp > 0.5),
                      repr(float(large_fp[large_fp > 0.5].mean())), top.dtype, np.array_equal(top, large_fp[large_fp > 0.99]),
                      np.count_nonzero(large_fp == 0), np.count_nonzero((large_fp > 0) & (large_fp < 0.01)),
                      bool(large_fp.max() < 1), top.size)""", dir).split(" ");
        double sum = Double.parseDouble(numpy[0]);
        double mean = Double.parseDouble(numpy[2]);
        assertThat(Double.parseDouble(ExampleRun.value(out, "Filtered sum:"))).isCloseTo(sum, within(1e-12 * sum));
        assertThat(ExampleRun.value(out, "Filtered count:")).isEqualTo(numpy[1]);
        assertThat(Double.parseDouble(ExampleRun.value(out, "Filtered mean:"))).isCloseTo(mean, within(1e-12));
        assertThat(numpy[3]).isEqualTo("float64");
        assertThat(numpy[4]).as("top.npy is large_fp[large_fp > 0.99]").isEqualTo("True");
        assertThat(ExampleRun.value(out, "Values below 0.01 set to 0:")).isEqualTo(numpy[5]);
        assertThat(numpy[6]).as("values left in (0, 0.01)").isEqualTo("0");
        assertThat(numpy[7]).isEqualTo("True");
        // Uniform values: about half above 0.5, about 1% above 0.99.
        assertThat(Long.parseLong(numpy[1])).isBetween(100_000L, 110_000L);
        assertThat(ExampleRun.value(out, "Values above 0.99 saved to top.npy:")).isEqualTo(numpy[8]);
        assertThat(Long.parseLong(numpy[8])).isBetween(1_700L, 2_500L);
    }
}
