package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;

/**
 * Seed 001, "Working with multidimensional arrays" and "Reshaping", and seed 002's pitfall of reshaping to a
 * shape the file does not hold: rows, columns, sub-matrices and 3-D slices are views of the mapped file.
 *
 * <pre>
 * java ... org.memmap4j.examples.MultiDimensional [DIR]
 * </pre>
 */
public final class MultiDimensional {

    private MultiDimensional() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR]}: the working directory (default a new temporary directory)
     * @throws Exception if a file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path dir = ExampleArgs.workDir(args);
        Compute np = Compute.local();

        // --- 2-D -------------------------------------------------------------------------------------------------
        // mmap_2d_array = np.memmap('matrix_data.dat', dtype='float64', mode='w+', shape=(50, 100))
        try (NDArray m = MemMap.open(dir.resolve("matrix_data.dat"), DType.FLOAT64, Mode.WRITE, 50, 100)) {
            np.fillUniform(m, 5);                           // mmap_2d_array[:] = np.random.random((50, 100))
            NDArray firstRow = m.get("0, :");               // first_row = mmap_2d_array[0, :]
            NDArray firstColumn = m.get(":, 0");            // first_column = mmap_2d_array[:, 0]
            NDArray submatrix = m.get("10:20, 20:40");      // submatrix = mmap_2d_array[10:20, 20:40]
            // All three are views of the file: strides step through it, nothing is copied.
            System.out.println("first_row: shape " + Py.tuple(firstRow.shape()) + ", sum " + np.sum(firstRow).str());
            System.out.println("first_column: shape " + Py.tuple(firstColumn.shape()) + ", sum " + np.sum(firstColumn).str());
            System.out.println("submatrix: shape " + Py.tuple(submatrix.shape()) + ", sum " + np.sum(submatrix).str());
        }

        // --- 3-D -------------------------------------------------------------------------------------------------
        // mmap_3d = np.memmap('array_3d.dat', dtype='float64', mode='w+', shape=(10, 20, 30))
        try (NDArray cube = MemMap.open(dir.resolve("array_3d.dat"), DType.FLOAT64, Mode.WRITE, 10, 20, 30)) {
            NDArrays.fillArange(cube);                      // mmap_3d[:] = np.arange(6000).reshape(10, 20, 30)
            // print(mmap_3d[2, ::5, -3:])   -- a plane, every 5th row, the last 3 columns
            System.out.println("mmap_3d[2, ::5, -3:]:");
            System.out.println(cube.get("2, ::5, -3:").str());
        }

        // --- reshape ---------------------------------------------------------------------------------------------
        // mmap_reshape = np.memmap('reshape_data.dat', dtype='int32', mode='w+', shape=(120,))
        try (NDArray flat = MemMap.open(dir.resolve("reshape_data.dat"), DType.INT32, Mode.WRITE, 120)) {
            NDArrays.fillArange(flat);                      // mmap_reshape[:] = np.arange(120)
            NDArray twoD = flat.reshape(10, 12);            // mmap_2d_reshaped = mmap_reshape.reshape(10, 12)
            NDArray threeD = flat.reshape(4, 5, 6);         // mmap_3d_reshaped = mmap_reshape.reshape(4, 5, 6)
            // Reshaped views share the file: a write through one shows in the others.
            threeD.setLong(-1, 3, 4, 5);                    // mmap_3d_reshaped[3, 4, 5] = -1
            System.out.println("mmap_2d_reshaped:");
            System.out.println(twoD.str());
            System.out.println("mmap_3d_reshaped[3]:");
            System.out.println(threeD.get("3").str());
        }

        // --- seed 002, pitfall 1: the shape must match the file --------------------------------------------------
        Path big = dir.resolve("file.dat");
        MemMap.open(big, DType.FLOAT32, Mode.WRITE, 1000, 1000).close();   // a 1000 x 1000 float32 file
        // memmap_array = np.memmap('file.dat', dtype='float32', mode='r+', shape=(500, 500))   -- wrong shape
        try (NDArray wrong = MemMap.open(big, DType.FLOAT32, Mode.READ_WRITE, 500, 500)) {
            wrong.reshape(1000, 1000);                      // memmap_array.reshape((1000, 1000))
        } catch (IllegalArgumentException e) {
            System.out.println("Reshaping a (500, 500) mapping: " + e.getMessage());
        }
        // Right: map the file with its real shape.
        try (NDArray right = MemMap.open(big, DType.FLOAT32, Mode.READ_WRITE, 1000, 1000)) {
            System.out.println("Mapped with its real shape: " + Py.tuple(right.shape()));
        }
    }
}
