package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.Index;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;

/**
 * Seed 003 (IPython Cookbook 4.8), "Processing large NumPy arrays with memory mapping": a 1,000,000 x 100 float32
 * file (400 MB) filled one column at a time, closed, reopened, and its last column checked against a saved copy.
 *
 * <pre>
 * java ... org.memmap4j.examples.ColumnFill [DIR [NROWS [NCOLS]]]     (default 1000000 x 100)
 * </pre>
 */
public final class ColumnFill {

    private ColumnFill() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR [NROWS [NCOLS]]]}: the working directory and the shape (default 1,000,000 x 100)
     * @throws Exception if the file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path file = ExampleArgs.workDir(args).resolve("memmapped.dat");
        // nrows, ncols = 1000000, 100
        long nrows = ExampleArgs.size(args, 1, 1_000_000);
        long ncols = ExampleArgs.size(args, 2, 100);
        Compute np = Compute.local();

        NDArray x;
        // f = np.memmap('memmapped.dat', dtype=np.float32, mode='w+', shape=(nrows, ncols))
        try (NDArray f = MemMap.open(file, DType.FLOAT32, Mode.WRITE, nrows, ncols)) {
            // for i in range(ncols):
            //     f[:, i] = np.random.rand(nrows)
            // The column is a strided view of the file; the generator writes into it directly, in parallel, so not
            // even the column's 4 MB temporary exists.
            for (long i = 0; i < ncols; i++) {
                np.fillUniform(f.get(Index.all(), Index.at(i)), 1000 + i);
            }
            // x = f[:, -1]
            // In NumPy x is a view that keeps the mapping alive after `del f`. close() unmaps deterministically (a
            // view used afterwards throws IllegalStateException), so we keep a copy of the column: 4 MB in memory.
            x = f.get(":, -1").copy();
        } // del f   -- flushes memory changes to disk (the pages are written back by the kernel)

        // f = np.memmap('memmapped.dat', dtype=np.float32, shape=(nrows, ncols))
        // The dtype and shape must be given again: a raw file does not store them. The mode defaults to r+.
        try (NDArray f = MemMap.builder(file).dtype(DType.FLOAT32).shape(nrows, ncols).open()) {
            // np.array_equal(f[:, -1], x)
            boolean equal = NDArrays.arrayEqual(f.get(":, -1"), x);
            System.out.println(equal ? "True" : "False");
        } // del f
    }
}
