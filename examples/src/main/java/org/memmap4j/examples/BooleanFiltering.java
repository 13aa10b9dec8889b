package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;

/**
 * Seed 000, "Advanced operations": {@code large_fp[large_fp > 0.5].sum()}, and its relatives: counting, the mean
 * under a mask, writing a selection to a file, and assigning under a mask. NumPy builds a temporary bool array
 * as large as the data (and a copy of the selection); memmap4j evaluates the mask chunk by chunk and never stores
 * it, so these run on arrays of any size.
 *
 * <pre>
 * java ... org.memmap4j.examples.BooleanFiltering [DIR [ROWS [COLS]]]     (default 1000 x 1000)
 * </pre>
 */
public final class BooleanFiltering {

    private BooleanFiltering() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR [ROWS [COLS]]]}: the working directory and the shape (default 1000 x 1000)
     * @throws Exception if a file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path dir = ExampleArgs.workDir(args);
        long rows = ExampleArgs.size(args, 1, 1000);
        long cols = ExampleArgs.size(args, 2, 1000);
        Compute np = Compute.local();

        // large_fp = np.memmap('filter_data.dat', dtype=np.float64, mode='w+', shape=(rows, cols))
        try (NDArray largeFp = MemMap.open(dir.resolve("filter_data.dat"), DType.FLOAT64, Mode.WRITE, rows, cols)) {
            np.fillUniform(largeFp, 42);                     // large_fp[:] = np.random.rand(rows, cols)
            Expr above = Expr.of(largeFp).gt(0.5);           // large_fp > 0.5   (nothing computed yet)

            // filtered_sum = large_fp[large_fp > 0.5].sum()
            NDArray filteredSum = np.sumWhere(largeFp, above);
            // print('Filtered sum:', filtered_sum)
            System.out.println("Filtered sum: " + filteredSum.str());

            // np.count_nonzero(large_fp > 0.5) and large_fp[large_fp > 0.5].mean()
            System.out.println("Filtered count: " + np.countNonzero(above));
            System.out.println("Filtered mean: " + np.meanWhere(largeFp, above).str());

            // np.save('top.npy', large_fp[large_fp > 0.99])   -- the selection streams into a .npy file
            try (NDArray top = np.extractToNpy(Expr.of(largeFp).gt(0.99), Expr.of(largeFp), dir.resolve("top.npy"), true)) {
                System.out.println("Values above 0.99 saved to top.npy: " + top.size());
            }

            // large_fp[large_fp < 0.01] = 0   -- in place, as np.where(large_fp < 0.01, 0, large_fp, out=...)
            Expr below = Expr.of(largeFp).lt(0.01);
            long zeroed = np.countNonzero(below);
            np.evalInto(Expr.where(below, Expr.scalar(0.0), Expr.of(largeFp)), largeFp);
            largeFp.flush();
            System.out.println("Values below 0.01 set to 0: " + zeroed);
        }
    }
}
