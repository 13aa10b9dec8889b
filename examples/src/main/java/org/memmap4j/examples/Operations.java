package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;

/**
 * Seed 001, "Performing operations": elementwise arithmetic between two mapped arrays and statistics of one.
 * Arithmetic is an {@link Expr}, evaluated in one fused pass; statistics are {@link Compute} reductions, chunked
 * and parallel.
 *
 * <pre>
 * java ... org.memmap4j.examples.Operations [DIR [N]]     (default N = 1000)
 * </pre>
 */
public final class Operations {

    private Operations() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR [N]]}: the working directory, and the length of the arrays (default 1000)
     * @throws Exception if a file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path dir = ExampleArgs.workDir(args);
        long n = ExampleArgs.size(args, 1, 1000);
        Compute np = Compute.local();

        // mmap_ops1 = np.memmap('ops1.dat', dtype='float64', mode='w+', shape=(1000,))
        // mmap_ops2 = np.memmap('ops2.dat', dtype='float64', mode='w+', shape=(1000,))
        try (NDArray ops1 = MemMap.open(dir.resolve("ops1.dat"), DType.FLOAT64, Mode.WRITE, n);
             NDArray ops2 = MemMap.open(dir.resolve("ops2.dat"), DType.FLOAT64, Mode.WRITE, n)) {
            np.fillNormal(ops1, 11);                        // mmap_ops1[:] = np.random.randn(1000)
            np.fillNormal(ops2, 12);                        // mmap_ops2[:] = np.random.randn(1000)

            // sum_result = mmap_ops1 + mmap_ops2       -- a new in-memory array, as in NumPy
            NDArray sumResult = np.eval(Expr.of(ops1).add(ops2));
            // product_result = mmap_ops1 * mmap_ops2
            NDArray productResult = np.eval(Expr.of(ops1).multiply(ops2));
            // For results larger than memory, write them to a file instead:
            //   np.evalToRaw(Expr.of(ops1).add(ops2), dir.resolve("sum.dat"), true)

            NDArray meanVal = np.mean(ops1);                // mean_val = np.mean(mmap_ops1)
            NDArray stdVal = np.std(ops1);                  // std_val = np.std(mmap_ops1)
            NDArray maxVal = np.max(ops1);                  // max_val = np.max(mmap_ops1)

            // print(sum_result[:5]); print(product_result[:5])
            System.out.println("sum_result[:5]: " + sumResult.get(":5").str());
            System.out.println("product_result[:5]: " + productResult.get(":5").str());
            System.out.println("mean_val: " + meanVal.str());
            System.out.println("std_val: " + stdVal.str());
            System.out.println("max_val: " + maxVal.str());
        }
    }
}
