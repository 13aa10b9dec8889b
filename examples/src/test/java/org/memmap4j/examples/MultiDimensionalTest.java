package org.memmap4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.testing.NumPy;
import org.memmap4j.testing.NumPyBatch;

class MultiDimensionalTest {

    @TempDir
    Path java;

    @TempDir
    Path numpy;

    /**
     * The tutorial's code, printing what the example prints; the random matrix is the one the example wrote
     * (sys.argv[2]), so the sums can be compared.
     */
    static final String SEED = """
            import os
            os.chdir(sys.argv[1])
            mmap_2d_array = np.memmap(sys.argv[2], dtype='float64', mode='r', shape=(50, 100))
            first_row = mmap_2d_array[0, :]
            first_column = mmap_2d_array[:, 0]
            submatrix = mmap_2d_array[10:20, 20:40]
            print(f"first_row: shape {first_row.shape}, sum {first_row.sum()}")
            print(f"first_column: shape {first_column.shape}, sum {first_column.sum()}")
            print(f"submatrix: shape {submatrix.shape}, sum {submatrix.sum()}")
            mmap_3d = np.memmap('array_3d.dat', dtype='float64', mode='w+', shape=(10, 20, 30))
            mmap_3d[:] = np.arange(6000).reshape(10, 20, 30)
            print("mmap_3d[2, ::5, -3:]:")
            print(mmap_3d[2, ::5, -3:])
            del mmap_3d
            mmap_reshape = np.memmap('reshape_data.dat', dtype='int32', mode='w+', shape=(120,))
            mmap_reshape[:] = np.arange(120)
            mmap_2d_reshaped = mmap_reshape.reshape(10, 12)
            mmap_3d_reshaped = mmap_reshape.reshape(4, 5, 6)
            mmap_3d_reshaped[3, 4, 5] = -1
            print("mmap_2d_reshaped:")
            print(mmap_2d_reshaped)
            print("mmap_3d_reshaped[3]:")
            print(mmap_3d_reshaped[3])
            del mmap_reshape, mmap_2d_reshaped, mmap_3d_reshaped
            np.memmap('file.dat', dtype='float32', mode='w+', shape=(1000, 1000)).flush()
            memmap_array = np.memmap('file.dat', dtype='float32', mode='r+', shape=(500, 500))
            try:
                memmap_array.reshape((1000, 1000))
            except ValueError as e:
                print(f"Reshaping a (500, 500) mapping: {e}")
            right = np.memmap('file.dat', dtype='float32', mode='r+', shape=(1000, 1000))
            print(f"Mapped with its real shape: {right.shape}")
            """;

    @Test
    void viewsReshapesAndErrorsAreNumPys() throws Exception {
        List<String> out = ExampleRun.lines(ExampleRun.run(MultiDimensional::main, java));
        List<String> want = ExampleRun.lines(NumPy.run(SEED, numpy, java.resolve("matrix_data.dat")));
        assertThat(out).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            String w = NumPyBatch.spaced(want.get(i));   // NumPy writes (1000,1000) in its message, memmap4j (1000, 1000)
            if (w.contains(", sum ")) {
                // Sums of 50 to 200 random values: same to the last bits or nearly (summation order differs).
                String[] o = out.get(i).split(", sum ");
                String[] e = w.split(", sum ");
                assertThat(o[0]).isEqualTo(e[0]);
                assertThat(Double.parseDouble(o[1])).isCloseTo(Double.parseDouble(e[1]), within(1e-12));
            } else {
                assertThat(out.get(i)).isEqualTo(w);
            }
        }
        ExampleRun.assertSameFiles(java, numpy, "array_3d.dat", "reshape_data.dat", "file.dat");
    }
}
