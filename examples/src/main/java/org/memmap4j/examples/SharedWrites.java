package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.format.Raw;

/**
 * Seed 002, "Reading and writing with np.memmap" and "multiple processes can share the same memory-mapped file":
 * a write through an r+ mapping goes to the file's pages at once, so every other mapping of the file (in this
 * process or another) and every plain read sees it, before any flush. {@code flush()} only decides when the pages
 * reach the disk.
 *
 * <pre>
 * java ... org.memmap4j.examples.SharedWrites [DIR]
 * </pre>
 */
public final class SharedWrites {

    private SharedWrites() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR]}: the working directory (default a new temporary directory)
     * @throws Exception if the file cannot be created or mapped
     */
    public static void main(String[] args) throws Exception {
        Path file = ExampleArgs.workDir(args).resolve("file.dat");
        // A 1000 x 1000 float32 file of zeros to work on (mode r+ needs an existing file).
        MemMap.open(file, DType.FLOAT32, Mode.WRITE, 1000, 1000).close();

        // memmap_array = np.memmap('file.dat', dtype='float32', mode='r+', shape=(1000, 1000))
        try (NDArray memmapArray = MemMap.open(file, DType.FLOAT32, Mode.READ_WRITE, 1000, 1000);
             // a second, independent mapping of the same file, as another process would make
             NDArray other = MemMap.open(file, DType.FLOAT32, Mode.READ_ONLY, 1000, 1000)) {
            // memmap_array[0, 0] = 42
            memmapArray.setDouble(42, 0, 0);
            // No flush yet: both mappings share the operating system's page cache.
            System.out.println("other mapping, [0, 0]: " + other.get("0, 0").str());
            // np.fromfile('file.dat', dtype='float32', count=1)   -- a plain read() of the file, no mapping
            System.out.println("plain read of the file: " + Raw.fromFile(file, DType.FLOAT32, 1, 0).str());
            // memmap_array.flush()   -- now the page is also on the disk, safe from a power loss
            memmapArray.flush();
        }
    }
}
