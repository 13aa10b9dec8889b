package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.format.Npy;
import org.memmap4j.format.NpyHeader;

/**
 * Seed 002, "File input/output with numpy" and pitfall 3: {@code np.save} / {@code np.load} read and write whole
 * arrays; {@code np.load(mmap_mode='r')} maps a .npy file instead, and {@code np.lib.format.open_memmap} creates
 * one to fill in place. A .npy file records its dtype and shape in a header; mapping it with {@code np.memmap} would
 * need the header's length as the offset.
 *
 * <pre>
 * java ... org.memmap4j.examples.SaveLoadNpy [DIR]
 * </pre>
 */
public final class SaveLoadNpy {

    private SaveLoadNpy() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR]}: the working directory (default a new temporary directory)
     * @throws Exception if a file cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        Path dir = ExampleArgs.workDir(args);
        Path file = dir.resolve("file.npy");
        Compute np = Compute.local();

        // array = np.arange(12.0).reshape(3, 4); np.save('file.npy', array)
        NDArray array = NDArrays.arange(DType.FLOAT64, 12).reshape(3, 4);
        Npy.save(file, array);

        // loaded = np.load('file.npy')   -- the whole array, read into memory
        NDArray loaded = Npy.load(file);
        System.out.println("np.load:");
        System.out.println(loaded.str());

        // mapped = np.load('file.npy', mmap_mode='r')   -- nothing read until used: the way for large files
        try (NDArray mapped = Npy.open(file, Mode.READ_ONLY)) {
            System.out.println("mmap_mode='r', row 1: " + mapped.get("1").str());
        }

        // The header carries dtype and shape; np.memmap('file.npy', ...) would need its length as the offset:
        // np.memmap('file.npy', dtype='float64', mode='r', shape=(3, 4), offset=128)
        NpyHeader header = Npy.readHeader(file);
        System.out.println("header: dtype " + header.dtype() + ", shape " + Py.tuple(header.shape()) + ", data at byte "
                + header.dataOffset());
        try (NDArray raw = MemMap.builder(file).dtype(header.dtype()).mode(Mode.READ_ONLY).shape(header.shape())
                .offset(header.dataOffset()).open()) {
            System.out.println("np.memmap with offset " + header.dataOffset() + " equals np.load: "
                    + (NDArrays.arrayEqual(raw, loaded) ? "True" : "False"));
        }

        // big = np.lib.format.open_memmap('big.npy', mode='w+', dtype='float32', shape=(1000, 1000))
        // big[::2] = 1.5; big.flush()   -- a .npy file created at full size and filled in place
        try (NDArray big = Npy.create(dir.resolve("big.npy"), DType.FLOAT32, Order.C, true, 1000, 1000)) {
            big.set("::2", 1.5);
            big.flush();
            System.out.println("big.npy: sum " + np.sum(big).str());
        }
    }
}
