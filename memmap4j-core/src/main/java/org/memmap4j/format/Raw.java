package org.memmap4j.format;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;

/**
 * Raw binary files, NumPy's {@code tofile} / {@code fromfile}: elements in C order, no header. To map a raw file
 * rather than read it, use {@link MemMap}.
 */
public final class Raw {

    private Raw() {
    }

    /**
     * Writes an array's elements in C order, like {@code a.tofile(file)}. The bytes go to a temporary file in the
     * same directory that replaces {@code file} only when complete, so a failure never leaves a partial file.
     *
     * @param array the array
     * @param file  the file to create or replace
     * @throws IOException           if writing fails; the message names the file
     * @throws IllegalStateException if the array is closed
     */
    public static void toFile(NDArray array, Path file) throws IOException {
        Objects.requireNonNull(array, "array");
        AtomicFile.write(file, true, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                array.writeTo(ch);
            }
        });
    }

    /**
     * Reads elements into a new in-memory 1-d array, like {@code np.fromfile(file, dtype, count, offset=offset)}.
     *
     * @param file   the file
     * @param dtype  the element type
     * @param count  the number of elements, or -1 for all that follow the offset
     * @param offset byte offset of the first element
     * @return the array
     * @throws IOException              if the file cannot be read, or holds fewer elements than count, or its size
     *                                  after the offset is not a multiple of the item size (count -1)
     * @throws IllegalArgumentException if count is below -1 or offset is negative
     */
    public static NDArray fromFile(Path file, DType dtype, long count, long offset) throws IOException {
        if (count < -1) {
            throw new IllegalArgumentException("count must be -1 or non-negative, got " + count);
        }
        MemMap.Builder b = MemMap.builder(file).dtype(dtype).mode(Mode.READ_ONLY).offset(offset);
        if (count >= 0) {
            b.shape(count);
        }
        try (NDArray mapped = b.open()) {
            return mapped.copy();
        }
    }
}
