package org.memmap4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.exec.ProgressListener;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/**
 * The min/max envelope against NumPy: {@code np.nanmin}/{@code np.nanmax} of each column cut at
 * {@code np.arange(c + 1) * n // c}, for dtypes, byte orders, strided, reversed and transposed views, NaN and
 * all-NaN columns, and executors with tiny chunks.
 */
class DecimatorTest {

    @TempDir
    Path dir;

    /** The data files NumPy writes, and the views both sides take of them (NumPy index syntax, or .T). */
    private static final String MAKE = """
            rng = np.random.default_rng(5)
            d = sys.argv[1]
            a = rng.normal(size=10007).astype('f4'); a[rng.random(10007) < 0.05] = np.nan; a[2000:2400] = np.nan
            a[17] = np.inf; a[5003] = -np.inf
            np.save(d + '/f4.npy', a)
            np.save(d + '/be.npy', rng.normal(size=3001).astype('>f8'))
            np.save(d + '/i2.npy', rng.integers(-30000, 30000, size=999).astype('i2'))
            np.save(d + '/u8.npy', rng.integers(0, 2**64, size=500, dtype='u8'))
            np.save(d + '/b.npy', rng.random(333) < 0.3)
            m = rng.normal(size=(3, 5001)); m[1, :100] = np.nan
            np.save(d + '/m.npy', m)
            np.save(d + '/f.npy', np.asfortranarray(rng.normal(size=(4, 777)).astype('f4')))
            np.save(d + '/one.npy', np.array([2.5]))
            """;

    private static final String CHECK = NumPyCases.check("""
            a = a if a.ndim == 2 else a[None, :]
            n = a.shape[1]; c = min(int(p[0]), n); cuts = np.arange(c + 1) * n // c
            # fmin/fmax skip NaN unless all are NaN: np.nanmin/np.nanmax of every column at once.
            mn = np.fmin.reduceat(a, cuts[:-1], axis=1)
            mx = np.fmax.reduceat(a, cuts[:-1], axis=1)
            got = np.load(d + '/got' + k + '.npy'); starts = np.load(d + '/starts' + k + '.npy')
            ok = (np.array_equal(starts, cuts) and got.shape == (2,) + mn.shape
                  and np.array_equal(got[0], mn, equal_nan=True) and np.array_equal(got[1], mx, equal_nan=True))
            """);


    @Test
    void envelopeIsNanminAndNanmaxOfEachColumnAsNumPyCutsThem() throws Exception {
        NumPy.run(MAKE, dir);
        String[][] files = {
            {"f4.npy", "", "::3", "::-1", "5:9000:7"},
            {"be.npy", "", "::-2"},
            {"i2.npy", "", "1:"},
            {"u8.npy", ""},
            {"b.npy", ""},
            {"m.npy", "", ":, ::-3", "::-1, 10:", ".T", "1:2"},
            {"f.npy", "", ":, ::2", ".T"},
            {"one.npy", ""},
        };
        int[] columns = {1, 7, 100, 1000, 20000};
        List<String> cases = new ArrayList<>();
        try (ChunkExecutor tiny = ChunkExecutor.local(3, 16); ChunkExecutor single = ChunkExecutor.local(1, 100)) {
            ChunkExecutor[] executors = {ChunkExecutor.local(), tiny, single};
            for (String[] f : files) {
                try (NDArray whole = Npy.open(dir.resolve(f[0]), Mode.READ_ONLY)) {
                    for (int v = 1; v < f.length; v++) {
                        NDArray a = f[v].equals(".T") ? whole.T() : f[v].isEmpty() ? whole : whole.get(f[v]);
                        for (int cols : columns) {
                            Decimator.Envelope first = null;
                            for (ChunkExecutor ex : executors) {
                                Decimator.Envelope e = Decimator.envelope(a, cols, ex, ProgressListener.NONE);
                                if (first == null) {
                                    first = e;
                                    save(e, cases.size());
                                    cases.add(cases.size() + "|" + f[0] + "|" + f[v] + "|" + cols);
                                } else {
                                    // Every executor and chunk size gives the same envelope.
                                    assertSameBits(e.min(), first.min());
                                    assertSameBits(e.max(), first.max());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).hasSize(95);
        java.nio.file.Files.write(dir.resolve("cases.txt"), cases);
        assertThat(NumPy.run(CHECK, dir)).isEqualTo("0 []");
    }

    /** Equal doubles, NaN equal to NaN ({@link java.util.Arrays#equals(double[], double[])}). */
    static void assertSameBits(double[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int r = 0; r < actual.length; r++) {
            assertThat(java.util.Arrays.equals(actual[r], expected[r])).as("row %d: %s vs %s", r,
                    java.util.Arrays.toString(actual[r]), java.util.Arrays.toString(expected[r])).isTrue();
        }
    }

    private void save(Decimator.Envelope e, int k) throws Exception {
        NDArray got = NDArrays.empty(DType.FLOAT64, 2, e.rows(), e.columns());
        for (int r = 0; r < e.rows(); r++) {
            for (int j = 0; j < e.columns(); j++) {
                got.setDouble(e.min()[r][j], 0, r, j);
                got.setDouble(e.max()[r][j], 1, r, j);
            }
        }
        Npy.save(dir.resolve("got" + k + ".npy"), got);
        Npy.save(dir.resolve("starts" + k + ".npy"), NDArrays.of(e.starts()));
    }

    @Test
    void rowsOfA2dArrayAreViewsStackedInTheGivenOrder() {
        NDArray m = NDArrays.of(new double[][] {{1, 2, 3, 4}, {5, Double.NaN, 7, 8}, {9, 10, 11, 12}});
        Decimator.Envelope e = Decimator.envelope(m, new int[] {2, 0}, 2, ChunkExecutor.local(), ProgressListener.NONE);
        assertThat(e.starts()).containsExactly(0, 2, 4);
        assertThat(e.min()).isDeepEqualTo(new double[][] {{9, 11}, {1, 3}});
        assertThat(e.max()).isDeepEqualTo(new double[][] {{10, 12}, {2, 4}});
        assertThat(Decimator.envelope(m, new int[] {1}, 4, ChunkExecutor.local(), ProgressListener.NONE).min()[0])
                .containsExactly(5, Double.NaN, 7, 8);
        assertThatThrownBy(() -> Decimator.envelope(m, new int[] {3}, 2, ChunkExecutor.local(), ProgressListener.NONE))
                .hasMessage("row 3 is out of range for 3 rows");
        assertThatThrownBy(() -> Decimator.envelope(m, new int[0], 2, ChunkExecutor.local(), ProgressListener.NONE))
                .hasMessage("no rows to plot");
    }

    @Test
    void progressCountsEveryByteOnce() {
        NDArray a = NDArrays.arange(DType.FLOAT32, 10_000);
        long[] last = new long[2];
        try (ChunkExecutor ex = ChunkExecutor.local(2, 256)) {
            Decimator.envelope(a, 100, ex, (done, total) -> {
                last[0] = done;
                last[1] = total;
            });
        }
        assertThat(last).containsExactly(40_000, 40_000);
    }

    @Test
    void refusesWhatHasNoEnvelope() {
        ChunkExecutor ex = ChunkExecutor.local();
        ProgressListener p = ProgressListener.NONE;
        assertThatThrownBy(() -> Decimator.envelope(NDArrays.zeros(DType.FLOAT32, 2, 3, 4), 10, ex, p))
                .hasMessage("an envelope needs 1-d or 2-d data, got 3-d");
        assertThatThrownBy(() -> Decimator.envelope(NDArrays.zeros(DType.FLOAT32), 10, ex, p))
                .hasMessage("an envelope needs 1-d or 2-d data, got 0-d");
        assertThatThrownBy(() -> Decimator.envelope(NDArrays.zeros(DType.FLOAT32, 3, 0), 10, ex, p))
                .hasMessage("no elements to plot (shape [3, 0])");
        assertThatThrownBy(() -> Decimator.envelope(NDArrays.zeros(DType.COMPLEX64, 5), 10, ex, p))
                .hasMessageStartingWith("cannot plot complex64 data");
        assertThatThrownBy(() -> Decimator.envelope(NDArrays.zeros(DType.FLOAT32, 5), 0, ex, p))
                .hasMessage("columns must be at least 1, got 0");
    }

    @Test
    void cutsAreNumPysFloorDivisionEvenWhenTheProductOverflows() {
        assertThat(Cuts.all(10, 4)).containsExactly(0, 2, 5, 7, 10);
        assertThat(Cuts.all(3, 3)).containsExactly(0, 1, 2, 3);
        long n = Long.MAX_VALUE - 5;
        // floor(j * n / 7) computed exactly with BigInteger.
        for (long j = 0; j <= 7; j++) {
            long exact = java.math.BigInteger.valueOf(j).multiply(java.math.BigInteger.valueOf(n))
                    .divide(java.math.BigInteger.valueOf(7)).longValueExact();
            assertThat(Cuts.at(j, n, 7)).isEqualTo(exact);
        }
    }
}
