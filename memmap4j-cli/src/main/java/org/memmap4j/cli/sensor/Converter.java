package org.memmap4j.cli.sensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.memmap4j.DType;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.Order;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Expr;
import org.memmap4j.exec.ArrayRef;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.Job;
import org.memmap4j.exec.ProgressListener;

/**
 * Phase 2, the conversion to Fahrenheit, with the first statistics pass folded in: the seed's expression is
 * evaluated segment by segment of each row ({@link PairwiseSum}'s segments) into a staging buffer, which is summed
 * in NumPy's order, scanned for min and max while it is still in the cache, and written to the processed file with
 * a positional write. The statistics then need one pass less over the processed file.
 */
final class Converter {

    /** Evaluates a segment's expression on the calling thread: the segments are the parallel units already. */
    private static final Compute SERIAL = Compute.on(ChunkExecutor.local(1, Long.MAX_VALUE));
    /** Elements evaluated and written at once: a megabyte of float32, several segments of a long row. */
    private static final long STAGE = 1 << 18;

    private Converter() {
    }

    /**
     * Returns the seed's {@code (celsius * 9/5 + 32) * 1.02}: Python evaluates {@code c * 9 / 5} left to right, and
     * its int and float scalars are weak (NEP 50), so every step is float32 arithmetic on float32 readings, 1.02
     * rounded to float32 first. {@link Expr} applies the same rules, so the values are NumPy's bit for bit.
     *
     * @param celsius the readings
     * @return the expression
     */
    static Expr fahrenheit(Expr celsius) {
        return celsius.multiply(9).divide(5).add(32).multiply(1.02);
    }

    /**
     * Converts S x N readings into a file of C-ordered native float32 values at dataOffset, in parallel.
     *
     * @param compute    where the chunks run
     * @param progress   hears the conversion's progress
     * @param raw        the Celsius readings, S x N float32 (any layout and byte order)
     * @param file       the file, already of its final size
     * @param dataOffset the byte offset of element (0, 0)
     * @return per row of the converted values: NumPy's float32 sum, min and max
     */
    static RowPasses.SumMinMax convert(Compute compute, ProgressListener progress, NDArray raw, Path file, long dataOffset) {
        int rows = Math.toIntExact(raw.shape(0));
        PairwiseSum seg = PairwiseSum.forRows(raw.shape(1));
        ArrayRef ref = ArrayRef.of(raw);
        String path = file.toAbsolutePath().toString();
        long size = raw.size();
        List<double[]> parts = compute.executor().map(new Job<>("convert to Fahrenheit", (long) rows * seg.segments(),
                4 * seg.longest(), 1, (from, to) -> ref.apply(a -> {
                    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE)) {
                        return convertSegments(a, seg, from, to, ch, dataOffset, RowKernels.forPass(size));
                    }
                })), progress);
        return RowPasses.mergeSumMinMax(seg, rows, RowPasses.concat(parts, 3 * rows * seg.segments()));
    }

    /**
     * Converts segments [from, to) (numbered row by row) and returns each one's sum, min and max. Consecutive segments
     * of a row are evaluated and written together, up to a stage's worth.
     */
    private static double[] convertSegments(NDArray raw, PairwiseSum seg, long from, long to, FileChannel ch,
                                            long dataOffset, RowKernels kernels) throws java.io.IOException {
        int k = seg.segments();
        long n = raw.shape(1);
        long stageLength = Math.max(seg.longest(), STAGE);
        double[] out = new double[3 * (int) (to - from)];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stage = arena.allocate(4 * stageLength, 64);
            NDArray staged = NDArrays.wrap(stage, DType.FLOAT32, Order.C, 0, stageLength);
            long u = from;
            while (u < to) {
                long row = u / k;
                long first = u;
                long start = seg.offset((int) (u % k));
                long end = start + seg.length((int) (u % k));
                for (u++; u < to && u / k == row; u++) {
                    long segEnd = seg.offset((int) (u % k)) + seg.length((int) (u % k));
                    if (segEnd - start > stageLength) {
                        break;
                    }
                    end = segEnd;
                }
                SERIAL.evalInto(fahrenheit(Expr.of(raw.get(row + ", " + start + ":" + end))), staged.get(":" + (end - start)));
                for (long v = first; v < u; v++) {
                    long at = 4 * (seg.offset((int) (v % k)) - start);
                    RowPasses.sumMinMax(kernels, stage, at, seg.length((int) (v % k)), out, 3 * (int) (v - from));
                }
                SensorFormat.writeFully(ch, stage, 4 * (end - start), dataOffset + 4 * (row * n + start));
            }
        }
        return out;
    }
}
