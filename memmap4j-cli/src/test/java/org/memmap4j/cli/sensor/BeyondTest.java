package org.memmap4j.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/**
 * The float32 bounds give NumPy's float64 anomaly test exactly: checked on every float32 within thousands of ulps
 * of both bounds for many means and thresholds, on the kernels (scalar and vector, every offset and tail), and
 * against NumPy itself on readings placed at the bounds.
 */
class BeyondTest {

    @TempDir
    Path dir;

    private static final double[] MEANS = {0, 1e-30, -3.25, 73.95098114013672, 100.1, 1e7 + 0.1, -6e37, 3e38, 1e300};
    private static final double[] THRESHOLDS = {0, Double.MIN_VALUE, 1e-40, 1e-9, 0.1, 13.58275795, 1e6, 3.4e38, 1e308};

    @Test
    void boundsAgreeWithTheFloat64TestNearBothBounds() {
        Random rnd = new Random(11);
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            double mean = trial < MEANS.length * THRESHOLDS.length ? MEANS[trial % MEANS.length]
                    : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(12) - 4);
            double threshold = trial < MEANS.length * THRESHOLDS.length ? THRESHOLDS[trial / MEANS.length]
                    : rnd.nextDouble() * Math.pow(10, rnd.nextInt(12) - 4);
            Beyond b = Beyond.of(mean, threshold);
            assertThat(b).isNotNull();
            for (float bound : new float[] {b.below(), b.above(), (float) mean, 0f}) {
                int bits = Float.floatToRawIntBits(bound);
                for (int d = -3000; d <= 3000; d++) {
                    for (float x : new float[] {Float.intBitsToFloat(bits + d), -Float.intBitsToFloat(bits + d)}) {
                        if (Float.isNaN(x)) {
                            continue;
                        }
                        boolean fast = x <= b.below() || x >= b.above();
                        assertThat(fast).as("x %s mean %s threshold %s", x, mean, threshold)
                                .isEqualTo(Beyond.exceeds(x, mean, threshold));
                        checked++;
                    }
                }
            }
            assertThat(b.below()).isLessThan(b.above());
        }
        assertThat(checked).isGreaterThan(4_000_000);
    }

    @Test
    void noBoundsWhereNumPysTestIsNotTwoSided() {
        assertThat(Beyond.of(Double.NaN, 1)).isNull();
        assertThat(Beyond.of(Double.POSITIVE_INFINITY, 1)).isNull();
        assertThat(Beyond.of(1, Double.NaN)).isNull();
        assertThat(Beyond.of(1, Double.POSITIVE_INFINITY)).isNull();
        assertThat(Beyond.of(1, -0.5)).isNull();
        assertThat(Beyond.of(1, -0.0)).isNotNull();
    }

    @Test
    void kernelsCountAsTheFloat64TestForEveryCase() {
        Random rnd = new Random(3);
        float[] data = new float[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextGaussian() * 4.5 + 80);
        }
        data[5] = Float.NaN;
        data[17] = Float.POSITIVE_INFINITY;
        data[40] = Float.NEGATIVE_INFINITY;
        data[41] = -0.0f;
        MemorySegment s = MemorySegment.ofArray(data);
        RowKernels[] kernels = {RowKernels.SCALAR, new VectorRowKernels()};
        double[] means = {80, 80.1234567, Double.NaN, Double.POSITIVE_INFINITY, 0};
        double[] thresholds = {0, 4.5, 13.5, 1e-7, Double.NaN, Double.POSITIVE_INFINITY, -1, 1e9};
        for (int off = 0; off < 9; off++) {
            for (int n : new int[] {0, 1, 7, 8, 9, 100, 4990}) {
                for (double mean : means) {
                    for (double t : thresholds) {
                        long want = 0;
                        for (int i = off; i < off + n; i++) {
                            want += Beyond.exceeds(data[i], mean, t) ? 1 : 0;
                        }
                        for (RowKernels k : kernels) {
                            assertThat(k.countBeyond(s, 4L * off, n, mean, t))
                                    .as("%s off %d n %d mean %s t %s", k.getClass().getSimpleName(), off, n, mean, t)
                                    .isEqualTo(want);
                        }
                    }
                }
            }
        }
    }

    @Test
    void countsAreNumPysOnReadingsAtTheBounds() throws Exception {
        double mean = 73.95098114013672;
        double threshold = 3 * 4.527585983276367;
        Beyond b = Beyond.of(mean, threshold);
        float[] values = new float[2000];
        Random rnd = new Random(7);
        for (int i = 0; i < values.length; i++) {
            float bound = i % 2 == 0 ? b.below() : b.above();
            values[i] = Float.intBitsToFloat(Float.floatToRawIntBits(bound) + rnd.nextInt(7) - 3);
        }
        Path f = dir.resolve("bounds.npy");
        Npy.save(f, NDArrays.of(values));
        String numpy = NumPy.run("a = np.load(sys.argv[1]); m = np.float64(sys.argv[2]); t = np.float64(sys.argv[3])\n"
                + "print(int(np.sum(np.abs(a - m) > t)))", f, Double.toString(mean), Double.toString(threshold));
        try (NDArray a = Npy.open(f, Mode.READ_ONLY)) {
            for (RowKernels k : new RowKernels[] {RowKernels.SCALAR, new VectorRowKernels()}) {
                assertThat(k.countBeyond(a.segment(), a.segmentOffset(), values.length, mean, threshold))
                        .as(k.getClass().getSimpleName()).isEqualTo(Long.parseLong(numpy));
            }
        }
        assertThat(Long.parseLong(numpy)).as("the readings straddle both bounds").isBetween(400L, 1600L);
    }
}
