package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.Index;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;

/**
 * Seed 001, "Writing data", "Reading data" and "Flushing": element, slice and broadcast assignment; element,
 * slice and boolean-mask reads; {@code flush()}.
 *
 * <pre>
 * java ... org.memmap4j.examples.WriteAndRead [DIR]
 * </pre>
 */
public final class WriteAndRead {

    private WriteAndRead() {
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

        // --- writing ---------------------------------------------------------------------------------------------
        // mmap_write_data = np.memmap('write_data.dat', dtype='float64', mode='w+', shape=(10,))
        try (NDArray w = MemMap.open(dir.resolve("write_data.dat"), DType.FLOAT64, Mode.WRITE, 10)) {
            w.setDouble(3.14159, 0);                       // mmap_write_data[0] = 3.14159
            w.setDouble(2.71828, 1);                       // mmap_write_data[1] = 2.71828
            w.set("2:5", NDArrays.of(1.0, 2.0, 3.0));      // mmap_write_data[2:5] = [1.0, 2.0, 3.0]
            w.set("5:", 9.99);                             // mmap_write_data[5:] = 9.99   (broadcast)
            System.out.println("write_data: " + w.str());
        }

        // --- reading ---------------------------------------------------------------------------------------------
        // mmap_read = np.memmap('read_data.dat', dtype='int32', mode='w+', shape=(20,))
        try (NDArray r = MemMap.open(dir.resolve("read_data.dat"), DType.INT32, Mode.WRITE, 20)) {
            // mmap_read[:] = np.arange(20) * 10   (int64 values, cast to the file's int32 on assignment)
            np.evalInto(Expr.of(NDArrays.arange(DType.INT64, 20)).multiply(10), r);

            long value0 = r.getLong(0);                    // value_0 = mmap_read[0]
            long value10 = r.getLong(10);                  // value_10 = mmap_read[10]
            NDArray firstFive = r.get(":5");               // first_five = mmap_read[:5]    (views: no copy)
            NDArray lastFive = r.get("-5:");               // last_five = mmap_read[-5:]
            // even_values = mmap_read[mmap_read % 20 == 0]
            // A boolean mask is advanced indexing: the mask and the selection are new in-memory arrays, as in NumPy.
            NDArray mask = np.eval(Expr.of(r).mod(20).eq(0));
            NDArray evenValues = r.get(Index.array(mask));

            System.out.println("value_0: " + value0);
            System.out.println("value_10: " + value10);
            System.out.println("first_five: " + firstFive.str());
            System.out.println("last_five: " + lastFive.str());
            System.out.println("even_values: " + evenValues.str());
        }

        // --- flushing --------------------------------------------------------------------------------------------
        // mmap_flush = np.memmap('flush_data.dat', dtype='float32', mode='w+', shape=(100,))
        try (NDArray f = MemMap.open(dir.resolve("flush_data.dat"), DType.FLOAT32, Mode.WRITE, 100)) {
            np.fillUniform(f, 1);                          // mmap_flush[:] = np.random.rand(100)
            f.flush();                                     // mmap_flush.flush()   -- on the device when it returns
            System.out.println("Data flushed to disk");
        }
    }
}
