package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class ColumnFillTest {

    @TempDir
    Path dir;

    @Test
    void fillsTheFullSizeFileColumnByColumnAndReadsTheLastColumnBack() throws Exception {
        // The tutorial's size: 1,000,000 x 100 float32, 400 MB.
        String out = ExampleRun.run(ColumnFill::main, dir);
        assertThat(out).isEqualTo("True");
        String numpy = NumPy.run("""
                import os
                f = np.memmap(sys.argv[1], dtype=np.float32, mode='r', shape=(1000000, 100))
                means = f.mean(axis=0, dtype=np.float64)
                print(os.path.getsize(sys.argv[1]), bool(f.min() >= 0), bool(f.max() < 1),
                      bool(np.all(np.abs(means - 0.5) < 0.002)),
                      bool(abs(float(f[:, -1].std()) - (1 / 12) ** 0.5) < 0.002),
                      not np.array_equal(f[:, 0], f[:, 1]), not np.array_equal(f[:, -2], f[:, -1]))""",
                dir.resolve("memmapped.dat"));
        // Every column uniform in [0, 1) (mean 0.5, std 1/sqrt(12)), and each column its own values.
        assertThat(numpy).isEqualTo("400000000 True True True True True True");
    }

    @Test
    void smallShapesFromTheArguments() throws Exception {
        assertThat(ExampleRun.run(ColumnFill::main, dir, 1000, 7)).isEqualTo("True");
        String numpy = NumPy.run("""
                import os
                f = np.memmap(sys.argv[1], dtype=np.float32, mode='r', shape=(1000, 7))
                print(os.path.getsize(sys.argv[1]), int(np.count_nonzero(f)))""", dir.resolve("memmapped.dat"));
        assertThat(numpy).isEqualTo("28000 7000");
    }
}
