package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;

/**
 * Seed 001, "Memory-mapped array modes" (r, c, r+, w+), and seed 002's pitfall of writing through a read-only
 * mapping.
 *
 * <pre>
 * java ... org.memmap4j.examples.Modes [DIR]
 * </pre>
 */
public final class Modes {

    private Modes() {
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

        // --- r: read only ----------------------------------------------------------------------------------------
        Path readonly = dir.resolve("readonly_data.dat");
        // initial_data = np.memmap('readonly_data.dat', dtype='int32', mode='w+', shape=(50,))
        try (NDArray initialData = MemMap.open(readonly, DType.INT32, Mode.WRITE, 50)) {
            NDArrays.fillArange(initialData);                           // initial_data[:] = np.arange(50)
            initialData.flush();                                        // initial_data.flush()
        }                                                               // del initial_data
        // mmap_readonly = np.memmap('readonly_data.dat', dtype='int32', mode='r', shape=(50,))
        try (NDArray mmapReadonly = MemMap.open(readonly, DType.INT32, Mode.READ_ONLY, 50)) {
            // print(f"First 5 values: {mmap_readonly[:5]}")
            System.out.println("First 5 values: " + mmapReadonly.get(":5").str());
            // Seed 002, pitfall 2: mmap_readonly[0] = 10 raises "ValueError: assignment destination is read-only".
            try {
                mmapReadonly.setLong(10, 0);
            } catch (UnsupportedOperationException e) {
                System.out.println("Writing in mode r: " + e.getMessage());
            }
        }

        // --- c: copy-on-write ------------------------------------------------------------------------------------
        Path cow = dir.resolve("cow_data.dat");
        // original = np.memmap('cow_data.dat', dtype='float64', mode='w+', shape=(30,))
        try (NDArray original = MemMap.open(cow, DType.FLOAT64, Mode.WRITE, 30)) {
            original.assign(np.linspace(0, 1, 30, true, DType.FLOAT64)); // original[:] = np.linspace(0, 1, 30)
            original.flush();
        }
        // mmap_cow = np.memmap('cow_data.dat', dtype='float64', mode='c', shape=(30,))
        try (NDArray mmapCow = MemMap.open(cow, DType.FLOAT64, Mode.COPY_ON_WRITE, 30)) {
            mmapCow.setDouble(999.0, 0);                                // mmap_cow[0] = 999.0  (in memory only)
            try (NDArray onDisk = MemMap.open(cow, DType.FLOAT64, Mode.READ_ONLY, 30)) {
                System.out.println("mode c: mmap_cow[0] = " + mmapCow.get("0").str() + ", file[0] = " + onDisk.get("0").str());
            }
        }

        // --- r+: read and write an existing file -----------------------------------------------------------------
        Path rw = dir.resolve("readwrite_data.dat");
        // existing = np.memmap('readwrite_data.dat', dtype='int64', mode='w+', shape=(40,))
        try (NDArray existing = MemMap.open(rw, DType.INT64, Mode.WRITE, 40)) {
            // existing[:] = np.arange(40) ** 2
            np.evalInto(Expr.of(NDArrays.arange(DType.INT64, 40)).power(2L), existing);
            existing.flush();
        }
        // mmap_rw = np.memmap('readwrite_data.dat', dtype='int64', mode='r+', shape=(40,))
        try (NDArray mmapRw = MemMap.open(rw, DType.INT64, Mode.READ_WRITE, 40)) {
            mmapRw.set("10:20", 0L);                                    // mmap_rw[10:20] = 0
            mmapRw.flush();                                             // mmap_rw.flush()
        }
        try (NDArray check = MemMap.open(rw, DType.INT64, Mode.READ_ONLY, 40)) {
            System.out.println("mode r+: readwrite_data = " + check.str());
        }

        // --- w+: create (or overwrite) ---------------------------------------------------------------------------
        // mmap_new = np.memmap('new_data.dat', dtype='float32', mode='w+', shape=(100, 100))
        try (NDArray mmapNew = MemMap.open(dir.resolve("new_data.dat"), DType.FLOAT32, Mode.WRITE, 100, 100)) {
            np.fillNormal(mmapNew, 3);                                  // mmap_new[:] = np.random.randn(100, 100)
            mmapNew.flush();                                            // mmap_new.flush()
            System.out.println("mode w+: new_data.dat " + Py.tuple(mmapNew.shape()) + " " + mmapNew.dtype());
        }
    }
}
