package org.memmap4j.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/**
 * NumPy's float32 summation reproduced bit for bit: np.sum, np.mean and np.std of float32 prefixes of many lengths
 * (below 8, around the 128-element blocks, around the segment sizes, long ones), whatever the segmentation; and
 * the vector kernels equal to the scalar ones.
 */
class PairwiseSumTest {

    @TempDir
    Path dir;

    private static final long[] LENGTHS = {1, 2, 7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 130, 135, 136, 255, 256, 257,
        1000, 1023, 8191, 8192, 8193, 65535, 65536, 65537, 65544, 100_003, 131_072, 131_081, 300_001};

    /** np.sum of a row: segment sums merged in the recursion's order. */
    private static float sum(RowKernels kernels, MemorySegment s, PairwiseSum seg, boolean squares, float m) {
        float[] sums = new float[seg.segments()];
        for (int k = 0; k < sums.length; k++) {
            sums[k] = PairwiseSum.sum(kernels, s, 4 * seg.offset(k), seg.length(k), squares, m);
        }
        return seg.rowSum(sums, 0);
    }

    @Test
    void sumsMeansAndStdsAreNumPysForEveryLengthAndSegmentation() throws Exception {
        Path f = dir.resolve("a.npy");
        // Values like the processed readings (large mean, small spread), where float32 rounding shows.
        String lengths = java.util.Arrays.toString(LENGTHS);
        String out = NumPy.run("rng = np.random.default_rng(5); a = (rng.standard_normal(300_001) * 4.5 + 80).astype(np.float32)\n"
                + "np.save(sys.argv[1], a)\n"
                + "for n in " + lengths + ":\n"
                + "    r = a[:n]\n"
                + "    print(repr(float(np.sum(r))), repr(float(np.mean(r))), repr(float(np.std(r))))", f);
        List<String[]> want = new ArrayList<>();
        out.lines().forEach(l -> want.add(l.split(" ")));
        try (NDArray a = Npy.open(f, Mode.READ_ONLY)) {
            MemorySegment s = a.segment();
            for (int i = 0; i < LENGTHS.length; i++) {
                long n = LENGTHS[i];
                for (PairwiseSum seg : List.of(PairwiseSum.forRows(n), PairwiseSum.forRows(n, 128), PairwiseSum.forRows(n, 1000))) {
                    RowKernels kernels = seg.segments() % 2 == 0 ? RowKernels.SCALAR : new VectorRowKernels();
                    float total = sum(kernels, s, seg, false, 0f);
                    float mean = (float) ((double) total / n);
                    float std = (float) Math.sqrt((float) ((double) sum(kernels, s, seg, true, mean) / n));
                    String label = "n=" + n + " segments=" + seg.segments() + " " + kernels.getClass().getSimpleName();
                    assertThat((double) total).as("sum " + label).isEqualTo(Double.parseDouble(want.get(i)[0]));
                    assertThat((double) mean).as("mean " + label).isEqualTo(Double.parseDouble(want.get(i)[1]));
                    assertThat((double) std).as("std " + label).isEqualTo(Double.parseDouble(want.get(i)[2]));
                }
            }
        }
    }

    @Test
    void segmentsAreWholeSubtreesCoveringTheRow() {
        for (long n : LENGTHS) {
            PairwiseSum seg = PairwiseSum.forRows(n, 1000);
            long next = 0;
            for (int k = 0; k < seg.segments(); k++) {
                assertThat(seg.offset(k)).isEqualTo(next);
                assertThat(seg.length(k)).isBetween(1L, 1000L);
                next += seg.length(k);
            }
            assertThat(next).isEqualTo(n);
        }
        assertThat(PairwiseSum.forRows(20_000_000).segments()).isBetween(256, 2048);
        assertThat(PairwiseSum.forRows(20_000_000_000L).segments()).isLessThanOrEqualTo(4096);
    }

    @Test
    void vectorKernelsGiveTheScalarKernelsBits() {
        RowKernels scalar = new ScalarRowKernels();
        RowKernels vector = new VectorRowKernels();
        Random rnd = new Random(11);
        float[] data = new float[4099];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextGaussian() * 4.5 + 80);
        }
        data[77] = Float.NaN;
        MemorySegment s = MemorySegment.ofArray(data);
        float[] a = new float[2];
        float[] b = new float[2];
        for (int off = 0; off < 40; off++) {
            for (int n = 8; n <= 128; n++) {
                for (boolean squares : new boolean[] {false, true}) {
                    float x = scalar.block(s, 4L * off + 400, n, squares, 80.25f);
                    float y = vector.block(s, 4L * off + 400, n, squares, 80.25f);
                    assertThat(Float.floatToRawIntBits(y)).as("off %d n %d", off, n).isEqualTo(Float.floatToRawIntBits(x));
                }
            }
            for (int n : new int[] {1, 7, 8, 9, 63, 64, 65, 1000}) {
                long at = 4L * off + (off % 2 == 0 ? 0 : 400);
                scalar.minMax(s, at, n, a);
                vector.minMax(s, at, n, b);
                assertThat(b).as("min/max off %d n %d", off, n).containsExactly(a);
                for (double t : new double[] {0.0, 3.0, 9.5, Double.NaN}) {
                    assertThat(vector.countBeyond(s, at, n, 80.0, t)).isEqualTo(scalar.countBeyond(s, at, n, 80.0, t));
                }
            }
        }
        scalar.minMax(s, 0, 100, a);
        assertThat(a[0]).isNaN();
        assertThat(a[1]).isNaN();
    }
}
