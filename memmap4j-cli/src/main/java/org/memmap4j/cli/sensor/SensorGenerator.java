package org.memmap4j.cli.sensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.memmap4j.Randoms;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;

/**
 * The seed's simulated readings, in one parallel pass: sensor s, reading j is
 * {@code float32((20 + 0.5 s + 2 z) + linspace(0, 5, N)[j])} with z standard normal, computed in float64 and
 * rounded once to float32 as the seed's {@code sensor_data[s, :] = baseline + noise + trend} does. The value at
 * flat position k depends only on the seed and k ({@link Randoms#normal}), so every thread count and chunk size writes
 * the same file. Chunks stage their values and write them with positional writes (a fresh file then costs the
 * kernel a copy per page rather than a page fault).
 */
final class SensorGenerator {

    /** Elements staged per positional write: a megabyte of float32. */
    private static final int STAGE = 1 << 18;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private SensorGenerator() {
    }

    /** {@return the seed's baseline of a sensor: 20.0 + sensor * 0.5, in Python's float arithmetic} */
    static double baseline(long sensor) {
        return 20.0 + sensor * 0.5;
    }

    /**
     * Returns {@code np.linspace(0, 5, n)[j]} bit for bit: {@code j * step + 0.0} with {@code step = 5.0 / (n - 1)},
     * and exactly 5.0 for the last of two or more.
     *
     * @param j the index
     * @param n the number of readings
     * @return the trend value
     */
    static double trend(long j, long n) {
        if (n > 1 && j == n - 1) {
            return 5.0;
        }
        return n > 1 ? j * (5.0 / (n - 1)) + 0.0 : j * 5.0 + 0.0;
    }

    /**
     * Writes S x N simulated readings into a file as C-ordered native float32 values.
     *
     * @param compute    where the chunks run
     * @param progress   hears the generation's progress
     * @param file       the file, already of its final size
     * @param dataOffset the byte offset of element (0, 0)
     * @param sensors    S
     * @param readings   N
     * @param seed       the seed
     */
    static void generate(Compute compute, ProgressListener progress, Path file, long dataOffset, long sensors,
                         long readings, long seed) {
        String path = file.toAbsolutePath().toString();
        double step = readings > 1 ? 5.0 / (readings - 1) : 5.0;
        compute.executor().map(new Job<Void>("generate " + sensors + " x " + readings, sensors * readings, 4, 1, (from, to) -> {
            try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                MemorySegment stage = arena.allocate(4L * STAGE, 64);
                for (long p = from; p < to; p += STAGE) {
                    int n = (int) Math.min(STAGE, to - p);
                    fill(stage, seed, p, n, readings, step);
                    SensorFormat.writeFully(ch, stage, 4L * n, dataOffset + 4 * p);
                }
            }
            return null;
        }), progress);
    }

    /** Computes n values from flat position p on, walking sensor by sensor so the row's constants stay put. */
    private static void fill(MemorySegment stage, long seed, long p, int n, long readings, double step) {
        long sensor = p / readings;
        long j = p % readings;
        int i = 0;
        while (i < n) {
            double base = baseline(sensor);
            // The last reading of a row is exactly 5.0 (np.linspace's endpoint), so stop the plain run before it.
            long run = Math.min(n - i, readings - 1 - j);
            for (long e = i + run; i < e; i++, j++) {
                stage.setAtIndex(FLOAT, i, (float) ((base + Randoms.normal(seed, p + i) * 2.0) + (j * step + 0.0)));
            }
            if (i < n) {
                stage.setAtIndex(FLOAT, i, (float) ((base + Randoms.normal(seed, p + i) * 2.0) + trend(j, readings)));
                i++;
                sensor++;
                j = 0;
            }
        }
    }
}
