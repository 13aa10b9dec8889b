package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;

class FromFileSeekTest {

    @TempDir
    Path dir;

    /** The tutorial's recipe, f.seek() then np.fromfile(f, ...), on the file the example wrote. */
    static final String SEED = """
            path, nrows, ncols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            assert np.array_equal(np.fromfile(path, dtype=np.float32),
                                  np.arange(nrows * ncols, dtype=np.float32)), 'data.dat is not arange'
            row, col = nrows // 2, min(10, ncols - 1)
            count = min(10, ncols - col)
            with open(path, 'rb') as f:
                f.seek((row * ncols + col) * 4)
                part = np.fromfile(f, dtype=np.float32, count=count)
                print(f"Row {row}, columns {col}-{col + count - 1}: {part}")
                f.seek((nrows - 2) * ncols * 4)
                last = np.fromfile(f, dtype=np.float32, count=2 * ncols).reshape(2, ncols)
                print("Last two rows, first 5 columns:")
                print(last[:, :5])
            """;

    @Test
    void readsWhatSeekAndFromfileRead() throws Exception {
        String out = ExampleRun.run(FromFileSeek::main, dir);
        assertThat(out).isEqualTo(NumPy.run(SEED, dir.resolve("data.dat"), 1000, 100));
    }

    @Test
    void narrowFilesFromTheArguments() throws Exception {
        String out = ExampleRun.run(FromFileSeek::main, dir, 9, 4);
        assertThat(out).isEqualTo(NumPy.run(SEED, dir.resolve("data.dat"), 9, 4));
    }
}
