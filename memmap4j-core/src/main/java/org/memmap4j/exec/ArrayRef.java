package org.memmap4j.exec;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;

/**
 * A reference to an array that a {@link RangeTask} can carry to wherever it runs: in this JVM it is the array
 * itself; after serialization (to a cluster node that sees the same file) it is the description needed to map the
 * same bytes again: path, region, dtype, shape and strides.
 *
 * <p>Tasks use it through {@link #apply}: locally the function gets the original array; remotely the region is
 * mapped for the duration of the call and unmapped afterwards; writes made there are forced to the file before
 * the call returns, so that the driver and other nodes (on a shared file system) see them. Arrays in memory cannot
 * leave their JVM, nor can copy-on-write ({@link Mode#COPY_ON_WRITE}) arrays, whose changes exist only in the JVM
 * that made them: serializing a reference to one fails with {@link NotSerializableException}.
 */
public final class ArrayRef implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Work on a resolved array.
     *
     * @param <R> the result
     */
    @FunctionalInterface
    public interface ArrayFunction<R> {
        /**
         * Works on the array.
         *
         * @param array the array (do not close it)
         * @return a result
         * @throws Exception if the work fails
         */
        R apply(NDArray array) throws Exception;
    }

    private final String path;
    private final String descr;
    private final long[] shape;
    private final long[] strides;
    private final long mapStart;
    private final long mapLength;
    private final long elementOffset;
    private final boolean writable;
    private final transient NDArray local;
    /** Only checked where the reference is serialized, which is where the array is. */
    private final transient boolean copyOnWrite;

    private ArrayRef(NDArray a) {
        this.local = a;
        this.descr = a.dtype().descr();
        this.shape = a.shape();
        this.strides = a.strides();
        this.writable = a.isWritable();
        this.elementOffset = a.segmentOffset();
        this.copyOnWrite = a.mode() == Mode.COPY_ON_WRITE && a.file().isPresent();
        if (a.file().isPresent() && a.fileOffset().isPresent()) {
            this.path = a.file().get().toString();
            this.mapStart = a.fileOffset().getAsLong() - elementOffset;
            this.mapLength = a.segment().byteSize();
        } else {
            this.path = null;
            this.mapStart = -1;
            this.mapLength = 0;
        }
    }

    /**
     * Returns a reference to an array.
     *
     * @param array the array
     * @return the reference
     * @throws IllegalStateException if the array is closed
     */
    public static ArrayRef of(NDArray array) {
        return new ArrayRef(array);
    }

    /** {@return true if this reference can be resolved in another JVM that sees the same file} */
    public boolean isFileBacked() {
        return path != null;
    }

    /**
     * Runs a function on the referenced array: the original in the JVM that made the reference; elsewhere a
     * fresh mapping of the same file region (read-only unless the original was writable), forced to the file if
     * writable and unmapped on return.
     *
     * @param f   the function
     * @param <R> its result
     * @return what f returned
     * @throws IllegalStateException if the local array's file was truncated under its mapping (see
     *                               {@link NDArray#checkFile()})
     * @throws Exception if mapping fails or f throws
     */
    public <R> R apply(ArrayFunction<R> f) throws Exception {
        if (local != null) {
            // Every kernel task reaches its arrays here, chunk by chunk: a file truncated under the mapping is caught
            // before the kernel touches the lost pages (a fault in a vectorised loop would kill the JVM).
            local.checkFile();
            return f.apply(local);
        }
        try (NDArray bytes = MemMap.builder(Path.of(path)).dtype(DType.UINT8)
                .mode(writable ? Mode.READ_WRITE : Mode.READ_ONLY).offset(mapStart).shape(mapLength).open()) {
            R result = f.apply(bytes.asStrided(DType.of(descr), elementOffset, shape, strides));
            if (writable) {
                // Unmapping alone leaves the pages to write-back, which other hosts of a shared file system (NFS)
                // may not see for a while; the driver reads the output as soon as the task reports success.
                bytes.flush();
            }
            return result;
        }
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        if (path == null) {
            throw new NotSerializableException("an in-memory array (" + descr + " " + java.util.Arrays.toString(shape)
                    + ") cannot be sent to another JVM; save it to a file first (for a result: use an operation that "
                    + "writes a file, such as evalToNpy, or an output array mapped from a file)");
        }
        if (copyOnWrite) {
            throw new NotSerializableException("the copy-on-write (mode c) array of '" + path + "' cannot be sent to "
                    + "another JVM: its changes exist only in this one; open the file in mode r or r+ instead");
        }
        out.defaultWriteObject();
    }
}
