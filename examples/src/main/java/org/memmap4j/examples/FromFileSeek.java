package org.memmap4j.examples;

import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.format.Raw;

/**
 * Seed 003, "How it works": reading part of a raw binary file without mapping it, NumPy's
 * {@code f.seek(offset); np.fromfile(f, dtype, count)}. The Java spelling is
 * {@code Raw.fromFile(file, dtype, count, offset)}: it reads {@code count} elements starting at byte {@code offset}
 * into a new in-memory array.
 *
 * <pre>
 * java ... org.memmap4j.examples.FromFileSeek [DIR [NROWS [NCOLS]]]     (default 1000 x 100)
 * </pre>
 */
public final class FromFileSeek {

    private FromFileSeek() {
    }

    /**
     * Runs the recipe.
     *
     * @param args {@code [DIR [NROWS [NCOLS]]]}: the working directory and the shape of the file (default 1000 x 100)
     * @throws Exception if the file cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        Path file = ExampleArgs.workDir(args).resolve("data.dat");
        long nrows = ExampleArgs.size(args, 1, 1000);
        long ncols = ExampleArgs.size(args, 2, 100);
        if (nrows < 2) {
            throw new IllegalArgumentException("NROWS must be at least 2 (the example reads the last two rows), got " + nrows);
        }
        long itemsize = DType.FLOAT32.itemSize();

        // np.arange(nrows * ncols, dtype=np.float32).reshape(nrows, ncols).tofile('data.dat')
        // A raw file: C-order elements, no header; dtype and shape live only in the program.
        Raw.toFile(NDArrays.arange(DType.FLOAT32, nrows * ncols).reshape(nrows, ncols), file);

        // with open('data.dat', 'rb') as f:
        //     f.seek((row * ncols + col) * 4)
        //     part = np.fromfile(f, dtype=np.float32, count=count)
        long row = nrows / 2;
        long col = Math.min(10, ncols - 1);
        long count = Math.min(10, ncols - col);
        NDArray part = Raw.fromFile(file, DType.FLOAT32, count, (row * ncols + col) * itemsize);
        System.out.println("Row " + row + ", columns " + col + "-" + (col + count - 1) + ": " + part.str());

        //     f.seek((nrows - 2) * ncols * 4)
        //     last = np.fromfile(f, dtype=np.float32, count=2 * ncols).reshape(2, ncols)
        NDArray last = Raw.fromFile(file, DType.FLOAT32, 2 * ncols, (nrows - 2) * ncols * itemsize).reshape(2, ncols);
        System.out.println("Last two rows, first 5 columns:");
        System.out.println(last.get(":, :5").str());
    }
}
