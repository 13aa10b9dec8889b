package org.memmap4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;

/**
 * Seed 001, "Creating memory-mapped arrays": the four parameters of {@code np.memmap} (dtype, mode, shape,
 * offset) and the Java spelling of each: {@code MemMap.open(file, dtype, mode, shape...)}, or
 * {@code MemMap.builder(file)} for the offset (and the order).
 *
 * <pre>
 * java ... org.memmap4j.examples.MemmapParameters [DIR]
 * </pre>
 */
public final class MemmapParameters {

    private MemmapParameters() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR]}: the working directory (default a new temporary directory)
     * @throws Exception if a file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path dir = ExampleArgs.workDir(args);

        // --- dtype: how the bytes on disk are read --------------------------------------------------------------
        // mmap_float = np.memmap('data_float.dat', dtype='float64', mode='w+', shape=(100,))
        try (NDArray mmapFloat = MemMap.open(dir.resolve("data_float.dat"), DType.of("float64"), Mode.WRITE, 100)) {
            // print(f"Float array dtype: {mmap_float.dtype}")
            System.out.println("Float array dtype: " + mmapFloat.dtype());
        }

        // --- mode: r (read only), r+ (read and write), w+ (create or overwrite) -----------------------------------
        // The tutorial opens data.dat and data_rw.dat as if they existed; r and r+ need an existing file (NumPy
        // raises FileNotFoundError otherwise), so we create them first with w+.
        MemMap.open(dir.resolve("data.dat"), DType.INT32, Mode.WRITE, 50).close();
        MemMap.open(dir.resolve("data_rw.dat"), DType.FLOAT32, Mode.WRITE, 50).close();
        // mmap_readonly = np.memmap('data.dat', dtype='int32', mode='r', shape=(50,))
        try (NDArray mmapReadonly = MemMap.open(dir.resolve("data.dat"), DType.INT32, Mode.READ_ONLY, 50);
             // mmap_readwrite = np.memmap('data_rw.dat', dtype='float32', mode='r+', shape=(50,))
             NDArray mmapReadwrite = MemMap.open(dir.resolve("data_rw.dat"), DType.FLOAT32, Mode.READ_WRITE, 50);
             // mmap_write = np.memmap('data_new.dat', dtype='int64', mode='w+', shape=(50,))
             NDArray mmapWrite = MemMap.open(dir.resolve("data_new.dat"), DType.INT64, Mode.WRITE, 50)) {
            describe("data.dat", mmapReadonly);
            describe("data_rw.dat", mmapReadwrite);
            describe("data_new.dat", mmapWrite);
        }

        // --- shape: any number of dimensions ----------------------------------------------------------------------
        // mmap_1d = np.memmap('array_1d.dat', dtype='float32', mode='w+', shape=(1000,))
        // mmap_2d = np.memmap('array_2d.dat', dtype='int32', mode='w+', shape=(100, 50))
        // mmap_3d = np.memmap('array_3d.dat', dtype='float64', mode='w+', shape=(10, 20, 30))
        try (NDArray mmap1d = MemMap.open(dir.resolve("array_1d.dat"), DType.FLOAT32, Mode.WRITE, 1000);
             NDArray mmap2d = MemMap.open(dir.resolve("array_2d.dat"), DType.INT32, Mode.WRITE, 100, 50);
             NDArray mmap3d = MemMap.open(dir.resolve("array_3d.dat"), DType.FLOAT64, Mode.WRITE, 10, 20, 30)) {
            describe("array_1d.dat", mmap1d);
            describe("array_2d.dat", mmap2d);
            describe("array_3d.dat", mmap3d);
        }

        // --- offset: where the data starts in the file ------------------------------------------------------------
        // mmap_offset = np.memmap('data_offset.dat', dtype='float32', mode='w+', shape=(100,), offset=1024)
        Path offsetFile = dir.resolve("data_offset.dat");
        try (NDArray mmapOffset = MemMap.builder(offsetFile).dtype(DType.FLOAT32).mode(Mode.WRITE).shape(100)
                .offset(1024).open()) {
            // print(f"Array starts at byte offset: 1024")
            System.out.println("Array starts at byte offset: " + mmapOffset.fileOffset().orElseThrow());
        }
        // The first 1024 bytes are left as zeros (e.g. room for a header); the file holds 1024 + 100 * 4 bytes.
        System.out.println("data_offset.dat: " + Files.size(offsetFile) + " bytes");
    }

    /** Prints {@code f"{name}: mode {a.mode}, dtype {a.dtype}, shape {a.shape}, {os.path.getsize(name)} bytes"}. */
    private static void describe(String name, NDArray a) throws java.io.IOException {
        System.out.println(name + ": mode " + a.mode() + ", dtype " + a.dtype() + ", shape " + Py.tuple(a.shape()) + ", "
                + Files.size(a.file().orElseThrow()) + " bytes");
    }
}
