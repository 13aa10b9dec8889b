package org.memmap4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memmap4j.DType;
import org.memmap4j.Mode;
import org.memmap4j.NDArray;
import org.memmap4j.NDArrays;
import org.memmap4j.compute.Compute;
import org.memmap4j.exec.ChunkExecutor;
import org.memmap4j.format.Npy;
import org.memmap4j.testing.NumPy;

/** The sensor pipeline's figure: size, the three panels where documented, and its errors. */
class SensorFigureTest {

    @TempDir
    Path dir;

    @Test
    void threePanelsInOnePngOfTheRequestedSize() throws Exception {
        NumPy.run("""
                rng = np.random.default_rng(4)
                p = rng.normal(size=(8, 200000)).cumsum(axis=1).astype('f4'); p[2, 500:900] = np.nan
                p[5] = -p[1]
                np.save(sys.argv[1] + '/p.npy', p)
                np.save(sys.argv[1] + '/c.npy', np.corrcoef(p[[0, 1, 5]]))
                """, dir);
        Path png = dir.resolve("fig.png");
        try (NDArray p = Npy.open(dir.resolve("p.npy"), Mode.READ_ONLY); NDArray c = Npy.open(dir.resolve("c.npy"), Mode.READ_ONLY);
             ChunkExecutor tiny = ChunkExecutor.local(2, 4096)) {
            SensorFigure.write(png, false, p, new int[] {0, 2, 7}, new long[] {100, 102, 107}, c, new long[] {100, 101, 105},
                    Compute.on(tiny), 900, 700);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(700);
        // Something is drawn in each panel: (a) top, (b) bottom left, (c) bottom right.
        assertThat(colours(img, 0, 0, 900, 350)).isGreaterThan(10);
        assertThat(colours(img, 0, 350, 450, 350)).isGreaterThan(10);
        // (c): sensors 101 and 105 are perfectly anti-correlated (blue), every sensor with itself is +1 (red).
        assertThat(count(img, 450, 350, 450, 350, Charts.DIVERGING[0])).isGreaterThan(100);
        assertThat(count(img, 450, 350, 450, 350, Charts.DIVERGING[2])).isGreaterThan(100);
        assertThat(count(img, 0, 0, 450, 700, Charts.DIVERGING[0])).isZero();
    }

    private static long colours(BufferedImage img, int x, int y, int w, int h) {
        return java.util.stream.IntStream.range(0, w * h).map(i -> img.getRGB(x + i % w, y + i / w)).distinct().count();
    }

    private static long count(BufferedImage img, int x, int y, int w, int h, Color c) {
        return java.util.stream.IntStream.range(0, w * h).filter(i -> (img.getRGB(x + i % w, y + i / w) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)).count();
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        NDArray p = NDArrays.zeros(DType.FLOAT32, 4, 100);
        p.set("1", 1.0);
        NDArray c = NDArrays.of(new double[][] {{1, 0.5}, {0.5, 1}});
        long[] ids = {1, 2};
        Path png = dir.resolve("f.png");
        Compute cp = Compute.local();
        assertThatThrownBy(() -> SensorFigure.write(png, false, NDArrays.zeros(DType.FLOAT32, 4), new int[] {0}, null, c, ids, cp, 800, 600))
                .hasMessage("processed readings must be 2-d (sensors x samples), got 1-d");
        assertThatThrownBy(() -> SensorFigure.write(png, false, p, new int[11], null, c, ids, cp, 800, 600))
                .hasMessage("between 1 and 10 traces, got 11");
        assertThatThrownBy(() -> SensorFigure.write(png, false, p, new int[] {0, 1}, new long[] {5}, c, ids, cp, 800, 600))
                .hasMessage("1 trace ids for 2 traces");
        assertThatThrownBy(() -> SensorFigure.write(png, false, p, new int[] {4}, null, c, ids, cp, 800, 600))
                .hasMessage("row 4 is out of range for 4 rows");
        assertThatThrownBy(() -> SensorFigure.write(png, false, p, new int[] {0}, null, c, new long[] {1, 2, 3}, cp, 800, 600))
                .hasMessage("corr must be 3 x 3 (one row and column per sensor id), got shape [2, 2]");
        assertThatThrownBy(() -> SensorFigure.write(png, false, p, new int[] {0}, null, c, ids, cp, 399, 600))
                .hasMessage("a sensor figure needs at least 400 x 300 pixels, got 399 x 600");
        assertThat(png).doesNotExist();
        SensorFigure.write(png, false, p, new int[] {0, 1}, null, c, ids, cp, 400, 300);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(400);
        byte[] before = Files.readAllBytes(png);
        assertThatThrownBy(() -> SensorFigure.write(png, false, p, new int[] {0}, null, c, ids, cp, 800, 600))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(png)).isEqualTo(before);
    }
}
