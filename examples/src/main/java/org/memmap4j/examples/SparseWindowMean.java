package org.memmap4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;

/**
 * Seed 000, "Processing parts of large arrays" and "Advanced operations": a 1,000,000 x 1,000,000 float64 array
 * (8 TB) of which only a 100 x 100 window is ever touched; its mean, and the sum of its elements above 0.5.
 *
 * <p>The file is sparse: its logical size is 8 TB but only the pages of the window are written, so it needs a
 * filesystem with sparse files that large (ext4 allows files up to 16 TB; XFS and btrfs more). Opening the mapping
 * takes milliseconds because mapping is lazy.
 *
 * <pre>
 * java ... org.memmap4j.examples.SparseWindowMean [DIR [N]]     (N x N, default 1000000)
 * </pre>
 */
public final class SparseWindowMean {

    private SparseWindowMean() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR [N]]}: the working directory, and the side of the square array (default 1,000,000)
     * @throws Exception if the file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path file = ExampleArgs.workDir(args).resolve("mmaped.dat");
        long n = ExampleArgs.size(args, 1, 1_000_000);
        long lo = n / 2;
        long hi = Math.min(n, lo + 100);
        String window = lo + ":" + hi + ", " + lo + ":" + hi;   // "500000:500100, 500000:500100"
        Compute np = Compute.local();

        // The tutorial "assumes 'mmaped.dat' already exists" at this shape. We make it: mode w+ creates the file
        // and sets its size to 8 TB without writing anything (a hole), then we fill the window with random values.
        // (The tutorial's shape=(1e6, 1e6) is refused by NumPy 2: dimensions must be integers.)
        // sparse(true): like NumPy, leave the 8 TB as a hole (memmap4j otherwise reserves a new file's space, so
        // that a full disk is an error now rather than a crash later, and 8 TB would not fit).
        try (NDArray fp = MemMap.builder(file).dtype(DType.FLOAT64).mode(Mode.WRITE).shape(n, n).sparse(true).open()) {
            np.fillUniform(fp.get(window), 7);
            fp.flush();
        }
        System.out.println("File size: " + Files.size(file) + " bytes");

        // large_fp = np.memmap('mmaped.dat', dtype=np.float64, mode='r+', shape=(1e6, 1e6))
        try (NDArray largeFp = MemMap.open(file, DType.FLOAT64, Mode.READ_WRITE, n, n)) {
            // mean_value = large_fp[500000:500100, 500000:500100].mean()
            // get() returns a view: only the window's 100 rows of 800 bytes are read.
            NDArray part = largeFp.get(window);
            NDArray meanValue = np.mean(part);
            // print('Mean value:', mean_value)
            System.out.println("Mean value: " + meanValue.str());

            // filtered_sum = large_fp[large_fp > 0.5].sum()
            // On the whole array this reads 8 TB of zeros (hours); the window shows the same operation. sumWhere
            // never builds the mask or the selection, so it would run in constant memory on the whole array too.
            NDArray filteredSum = np.sumWhere(part, Expr.of(part).gt(0.5));
            // print('Filtered sum:', filtered_sum)
            System.out.println("Filtered sum: " + filteredSum.str());
        }
    }
}
