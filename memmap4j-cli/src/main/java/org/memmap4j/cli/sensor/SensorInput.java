package org.memmap4j.cli.sensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.memmap4j.DType;
import org.memmap4j.MemMap;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.format.Npy;
import org.memmap4j.format.NpyHeader;

/**
 * Existing readings to process instead of generated ones: a .npy file (recognised by its magic bytes) of a 2-d
 * float32 array, sensors by readings, in either byte order and memory order; or a raw file of S x N native float32
 * values in C order, such as the seed's {@code np.memmap} file, whose shape the caller gives.
 */
final class SensorInput {

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private SensorInput() {
    }

    /**
     * Opens an input file read-only, checking it holds S x N float32 readings.
     *
     * @param file     the file
     * @param sensors  S, required for a raw file; for a .npy file null, or the sensors its shape must have
     * @param readings N, likewise
     * @return the readings
     * @throws NoSuchFileException      if the file does not exist
     * @throws IllegalArgumentException if the file does not hold S x N float32 readings (the message names it)
     * @throws IOException              if the file cannot be read or mapped
     */
    static NDArray open(Path file, Long sensors, Long readings) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory, not a file of sensor readings");
        }
        return isNpy(file) ? openNpy(file, sensors, readings) : openRaw(file, sensors, readings);
    }

    private static boolean isNpy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(NPY_MAGIC.length), NPY_MAGIC);
        }
    }

    private static NDArray openNpy(Path file, Long sensors, Long readings) throws IOException {
        NpyHeader h = Npy.readHeader(file);
        long[] shape = h.shape();
        if (h.dtype().kind() != DType.Kind.FLOAT32) {
            throw new IllegalArgumentException(file + ": dtype " + h.dtype().kind().numpyName() + " ('" + h.dtype().descr()
                    + "'), expected float32 sensor readings");
        }
        if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
            throw new IllegalArgumentException(file + ": shape " + NDArrays.shapeString(shape)
                    + ", expected (sensors, readings), both at least 1");
        }
        if (sensors != null && sensors != shape[0] || readings != null && readings != shape[1]) {
            throw new IllegalArgumentException(file + ": shape " + NDArrays.shapeString(shape) + " does not match --sensors "
                    + (sensors == null ? shape[0] : sensors) + " --readings " + (readings == null ? shape[1] : readings));
        }
        return Npy.open(file, Mode.READ_ONLY);
    }

    private static NDArray openRaw(Path file, Long sensors, Long readings) throws IOException {
        if (sensors == null || readings == null) {
            throw new IllegalArgumentException(file + ": no .npy header, so it is read as raw float32: give --sensors and --readings");
        }
        long expected = Math.multiplyExact(Math.multiplyExact(sensors, readings), 4L);
        long size = Files.size(file);
        if (size != expected) {
            throw new IllegalArgumentException(file + ": " + size + " bytes, but " + sensors + " x " + readings
                    + " float32 readings take " + expected + " bytes (check --sensors and --readings)");
        }
        return MemMap.builder(file).dtype(DType.FLOAT32).mode(Mode.READ_ONLY).shape(sensors, readings).open();
    }


}
