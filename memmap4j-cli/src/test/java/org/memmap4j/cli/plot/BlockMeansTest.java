package org.memmap4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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
 * Heatmap grids against NumPy: the {@code np.nanmean} of each block cut at {@code np.arange(g + 1) * n // g} on
 * both axes, for views, NaN blocks and tiny chunks.
 */
class BlockMeansTest {

    @TempDir
    Path dir;

    private static final String CHECK = NumPyCases.check("""
            R, C = a.shape; gr = min(int(p[0]), R); gc = min(int(p[1]), C)
            rc = np.arange(gr + 1) * R // gr; cc = np.arange(gc + 1) * C // gc
            # nanmean of every block at once: block sums of the non-NaN values over block counts of them.
            def blocks(x):
                return np.add.reduceat(np.add.reduceat(x, rc[:-1], axis=0), cc[:-1], axis=1)
            e = blocks(np.nan_to_num(a, nan=0.0)) / blocks((~np.isnan(a)).astype(np.float64))
            got = np.load(d + '/got' + k + '.npy')
            ok = (got.shape == e.shape and np.allclose(got, e, rtol=1e-12, atol=0, equal_nan=True)
                  and np.array_equal(np.load(d + '/rows' + k + '.npy'), rc)
                  and np.array_equal(np.load(d + '/cols' + k + '.npy'), cc))
            """);


    @Test
    void cellsAreNanmeansOfTheirBlocksAsNumPyCutsThem() throws Exception {
        NumPy.run("""
                rng = np.random.default_rng(9)
                m = rng.normal(size=(301, 203)).astype('f4'); m[rng.random(m.shape) < 0.1] = np.nan
                m[:40, :50] = np.nan
                np.save(sys.argv[1] + '/m.npy', np.asfortranarray(m))
                """, dir);
        String[] views = {"", "::-1, ::2", ".T", "5:6, :", "::7, ::9"};
        int[][] grids = {{1, 1}, {10, 7}, {50, 400}, {1000, 1000}};
        List<String> cases = new ArrayList<>();
        try (NDArray m = Npy.open(dir.resolve("m.npy"), Mode.READ_ONLY);
             ChunkExecutor tiny = ChunkExecutor.local(3, 8)) {
            for (String v : views) {
                NDArray a = v.equals(".T") ? m.T() : v.isEmpty() ? m : m.get(v);
                for (int[] g : grids) {
                    BlockMeans.Grid grid = BlockMeans.of(a, g[0], g[1], ChunkExecutor.local(), ProgressListener.NONE);
                    BlockMeans.Grid again = BlockMeans.of(a, g[0], g[1], tiny, ProgressListener.NONE);
                    DecimatorTest.assertSameBits(again.mean(), grid.mean());
                    int k = cases.size();
                    Npy.save(dir.resolve("got" + k + ".npy"), NDArrays.of(grid.mean()));
                    Npy.save(dir.resolve("rows" + k + ".npy"), NDArrays.of(grid.rowStarts()));
                    Npy.save(dir.resolve("cols" + k + ".npy"), NDArrays.of(grid.colStarts()));
                    cases.add(k + "|m.npy|" + v + "|" + g[0] + "|" + g[1]);
                }
            }
        }
        assertThat(cases).hasSize(20);
        Files.write(dir.resolve("cases.txt"), cases);
        assertThat(NumPy.run(CHECK, dir)).isEqualTo("0 []");
    }

    @Test
    void refusesWhatIsNotAMatrix() {
        ChunkExecutor ex = ChunkExecutor.local();
        ProgressListener p = ProgressListener.NONE;
        assertThatThrownBy(() -> BlockMeans.of(NDArrays.zeros(DType.FLOAT32, 5), 2, 2, ex, p))
                .hasMessage("a heatmap needs 2-d data, got 1-d");
        assertThatThrownBy(() -> BlockMeans.of(NDArrays.zeros(DType.FLOAT32, 0, 5), 2, 2, ex, p))
                .hasMessage("no elements to plot (shape [0, 5])");
        assertThatThrownBy(() -> BlockMeans.of(NDArrays.zeros(DType.FLOAT32, 3, 5), 0, 2, ex, p))
                .hasMessage("the grid needs at least 1 x 1 cells, got 0 x 2");
        assertThatThrownBy(() -> BlockMeans.of(NDArrays.zeros(DType.COMPLEX128, 3, 5), 2, 2, ex, p))
                .hasMessageStartingWith("cannot plot complex128 data");
    }
}
