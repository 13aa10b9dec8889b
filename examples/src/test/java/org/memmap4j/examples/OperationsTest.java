package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class OperationsTest {

    @TempDir
    Path dir;

    @Test
    void arithmeticAndStatisticsEqualNumPysOnTheSameFiles() throws Exception {
        int n = 1234;
        String out = ExampleRun.run(Operations::main, dir, n);
        String numpy = NumPy.run("""
                import os
                os.chdir(sys.argv[1])
                n = int(sys.argv[2])
                mmap_ops1 = np.memmap('ops1.dat', dtype='float64', mode='r', shape=(n,))
                mmap_ops2 = np.memmap('ops2.dat', dtype='float64', mode='r', shape=(n,))
                sum_result = mmap_ops1 + mmap_ops2
                product_result = mmap_ops1 * mmap_ops2
                print(f"sum_result[:5]: {sum_result[:5]}")
                print(f"product_result[:5]: {product_result[:5]}")
                print(f"mean_val: {np.mean(mmap_ops1)}")
                print(f"std_val: {np.std(mmap_ops1)}")
                print(f"max_val: {np.max(mmap_ops1)}")
                print(f"sizes: {os.path.getsize('ops1.dat')} {os.path.getsize('ops2.dat')}")""", dir, n);
        for (String exact : new String[] {"sum_result[:5]:", "product_result[:5]:", "max_val:"}) {
            assertThat(ExampleRun.value(out, exact)).isEqualTo(ExampleRun.value(numpy, exact));
        }
        for (String close : new String[] {"mean_val:", "std_val:"}) {
            double want = Double.parseDouble(ExampleRun.value(numpy, close));
            assertThat(Double.parseDouble(ExampleRun.value(out, close))).as(close).isCloseTo(want, within(1e-13));
        }
        assertThat(ExampleRun.value(numpy, "sizes:")).isEqualTo(n * 8 + " " + n * 8);
        // np.random.randn: standard normal (n = 1234, so the std is within 0.1 of 1 by a wide margin).
        assertThat(Double.parseDouble(ExampleRun.value(out, "std_val:"))).isBetween(0.9, 1.1);
    }
}
