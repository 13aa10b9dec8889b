package org.memmap4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;
import org.memmap4j.compute.Histogram;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/** The plotted histogram is NumPy's over the non-NaN data's range, or over a given range. */
class HistogramsTest {

    @TempDir
    Path dir;

    @Test
    void countsAndEdgesAreNumPysOverTheNonNanRange() throws Exception {
        NumPy.run("""
                rng = np.random.default_rng(3)
                a = rng.normal(size=(70, 90)).astype('f4'); a[rng.random(a.shape) < 0.2] = np.nan
                np.save(sys.argv[1] + '/a.npy', a)
                """, dir);
        try (NDArray a = Npy.open(dir.resolve("a.npy"), Mode.READ_ONLY); ChunkExecutor tiny = ChunkExecutor.local(2, 64)) {
            Histogram auto = Histograms.of(Compute.on(tiny), a.get("::-1, 1::2"), 13, null);
            Histogram given = Histograms.of(Compute.local(), a, 7, new double[] {-1, 0.5});
            Npy.save(dir.resolve("ac.npy"), auto.counts());
            Npy.save(dir.resolve("ae.npy"), auto.edges());
            Npy.save(dir.resolve("gc.npy"), given.counts());
            Npy.save(dir.resolve("ge.npy"), given.edges());
        }
        String out = NumPy.run("""
                d = sys.argv[1]; a = np.load(d + '/a.npy'); v = a[::-1, 1::2]
                c, e = np.histogram(v[~np.isnan(v)], 13, range=(float(np.nanmin(v)), float(np.nanmax(v))))
                gc, ge = np.histogram(a, 7, range=(-1, 0.5))
                print(np.array_equal(np.load(d + '/ac.npy'), c), np.array_equal(np.load(d + '/ae.npy'), e),
                      np.array_equal(np.load(d + '/gc.npy'), gc), np.array_equal(np.load(d + '/ge.npy'), ge))
                """, dir);
        assertThat(out).isEqualTo("True True True True");
    }

    @Test
    void anInfiniteOrMissingRangeAsksForOne() {
        NDArray inf = NDArrays.of(1.0, Double.POSITIVE_INFINITY, 2.0);
        assertThatThrownBy(() -> Histograms.of(Compute.local(), inf, 10, null))
                .hasMessage("the data's range [1.0, Infinity] is not finite; give a range (--range MIN,MAX)");
        // np.histogram([1, inf, 2], 2, range=(0, 4)): bins [0, 2) and [2, 4], infinity in neither.
        Histogram h = Histograms.of(Compute.local(), inf, 2, new double[] {0, 4});
        assertThat(new long[] {h.counts().getLong(0), h.counts().getLong(1)}).containsExactly(1, 1);
        NDArray nan = NDArrays.of(Double.NaN, Double.NaN);
        assertThatThrownBy(() -> Histograms.of(Compute.local(), nan, 10, null)).hasMessageContaining("is not finite");
        assertThatThrownBy(() -> Histograms.of(Compute.local(), NDArrays.zeros(DType.FLOAT32, 0), 10, null))
                .hasMessage("no elements to plot (shape [0])");
    }
}
