package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;

/**
 * Seed 000, "Getting started": create a memory-mapped file, write part of it, flush, close, reopen read-only and
 * print what was written.
 *
 * <pre>
 * java ... org.memmap4j.examples.CreateWriteReopen [DIR]
 * </pre>
 */
public final class CreateWriteReopen {

    private CreateWriteReopen() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR]}: the working directory (default a new temporary directory)
     * @throws Exception if a file cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        Path file = ExampleArgs.workDir(args).resolve("mmaped.dat");
        Compute np = Compute.local();

        // shape = (1000, 1000); dtype = np.int64
        // fp = np.memmap('mmaped.dat', dtype=dtype, mode='w+', shape=shape)   -- a new file of zeros (8 MB)
        try (NDArray fp = MemMap.open(file, DType.INT64, Mode.WRITE, 1000, 1000)) {
            // fp[0:100,:] = np.random.randint(0, 100, (100, 1000))
            // The random integers go straight into the mapped rows: no temporary (100, 1000) array.
            np.fillIntegers(fp.get("0:100, :"), 0, 100, 2024);
            // fp.flush()   -- changes reach the disk
            fp.flush();
        } // del fp   -- close() unmaps now, not whenever the garbage collector runs

        // new_fp = np.memmap('mmaped.dat', dtype=dtype, mode='r', shape=shape)
        try (NDArray newFp = MemMap.open(file, DType.INT64, Mode.READ_ONLY, 1000, 1000)) {
            // print(new_fp[0:100,:])   -- str() prints like NumPy, summarised with ...; only printed rows are read
            System.out.println(newFp.get("0:100, :").str());
        }
    }
}
